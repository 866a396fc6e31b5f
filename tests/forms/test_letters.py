"""Each reader gets a letter they can act on, in their own language.

The realistic case (``letters-case.json``): Artem, 19, moved from Ukraine; his mother reads
Ukrainian and is invited by post (with an interpreter at the meeting), a friend by phone, a
Swedish-speaking student counsellor and two Finnish-speaking workers by e-mail, one of them
joining on Teams. A variant has a Somali reader by post. Golden files hold the Ukrainian, the
Swedish and the Somali letter as each reader's PDF says them (``UPDATE_GOLDEN=1`` after a
reviewed change).
"""
import copy
import datetime as _dt
import io
import json
import os
import urllib.parse
from pathlib import Path

import pytest

import forms
from forms.api import handle
from forms.exports import ExportError, export, prepared_state
from forms.exports.document import build_letter, documents_for, letter_choices, letters
from forms.exports.json_file import import_json
from forms.exports.text import render_text
from forms.language import dates, languages, messages, site_languages
from forms.model import get_form
from letter_reading import read_as

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
CASE = json.loads((HERE / "letters-case.json").read_text("utf-8"))["kutsu"]
REPLY_BY = _dt.date(2027, 3, 3)


def case() -> dict:
    return copy.deepcopy(CASE)


def somali_case() -> dict:
    st = case()
    st["invitees"][0].update(name="Hodan Warsame", organisation="Artemin naapuri", language="so",
                             address="Ruukinkatu 4 A 12\n53100 Lappeenranta")
    st["interpreter_language"] = "somali"
    return st


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_case_has_typed_lines_and_a_role_word():
    """The realistic case gives the checks of each format something to find: an interpreter
    among the invitees and invitees described in Finnish."""
    form = get_form("kutsu")
    langs = {lang for _, lang in read_as(form, CASE, "uk")}
    assert langs == {"fi", "uk"}


def test_the_interpreter_is_named_by_role_in_every_letter_language():
    from forms.meeting import role_word_id

    form = get_form("kutsu")
    st = prepared_state(form, case())
    for code in languages():
        L = messages(code)
        text = render_text(build_letter(form, st, L))
        invited = text[text.index(L("kutsu.letter.invited_heading")):]
        word = L(role_word_id("tulkki"))
        assert word.strip() and f"Iryna Tulkki, {word}" in invited, code


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}: run with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the reviewed golden file"


# --- golden letters ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, state, letter", [
    ("kutsu-kirje-uk.pdf.txt", case(), "post-0"),
    ("kutsu-kirje-sv.pdf.txt", case(), "sv"),
    ("kutsu-kirje-so.pdf.txt", somali_case(), "post-0"),
])
def test_golden_letters(name, state, letter):
    """One page each, whose top says in the reader's language by when and how to reply, with
    the number; the posted ones open with the sender and the reader's address."""
    f = export(get_form("kutsu"), "pdf", state, letter=letter)
    pages = pdf_pages(f.data)
    assert len(pages) == 1, name
    check_golden(name, pages[0] + "\n")
    x = next(x for x in letters(get_form("kutsu"), prepared_state(get_form("kutsu"), state)) if x.id == letter)
    L = messages(x.lang)
    top = flat(pages[0])[:900]
    assert flat(L("kutsu.letter.box_reply_by", date=dates.format_date(REPLY_BY, L, weekday=True))) in top
    assert "040 123 4567" in top
    assert L("kutsu.letter.reply_call") in top
    if x.row is not None:
        assert top.index(x.row["name"]) < top.index(L("kutsu.letter.box_title"))
        assert "53100 Lappeenranta" in top


# --- the reply, at the top, in every language ---------------------------------------------------

@pytest.mark.parametrize("code", list(languages()))
def test_reply_box_opens_every_letter_in_its_language(code):
    form = get_form("kutsu")
    st = prepared_state(form, case())
    L = messages(code)
    text = render_text(build_letter(form, st, L))
    box_start = text.index(L("kutsu.letter.box_title"))
    assert box_start < text.index(L("kutsu.letter.greeting"))
    box = text[box_start:text.index(L("kutsu.letter.greeting"))]
    when = dates.format_date(REPLY_BY, L, weekday=True)
    assert L("kutsu.letter.box_reply_by", date=when) in box
    # to whom, and how with the number: call or text share it; e-mail has its own
    assert "Tiina Työntekijä, sosiaaliohjaaja" in box
    call_or_text = L("kutsu.letter.box_or").format(
        first=L("kutsu.letter.reply_call"), second=L("kutsu.letter.reply_text")[:1].lower() + L("kutsu.letter.reply_text")[1:])
    assert f"{call_or_text}: 040 123 4567" in box
    assert f"{L('kutsu.letter.reply_email')}: tiina.tyontekija@hyvinvointialue.example.fi" in box
    assert L("kutsu.letter.reply_visit") not in box  # not ticked
    # what, when and where, most important first
    assert box.index(L("kutsu.letter.box_what_label")) < box.index(L("kutsu.letter.box_when_label")) \
        < box.index(L("kutsu.letter.box_where_label")) < box.index(L("kutsu.letter.box_todo_label"))


