"""Validation, Finnish formatting and the state format."""
import datetime as dt

import pytest

import forms
from forms.language import dates as finnish
from forms.language import messages
from forms.model import get_form

FI = messages("fi")


def msgs(form_id, state):
    return {e.field: e.message for e in forms.validate(get_form(form_id), state)}


def test_fixtures_are_valid(filled):
    form_id, state = filled
    assert forms.validate(get_form(form_id), state) == []


def test_empty_state_lists_required_fields_in_finnish(form_id):
    errors = forms.validate(get_form(form_id), {})
    assert errors
    for e in errors:
        assert e.message.endswith(".")
        assert e.message[0].isupper()


def test_required_and_formats(states):
    s = states["FULL"]["kutsu"]
    s.update(client_name="", date="7-3-2027")
    m = msgs("kutsu", s)
    assert m["client_name"] == "Kirjoita asiakkaan etunimi."
    assert m["date"] == "Kirjoita kokouksen päivämäärä muodossa 7.3.2027."


@pytest.mark.parametrize("typed", ["7.3.2027", "07.03.2027", "7.3.2027.", " 7. 3. 2027 ", "07032027",
                                   "7,3,2027", "su 7.3.2027", "sunnuntaina 7.3.2027", "7.3.", "su 7.3."])
def test_date_forms_accepted(states, typed):
    s = states["MINIMAL"]["kutsu"]
    s["date"] = typed
    if typed.startswith("su 7.3.") and finnish.parse_date("7.3.").weekday() != 6:
        # a date without its year is the next 7.3.; "su" only passes when that is a Sunday
        assert msgs("kutsu", s)["date"].endswith("ei sunnuntai. Tarkista päivämäärä.")
        return
    assert "date" not in msgs("kutsu", s)


def test_date_without_year_is_the_next_such_date():
    today = dt.date(2026, 11, 30)
    assert finnish.parse_date("15.12.", today) == dt.date(2026, 12, 15)
    assert finnish.parse_date("ti 15.12.", today) == dt.date(2026, 12, 15)
    assert finnish.parse_date("30.11.", today) == dt.date(2026, 11, 30)  # today itself
    assert finnish.parse_date("1.1.", today) == dt.date(2027, 1, 1)
    assert finnish.parse_date("29.2.", today) == dt.date(2028, 2, 29)
    assert finnish.normalise_date_text("ti 15.12.", FI, today) == "15.12.2026"
    with pytest.raises(finnish.WrongWeekday):
        finnish.parse_date("ma 15.12.", today)
    with pytest.raises(finnish.NotADate):
        finnish.parse_date("xx 15.12.", today)
    with pytest.raises(finnish.NoSuchDate):
        finnish.parse_date("31.4.", today)


def test_wrong_weekday_is_named(states):
    s = states["FULL"]["kutsu"]
    s["date"] = "ma 15.12.2026"
    assert msgs("kutsu", s)["date"] == "15.12.2026 on tiistai, ei maanantai. Tarkista päivämäärä."


def test_link_without_scheme(states):
    from forms.validation.normalise import normalise_url

    s = states["FULL"]["kutsu"]
    for typed in ("esimerkki.fi/kokous", "www.esimerkki.fi", "teams.microsoft.com/l/meetup-join/19%3a"):
        s["remote_link"] = typed
        assert "remote_link" not in msgs("kutsu", s), typed
        assert normalise_url(typed) == "https://" + typed
    s["remote_link"] = "ei linkki"
    assert "remote_link" in msgs("kutsu", s)
    assert normalise_url("http://x.fi") == "http://x.fi"


def test_nonexistent_date(states):
    s = states["FULL"]["kutsu"]
    s["date"] = "31.02.2027"
    assert msgs("kutsu", s)["date"] == "Päivämäärää 31.2.2027 ei ole olemassa."
    s["date"] = "29.2.2027"
    assert msgs("kutsu", s)["date"] == "Päivämäärää 29.2.2027 ei ole olemassa."
    s["date"] = "29.2.2028"
    assert "date" not in msgs("kutsu", s)


