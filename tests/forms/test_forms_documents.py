"""What people receive and keep reads right: the invitation is a letter, the memo a correct
record, the feedback clear anywhere, the calendar and e-mail keep confidences.

The realistic case (``CASE`` in fixtures.json: a 15-year-old whose school attendance is the
worry; her mother, the school social worker, a teacher and a youth worker invited) is kept as
reviewed golden files in ``golden/``: any change in what the letter or the record says shows
here. After a deliberate change, review the new text and run with ``UPDATE_GOLDEN=1``.
"""
import io
import os
import re
import urllib.parse
import zipfile
from pathlib import Path

import pytest

import forms
from forms.exports import export
from forms.model import get_form

GOLDEN = Path(__file__).parent / "golden"
TODAY_FREE = re.compile(r"^(UID|DTSTAMP|CREATED|LAST-MODIFIED):.*$", re.M)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}: run with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the reviewed golden file"


def docx_paragraphs(data: bytes) -> str:
    """The DOCX body in reading order: paragraphs (with their style) and table rows."""
    import xml.etree.ElementTree as ET

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = ET.fromstring(z.read("word/document.xml")).find(f"{w}body")

    def text_of(el):
        out = []
        for node in el.iter():
            if node.tag == f"{w}t":
                out.append(node.text or "")
            elif node.tag == f"{w}br":
                out.append("\n")
        return "".join(out)

    lines = []
    for el in body:
        if el.tag == f"{w}p":
            style = el.find(f"{w}pPr/{w}pStyle")
            tag = f"[{style.get(f'{w}val')}] " if style is not None else ""
            # An item of a list (numbering.xml draws its bullet).
            bullet = "• " if el.find(f"{w}pPr/{w}numPr") is not None else ""
            lines.append(tag + bullet + text_of(el))
        elif el.tag == f"{w}tbl":
            caption = el.find(f"{w}tblPr/{w}tblCaption")
            lines.append(f"[table caption={caption.get(f'{w}val') if caption is not None else None}]")
            for row in el.iter(f"{w}tr"):
                lines.append(" | ".join(text_of(c) for c in row.iter(f"{w}tc")))
    return "\n".join(lines) + "\n"


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def case(states):
    return states["CASE"]


# --- golden files of the realistic case --------------------------------------------------------

def test_golden_memo_in_every_format(case):
    memo = case["muistio"]
    check_golden("muistio.txt", export(get_form("muistio"), "txt", memo).data.decode())
    check_golden("muistio.docx.txt", docx_paragraphs(export(get_form("muistio"), "docx", memo).data))
    check_golden("muistio.pdf.txt", "\n\f\n".join(pdf_pages(export(get_form("muistio"), "pdf", memo).data)))
    check_golden("muistio.print.html", export(get_form("muistio"), "print", memo).replace("><", ">\n<"))
    ics = export(get_form("muistio"), "ics", memo).data.decode().replace("\r\n", "\n")
    check_golden("muistio.ics", TODAY_FREE.sub(r"\1:…", ics))
    import json

    saved = json.loads(export(get_form("muistio"), "json", memo).data)
    saved["saved"] = "…"
    check_golden("muistio.json", json.dumps(saved, ensure_ascii=False, indent=2) + "\n")


def test_golden_letter_and_its_companions(case):
    letter = case["kutsu"]
    check_golden("kutsu.txt", export(get_form("kutsu"), "txt", letter).data.decode())
    check_golden("kutsu.pdf.txt", "\n\f\n".join(pdf_pages(export(get_form("kutsu"), "pdf", letter).data)))
    check_golden("kutsu.docx.txt", docx_paragraphs(export(get_form("kutsu"), "docx", letter).data))
    check_golden("kutsu-muistilista.txt", export(get_form("kutsu"), "phone", letter).data.decode())
    url = export(get_form("kutsu"), "email", letter).url
    query = urllib.parse.parse_qs(url.split("?", 1)[1])
    check_golden("kutsu-sahkoposti.txt", "".join(f"{k}: {v[0]}\n" for k, v in query.items() if k != "body")
                 + "\n" + query["body"][0])
    ics = export(get_form("kutsu"), "ics", letter).data.decode().replace("\r\n", "\n")
    check_golden("kutsu.ics", TODAY_FREE.sub(r"\1:…", ics))


def test_golden_feedback(case):
    check_golden("palaute.txt", export(get_form("palaute"), "txt", case["palaute"]).data.decode())


# --- the memo is a correct record ----------------------------------------------------------------

