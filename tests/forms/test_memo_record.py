"""The memo reads as a record and reaches its readers: people as tables with a header row, a text
field as a paragraph under its heading, the confidentiality mark naming its legal basis (a setting
of mkdocs*.yml), the fixed words in any letter language with a line saying in which language the
text was written, and each recipient's way of getting it, with a warning for an e-mail without an
address. Cases are derived from the definition, the catalogues and the language registry.
"""
import copy
import datetime as _dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from forms.api import handle
from forms.exports import export, prepared_state
from forms.exports.document import build_record
from forms.language import default_language, languages, messages, site_languages
from forms.meeting.papers import meeting_from_invitation, memo_from_meeting
from forms.model import get_form, record_ids
from forms.validation import validate
from forms.validation.warnings import warnings

HERE = Path(__file__).parent
FIXTURES = json.loads((HERE / "fixtures.json").read_text("utf-8"))
CASE = FIXTURES["CASE"]
TODAY = _dt.date(2026, 12, 15)
#: Every language a memo can be in other than the page's (Finnish).
OTHER_LANGUAGES = [code for code in languages() if code != default_language()]


def memo(**changes) -> dict:
    return {**copy.deepcopy(CASE["muistio"]), **changes}


def headers(form, group: str, st: dict, L=None) -> list[str]:
    """The headers the group's table must have: its printed columns holding anything."""
    L = L or form.messages
    f = form.field(group)
    return [L.get(f"muistio.field.{group}.{s.name}.print_label") or L(f"muistio.field.{group}.{s.name}.label")
            for s in f.fields if s.print and any((row.get(s.name) or "").strip() for row in st[group])]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def docx_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def expected_mark(code: str, upper: bool = False) -> str:
    # The copied settings (in the wheel too, so this runs inside Pyodide); that they are what
    # mkdocs*.yml says is test_settings_file_is_what_mkdocs_yml_says, in CPython.
    from forms.settings import settings

    bases = settings()["confidential_basis"]
    mark = messages(code)("document.confidential")
    return f"{mark.upper() if upper else mark} ({bases.get(code) or bases[default_language()]})"


# --- people as a table ---------------------------------------------------------------------------

def test_participants_are_a_table_with_a_header_row_in_every_format():
    form = get_form("muistio")
    st = prepared_state(form, memo())
    present = headers(form, "present", st)
    assert len(present) >= 3, present  # name, role, why, delivery: a real table
    names = [r["name"] for r in st["present"]]

    text = export(form, "txt", memo()).data.decode()
    block = text.split("\n" + form.field("present").label + "\n", 1)[1].split("\n\n", 1)[0].splitlines()
    # One header line, then one line a person (aligned columns have a rule under the header).
    rows = [line for line in block[1:] if not set(line) <= {"-", " "}]
    assert all(h in block[0] for h in present) and len(rows) == len(names)
    assert all(name in row for name, row in zip(names, rows))
    # No label repeated on each row ("Rooli tai suhde asiakkaaseen: …" six times).
    role = form.field("present").subfield("role").label
    assert f"{role}:" not in text

    html = export(form, "print", memo())
    table = re.search(r"<table><caption>" + re.escape(form.field("present").label) + r"</caption>(.*?)</table>", html, re.S)
    assert table and re.findall(r'<th scope="col">(.*?)</th>', table.group(1)) == present
    assert table.group(1).count("<tr>") == len(names) + 1

    xml = docx_xml(export(form, "docx", memo()).data)
    tbl = re.search(r'<w:tbl>(?:(?!</w:tbl>).)*?w:tblCaption w:val="' + re.escape(form.field("present").label) + r'".*?</w:tbl>', xml, re.S)
    assert tbl and tbl.group(0).count("<w:tr>") == len(names) + 1 and "<w:tblHeader/>" in tbl.group(0)

    pdf = pdf_text(export(form, "pdf", memo()).data)
    caption = pdf.index(form.field("present").label + "\n")
    first_header = pdf.index(present[0].split()[0], caption)
    assert caption < first_header < pdf.index(names[0], first_header)
    assert not re.search(r"^\d+\.\s", pdf, re.M)  # not a numbered list any more


def test_a_column_nobody_filled_is_left_out():
    form = get_form("muistio")
    rows = [{**r, "why": ""} for r in CASE["muistio"]["present"]]
    doc = build_record(form, prepared_state(form, memo(present=rows)))
    table = next(b for b in doc.blocks if getattr(b, "title", "") == form.field("present").label)
    assert form.field("present").subfield("why").label not in table.headers
    assert all(len(r) == len(table.headers) for r in table.rows)


