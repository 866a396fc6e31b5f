"""Every export of the full and minimal fixtures is a valid file of its kind."""
import io
import json
import re
import urllib.parse
import zipfile
import xml.etree.ElementTree as ET

import pytest

import forms
from forms.exports import ExportError, export, filename
from forms.exports.json_file import import_json, to_json_text
from forms.model import get_form

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                "docProps/core.xml"} <= names
        texts = []
        for name in sorted(names):
            if name.endswith(".xml") or name.endswith(".rels"):
                root = ET.fromstring(z.read(name))  # every part is well-formed XML
                if name.startswith("word/"):
                    texts += [t.text or "" for t in root.iter(W + "t")]
        return "\n".join(texts)


def test_pdf(filled, pdf_text):
    form_id, state = filled
    f = export(get_form(form_id), "pdf", state)
    assert f.mime == "application/pdf" and f.data.startswith(b"%PDF-")
    text = pdf_text(f.data)
    assert "Salassa pidettävä" in text
    assert forms.get_form(form_id).title in text
    if form_id != "palaute":
        assert "Иван Петров" in text
        assert "7.3.2027" in text
        assert f.name == f"verkostokokous-{form_id}-2027-03-07.pdf"
    else:
        assert re.fullmatch(r"verkostokokous-palaute-\d{4}-\d\d-\d\d-[0-9a-f]{6}\.pdf", f.name), f.name


def test_pdf_times_and_names(states, pdf_text):
    text = pdf_text(export(get_form("kutsu"), "pdf", states["FULL"]["kutsu"]).data)
    assert "klo 14.00–15.30" in text
    assert "Matti Meikäläinen" in text and "Åsa Öberg" in text
    assert "Aino" in text
    # The worker's preparation checklist is not printed on the invitation.
    assert "Varasin" not in text and "fläppitaulu" not in text
    text = pdf_text(export(get_form("muistio"), "pdf", states["FULL"]["muistio"]).data)
    assert "klo 14.00–15.30" in text and "4.4.2027" in text


def test_pdf_survives_emoji_and_rtl(states, pdf_text):
    s = states["FULL"]["kutsu"]
    s["topic"] = "Hymy 😀👨‍👩‍👧 שלום עולם مرحبا <script>alert(1)</script> \x07"
    text = pdf_text(export(get_form("kutsu"), "pdf", s).data)
    assert "<script>alert(1)</script>" in text and "Hymy" in text


@pytest.mark.parametrize("form_id", [f for f in forms.FORM_IDS if "docx" in forms.get_form(f).exports])
@pytest.mark.parametrize("kind", ["FULL", "MINIMAL"])
def test_docx(states, form_id, kind):
    state = states[kind][form_id]
    f = export(get_form(form_id), "docx", state)
    assert f.name.endswith(".docx") and "wordprocessingml" in f.mime
    text = docx_text(f.data)
    assert "Salassa pidettävä".upper() in text.upper()
    assert "Иван Петров" in text and "7.3.2027" in text


def test_docx_with_python_docx(states):
    docx = pytest.importorskip("docx")
    d = docx.Document(io.BytesIO(export(get_form("muistio"), "docx", states["FULL"]["muistio"]).data))
    paras = [p.text for p in d.paragraphs]
    assert paras[0] == "Verkostokokouksen muistio"
    assert any("klo 14.00–15.30" in p for p in paras)
    assert d.tables[0].cell(0, 0).text == "Nimi"
    assert any(r.cells[0].text == "Иван Петров" for r in d.tables[0].rows)
    assert "SALASSA" in d.sections[0].header.paragraphs[0].text
    assert "Salassa pidettävä" in d.sections[0].footer.paragraphs[0].text


def test_docx_strips_illegal_xml_and_escapes(states):
    s = states["FULL"]["muistio"]
    s["client_view"] = "a\x00b\x0bc <b>&amp; ]]> \ufffe"
    text = docx_text(export(get_form("muistio"), "docx", s).data)
    assert "abc <b>&amp; ]]>" in text


def test_text(filled):
    form_id, state = filled
    f = export(get_form(form_id), "txt", state)
    text = f.data.decode("utf-8")
    assert text.startswith("Salassa pidettävä (JulkL 24.1 § 25 k)\n") and "\r" not in text
    assert "**" not in text and "##" not in text
    if form_id != "palaute":
        assert "Иван Петров" in text and "7.3.2027" in text