def test_a_file_saved_before_reply_by_still_says_how_to_reply():
    """Only the free-text note (an old file): the box asks for a reply and gives the phone and
    e-mail; the note stands under its heading in the page's language's letter."""
    form = get_form("kutsu")
    old = {k: v for k, v in case().items() if not k.startswith("reply_")}
    old["rsvp"] = "Kerro perjantaihin mennessä, pääsetkö tulemaan."
    text = render_text(build_letter(form, prepared_state(form, old), messages("fi")))
    assert "Tee näin: Kerro, pääsetkö mukaan." in text
    assert "Soita: 040 123 4567" in text and "Lähetä sähköpostia: tiina.tyontekija@" in text
    assert "Kerro, pääsetkö mukaan\nKerro perjantaihin mennessä, pääsetkö tulemaan." in text
    assert forms.validate(form, old) == []


# --- no silent Finnish ---------------------------------------------------------------------------

def test_texts_written_for_a_language_and_the_rest_said_to_be_finnish():
    form = get_form("kutsu")
    st = prepared_state(form, case())
    sv = render_text(build_letter(form, st, messages("sv")))
    assert CASE["translations"][0]["topic"] in sv and CASE["translations"][0]["aim"] in sv
    assert CASE["topic"] not in sv  # written for Swedish: the Finnish one is not repeated
    said = messages("sv")("kutsu.letter.written_in.fi", worker="Tiina Työntekijä")
    # the arrival was not written in Swedish: quoted after the sentence that says it is Finnish
    assert sv.index(said) < sv.index(CASE["arrival"])
    uk = render_text(build_letter(form, st, messages("uk")))
    said = messages("uk")("kutsu.letter.written_in.fi", worker="Tiina Työntekijä")
    assert uk.index(said) < uk.index(CASE["topic"]) and uk.index(said) < uk.index(CASE["aim"])
    # the standard sentence is the letter's own, never the Finnish one
    assert messages("uk")("kutsu.letter.participation") in uk and CASE["message"] not in uk
    fi = render_text(build_letter(form, st, messages("fi")))
    assert messages("fi")("kutsu.letter.quoted_heading") not in fi and CASE["topic"] in fi


def test_a_page_in_swedish_names_swedish_as_the_language_of_the_typed_lines():
    form = get_form("kutsu", "sv")
    st = prepared_state(form, {**case(), "translations": []})
    uk = render_text(build_letter(form, st, messages("uk")))
    assert messages("uk")("kutsu.letter.written_in.sv", worker="Tiina Työntekijä") in uk


def test_the_follow_up_letter_says_what_it_is_for_in_its_own_language():
    """The follow-up invitation made from the memo carries the first meeting's date, which each
    letter words in its reader's language, not a Finnish aim."""
    from forms.meeting.papers import invitation_from_memo

    kutsu, muistio = get_form("kutsu"), get_form("muistio")
    memo = {"date": "10.3.2027", "followup_date": "14.4.2027", "followup_time": "13.00",
            "followup_convener": "Tiina Työntekijä"}
    meeting = {"invitation": case(), "participants": []}
    followup = invitation_from_memo(kutsu, muistio, memo, meeting)
    assert followup["followup_of"] == "10.3.2027" and followup["aim"] == ""
    for code in ("uk", "so", "fi"):
        L = messages(code)
        text = render_text(build_letter(kutsu, prepared_state(kutsu, followup), L))
        assert L("kutsu.letter.followup", date=dates.format_date(_dt.date(2027, 3, 10), L)) in text, code
        if code != "fi":
            assert messages("fi")("meeting.followup_aim", date="10.3.2027") not in text


# --- one paper per reader ------------------------------------------------------------------------

def test_one_letter_per_posted_reader_and_per_language_for_the_others():
    form = get_form("kutsu")
    st = prepared_state(form, case())
    assert [(x.id, x.lang) for x in letters(form, st)] == [("post-0", "uk"), ("fi", "fi"), ("sv", "sv")]
    combined = pdf_pages(export(form, "pdf", case()).data)
    assert len(combined) == 3  # print all: one page each
    names = set()
    for x in letters(form, st):
        f = export(form, "pdf", case(), letter=x.id)
        pages = pdf_pages(f.data)
        assert len(pages) == 1 and messages(x.lang)("kutsu.letter.title").split()[0] in pages[0]
        assert f.name.startswith("verkostokokous-kutsu-") and f.name.endswith("-2027-03-10.pdf")
        assert "artem" not in f.name.lower()  # never the client's name
        names.add(f.name)
    assert names == {"verkostokokous-kutsu-olena-kovalenko-2027-03-10.pdf", "verkostokokous-kutsu-fi-2027-03-10.pdf",
                     "verkostokokous-kutsu-sv-2027-03-10.pdf"}


