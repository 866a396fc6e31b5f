"""Every PDF is a tagged PDF (PDF/UA-1) whose structure is the document model's.

The cases come from the registries: every form that exports a PDF (a format of
forms/formats.toml whose extension is pdf, listed in the definition's ``exports``), in every site
language, filled fully (the invitation with a letter in every letter language) and minimally,
each letter of the invitation on its own, and every feedback summary format that is a PDF. Each
PDF is made through the worker's entry point (forms.api.handle); the documents it drew are the
ones :func:`forms.exports.pdf.render_pdf` was given, as the PDF fits them.

Checked here, with pypdf (also inside Pyodide): the structure tree mirrors the document (title,
headings, paragraphs, lists, tables with their header cells' /Scope, figures with /Alt, each
paragraph's or value's own language), each letter of several is a Part with its /Lang, every
text-showing operator is in marked content, every marked content is in the tree once, the tree's
order is the page's drawing order, the headings are the bookmarks, the fonts are embedded with a ToUnicode map, and the catalogue
says what PDF/UA-1 asks (/MarkInfo, /Lang, DisplayDocTitle, the title, pdfuaid:part in the XMP).
With the ``pdfua`` checker (CPython only: it needs the compiled pikepdf) every PDF has no finding.
"""
import copy
import io
import json
from functools import lru_cache
from pathlib import Path

import pytest

from forms import FORM_IDS
from forms.api import handle
from forms.exports import pdf as pdf_module
from forms.exports.document import (CHECKED, UNCHECKED, Bars, Bullets, Checklist, Heading, KeyFacts, Lines, Pairs,
                                    Para, Table, expanded, label_text)
from forms.language import site_languages
from forms.model import get_form
from forms.model.formats import formats, summary_formats
from export_cases import feedback_answers as _answers, every_letter_language_state as _state

HERE = Path(__file__).parent
FIXTURES = json.loads((HERE / "fixtures.json").read_text("utf-8"))
LETTERS_CASE = json.loads((HERE / "letters-case.json").read_text("utf-8"))["kutsu"]


def _pdf_formats(form_id: str) -> list[str]:
    form = get_form(form_id)
    return [fid for fid, spec in formats().items() if spec.module and spec.extension == "pdf" and fid in form.exports]


def _cases() -> dict[str, dict]:
    """{case id: the request to forms.api.handle}."""
    out = {}
    for lang in site_languages():
        for form_id in FORM_IDS:
            for fmt in _pdf_formats(form_id):
                for kind, state in (("full", _state(form_id)), ("minimal", FIXTURES["MINIMAL"][form_id])):
                    out[f"{lang}-{form_id}-{fmt}-{kind}"] = {"op": "export", "form": form_id, "lang": lang,
                                                             "format": fmt, "state": state}
        for fmt in (f.id for f in summary_formats() if f.extension == "pdf"):
            for period in ("month", "quarter"):
                out[f"{lang}-summary-{fmt}-{period}"] = {"op": "feedback", "lang": lang, "answers": _answers(),
                                                         "files": [], "data": b"", "period": period, "format": fmt}
    # Each letter of the invitation alone (the page's per-letter buttons).
    form_id = "kutsu"
    for fmt in _pdf_formats(form_id):
        response = handle({"op": "validate", "form": form_id, "lang": get_form(form_id).lang, "state": _state(form_id),
                           "letters": True})
        for letter in (response.get("letters") or {}).get("pdf", []):
            out[f"letter-{letter['letter']}"] = {"op": "export", "form": form_id, "lang": get_form(form_id).lang,
                                                 "format": fmt, "state": _state(form_id), "letter": letter["letter"]}
        out["letters-case"] = {"op": "export", "form": form_id, "lang": get_form(form_id).lang, "format": fmt,
                               "state": LETTERS_CASE}
    return out


CASES = _cases()