@pytest.mark.parametrize("typed", ["14.00", "14:00", "14", "1400", "klo 14.00", "14,00"])
def test_time_forms_accepted(states, typed):
    s = states["MINIMAL"]["kutsu"]
    s["start_time"] = typed
    assert "start_time" not in msgs("kutsu", s)


def test_bad_times(states):
    s = states["FULL"]["kutsu"]
    s["start_time"] = "25.00"
    assert msgs("kutsu", s)["start_time"] == "Kellonaikaa 25.00 ei ole olemassa."
    s["start_time"] = "kaksi"
    assert msgs("kutsu", s)["start_time"] == "Kirjoita kokouksen alkamisaika muodossa 14.00."
    s["end_time"] = "puoli neljä"  # the example is the field's own, as in its hint
    assert msgs("kutsu", s)["end_time"] == "Kirjoita kokouksen päättymisaika muodossa 15.30."


def test_end_before_start(states):
    s = states["FULL"]["kutsu"]
    s.update(start_time="15.30", end_time="14.00")
    assert msgs("kutsu", s)["end_time"] == "Päättymisajan pitää olla alkamisajan jälkeen."
    s.update(end_time="15.30")
    assert msgs("kutsu", s)["end_time"] == "Päättymisajan pitää olla alkamisajan jälkeen."


def test_followup_before_meeting(states):
    s = states["FULL"]["muistio"]
    s["followup_date"] = "6.3.2027"
    assert msgs("muistio", s)["followup_date"] == "Seurantapalaveri ei voi olla ennen kokousta."
    s["followup_date"] = "7.3.2027"
    assert "followup_date" not in msgs("muistio", s)


def test_followup_time_required_with_date(states):
    s = states["MINIMAL"]["muistio"]
    s["followup_date"] = "4.4.2027"
    assert msgs("muistio", s)["followup_time"] == "Kirjoita seurantapalaverin alkamisaika muodossa 14.00."


def test_too_long_text_is_a_clean_error(states):
    s = states["FULL"]["muistio"]
    s["client_view"] = "x" * 100_000
    s["place"] = "y" * 201
    m = msgs("muistio", s)
    assert m["client_view"] == "Teksti on liian pitkä: enintään 5000 merkkiä."
    assert m["place"] == "Teksti on liian pitkä: enintään 200 merkkiä."


def test_invalid_email_and_phone(states):
    s = states["FULL"]["kutsu"]
    s.update(worker_email="tiina@", worker_phone="soita")
    m = msgs("kutsu", s)
    assert m["worker_email"] == "Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi."
    assert m["worker_phone"].startswith("Kirjoita puhelinnumero")


def test_row_errors_use_row_names(states):
    s = states["FULL"]["kutsu"]
    s["invitees"][1].update(name="", organisation="")
    m = msgs("kutsu", s)
    assert m["invitees.1.name"] == "Kirjoita kutsuttavan nimi."
    assert m["invitees.1.organisation"] == "Kirjoita työntekijän tehtävä ja organisaatio."


def test_required_group_without_rows(states):
    s = states["FULL"]["kutsu"]
    s["invitees"] = [{"name": "", "relation": "", "organisation": "", "how": ""}]
    assert "invitees.0.name" in msgs("kutsu", s)
    s["invitees"] = []
    assert "invitees.0.name" in msgs("kutsu", s)


def test_empty_rows_are_ignored(states):
    s = states["FULL"]["kutsu"]
    s["invitees"].append({"name": " ", "relation": "", "organisation": "", "how": ""})
    assert forms.validate(forms.get_form("kutsu"), s) == []


def test_unknown_keys_ignored_and_wrong_types_reported(states):
    s = states["FULL"]["kutsu"]
    s["hetu"] = "010101-123A"
    s["no_such"] = {"deep": [1, 2]}
    assert forms.validate(forms.get_form("kutsu"), s) == []
    s.update(client_name=42, topic=None, agreed_with_client="yes", invitees={"a": 1}, date=["7.3.2027"])
    m = msgs("kutsu", s)
    assert {"client_name", "topic", "agreed_with_client", "date"} <= set(m)
    assert any(k.startswith("invitees.") for k in m)