def test_absent_people_under_their_own_heading(case, pdf_text):
    memo = case["muistio"]
    text = export(get_form("muistio"), "txt", memo).data.decode()
    assert "\nLäsnä\nNimi | Rooli tai suhde asiakkaaseen | Miksi mukana | Miten muistio toimitetaan\n- Aino | asiakas |" in text
    assert ("\n\nKutsuttu, mutta ei paikalla\nNimi            Rooli tai suhde asiakkaaseen" in text
            and "\nJussi Nieminen  nuorisotyöntekijä, Lappeenrannan nuorisopalvelut  Postitse\n" in text)
    assert text.index("Hana Saleh") < text.index("Kutsuttu, mutta ei paikalla")
    # PDF: each group its own table under its caption, with its header row
    pdf = pdf_text(export(get_form("muistio"), "pdf", memo).data)
    assert re.search(r"Hana Saleh.*Kutsuttu, mutta ei paikalla\s*Nimi\s*Rooli tai suhde asiakkaaseen.*Jussi Nieminen", pdf, re.S)
    body = docx_paragraphs(export(get_form("muistio"), "docx", memo).data)
    assert "[Caption] Kutsuttu, mutta ei paikalla\n[table caption=Kutsuttu, mutta ei paikalla]" in body
    assert "[Caption] Läsnä\n[table caption=Läsnä]" in body


def test_every_table_and_list_has_a_caption_or_heading(case):
    from forms.exports.document import Bullets, Checklist, Heading, Table, build_phone_checklist, documents_for
    from forms.exports import prepared_state

    for form_id in forms.FORM_IDS:
        form = forms.get_form(form_id)
        st = prepared_state(form, case[form_id])
        docs = documents_for(form, st) + ([build_phone_checklist(form, st, form.messages)] if "phone" in form.exports else [])
        for doc in docs:
            for i, b in enumerate(doc.blocks):
                if isinstance(b, Table):
                    assert b.title.strip(), (form_id, b)
                if isinstance(b, Bullets) or (isinstance(b, Checklist) and doc is not docs[0]):
                    assert isinstance(doc.blocks[i - 1], Heading), (form_id, b)


def test_memo_holds_consent_open_questions_and_recipients(case):
    text = export(get_form("muistio"), "txt", case["muistio"]).data.decode()
    # every cell labelled here: "1. Mikko" alone would not say who he is in the consent
    assert "Suostumus tietojen vaihtamiseen\nSuostumukset\n- Kuka antoi suostumuksen: Samira Virtanen (huoltaja) ja Aino;" in text
    assert "Minkä palvelujen välillä: Kimpisen koulu, perhesosiaalityö ja Lappeenrannan nuorisopalvelut" in text
    assert "\nVielä sovittavat asiat\nKoulukuljetuksen" in text
    assert "Kenelle muistio toimitetaan: Aino, Samira Virtanen" in text
    assert forms.validate(forms.get_form("muistio"), {**case["muistio"], "recipients": ""})[0].field == "recipients"


# --- the invitation is a letter ------------------------------------------------------------------

def test_letter_is_a_letter_not_a_form(case):
    text = export(get_form("kutsu"), "txt", case["kutsu"]).data.decode()
    # the opening box first: who invites to what, when, where, and how to reply with the number
    box = text[text.index("Lyhyesti"):text.index("Hei!")]
    assert text.index("Kutsu verkostokokoukseen") < text.index("Lyhyesti")
    assert ("Mikä: Verkostokokous, johon Aino ja Tiina Työntekijä kutsuvat sinut.\n"
            "Milloin: tiistaina 15.12.2026 klo 14.00–15.30\n"
            "Missä: Lappeenrannan perheneuvola, Valtakatu 35, 2. kerros, neuvotteluhuone Kuusi\n"
            "Tee näin: Kerro, pääsetkö mukaan.\n"
            "Kenelle: Tiina Työntekijä, sosiaaliohjaaja\n"
            "Soita: 040 123 4567\n"
            "Lähetä sähköpostia: tiina.tyontekija@hyvinvointialue.example.fi\n") in box
    # the free-text note on replying after what the meeting is about, before who else comes
    assert text.index("Mistä on tarkoitus puhua") < text.index("Kerro perjantaihin") < text.index("Keitä on kutsuttu")
    # close ones first, in the worker's own words; then the workers
    assert "- Samira Virtanen, Ainon äiti\n- Pekka Korhonen, Ainon luokanvalvoja" in text
    assert "Paikalla on arabian kielen tulkki." in text
    assert "Kokoukseen on varattu aikaa 1 tunti 30 minuuttia." in text
    assert "Mikä on verkostokokous?" in text
    for worker_only in ("Asiakas:", "Suhde asiakkaaseen", "Läheinen", "Työntekijä /", "valinnainen", "Kävimme",
                        "☑", "[x]", "Miten kutsutaan", "040 765 4321", "Kauppakatu"):
        assert worker_only not in text, worker_only