@lru_cache(maxsize=None)
def made(case: str):
    """(the PDF's bytes, the documents it drew as the PDF fits them, the document that names
    the file: its title and language)."""
    seen = []
    original = pdf_module.render_pdf

    def spy(doc, *args, **kwargs):
        seen.append((doc if isinstance(doc, list) else [doc], kwargs.get("named", args[0] if args else None)))
        return original(doc, *args, **kwargs)

    pdf_module.render_pdf = spy
    try:
        response = handle(copy.deepcopy(CASES[case]))
    finally:
        pdf_module.render_pdf = original
    assert response["errors"] == [], response["errors"]
    assert len(seen) == 1
    docs, named = seen[0]
    return response["file"]["data"], [pdf_module.fitted(d)[0] for d in docs], named or docs[0]


def test_the_cases_cover_every_pdf():
    assert {c.split("-")[1] for c in CASES if c[:2] in site_languages()} >= {*FORM_IDS, "summary"}
    assert sum(c.startswith("letter-") for c in CASES) >= 2, "the letters on their own"


# --- reading the PDF back (pypdf) ---------------------------------------------------------------

class Node:
    def __init__(self, obj, role, page):
        self.obj, self.role, self.page = obj, role, page
        self.kids: list = []  # Node or ("mc", page index, mcid)

    def get(self, key, default=None):
        value = self.obj.get(key, default)
        return value.get_object() if hasattr(value, "get_object") else value

    def marks(self):
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.marks()
            else:
                yield k[1], k[2]

    def elements(self):
        yield self
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.elements()


class Tagged:
    def __init__(self, data: bytes):
        from pypdf import PdfReader
        from pypdf.generic import ContentStream

        self.reader = reader = PdfReader(io.BytesIO(data))
        self.catalog = reader.trailer["/Root"].get_object()
        pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}

        def walk(obj, page):
            obj = obj.get_object()
            if "/Pg" in obj:
                page = pages[obj.raw_get("/Pg").idnum]
            node = Node(obj, str(obj["/S"])[1:], page)
            kids = obj.get("/K", [])
            kids = kids.get_object() if hasattr(kids, "get_object") else kids
            for k in kids if isinstance(kids, list) else [kids]:
                if isinstance(k, int):
                    node.kids.append(("mc", page, int(k)))
                    continue
                o = k.get_object()
                if o.get("/Type") == "/MCR":
                    node.kids.append(("mc", pages[o.raw_get("/Pg").idnum], int(o["/MCID"])))
                else:
                    node.kids.append(walk(k, page))
            return node

        root = self.catalog["/StructTreeRoot"].get_object()
        top = root["/K"]
        top = top.get_object() if hasattr(top, "get_object") else top
        tops = [walk(k, None) for k in (top if isinstance(top, list) else [top])]
        assert len(tops) == 1
        self.document = tops[0]
        self.parent_tree = root["/ParentTree"].get_object()

        # Each page's content: the marked-content sequences in drawing order, their text, and
        # the text-showing operators outside any.
        self.sequence: list[tuple[int, int]] = []  # (page, mcid) as drawn
        self.tag_of: dict[tuple[int, int], str] = {}
        self.unmarked_text = 0
        self.nested = 0
        for index, page in enumerate(reader.pages):
            depth = 0
            for operands, op in ContentStream(page.get_contents(), reader).operations:
                if op in (b"BDC", b"BMC"):
                    if depth and op == b"BDC" and isinstance(operands[1], dict) and "/MCID" in operands[1]:
                        self.nested += 1
                    depth += 1
                    if op == b"BDC" and isinstance(operands[1], dict) and "/MCID" in operands[1]:
                        key = (index, int(operands[1]["/MCID"]))
                        self.sequence.append(key)
                        self.tag_of[key] = str(operands[0])[1:]
                elif op == b"EMC":
                    depth -= 1
                elif op in (b"Tj", b"TJ", b"'", b'"') and depth == 0:
                    self.unmarked_text += 1
        self.text = self._texts()

    def _texts(self) -> dict[tuple[int, int], str]:
        """The text of each marked content, decoded by pypdf (the fonts' ToUnicode maps)."""
        out: dict[tuple[int, int], str] = {}
        for index, page in enumerate(self.reader.pages):
            current = [None]

            def before(op, args, cm, tm):
                if op == b"BDC" and isinstance(args[1], dict) and "/MCID" in args[1]:
                    current[0] = (index, int(args[1]["/MCID"]))
                    out.setdefault(current[0], "")
                elif op in (b"EMC", b"BMC", b"BDC"):
                    current[0] = None

            def text(t, cm, tm, font, size):
                if current[0] is not None:
                    out[current[0]] += t

            page.extract_text(visitor_operand_before=before, visitor_text=text)
        return out

    def text_of(self, node: Node) -> str:
        return "".join(self.text.get(m, "") for m in node.marks())


