"""The forms in every language: validation, every export, dates, saved files, and the invitation
in each invitee's language. Runs in CPython and inside Pyodide (tests/pyodide)."""
import copy
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

import forms
from forms.language import dates
from forms.api import handle
from forms.exports.document import build_letter, build_phone_checklist, documents_for
from forms.exports.json_file import VERSION, import_json, to_json_text
from forms.exports import export, prepared_state
from forms.exports.text import render_text
from forms.language import UnknownLanguage, languages, messages, site_languages
from forms.model import get_form

HERE = Path(__file__).parent
FIXTURES = json.loads((HERE / "fixtures.json").read_text("utf-8"))
SAVED_V1 = HERE / "saved-v1"
SITE = list(site_languages())
ALL = list(languages())


@pytest.fixture(params=SITE)
def lang(request):
    return request.param


def _case(form_id):
    return copy.deepcopy(FIXTURES["CASE"].get(form_id) or FIXTURES["FULL"][form_id])


def test_a_form_is_resolved_once_per_language(lang):
    a, b = get_form("kutsu", lang), get_form("kutsu", lang)
    assert a is b and a.lang == lang and a.messages is messages(lang)
    assert get_form("kutsu", "fi").title != get_form("kutsu", "en").title


def test_letter_only_and_unknown_languages_are_refused():
    with pytest.raises(UnknownLanguage):
        get_form("kutsu", "ru")
    with pytest.raises(UnknownLanguage):
        get_form("kutsu", "xx")


def test_fixtures_are_valid_in_every_language(lang, form_id):
    form = get_form(form_id, lang)
    for name in ("FULL", "MINIMAL"):
        assert forms.validate(form, prepared_state(form, FIXTURES[name][form_id])) == [], (lang, name)


def test_errors_are_in_the_pages_language(lang):
    r = handle({"op": "validate", "form": "kutsu", "lang": lang, "state": {"date": "31.2.2027"}})
    messages_ = {e["field"]: e["message"] for e in r["errors"]}
    assert messages_["date"] == messages(lang)("validation.no_date", shown="31.2.2027")
    assert messages_["client_name"] == get_form("kutsu", lang).field("client_name").required_message
    label = get_form("kutsu", lang).field("place").label  # no message of its own: the generic one
    assert messages_["place"] in (messages(lang)("validation.required", label=label),
                                  get_form("kutsu", lang).field("place").required_message)


def test_api_refuses_an_unknown_language_in_the_root_language():
    r = handle({"op": "validate", "form": "kutsu", "lang": "xx", "state": {}})
    assert r == {"errors": [{"field": "", "message": messages("fi")("api.unknown_language")}]}
    r = handle({"op": "validate", "form": "kutsu", "state": {}})
    assert r["errors"][0]["message"] == messages("fi")("api.unknown_language")


@pytest.mark.parametrize("day, start, end, expected", [
    ("fi", dt.time(14), dt.time(15, 30), "sunnuntaina 7.3.2027 klo 14.00\u201315.30"),
    ("en", dt.time(14), dt.time(15, 30), "Sunday 7 March 2027, 14:00\u201315:30"),
])
def test_dates_follow_the_language(day, start, end, expected):
    m = messages(day)
    assert dates.format_when(dt.date(2027, 3, 7), start, end, m) == expected


@pytest.mark.parametrize("code, expected", [
    ("ru", "в воскресенье, 07.03.2027, с 14:00 до 15:30"),
    ("uk", "у неділю, 07.03.2027, з 14:00 до 15:30"),
])
def test_russian_and_ukrainian_letters_write_dates_as_their_norm_does(code, expected):
    """Day and month with two digits (07.03.2027) and a time range "from … to"."""
    assert dates.format_when(dt.date(2027, 3, 7), dt.time(14), dt.time(15, 30), messages(code)) == expected


@pytest.mark.parametrize("code", list(languages()))
def test_every_languages_written_date_reads_back(code):
    for day in (dt.date(2027, 3, 7), dt.date(2026, 12, 15)):
        assert dates.parse_date(dates.format_date(day, messages(code))) == day