def test_letter_fits_one_page(case):
    """Each letter one page: the Finnish one, and the one posted to Jussi with his address."""
    assert len(pdf_pages(export(get_form("kutsu"), "pdf", case["kutsu"]).data)) == 2
    # also with a remote link and a second line of arrival instructions
    fuller = {**case["kutsu"], "remote_link": "https://teams.example.fi/l/meetup-join/19%3ameeting_abcdef",
              "arrival": case["kutsu"]["arrival"] + " Ilmoittaudu aulan vahtimestarille, niin hän ohjaa sinut oikeaan huoneeseen."}
    for letter in ("fi", "post-3"):
        assert len(pdf_pages(export(get_form("kutsu"), "pdf", fuller, letter=letter).data)) == 1, letter


def test_letter_closing_is_never_split(case):
    """A letter too long for one page moves its closing and signature whole to the next page."""
    long = {**case["kutsu"], "topic": case["kutsu"]["topic"] + " Lisäksi puhumme harrastuksista ja kavereista." * 60}
    pages = pdf_pages(export(get_form("kutsu"), "pdf", long, letter="fi").data)
    assert len(pages) == 2
    assert "Tervetuloa!" in pages[-1] and "Tiina Työntekijä, sosiaaliohjaaja" in pages[-1]


def test_interpreter_language_not_in_the_list(case):
    letter = {**case["kutsu"], "interpreter_language": "tamili"}
    assert "Paikalla on tulkki (kieli: tamili)." in export(get_form("kutsu"), "txt", letter).data.decode()
    assert forms.validate(forms.get_form("kutsu"), {**letter, "interpreter_language": ""})[0].field == "interpreter_language"


# --- contacts ------------------------------------------------------------------------------------

def test_phone_checklist_lists_numbers(case):
    f = export(get_form("kutsu"), "phone", case["kutsu"])
    text = f.data.decode()
    assert f.name == "verkostokokous-kutsu-muistilista-2026-12-15.txt"
    callees = text.split("Soitettavat\n")[1]
    assert callees.startswith("[ ] Varaa tulkki myös puheluun, jos kutsuttava tarvitsee sitä.\n"
                              "[ ] Samira Virtanen, Ainon äiti, puh. 040 765 4321\n")
    assert "Liisa Laine" not in callees.split("Kirjeellä kutsuttavat")[0]  # invited by e-mail
    assert ("Kirjeellä kutsuttavat\n[ ] Jussi Nieminen, nuorisotyöntekijä, Lappeenrannan nuorisopalvelut\n"
            "    Nuorisopalvelut\n    Kauppakatu 40\n    53100 Lappeenranta\n") in text  # ready for an envelope
    assert "Ilmoittautuminen: Kerro perjantaihin 11.12." in text and "Järjestelyt: Paikalla on arabian kielen tulkki." in text
    no_number = {**case["kutsu"], "invitees": [{**case["kutsu"]["invitees"][1], "phone": ""}]}
    assert "[ ] Samira Virtanen, Ainon äiti, numero puuttuu" in export(get_form("kutsu"), "phone", no_number).data.decode()


def test_email_draft_is_addressed_in_bcc(case):
    draft = export(get_form("kutsu"), "email", case["kutsu"])
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(draft.url).query)
    assert query["bcc"] == ["pekka.korhonen@koulu.example.fi,liisa.laine@koulu.example.fi"]
    assert "to" not in query and "cc" not in query and draft.url.startswith("mailto:?bcc=")
    assert "liitä siihen kutsukirje" in draft.notice  # the letter itself is too long for a link
    short = {**case["kutsu"], "topic": "Koulu", "aim": "", "arrival": "", "rsvp": "Soita.", "interpreter": False,
             "message": "", "place": "Koulu", "worker_org": "", "worker_email": "", "invitees": case["kutsu"]["invitees"][:1]}
    draft = export(get_form("kutsu"), "email", short)
    body = urllib.parse.parse_qs(urllib.parse.urlsplit(draft.url).query)["body"][0]
    assert draft.notice == "" and "Hei!" in body and "Mikä on verkostokokous?" in body


def test_email_needs_an_address_when_invited_by_email(case):
    state = case["kutsu"]
    state["invitees"][0]["email"] = ""
    errors = forms.validate(forms.get_form("kutsu"), state)
    assert [(e.field, e.message) for e in errors] == [
        ("invitees.0.email", "Kirjoita sähköpostiosoite, koska kutsu lähetetään sähköpostilla.")]