def squeeze(text: str) -> str:
    """Text without its white space: line breaks fall where the page's width puts them."""
    return "".join(text.split()).replace("\ufffd", "")


def _shape(pdf: Tagged, node: Node) -> list:
    """The blocks under ``node`` as comparable tuples, in the tree's order."""
    out = []
    for k in node.kids:
        if not isinstance(k, Node):
            continue
        role, lang = k.role, str(k.get("/Lang") or "")
        if role in ("Div", "Part", "Sect"):
            out += _shape(pdf, k)
        elif role in ("H1", "H2", "H3", "P", "Caption"):
            out.append((role, squeeze(pdf.text_of(k)), lang))
        elif role == "L":
            items = []
            for li in k.kids:
                assert li.role == "LI", li.role
                assert [x.role for x in li.kids] in (["Lbl", "LBody"], ["LBody"]), [x.role for x in li.kids]
                body = li.kids[-1]
                items.append((squeeze(pdf.text_of(li)), str(body.get("/Lang") or "")))
            out.append(("L", items))
        elif role == "Table":
            assert k.kids[0].role == "Caption"
            caption = squeeze(pdf.text_of(k.kids[0]))
            parts = {p.role: p for p in k.kids[1:]}
            assert list(parts) == ["THead", "TBody"], list(parts)
            head = [[(c.role, str(c.get("/A", {}).get("/Scope", "")), squeeze(pdf.text_of(c))) for c in tr.kids]
                    for tr in parts["THead"].kids]
            body = [[(c.role, str(c.get("/A", {}).get("/Scope", "")), squeeze(pdf.text_of(c))) for c in tr.kids]
                    for tr in parts["TBody"].kids]
            assert {tr.role for tr in parts["THead"].kids + parts["TBody"].kids} == {"TR"}
            out.append(("Table", caption, head, body, str(parts["TBody"].get("/Lang") or "")))
        elif role == "Figure":
            out.append(("Figure", str(k.get("/Alt") or "")))
        else:
            raise AssertionError(f"an unexpected element {role}")
    return out


def _expected(doc) -> list:
    """The same tuples from the document model, as the print and the PDF show it: the title an
    H1 (after the address of a posted letter), a heading one level below, label–value lines and
    lists as lists, a table with its caption and header row."""
    out = []
    if doc.address:
        out += [("P", squeeze("\n".join(doc.address.sender)), doc.address.lang),
                ("P", squeeze("\n".join(doc.address.recipient)), doc.address.lang)]
    out.append(("H1", squeeze(doc.title), ""))
    for b in expanded(doc.blocks):
        if isinstance(b, Heading):
            out.append((f"H{b.level + 1}", squeeze(b.text), ""))
        elif isinstance(b, Para):
            out.append(("P", squeeze(b.text), b.lang))
        elif isinstance(b, KeyFacts):
            out.append(("P", squeeze(b.title), ""))
            out.append(("L", [(squeeze(label_text(k) + v), b.lang_of(i)) for i, (k, v) in enumerate(b.items)]))
        elif isinstance(b, Pairs):
            out.append(("L", [(squeeze((label_text(k) if k else "") + v), b.lang) for k, v in b.items]))
        elif isinstance(b, Table):
            head = [[("TH", "/Column", squeeze(h)) for h in b.headers]]
            body = [[("TH" if j == 0 and b.bare_first else "TD", "/Row" if j == 0 and b.bare_first else "", squeeze(c))
                     for j, c in enumerate(row)] for row in b.rows]
            out.append(("Table", squeeze(b.title), head, body, b.lang))
        elif isinstance(b, (Bars, Lines)):
            out.append(("P", squeeze(b.title), ""))
            out.append(("Figure", b.alt or b.title))
        elif isinstance(b, Bullets):
            out.append(("L", [(squeeze("\u2022" + x), b.lang_of(i)) for i, x in enumerate(b.items)]))
        elif isinstance(b, Checklist):
            out.append(("L", [(squeeze((CHECKED if c else UNCHECKED) + x), "") for c, x in b.items]))
    return out