def test_swedish_dates_and_times():
    m = messages("sv")
    assert dates.format_date(dt.date(2027, 3, 7), m) == "7.3.2027"
    assert dates.format_time_range(dt.time(14), dt.time(15, 30), m) == "kl. 14.00\u201315.30"


@pytest.mark.parametrize("typed", ["7.3.2027", "07.03.2027", "7 March 2027", "7 mars 2027",
                                   "7. maaliskuuta 2027", "Sun 7.3.2027", "söndag 7.3.2027",
                                   "sunnuntaina 7.3.2027", "7/3/2027", "2027-03-07", "7 Mar 2027",
                                   "Sun 7 Mar 2027", "sön 7.3.2027", "7. maalis 2027"])
def test_a_date_typed_in_any_site_language_is_read(typed):
    assert dates.parse_date(typed) == dt.date(2027, 3, 7)


@pytest.mark.parametrize("typed, expected", [("2 pm", dt.time(14)), ("2:30 p.m.", dt.time(14, 30)),
                                             ("12 am", dt.time(0)), ("kl 14", dt.time(14)),
                                             ("at 9:05", dt.time(9, 5)), ("klo 9.05", dt.time(9, 5))])
def test_a_time_typed_in_any_site_language_is_read(typed, expected):
    assert dates.parse_time(typed) == expected


def test_the_standard_sentence_is_in_each_letters_language():
    form = get_form("kutsu", "sv")
    st = prepared_state(form, {**_case("kutsu"), "message": form.field("message").default})
    for code in ALL:
        text = render_text(build_letter(form, st, messages(code)))
        assert messages(code)("kutsu.letter.participation") in text, code
    typed = prepared_state(form, {**_case("kutsu"), "message": "Ta med kalendern."})
    assert "Ta med kalendern." in render_text(build_letter(form, typed, messages("ru")))


def test_normalised_text_is_in_the_pages_language(lang):
    form = get_form("kutsu", lang)
    out = prepared_state(form, {"date": "ti 15.12.2026", "start_time": "14:00"})
    m = messages(lang)
    assert out["date"] == dates.format_date(dt.date(2026, 12, 15), m)
    assert out["start_time"] == dates.format_time(dt.time(14), m)
    # and it reads back: a file saved on one language's page opens on another's
    for other in SITE:
        assert dates.parse_date(out["date"]) == dt.date(2026, 12, 15), other


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt", "print", "phone", "ics"])
def test_every_export_speaks_the_pages_language(lang, fmt):
    form = get_form("kutsu", lang)
    m = messages(lang)
    out = export(form, fmt, _case("kutsu"))
    if fmt == "print":
        assert f'lang="{lang}"' in out and m("kutsu.letter.title") in out
        return
    data = out.data
    if fmt == "docx":
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        assert m("kutsu.letter.title") in xml
        return
    if fmt == "pdf":
        from pypdf import PdfReader

        text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())
        assert m("kutsu.letter.title") in text and m("document.confidential") in text
        return
    text = data.decode("utf-8")
    if fmt == "ics":
        assert m("kutsu.calendar.summary") in text
    elif fmt == "phone":
        assert m("kutsu.phone.title") in text
    else:
        assert m("kutsu.letter.title") in text and "Aino" in text


def test_memo_record_in_every_language(lang):
    form = get_form("muistio", lang)
    text = export(form, "txt", _case("muistio")).data.decode()
    assert form.title in text and form.messages("document.confidential") in text