def test_a_text_field_is_a_paragraph_under_its_heading_not_a_label_line():
    form = get_form("muistio")
    st = memo()
    text = export(form, "txt", st).data.decode()
    for f in form.fields():
        if f.type == "textarea" and f.print and st.get(f.name, "").strip():
            assert f"{f.output_label}: " not in text, f.name
            assert "\n" + st[f.name].strip() + "\n" in text, f.name
    # Alone in its section: the section's heading stands for it.
    section = form.section_of("positives")
    assert f"\n{section.output_title}\n{st['positives'].strip()}\n" in text
    # One of several: its own heading under the section's.
    assert f"\n{form.field('client_view').output_label}\n{st['client_view'].strip()}\n" in text


# --- the mark names its legal basis --------------------------------------------------------------

def test_settings_file_is_what_mkdocs_yml_says():
    pytest.importorskip("mkdocs")  # build time only: not inside Pyodide
    from forms._build_settings import read_settings
    from forms.settings import settings

    assert settings() == read_settings()
    assert set(read_settings()["confidential_basis"]) == set(site_languages())


@pytest.mark.parametrize("code", list(languages()))
def test_every_paper_in_every_language_names_the_legal_basis(code):
    mark = expected_mark(code)
    st = memo(record_language=code)
    form = get_form("muistio")
    text = export(form, "txt", st).data.decode()
    assert text.startswith(mark + "\n") and text.endswith(mark + "\n")
    assert expected_mark(code, upper=True) in pdf_text(export(form, "pdf", st).data)
    with zipfile.ZipFile(io.BytesIO(export(form, "docx", st).data)) as z:
        assert expected_mark(code, upper=True) in z.read("word/header1.xml").decode()
        assert mark in z.read("word/footer1.xml").decode()
    # The invitation letter in the same language carries the same mark.
    kutsu = get_form("kutsu")
    letter = export(kutsu, "txt", {**CASE["kutsu"], "letter_language": code}).data.decode()
    assert letter.startswith(mark + "\n")


def test_the_mark_follows_the_setting(monkeypatch):
    """Not a fixed text: the basis comes from the settings copied from mkdocs*.yml."""
    import forms.settings

    monkeypatch.setattr(forms.settings, "settings", lambda: {"confidential_basis": {"fi": "SHL 1.2 § 3 k"}})
    text = export(get_form("muistio"), "txt", memo()).data.decode()
    assert text.startswith("Salassa pidettävä (SHL 1.2 § 3 k)\n")
    # A language without a setting of its own cites the root language's.
    uk = export(get_form("muistio"), "txt", memo(record_language="uk")).data.decode()
    assert uk.startswith(messages("uk")("document.confidential") + " (SHL 1.2 § 3 k)\n")


def test_printed_pages_carry_the_mark_with_its_basis():
    """The printed pages' CSS (the site's print-marks.css, the HTML copy's inlined rules)."""
    from forms.exports.print_css import marks_css

    css = marks_css()
    for code in languages():
        assert json.dumps(expected_mark(code), ensure_ascii=False) in css, code
        assert f"@page confidential-{code} {{" in css and f'.print-document[lang="{code}"]' in css, code
    assert "$" not in css, "every placeholder of print_marks.css filled in"


# --- the memo in any letter language -------------------------------------------------------------

@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_memo_in_another_language_has_its_fixed_words_and_says_the_text_is_finnish(code):
    form = get_form("muistio")
    L = messages(code)
    st = memo(record_language=code)
    text = export(form, "txt", st).data.decode()
    lines = text.splitlines()
    assert lines[1] == L("muistio.title")
    assert lines[3] == L("document.record.written_in.fi")
    for s in form.sections:
        if s.guide or s.export_options:
            continue
        heading = L.get(f"muistio.section.{s.id}.print_title") or L(f"muistio.section.{s.id}.title")
        assert "\n" + heading + "\n" in text, (code, s.id)
        if heading != (s.print_title or s.title):
            assert "\n" + (s.print_title or s.title) + "\n" not in text, (code, s.id)
    # The table's headers and its chosen values are in the language; names and typed text as typed.
    for h in headers(form, "present", prepared_state(form, st), L):
        assert h in text, (code, h)
    assert L("muistio.field.present.delivery.choice.sahkoposti") in text
    assert CASE["muistio"]["positives"].strip() in text
    # Dates written the language's way.
    from forms.language.dates import format_date

    assert format_date(_dt.date(2026, 12, 15), L) in text
    # The same in the PDF and the DOCX.
    pdf = pdf_text(export(form, "pdf", st).data)
    assert L("document.record.written_in.fi").split()[0] in pdf and L("muistio.title") in pdf
    assert L("muistio.section.avaus.title") in docx_xml(export(form, "docx", st).data)