@pytest.mark.parametrize("junk", [None, 1, "x", [], [1, 2], {"invitees": [None, 5, "x"]}])
def test_junk_state_never_raises(form_id, junk):
    assert isinstance(forms.validate(get_form(form_id), junk), list)


def test_scale_and_choice_values(states):
    s = states["FULL"]["palaute"]
    s.update(safe="6", role="kuningas")
    m = msgs("palaute", s)
    assert m["safe"] == m["role"] == "Valitse jokin annetuista vaihtoehdoista."


def test_plain_text_is_accepted(states):
    s = states["FULL"]["muistio"]
    s["client_view"] = "<script>alert('x')</script> 😀 שלום مرحبا"
    assert forms.validate(forms.get_form("muistio"), s) == []


def test_finnish_formatting():
    d = dt.date(2027, 3, 7)
    assert finnish.format_date(d, FI) == "7.3.2027"
    assert finnish.format_date(dt.date(2027, 3, 4), FI, weekday=True) == "torstaina 4.3.2027"
    assert finnish.format_time_range(dt.time(14), dt.time(15, 30), FI) == "klo 14.00\u201315.30"
    assert finnish.format_time_range(dt.time(9, 5), None, FI) == "klo 9.05"
    assert finnish.format_when(d, dt.time(14), dt.time(15, 30), FI) == "sunnuntaina 7.3.2027 klo 14.00–15.30"
    assert finnish.normalise_date_text("07.03.2027", FI) == "7.3.2027"
    assert finnish.normalise_time_text("14:00", FI) == "14.00"
    assert finnish.normalise_time_text("14,30", FI) == "14.30"
    assert finnish.format_duration(90, FI) == "1 tunti 30 minuuttia"
    assert finnish.format_duration(120, FI) == "2 tuntia"
    assert finnish.format_duration(45, FI) == "45 minuuttia"
    assert finnish.format_duration(61, FI) == "1 tunti 1 minuutti"


def test_state_from_pairs_and_back(states):
    state = states["FULL"]["kutsu"]
    pairs = forms.pairs_from_state(forms.get_form("kutsu"), state)
    assert ("invitees.1.name", "Иван Петров") in pairs
    assert ("agreed_with_client", "on") in pairs
    assert not any(name == "children" for name, _ in pairs)
    again = forms.state_from_pairs(forms.get_form("kutsu"), pairs)
    assert forms.clean_state(forms.get_form("kutsu"), again) == forms.clean_state(forms.get_form("kutsu"), state)


def test_state_from_pairs_orders_rows_and_ignores_unknown():
    pairs = [("invitees.3.name", "B"), ("invitees.0.name", "A"), ("invitees.x.name", "?"),
             ("invitees.1.nope", "?"), ("nope", "1"), ("interpreter", "on"), (5, "x"), ("date", None),
             "broken"]
    s = forms.state_from_pairs(forms.get_form("kutsu"), pairs)
    assert [r["name"] for r in s["invitees"]] == ["A", "B"]
    assert s["interpreter"] is True and s["children"] is False
    assert s["date"] == "" and "nope" not in s


def test_a_translation_row_starts_without_a_language_and_its_text_needs_one():
    """Text typed into a row of texts in another language reaches a letter only through the
    row's language: the row does not start in the page's language, and text without one is an
    error at the language field, in the page's language."""
    for code in ("fi", "sv", "en"):
        form = get_form("kutsu", code)
        assert form.field("translations").fields[0].default == ""
        errors = forms.validate(form, {"translations": [{"language": "", "arrival": "Вхід з двору"}]})
        assert [e.field for e in errors if e.field.startswith("translations.")] == ["translations.0.language"]
    # A row left empty is no error.
    errors = forms.validate(get_form("kutsu", "fi"), {"translations": [{"language": ""}]})
    assert not [e for e in errors if e.field.startswith("translations.")]