@lru_cache(maxsize=None)
def tagged(case: str) -> Tagged:
    return Tagged(made(case)[0])


IDS = list(CASES)


@pytest.mark.parametrize("case", IDS)
def test_the_structure_tree_is_the_documents(case):
    pdf, docs = tagged(case), made(case)[1]
    document = pdf.document
    assert document.role == "Document"
    if len(docs) == 1:
        assert str(document.get("/Lang")) == docs[0].lang
        parts = [document]
    else:
        # Several letters: a Part each, saying its language.
        assert [k.role for k in document.kids] == ["Part"] * len(docs)
        assert [str(k.get("/Lang")) for k in document.kids] == [d.lang for d in docs]
        parts = document.kids
    for part, doc in zip(parts, docs):
        assert _shape(pdf, part) == _expected(doc)


@pytest.mark.parametrize("case", IDS)
def test_every_text_is_marked_content_in_the_tree_in_the_order_drawn(case):
    pdf = tagged(case)
    assert pdf.unmarked_text == 0, "text-showing operators outside marked content"
    assert pdf.nested == 0, "marked content inside marked content"
    in_tree = list(pdf.document.marks())
    assert len(in_tree) == len(set(in_tree)), "a marked content in the tree twice"
    assert sorted(in_tree) == sorted(pdf.sequence), "the tree and the pages' marked content differ"
    # Reading order: the tree's order is the order the pages draw (and a page's after the one before).
    assert in_tree == pdf.sequence
    # Each marked content's tag is its element's type, and the parent tree finds the element.
    nums = pdf.parent_tree["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    for node in pdf.document.elements():
        for kind, page, mcid in (k for k in node.kids if not isinstance(k, Node)):
            assert pdf.tag_of[(page, mcid)] == node.role
            spid = pdf.reader.pages[page]["/StructParents"]
            assert parents[spid][mcid].idnum == node.obj.indirect_reference.idnum


@pytest.mark.parametrize("case", IDS)
def test_the_catalogue_says_what_pdf_ua_asks(case):
    pdf, docs, named = tagged(case), *made(case)[1:]
    # The file is named by the one document, or for letters in several languages by the
    # letter in the page's language (tested on its own below).
    assert named is docs[0] or len({d.lang for d in docs}) > 1
    docs = [named]
    catalog = pdf.catalog
    assert catalog["/MarkInfo"]["/Marked"] is True or str(catalog["/MarkInfo"]["/Marked"]) == "True"
    assert catalog["/Lang"] == docs[0].lang
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert pdf.reader.metadata.title == docs[0].title and docs[0].title.strip()
    import xml.etree.ElementTree as ET

    xmp = ET.fromstring(catalog["/Metadata"].get_object().get_data().decode("utf-8").split("?>", 1)[1].rsplit("<?", 1)[0])
    dc, rdf = "{http://purl.org/dc/elements/1.1/}", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
    assert xmp.find(f".//{{http://www.aiim.org/pdfua/ns/id/}}part").text == "1"
    assert xmp.find(f".//{dc}title/{rdf}Alt/{rdf}li").text == docs[0].title
    assert xmp.find(f".//{dc}language/{rdf}Bag/{rdf}li").text == docs[0].lang
    assert xmp.find(f".//{dc}description/{rdf}Alt/{rdf}li").text == docs[0].confidential == pdf.reader.metadata.subject
    fonts = {}
    for page in pdf.reader.pages:
        for name, font in page["/Resources"]["/Font"].items():
            fonts[name] = font.get_object()
    assert fonts
    for name, font in fonts.items():
        assert font["/Subtype"] == "/Type0" and "/ToUnicode" in font, name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


@pytest.mark.parametrize("case", IDS)
def test_the_headings_are_bookmarks(case):
    """The bookmarks are the headings, in order and nested by level (each letter's title at the
    top), and each leads to its heading's page."""
    pdf, docs = tagged(case), made(case)[1]
    reader = pdf.reader

    def flat(items, depth=0):
        for x in items:
            if isinstance(x, list):
                yield from flat(x, depth + 1)
            else:
                yield depth, squeeze(x.title), reader.get_destination_page_number(x)

    marks = list(flat(reader.outline))
    headings = [(int(b[0][1]) - 1, b[1]) for d in docs for b in _expected(d) if b[0] in ("H1", "H2", "H3")]
    assert [(depth, title) for depth, title, _ in marks] == headings
    pages = [n.page for n in pdf.document.elements() if n.role in ("H1", "H2", "H3")]
    assert [page for _, _, page in marks] == pages


def test_a_letter_in_three_languages_says_each_parts_language():
    state = copy.deepcopy(FIXTURES["FULL"]["kutsu"])
    rows = state["invitees"]
    state["invitees"] = [dict(rows[i % len(rows)], language=code) for i, code in enumerate(("fi", "uk", "sv"))]
    response = handle({"op": "export", "form": "kutsu", "lang": "fi", "format": "pdf", "state": state})
    assert response["errors"] == []
    pdf = Tagged(response["file"]["data"])
    langs = [str(k.get("/Lang")) for k in pdf.document.kids if k.role == "Part"]
    assert sorted(set(langs)) == ["fi", "sv", "uk"] and len(langs) >= 3
    assert pdf.catalog["/Lang"] == "fi"
    # Each part's text is its own language's: the Ukrainian part is mostly Cyrillic (the others
    # may quote a name as typed).
    for part in pdf.document.kids:
        letters = [ch for ch in pdf.text_of(part) if ch.isalpha()]
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters) / len(letters)
        assert (cyrillic > 0.5) == (str(part.get("/Lang")) == "uk"), (str(part.get("/Lang")), cyrillic)


