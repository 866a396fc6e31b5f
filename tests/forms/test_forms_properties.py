"""Property tests: arbitrary Unicode in every text field never breaks an export.

Kept small (max_examples=30, no deadline) so the suite stays fast, also inside Pyodide.
"""
import io
import json
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import forms
from forms.exports import export, prepared_state
from forms.exports.json_file import import_json
from forms.language import messages, site_languages
from forms.model import get_form

# Read directly (not from conftest): Hypothesis tests cannot use function-scoped fixtures.
FIXTURES = json.loads((Path(__file__).parent / "fixtures.json").read_text("utf-8"))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)

TEXT_TYPES = {"text", "textarea"}
SPECIAL = st.sampled_from([
    "<script>alert(1)</script>", "😀👨‍👩‍👧", "שלום עולם", "مرحبا", "\x00\x07\x1b\x7f", "]]>&amp;",
    "Иван Петров", "\u202e\u200f", "\r\n", "\ufffe\uffff", "'\"`", "{{ x }}", "Åsa Öberg",
])
# Surrogate-free Unicode plus the special strings above.
TEXT = st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=60), SPECIAL,
                 st.lists(SPECIAL, max_size=4).map(" ".join))
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def text_fields(form_id):
    form = forms.get_form(form_id)
    for f in form.fields():
        if f.type in TEXT_TYPES:
            yield f.name, None, f
        if f.is_group:
            for s in f.fields:
                if s.type in TEXT_TYPES:
                    yield f.name, s.name, s


def fill(form_id, draw_text):
    state = json.loads(json.dumps(FIXTURES["FULL"][form_id]))
    for top, sub, f in text_fields(form_id):
        value = draw_text()[: f.max_length]
        if not value.strip():
            value = ("x" + value)[: f.max_length]  # keep required fields filled
        if sub is None:
            state[top] = value
        else:
            for row in state.get(top, []):
                row[sub] = value
    return state


LANGS = st.sampled_from(site_languages())


def check_all(form_id, state, lang):
    form = get_form(form_id, lang)
    mark = form.messages("document.confidential")
    assert forms.validate(form, state) == [], forms.validate(form, state)
    pdf = export(form, "pdf", state)
    text = _pdf_text(pdf.data)
    assert mark in text
    if "docx" in form.exports:
        with zipfile.ZipFile(io.BytesIO(export(form, "docx", state).data)) as z:
            for name in z.namelist():
                ET.fromstring(z.read(name))
    if "ics" in form.exports:
        from icalendar import Calendar

        cal = Calendar.from_ical(export(form, "ics", state).data)
        assert cal.walk("VEVENT")
    txt = export(form, "txt", state).data.decode("utf-8")
    assert txt.startswith(mark)
    saved = export(form, "json", state)
    again, errors = import_json(form, saved.data)
    # what was saved is the state as exported: in the page language's canonical form
    assert errors == [] and again == forms.clean_state(form, prepared_state(form, state))
    if "email" in form.exports:
        assert len(export(form, "email", state).url) <= 1800


@SETTINGS
@given(st.data(), LANGS)
def test_kutsu_any_text(data, lang):
    state = fill("kutsu", lambda: data.draw(TEXT))
    check_all("kutsu", state, lang)


@SETTINGS
@given(st.data(), LANGS)
def test_muistio_any_text(data, lang):
    state = fill("muistio", lambda: data.draw(TEXT))
    check_all("muistio", state, lang)


@SETTINGS
@given(st.data(), LANGS)
def test_palaute_any_text(data, lang):
    state = fill("palaute", lambda: data.draw(TEXT))
    check_all("palaute", state, lang)


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(TEXT, c, max_size=4),
                    max_leaves=12),
       st.sampled_from(forms.FORM_IDS), LANGS)
def test_validate_and_handle_never_raise(junk, form_id, lang):
    from forms.api import handle

    MSG_INTERNAL = messages(lang)("api.internal")
    assert isinstance(forms.validate(get_form(form_id, lang), junk), list)
    assert isinstance(forms.validate(get_form(form_id, lang), {"date": junk, "invitees": junk, "present": [junk]}), list)
    # handle() turns a crash into MSG_INTERNAL: junk must get real answers, never that one
    for request in ({"lang": lang, "op": "export", "form": form_id, "format": "txt", "state": junk},
                    {"lang": lang, "op": "import", "form": form_id, "data": junk}):
        r = handle(request)
        assert isinstance(r["errors"], list)
        assert MSG_INTERNAL not in [e["message"] for e in r["errors"]], request


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), max_size=10))
def test_state_from_pairs_never_raises(pairs):
    for form_id in forms.FORM_IDS:
        state = forms.state_from_pairs(get_form(form_id), pairs)
        assert isinstance(forms.validate(get_form(form_id), state), list)