@pytest.mark.parametrize("code", ["uk", "so"])
def test_memo_in_ukrainian_and_somali_marks_the_finnish_text(code):
    """The print marks the Finnish text's language, so a screen reader reads it in Finnish."""
    html = export(get_form("muistio"), "print", memo(record_language=code))
    assert html.startswith(f'<article class="print-document" lang="{code}">')
    assert f'<p lang="fi">{CASE["muistio"]["positives"].strip()}</p>' in html
    # A label in the memo's language, the typed value marked Finnish; a date in the memo's language.
    place = messages(code)("muistio.field.place.label")
    assert f'<dt>{place}:</dt> <dd lang="fi">{CASE["muistio"]["place"]}</dd>' in html
    assert re.search(r'<dt>[^<]*</dt> <dd>[^<]*2026[^<]*</dd>', html)


def test_every_printed_word_of_the_memo_is_in_every_language():
    """What a reader of the memo sees is in each letter language's catalogue: built in every
    language with every field filled, no id is missing."""
    form = get_form("muistio")
    full = prepared_state(form, FIXTURES["FULL"]["muistio"])
    for code in languages():
        doc = build_record(form, full, messages(code))
        assert doc.title == messages(code)("muistio.title")
    assert "muistio.field.present.delivery.label" in record_ids("muistio")
    assert not any(i.startswith("muistio.field.record_language") for i in record_ids("muistio"))


def test_the_language_select_is_beside_the_export_buttons():
    pytest.importorskip("jinja2")  # build-time rendering: not inside Pyodide
    from forms.rendering import render_form

    html = render_form(get_form("muistio"))
    actions = html[html.index('class="form-actions"'):]
    select = actions.index('name="record_language"')
    # In view before the main buttons (it changes the PDF and the print), not among other formats.
    assert select < actions.index("form-buttons--main") < actions.index("<details")
    assert all(f'value="{code}"' in actions[select:actions.index("</select>", select)] for code in languages())


# --- delivery per recipient ----------------------------------------------------------------------

def test_delivery_is_carried_from_the_invitation():
    meeting = meeting_from_invitation(get_form("kutsu"), CASE["kutsu"])
    for p in meeting["participants"]:
        if p["name"] == "Jussi Nieminen":
            p["status"] = "absent"
    meeting["participants"].append({"id": "p9", "name": "Hana Saleh", "role": "tulkki", "status": "present"})
    st = memo_from_meeting(get_form("muistio"), meeting)
    way = {r["name"]: r["delivery"] for r in st["present"] + st["absent"]}
    how = {r["name"]: r["how"] for r in CASE["kutsu"]["invitees"]}
    assert [n for n, h in how.items() if h == "sahkoposti"] == [n for n in how if way[n] == "sahkoposti"]
    assert way["Jussi Nieminen"] == "kirje"            # invited by post, absent: posted
    assert way["Samira Virtanen"] == "ojennetaan"      # invited by phone, present: handed over
    assert way["Hana Saleh"] == "ei"                   # the interpreter gets none unless the worker says
    emails = {r["name"]: r["email"] for r in st["present"]}
    assert all(emails[n] for n in how if way[n] == "sahkoposti" and n in emails)


@pytest.mark.parametrize("lang", site_languages())
def test_email_without_an_address_warns_beside_it_and_blocks_nothing(lang):
    form = get_form("muistio", lang)
    rows = copy.deepcopy(CASE["muistio"]["present"])
    rows[2] = {**rows[2], "delivery": "sahkoposti", "email": ""}
    st = memo(present=rows)
    found = [w for w in warnings(form, st, TODAY) if w.check == "delivery"]
    assert [(w.field, w.message) for w in found] == [("present.2.email", messages(lang)("muistio.delivery.no_email"))]
    assert not any(e.field.startswith("present.2") for e in validate(form, st))
    answer = handle({"op": "validate", "form": "muistio", "lang": lang, "state": st, "today": TODAY.isoformat()})
    assert {"field": "present.2.email", "message": found[0].message, "check": "delivery"} in answer["warnings"]
    assert handle({"op": "export", "form": "muistio", "lang": lang, "format": "pdf", "state": st})["file"]["name"]
    # With the address, or another way, no warning.
    rows[2]["email"] = "liisa.laine@koulu.example.fi"
    assert not [w for w in warnings(form, memo(present=rows), TODAY) if w.check == "delivery"]
    rows[2].update(email="", delivery="kirje")
    assert not [w for w in warnings(form, memo(present=rows), TODAY) if w.check == "delivery"]


def test_old_memo_file_still_imports_and_exports():
    data = (HERE / "saved-v1" / "muistio.json").read_bytes()
    answer = handle({"op": "import", "form": "muistio", "lang": "fi", "data": data})
    assert "error" not in answer, answer
    st = answer["state"]
    assert st["record_language"] == "" and all(r["delivery"] == "" for r in st["present"])
    assert not validate(get_form("muistio"), st)
    text = export(get_form("muistio"), "txt", st).data.decode()
    assert text.startswith(expected_mark("fi") + "\n") and st["present"][0]["name"] in text