@pytest.mark.parametrize("lang", site_languages())
def test_letters_in_several_languages_are_named_in_the_page_language(lang):
    """The file of every letter, made on a page in any site language: its title and /Lang
    are the page's (the letter's title in that language), each letter's part keeps its own."""
    from forms.exports import prepared_state
    from forms.exports.document import documents_for

    form = get_form("kutsu", lang)
    st = prepared_state(form, LETTERS_CASE)
    docs = documents_for(form, st)
    assert len({d.lang for d in docs}) >= 3 and docs[0].lang != lang, "the first letter is in another language"
    response = handle({"op": "export", "form": "kutsu", "lang": lang, "format": "pdf", "state": LETTERS_CASE})
    assert response["errors"] == []
    pdf = Tagged(response["file"]["data"])
    assert pdf.catalog["/Lang"] == lang
    assert pdf.reader.metadata.title == documents_for(form, st, L=form.messages)[0].title
    assert f"<rdf:li>{lang}</rdf:li>" in pdf.catalog["/Metadata"].get_object().get_data().decode("utf-8")
    assert [str(k.get("/Lang")) for k in pdf.document.kids] == [d.lang for d in docs]


def _read_in(node: Node, inherited: str):
    """Each element with the language a screen reader reads it in (its /Lang, else its
    parent's)."""
    lang = str(node.get("/Lang")) if node.get("/Lang") is not None else inherited
    yield node, lang
    for k in node.kids:
        if isinstance(k, Node):
            yield from _read_in(k, lang)