def test_file_name_of_a_posted_letter_never_holds_the_clients_name():
    form = get_form("kutsu")
    st = case()
    st["invitees"][0]["name"] = "Артем Коваленко"  # the client's first name in Cyrillic, and his family name
    st["client_name"] = "Artem"
    f = export(form, "pdf", st, letter="post-0")
    assert f.name == "verkostokokous-kutsu-kovalenko-2027-03-10.pdf"


def test_address_block_for_readers_by_post_only():
    form = get_form("kutsu")
    st = prepared_state(form, case())
    docs = documents_for(form, st)
    assert [d.address is not None for d in docs] == [True, False, False]
    assert docs[0].address.recipient == ["Olena Kovalenko", "Kauppakatu 12 B 7", "53100 Lappeenranta"]
    assert docs[0].address.sender == ["Tiina Työntekijä, sosiaaliohjaaja", "Etelä-Karjalan hyvinvointialue, aikuissosiaalityö"]
    printed = export(form, "print", case())
    assert printed.count('class="print-document__address"') == 1
    assert printed.index("print-document__address") < printed.index('lang="fi"')  # in the posted (first) letter


def test_the_address_sits_in_the_window_of_the_envelope():
    """The reader's name and address are drawn inside the window (x 20-110 mm, y 47-87 mm)."""
    from pypdf import PdfReader

    data = export(get_form("kutsu"), "pdf", case(), letter="post-0").data
    found = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in ("Olena Kovalenko", "Kauppakatu 12 B 7", "53100 Lappeenranta"):
            x, y = tm[4], tm[5]
            found[text.strip()] = (x * 25.4 / 72, 297 - y * 25.4 / 72)

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert len(found) == 3, found
    for x, y in found.values():
        assert 19 <= x <= 25 and 47 <= y <= 87, (x, y)


def test_a_postal_reader_without_an_address_is_told_before_anything_is_posted():
    st = case()
    st["invitees"][0]["address"] = ""
    for lang in site_languages():
        form = get_form("kutsu", lang)
        errors = [e for e in forms.validate(form, st) if e.field == "invitees.0.address"]
        assert [e.message for e in errors] == [form.messages("kutsu.field.invitees.address.required_message")]
    r = handle({"op": "export", "form": "kutsu", "lang": "sv", "format": "pdf", "state": st})
    assert r["errors"] and r["errors"][0]["field"] == "invitees.0.address"


# --- e-mail: one draft per language --------------------------------------------------------------

def test_one_email_draft_per_language_to_its_readers_only():
    form = get_form("kutsu")
    st = prepared_state(form, case())
    choices = letter_choices(form, st)
    assert [x["lang"] for x in choices["email"]] == ["sv", "fi"]
    expected = {"sv": ["sara.lindholm@skola.example.fi"],
                "fi": ["jari.makinen@tyollisyys.example.fi", "anna.koskinen@ohjaamo.example.fi"]}
    for x in choices["email"]:
        draft = export(form, "email", case(), letter=x["lang"])
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(draft.url).query)
        assert query["bcc"] == [",".join(expected[x["lang"]])]
        L = messages(x["lang"])
        assert query["subject"][0].startswith(L("kutsu.letter.title"))
        body = query["body"][0]
        assert L("kutsu.letter.box_title") in body and "040 123 4567" in body
        file = f"verkostokokous-kutsu-{x['lang']}-2027-03-10.pdf"
        # the whole letter does not fit into a mailto link here: the short message names the file
        assert L("kutsu.letter.mail_short_intro") in body
        assert L("kutsu.letter.mail_file", file=file) in body and file in draft.notice
    # the default draft names the other languages' drafts
    default = export(form, "email", case())
    assert messages("fi")("language.sv") in default.notice


def test_an_unknown_letter_gets_a_clear_message():
    for lang in site_languages():
        m = messages(lang)
        r = handle({"op": "export", "form": "kutsu", "lang": lang, "format": "pdf", "state": case(), "letter": "post-9"})
        assert r["errors"] == [{"field": "", "message": m("api.unknown_letter")}]
        r = handle({"op": "export", "form": "kutsu", "lang": lang, "format": "docx", "state": case(), "letter": "sv"})
        assert r["errors"] == [{"field": "", "message": m("api.unknown_letter")}]
    with pytest.raises(ExportError):
        export(get_form("kutsu"), "email", case(), letter="ru")  # nobody reads Russian