@pytest.mark.parametrize("form_id", [f for f in forms.FORM_IDS if "ics" in forms.get_form(f).exports])
@pytest.mark.parametrize("kind", ["FULL", "MINIMAL"])
def test_ics(states, form_id, kind):
    state = states[kind][form_id]
    from icalendar import Calendar

    if form_id == "muistio" and not state.get("followup_date"):
        with pytest.raises(ExportError) as e:
            export(get_form(form_id), "ics", state)
        assert "seurantapalaverin" in e.value.message
        return
    f = export(get_form(form_id), "ics", state)
    assert f.mime.startswith("text/calendar")
    cal = Calendar.from_ical(f.data)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Helsinki"
    ev = cal.walk("VEVENT")[0]
    start = ev.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Helsinki" or getattr(start.tzinfo, "key", "") == "Europe/Helsinki"
    assert ev.get("dtstart").params["TZID"] == "Europe/Helsinki"
    assert ev["uid"] and ev.get("dtstamp")
    assert str(ev["summary"]).startswith("Verkostokokou")
    assert "Aino" not in str(ev["summary"])
    assert "Salassa pidettävä" not in str(ev.get("description", ""))  # no confidential details by default
    if form_id == "kutsu":
        assert (start.year, start.month, start.day, start.hour) == (2027, 3, 7, 14)
        assert str(ev["location"]).startswith(("Perheneuvola", "Asiakkaan koti"))
    else:
        assert (start.month, start.day) == (4, 4)


def test_json_round_trip(filled):
    form_id, state = filled
    f = export(get_form(form_id), "json", state)
    doc = json.loads(f.data)
    assert doc["schema"] == "verkostokokous-lomake" and doc["form"] == form_id and doc["version"] == 2 and doc["lang"] == "fi"
    assert "T" in doc["saved"]
    again, errors = import_json(get_form(form_id), f.data)
    assert errors == []
    from forms.validation.normalise import normalise_state

    assert again == normalise_state(forms.get_form(form_id), forms.clean_state(get_form(form_id), state))
    assert forms.validate(get_form(form_id), again) == []
    # str and memoryview input work too
    assert import_json(get_form(form_id), f.data.decode())[0] == again
    assert import_json(get_form(form_id), memoryview(f.data))[0] == again


def test_import_errors(states):
    palaute = to_json_text(get_form("palaute"), states["FULL"]["palaute"])
    _, errors = import_json(get_form("kutsu"), palaute)
    assert [e.message for e in errors] == ["Tiedosto on palautelomake, ei kutsu."]
    old = json.loads(to_json_text(get_form("kutsu"), states["FULL"]["kutsu"]))
    old["version"] = 0
    _, errors = import_json(get_form("kutsu"), json.dumps(old))
    assert [e.message for e in errors] == ["Tiedosto ei ole tämän lomakkeen JSON-tiedosto."]
    old["version"], old["lang"] = 2, "xx"
    _, errors = import_json(get_form("kutsu"), json.dumps(old))
    assert errors and "(xx)" in errors[0].message and "säilyvät" in errors[0].message
    old["version"] = 99
    _, errors = import_json(get_form("kutsu"), json.dumps(old))
    assert errors and "uudemmalla" in errors[0].message
    for junk in [b"\x89PNG\r\n\x1a\n\x00\xff", b"", "{", "[]", '{"schema": "x"}', "null", 12,
                 None, '{"schema": "verkostokokous-lomake", "form": "kutsu", "version": 1, "data": 5}',
                 "[" * 100_000]:
        state, errors = import_json(get_form("kutsu"), junk)
        assert [e.message for e in errors] == ["Tiedosto ei ole tämän lomakkeen JSON-tiedosto."], junk
        assert state == forms.empty_state(forms.get_form("kutsu"))


def test_import_drops_junk_values(states):
    doc = json.loads(to_json_text(get_form("kutsu"), states["FULL"]["kutsu"]))
    doc["data"].update(client_name=5, extra="x", invitees=[{"name": "A", "how": 3}, "junk"])
    state, errors = import_json(get_form("kutsu"), json.dumps(doc))
    assert errors == [] and state["client_name"] == "" and "extra" not in state
    assert state["invitees"] == [{"name": "A", "relation": "", "organisation": "", "how": "", "language": "",
                                  "phone": "", "email": "", "address": ""}]


def test_filenames_never_hold_names(states):
    for form_id in forms.FORM_IDS:
        name = filename(get_form(form_id), states["FULL"][form_id], "pdf")
        assert name.isascii() and "aino" not in name.lower()
    assert filename(get_form("kutsu"), {}, "pdf") == "verkostokokous-kutsu.pdf"
    assert filename(get_form("muistio"), {"date": "7.3.2027"}, "txt") == "verkostokokous-muistio-2027-03-07.txt"
    assert filename(get_form("kutsu"), {"date": "31.2.2027"}, "pdf") == "verkostokokous-kutsu.pdf"


def test_unsupported_format():
    with pytest.raises(ExportError):
        export(get_form("palaute"), "docx", {})


def test_feedback_form_offers_only_pdf_html_text_and_json(states):
    """The feedback form exports PDF, its HTML copy, text and JSON; anything else is a Finnish error."""
    from forms.api import handle

    assert set(forms.get_form("palaute").exports) == {"pdf", "html", "txt", "json"}
    for fmt in ["docx", "ics", "email"]:
        response = handle({"lang": "fi", "op": "export", "form": "palaute", "format": fmt, "state": states["FULL"]["palaute"]})
        assert "file" not in response and "url" not in response
        assert response["errors"] and response["errors"][0]["message"][0].isupper()