# --- calendar and e-mail keep confidences -----------------------------------------------------

def _event(form_id, state):
    from icalendar import Calendar

    return next(iter(Calendar.from_ical(export(get_form(form_id), "ics", state).data).walk("VEVENT")))


@pytest.mark.parametrize("form_id", ["kutsu", "muistio"])
def test_default_calendar_event_holds_no_client_details(case, form_id):
    state = case[form_id]
    ev = _event(form_id, state)
    everything = "\n".join(str(v) for v in ev.values())
    for secret in ("Aino", "Samira", "Liisa", "Pekka", "Jussi", "Hana", "poissa"):
        assert secret.lower() not in everything.lower(), secret
    assert str(ev["class"]) == "CONFIDENTIAL"
    assert "Tiina Työntekijä" in str(ev["description"])  # the organiser's contact
    assert str(ev["location"])
    assert str(ev["description"]).startswith(("Kutsuja: Tiina Työntekijä", "Koollekutsuja: Tiina Työntekijä"))
    state["calendar_details"] = True
    detailed = _event(form_id, state)
    assert "Salassa pidettävä" in str(detailed["description"]) and "Samira Virtanen" in str(detailed["description"])
    assert str(detailed["summary"]) == ("Verkostokokous: Aino" if form_id == "kutsu" else "Verkostokokouksen seurantapalaveri")


def test_long_letter_becomes_a_short_complete_email(case):
    letter = case["kutsu"]
    letter["topic"] = "Pitkä aihe, jossa on paljon kerrottavaa. " * 60
    draft = export(get_form("kutsu"), "email", letter)
    assert len(draft.url) <= 1800
    body = urllib.parse.parse_qs(urllib.parse.urlsplit(draft.url).query)["body"][0]
    assert "Pitkä aihe" not in body  # nothing cut mid-line: the letter is left for the attachment
    mark = body.split("\n", 1)[0]
    assert mark.startswith("Salassa pidettävä")
    assert body.startswith(mark + "\n\nHei!\n\nKutsumme sinut verkostokokoukseen. "
                           "Kutsukirje on tämän viestin liitteenä")  # greeted; the subject not repeated
    assert "Ystävällisin terveisin\nAino\nTiina Työntekijä, sosiaaliohjaaja\n" in body
    # the letter's opening box: what, when, where, how to reply with the number
    assert "Milloin: tiistaina 15.12.2026 klo 14.00–15.30" in body
    assert "Missä: Lappeenrannan perheneuvola" in body
    assert "Tee näin: Kerro, pääsetkö mukaan." in body and "Kerro perjantaihin 11.12." in body
    assert "Soita: 040 123 4567" in body
    assert body.endswith(mark + "\n") and "…" not in body


def test_email_with_too_many_addresses_says_so(case):
    letter = case["kutsu"]
    row = letter["invitees"][0]
    letter["invitees"] = [{**row, "email": f"kutsuttava.numero{i}@pitka-organisaation-nimi.example.fi"} for i in range(40)]
    draft = export(get_form("kutsu"), "email", letter)
    assert len(draft.url) <= 1800 and "bcc=" not in draft.url
    assert "piilokopion" in draft.notice


# --- feedback readable anywhere -----------------------------------------------------------------

def test_feedback_states_its_scale_in_every_export(case, pdf_text):
    import json

    answer = case["palaute"]
    texts = {"txt": export(get_form("palaute"), "txt", answer).data.decode(),
             "pdf": pdf_text(export(get_form("palaute"), "pdf", answer).data),
             "print": export(get_form("palaute"), "print", answer)}
    for fmt, text in texts.items():
        flat = " ".join(text.split())
        assert "1 = täysin eri mieltä" in flat and "5 = täysin samaa mieltä" in flat, fmt
        assert "4 = samaa mieltä" in flat, fmt
        assert not re.search(r"[.?!]:", flat), fmt  # no doubled punctuation
    saved = json.loads(export(get_form("palaute"), "json", answer).data)
    assert saved["scale"]["1"] == "täysin eri mieltä" and saved["scale"]["5"] == "täysin samaa mieltä"
    assert saved["data"]["safe"] == "4"


def test_feedback_file_names_carry_the_date_and_never_collide(case):
    names = {export(get_form("palaute"), fmt, case["palaute"]).name for fmt in ("pdf", "pdf", "txt", "json")}
    assert len(names) == 4
    assert all(n.startswith("verkostokokous-palaute-2026-12-15-") for n in names)
    import datetime

    undated = export(get_form("palaute"), "pdf", {**case["palaute"], "meeting_date": ""}).name
    assert undated.startswith(f"verkostokokous-palaute-{datetime.date.today().isoformat()}-")