def test_validate_lists_the_letters_when_asked():
    r = handle({"op": "validate", "form": "kutsu", "lang": "en", "state": case(), "letters": True, "today": "2027-02-01"})
    assert [x["letter"] for x in r["letters"]["pdf"]] == ["post-0", "fi", "sv"]
    assert r["letters"]["pdf"][0]["label"] == "PDF: letter, Olena Kovalenko (Ukrainian)"
    assert r["letters"]["pdf"][0]["file"] == "verkostokokous-kutsu-olena-kovalenko-2027-03-10.pdf"
    assert "letters" not in handle({"op": "validate", "form": "kutsu", "lang": "en", "state": case()})
    # on the English page every letter here is in another language: the Finnish one too
    assert r["letters"]["translations"] == {"group": "translations", "languages": ["uk", "fi", "sv"]}
    assert "letters" not in handle({"op": "validate", "form": "muistio", "lang": "en", "state": {}, "letters": True})


# --- the calendar carries the link ---------------------------------------------------------------

def test_default_calendar_event_carries_the_remote_link_and_no_client_details():
    from icalendar import Calendar

    ev = next(iter(Calendar.from_ical(export(get_form("kutsu"), "ics", case()).data).walk("VEVENT")))
    assert CASE["remote_link"] in str(ev["description"]) and str(ev["url"]) == CASE["remote_link"]
    everything = "\n".join(str(v) for v in ev.values())
    for secret in ("Artem", "Olena", "Ukrain", "Mikko"):
        assert secret not in everything


# --- bad input: clear words, nothing lost --------------------------------------------------------

def test_a_reply_by_date_that_cannot_be_read_is_named_in_the_pages_language():
    for lang in site_languages():
        form = get_form("kutsu", lang)
        errors = forms.validate(form, {**case(), "reply_by": "ensi viikolla"})
        assert [e.field for e in errors] == ["reply_by"], lang
        assert errors[0].message  # the date format message of the page's language
    # the letter never guesses: without a readable date it asks for a reply without one
    form = get_form("kutsu")
    text = render_text(build_letter(form, prepared_state(form, {**case(), "reply_by": "ensi viikolla"}), messages("uk")))
    assert messages("uk")("kutsu.letter.box_reply") in text


def test_an_unknown_letter_language_in_an_imported_file_is_named_and_kept():
    saved = json.loads(export(get_form("kutsu"), "json", case()).data)
    saved["data"]["invitees"][0]["language"] = "xx"
    saved["data"]["translations"][0]["language"] = "xx"
    form = get_form("kutsu")
    state, errors = import_json(form, json.dumps(saved))
    assert errors == [] and state["invitees"][0]["language"] == "xx"  # nothing lost
    assert state["invitees"][0]["address"] == CASE["invitees"][0]["address"]
    fields = {e.field for e in forms.validate(form, state)}
    assert {"invitees.0.language", "translations.0.language"} <= fields
    r = handle({"op": "export", "form": "kutsu", "lang": "fi", "format": "pdf", "state": state})
    assert r["errors"] and {e["field"] for e in r["errors"]} >= {"invitees.0.language"}
    # opened on a page: the row opens in the page's language, and a note beside it says what the
    # file had, in the page's language; everything else as saved
    for lang in site_languages():
        m = messages(lang)
        r = handle({"op": "import", "form": "kutsu", "lang": lang, "data": json.dumps(saved)})
        assert r["errors"] == [] and r["state"]["invitees"][0]["language"] == lang
        assert r["state"]["invitees"][0]["address"] == CASE["invitees"][0]["address"]
        note = m("import.unknown_letter_language", code="xx", language=m(f"language.{lang}"))
        assert r["warnings"] == [{"field": "invitees.0.language", "check": "read_as", "message": note},
                                 {"field": "translations.0.language", "check": "read_as", "message": note}]


@pytest.mark.parametrize("lang", list(site_languages()))
def test_saved_v1_invitation_still_imports_and_exports(lang):
    text = (HERE / "saved-v1" / "kutsu.json").read_text("utf-8")
    form = get_form("kutsu", lang)
    state, errors = import_json(form, text)
    assert errors == []
    assert forms.validate(form, state) == []
    pdf = export(form, "pdf", state)
    assert pdf.data[:5] == b"%PDF-"
    # rows without a language read the page's; Jussi (row 3) is invited by post
    assert [x.id for x in letters(form, prepared_state(form, state))] == [lang, "post-3"]
