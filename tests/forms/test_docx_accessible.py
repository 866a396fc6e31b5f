"""The Word file stays accessible: its structure follows the format-neutral document it is made
from (forms.exports.document), read back from the file's own XML. Forms, site languages and
letter languages come from the registries; the realistic letters (``letters-case.json``) give a
letter in Ukrainian that quotes the worker's Finnish.
"""
import copy
import io
import json
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from forms import FORM_IDS
from forms.exports import export, prepared_state
from forms.exports.document import Bullets, Heading, Pairs, Para, Table, chosen_language, documents_for, expanded
from forms.language import languages, site_languages
from forms.model import get_form

HERE = Path(__file__).parent
FIXTURES = json.loads((HERE / "fixtures.json").read_text("utf-8"))
LETTERS = json.loads((HERE / "letters-case.json").read_text("utf-8"))["kutsu"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
FORMS = [f for f in FORM_IDS if "docx" in get_form(f).exports]


def _cases():
    out = []
    for lang in site_languages():
        for form_id in FORMS:
            form = get_form(form_id, lang)
            field = form.letter.get("language_field", "") if form.letter else ""
            # A letter in each language it can be written in; a record in the page's.
            for code in (list(languages()) if field else [""]):
                out.append((lang, form_id, code))
    return out


CASES = _cases()


def _state(form_id: str, code: str) -> dict:
    state = copy.deepcopy(LETTERS if form_id == "kutsu" else FIXTURES["CASE"][form_id])
    form = get_form(form_id)
    if code:
        state[form.letter["language_field"]] = code
    return state


class Docx:
    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.names = set(z.namelist())
            self.body = ET.fromstring(z.read("word/document.xml")).find(f"{W}body")
            self.styles = ET.fromstring(z.read("word/styles.xml"))
            self.core = ET.fromstring(z.read("docProps/core.xml"))
            self.rels = z.read("word/_rels/document.xml.rels").decode()
            self.types = z.read("[Content_Types].xml").decode()

    def style_of(self, p) -> str:
        s = p.find(f"{W}pPr/{W}pStyle")
        return s.get(f"{W}val") if s is not None else ""

    @staticmethod
    def text_of(el) -> str:
        return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _expected(form, state):
    st = prepared_state(form, state)
    return documents_for(form, st, chosen_language(form, st) if form.letter else None)[0]


@pytest.mark.parametrize(("lang", "form_id", "code"), CASES, ids=["-".join(filter(None, c)) for c in CASES])
def test_word_file_follows_the_document(lang, form_id, code):
    form = get_form(form_id, lang)
    state = _state(form_id, code)
    doc = _expected(form, state)
    d = Docx(export(form, "docx", state).data)
    blocks = expanded(doc.blocks)
    paragraphs = list(d.body.iter(f"{W}p"))

    # A title, and the document's headings in its order in heading styles with outline levels.
    assert d.style_of(paragraphs[0]) == "Title" and d.text_of(paragraphs[0]) == doc.title
    headings = [(d.style_of(p), d.text_of(p)) for p in paragraphs if d.style_of(p).startswith("Heading")]
    assert headings == [(f"Heading{b.level}", b.text) for b in blocks if isinstance(b, Heading)]
    levels = {s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}outlineLvl") for s in d.styles.iter(f"{W}style")}
    for style in {"Title"} | {s for s, _ in headings}:
        assert levels[style] is not None, f"{style} has an outline level (a heading to screen readers)"
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in d.styles.iter(f"{W}style")}
    assert all(names[s] == f"heading {s[-1]}" for s, _ in headings), "Word's own heading styles"

    # Each table: its caption, and a header row marked as one, holding the column headers.
    tables = [b for b in blocks if isinstance(b, Table)]
    found = d.body.findall(f"{W}tbl")
    assert len(found) == len(tables)
    for t, el in zip(tables, found):
        assert el.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == t.title
        rows = el.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert [d.text_of(c) for c in rows[0].findall(f"{W}tc")] == t.headers
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])

    # Lists are real lists.
    items = [p for p in paragraphs if p.find(f"{W}pPr/{W}numPr") is not None]
    assert [d.text_of(p) for p in items] == [i for b in blocks if isinstance(b, Bullets) for i in b.items]
    if items:
        assert "word/numbering.xml" in d.names and 'Target="numbering.xml"' in d.rels and "numbering+xml" in d.types

    # The document's language and title, in the styles and the core properties.
    default = d.styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == doc.lang
    assert d.core.find(f"{DC}language").text == doc.lang
    assert d.core.find(f"{DC}title").text == doc.title and doc.title.strip()

    # Each part in another language says so on its runs.
    marked = {(run.find(f"{W}rPr/{W}lang").get(f"{W}val"), run.find(f"{W}t").text)
              for run in d.body.iter(f"{W}r") if run.find(f"{W}rPr/{W}lang") is not None}
    for b in blocks:
        if isinstance(b, (Para, Pairs, Table)) and b.lang and b.lang != doc.lang:
            texts = ([b.text] if isinstance(b, Para) else [v for _, v in b.items] if isinstance(b, Pairs)
                     else [c for r in b.rows for c in r])
            for text in texts:
                for line in filter(None, text.split("\n")):
                    assert (b.lang, line) in marked, (b.lang, line)


@pytest.mark.parametrize("code", sorted({lang for lang in languages()}))
def test_every_letter_reads_typed_lines_in_the_page_language(code):
    """The place and who each invitee is (typed in the page's language) are in the page's
    language on their runs in a letter in any language; the interpreter's role word in the
    letter's."""
    from letter_reading import read_as

    form = get_form("kutsu")
    d = Docx(export(form, "docx", _state("kutsu", code)).data)
    default = d.styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val")
    assert default == code
    runs = [(d.text_of(r), r.find(f"{W}rPr/{W}lang")) for r in d.body.iter(f"{W}r")]
    runs = [(t, default if lang is None else lang.get(f"{W}val")) for t, lang in runs]
    for text, expected in read_as(form, LETTERS, code):
        found = [lang for t, lang in runs if text in t]
        assert found and set(found) == {expected}, (code, text, found)


def test_the_ukrainian_letter_marks_the_finnish_it_quotes():
    form = get_form("kutsu")
    state = _state("kutsu", "uk")
    d = Docx(export(form, "docx", state).data)
    assert d.styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "uk"
    finnish = [run.find(f"{W}t").text for run in d.body.iter(f"{W}r")
               if run.find(f"{W}rPr/{W}lang") is not None and run.find(f"{W}rPr/{W}lang").get(f"{W}val") == "fi"]
    assert any(t.startswith("Artem muutti Ukrainasta") for t in finnish)