@pytest.mark.parametrize("code", ALL)
def test_letter_and_phone_list_in_every_letter_language(code):
    """What the invitee reads comes in their language; what the worker typed stays as typed."""
    form = get_form("kutsu", "fi")
    st = prepared_state(form, {**_case("kutsu"), "interpreter": True, "interpreter_language": "arabia",
                               "children": True})
    L = messages(code)
    letter = render_text(build_letter(form, st, L))
    assert L("kutsu.letter.title") in letter and L("document.confidential") in letter
    assert L("kutsu.letter.interpreter", interpreter=L("kutsu.letter.interpreter.ar")) in letter
    assert L("kutsu.letter.children") in letter
    for typed in (st["client_name"], st["topic"], st["place"]):
        assert typed in letter
    phone = render_text(build_phone_checklist(form, st, L))
    assert L("kutsu.phone.title") in phone and L("kutsu.phone.checklist.1") in phone


def test_pdf_holds_one_letter_per_invitee_language_in_order_of_first_use():
    form = get_form("kutsu", "fi")
    st = _case("kutsu")
    st["invitees"][0]["language"] = "ru"
    for row in st["invitees"][1:]:
        row["language"] = "sv"
    docs = documents_for(form, prepared_state(form, st))
    # one letter per language; the reader invited by post (Jussi, Swedish) their own, with the address
    assert [(d.lang, d.address is not None) for d in docs] == [("ru", False), ("sv", False), ("sv", True)]
    assert docs[2].address.recipient[0] == "Jussi Nieminen"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(export(form, "pdf", st).data))
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    assert messages("ru")("kutsu.letter.title") in texts[0]
    sv_start = next(i for i, t in enumerate(texts) if messages("sv")("kutsu.letter.title") in t)
    assert sv_start >= 1
    # each letter numbers its own pages (each is one page here)
    assert len(texts) == len(docs)
    assert " ".join(messages("sv")("document.page", mark=docs[1].confidential, page=1, pages=1).split()) in texts[sv_start]


def test_word_text_email_and_calendar_take_the_chosen_language():
    form = get_form("kutsu", "fi")
    st = {**_case("kutsu"), "letter_language": "en"}
    assert messages("en")("kutsu.letter.title") in export(form, "txt", st).data.decode()
    draft = export(form, "email", st)
    from urllib.parse import unquote

    assert messages("en")("kutsu.letter.title").replace(" ", "%20") in draft.url or \
        messages("en")("kutsu.letter.title") in unquote(draft.url)


# ---- Saved files -------------------------------------------------------------------------------

@pytest.mark.parametrize("form_id", list(forms.FORM_IDS))
def test_files_saved_by_the_finnish_only_site_import_exactly(lang, form_id):
    """Version 1 files (saved before the site had languages) open on every language's page,
    with exactly what was saved."""
    text = (SAVED_V1 / f"{form_id}.json").read_text("utf-8")
    saved = json.loads(text)
    assert saved["version"] == 1
    form = get_form(form_id, lang)
    state, errors = import_json(form, text)
    assert errors == []
    for key, value in saved["data"].items():
        if isinstance(value, list):
            assert [{k: v for k, v in row.items() if k in saved["data"][key][0]} for row in state[key]] == value
        else:
            assert state[key] == value, key


def test_saved_files_name_their_language_and_round_trip(lang, form_id):
    form = get_form(form_id, lang)
    doc = json.loads(to_json_text(form, _case(form_id)))
    assert doc["version"] == VERSION and doc["lang"] == lang
    state, errors = import_json(get_form(form_id, SITE[(SITE.index(lang) + 1) % len(SITE)]), json.dumps(doc))
    assert errors == []


def test_a_file_in_an_unknown_language_or_newer_version_is_refused_in_the_pages_language(lang):
    form = get_form("kutsu", lang)
    m = messages(lang)
    doc = json.loads(to_json_text(form, _case("kutsu")))
    for bad, key in ((dict(doc, lang="xx"), "import.unknown_language"), (dict(doc, version=VERSION + 1), "import.newer")):
        r = handle({"op": "import", "form": "kutsu", "lang": lang, "data": json.dumps(bad)})
        assert len(r["errors"]) == 1
        expected = m(key, lang="xx", v=VERSION + 1) if key == "import.unknown_language" else m(key, v=VERSION + 1)
        assert r["errors"][0]["message"] == expected