@pytest.mark.parametrize("index", range(3))
def test_every_letter_reads_typed_lines_in_the_page_language(index):
    """In a letter in any language, the place and who each invitee is (typed in the page's
    language) are read in the page's language; the interpreter's role word in the letter's."""
    from forms.exports import prepared_state
    from forms.exports.document import letters
    from letter_reading import read_as

    form = get_form("kutsu")
    chosen = letters(form, prepared_state(form, LETTERS_CASE))[index]
    response = handle({"op": "export", "form": "kutsu", "lang": form.lang, "format": "pdf",
                       "state": LETTERS_CASE, "letter": chosen.id})
    assert response["errors"] == []
    pdf = Tagged(response["file"]["data"])
    read = [(squeeze(pdf.text_of(n)), n, lang) for n, lang in _read_in(pdf.document, str(pdf.catalog["/Lang"]))]
    for text, expected in read_as(form, LETTERS_CASE, chosen.lang):
        # The innermost elements holding the text: what a screen reader voices it as.
        holding = [(n, lang) for t, n, lang in read if squeeze(text) in t]
        innermost = [lang for n, lang in holding
                     if not any(k is not n and squeeze(text) in squeeze(pdf.text_of(k)) for k in n.elements())]
        assert innermost and set(innermost) == {expected}, (chosen.id, text, innermost)


def test_the_realistic_letter_read_aloud_follows_the_document():
    """A screen reader reads the structure tree: its text, in its order, is the document
    model's, from the address and the title to the signature."""
    pdf, docs = tagged("letters-case"), made("letters-case")[1]
    read = squeeze("".join(pdf.text.get(m, "") for m in pdf.document.marks()))
    expected = []
    for doc in docs:
        for block in _expected(doc):
            if block[0] == "L":
                expected += [text for text, _ in block[1]]
            elif block[0] == "Table":
                expected += [block[1]] + [c[2] for row in block[2] + block[3] for c in row]
            elif block[0] != "Figure":
                expected.append(block[1])
    assert read == "".join(expected)
    assert len(docs) >= 2 and len({d.lang for d in docs}) >= 2, "the case has letters in several languages"


def test_marked_content_and_artifacts_go_on_across_a_page_break():
    """A paragraph and an artifact that run onto the next page: each ends before the footer and
    goes on after the next page's header (a marked-content sequence never spans pages); the
    paragraph is one P whose marked content is on three pages."""
    from fpdf import FPDF

    from forms.exports.pdf_tags import Tags

    class Paper(FPDF):
        def header(self):
            with tags.artifact("Pagination", "Header"):
                self.cell(0, 5, "header")
            self.ln(5)
            tags.page_begins()

        def footer(self):
            tags.page_ends()
            with tags.artifact("Pagination", "Footer"):
                self.cell(0, 5, "footer")

    pdf = Paper()
    tags = Tags(pdf, "fi")
    pdf_module._add_font(pdf, "", pdf_module.FONT_REGULAR)  # from the package (a zip inside Pyodide)
    pdf.set_font("DejaVu", "", 10)
    pdf.add_page()
    with tags.artifact():
        for i in range(70):
            pdf.cell(0, 5, f"frame {i}", new_x="LMARGIN", new_y="NEXT")
    with tags.tag("P"):
        pdf.multi_cell(0, 5, "sana " * 3000)
    read = Tagged(bytes(pdf.output()))
    assert len(read.reader.pages) >= 4
    assert read.unmarked_text == 0 and read.nested == 0
    [paragraph] = read.document.kids
    assert paragraph.role == "P" and len({page for page, _ in paragraph.marks()}) >= 3
    assert list(paragraph.marks()) == read.sequence
    assert squeeze(read.text_of(paragraph)) == "sana" * 3000


def test_fpdf2_is_the_version_the_tagging_was_written_for():
    import fpdf

    from forms.exports.pdf_tags import FPDF_VERSION

    assert fpdf.FPDF_VERSION == FPDF_VERSION
    pyproject = HERE.parent.parent / "pyproject.toml"
    if pyproject.is_file():  # not copied into Pyodide
        assert f'"fpdf2=={FPDF_VERSION}"' in pyproject.read_text("utf-8")


@pytest.mark.parametrize("case", IDS)
def test_pdfua_finds_nothing(case, tmp_path):
    pdfua = pytest.importorskip("pdfua")
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(made(case)[0])
    report = pdfua.validate(str(path))
    assert [(f.rule_id, f.severity.name, f.message) for f in report.findings] == []
    assert report.exit_code == 0
    # Every rule ran: a rule that raised is skipped, and would pass silently.
    assert [(o.rule_id, o.skipped_reason) for o in report.skipped] == []
    assert len(report.outcomes) == pdfua.coverage().implemented_rules
