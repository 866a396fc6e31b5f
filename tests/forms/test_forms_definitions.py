"""The TOML definitions are consistent and the JSON view of them is usable."""
import re

import pytest

import forms
from forms.model import FIELD_TYPES
from forms.model import get_form

ASCII_ID = re.compile(r"^[a-z][a-z0-9_-]*$")


def all_fields(form):
    for f in form.fields():
        yield f.name, f
        for s in f.fields:
            yield f"{f.name}.{s.name}", s


def test_form_ids():
    assert forms.FORM_IDS == ("kutsu", "muistio", "palaute")
    with pytest.raises(KeyError):
        forms.get_form("nope")


def test_definitions_consistent(form_id):
    form = forms.get_form(form_id)
    assert form.id == form_id and form.title and form.intro and form.version == 1
    assert ASCII_ID.match(form.id)
    section_ids = [s.id for s in form.sections]
    assert len(section_ids) == len(set(section_ids))
    assert all(ASCII_ID.match(s) for s in section_ids)
    names = [f.name for f in form.fields()]
    assert len(names) == len(set(names)), "top-level names must be unique"
    for key, f in all_fields(form):
        assert ASCII_ID.match(f.name), key
        assert f.type in FIELD_TYPES, key
        assert f.label and not f.label.endswith(")"), key
        assert f.max_length > 0
        if f.type in ("select", "radio"):
            assert len(f.choices) >= 2, key
            assert all(ASCII_ID.match(c.value) and c.label for c in f.choices)
        if f.is_group:
            assert f.fields and f.row_label and f.add_label and f.remove_label
            assert len({s.name for s in f.fields}) == len(f.fields)
            assert not any(s.is_group for s in f.fields)
        for ref in (f.after, f.not_before, f.required_with):
            if ref:
                assert form.field(ref) is not None, (key, ref)
        for ref in f.with_times:
            assert form.field(ref) is not None and form.field(ref).type == "time"
    # Formats of the one list that Python makes (print and blank every form has anyway).
    from forms.model.formats import ALWAYS, formats

    assert set(form.exports) <= {fid for fid, spec in formats().items() if spec.module} - set(ALWAYS)


def test_no_identity_code_anywhere(form_id):
    form = forms.get_form(form_id)
    for key, f in all_fields(form):
        assert "hetu" not in f.name and "ssn" not in f.name
        assert "henkilötunnus" not in f.label.lower()


def test_expected_exports():
    assert forms.get_form("kutsu").exports == ("pdf", "html", "docx", "txt", "ics", "json", "email", "phone")
    assert forms.get_form("muistio").exports == ("pdf", "html", "docx", "txt", "ics", "json")
    assert forms.get_form("palaute").exports == ("pdf", "html", "txt", "json")


def test_kutsu_rows_and_guides():
    form = forms.get_form("kutsu")
    inv = form.field("invitees")
    assert [s.name for s in inv.fields] == ["name", "relation", "organisation", "how", "language", "phone", "email", "address"]
    assert not any(inv.subfield(n).print for n in ("how", "language", "phone", "email", "address"))
    # Every role of the meeting but the client's (forms/phases.toml [[roles]]).
    from forms.meeting import RELATIONS
    assert {c.value for c in inv.subfield("relation").choices} == set(RELATIONS) == {"laheinen", "tyontekija", "tulkki"}
    assert {c.value for c in inv.subfield("how").choices} == {"puhelu", "kirje", "sahkoposti"}
    guide = [s for s in form.sections if s.guide]
    assert len(guide) == 1 and all(f.type == "checkbox" for f in guide[0].fields)
    assert form.messages.items("kutsu.phone.checklist") and form.messages.items("kutsu.letter.about")
    assert form.field("interpreter_language").suggestions[:2] == ("arabia", "englanti")
    assert form.field("client_name").label == "Asiakkaan etunimi"


def test_muistio_order_follows_the_meeting():
    form = forms.get_form("muistio")
    order = [s.id for s in form.sections]
    assert order == ["avaus", "puheenjohtaja-ja-kirjuri", "miksi-koolla", "myonteiset-havainnot",
                     "tulevaisuus", "sovitut-asiat", "suostumus", "vastuutyontekija", "seuranta",
                     "kalenteri", "kieli", "asiakkaan-ymmarrys", "arviointi", "kirjaus"]
    assert [s.name for s in form.field("consents").fields] == ["who", "between", "scope", "given_as", "valid_until"]
    assert form.field("recipients") and form.field("open_questions")
    assert [s.name for s in form.field("actions").fields] == ["what", "who", "when", "with_whom"]
    assert [s.name for s in form.field("present").fields] == ["name", "role", "why", "delivery", "relation", "how", "language", "phone", "email", "address"]
    assert form.field("absent").optional


def test_palaute_is_anonymous_with_scales():
    form = forms.get_form("palaute")
    names = {f.name for f in form.fields()}
    assert not any("name" in n for n in names)
    scales = [f for f in form.fields() if f.type == "scale"]
    assert 6 <= len(scales) <= 7
    assert {c.value for c in form.field("role").choices} == {"asiakas", "laheinen", "tyontekija"}
    assert len([f for f in form.fields() if f.type == "textarea"]) == 2
    from importlib import resources

    text = resources.files("forms").joinpath("definitions", "palaute.toml").read_text("utf-8").lower()
    assert "srs" not in text and "session rating" not in text


def test_labels_and_scale_choices():
    kutsu = forms.get_form("kutsu")
    assert kutsu.sections[0].fields[0].name == "client_name"
    aim = kutsu.field("aim")
    assert aim.display_label.endswith(" (valinnainen)") and not aim.label.endswith(")")
    language = kutsu.field("interpreter_language")
    assert language.display_label == "Tulkattava kieli (pakollinen, jos kokouksessa on tulkki)"
    safe = forms.get_form("palaute").field("safe")
    assert [c.value for c in safe.choices] == ["1", "2", "3", "4", "5", "eos"]


def test_forms_are_discovered_from_their_definitions():
    from importlib import resources

    files = {p.name for p in resources.files("forms").joinpath("definitions").iterdir()}
    assert forms.FORM_IDS == ("kutsu", "muistio", "palaute")
    assert files == {f"{form_id}.toml" for form_id in forms.FORM_IDS}
