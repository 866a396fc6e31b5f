"""Tagged PDF (PDF/UA-1) on fpdf2's own objects: a structure tree, marked content, artifacts.

fpdf2 writes a structure tree only for image alt texts and links (one flat level under
``/Document``), never for text. :class:`Tags` replaces the FPDF instance's ``struct_builder``
with a tree of any depth (``Document`` → ``H1``, ``P``, ``L``/``LI``/``Lbl``/``LBody``,
``Table``/``TR``/``TH``/``TD``, ``Figure`` …) and wraps what the renderer draws in marked-content
sequences with MCIDs, or in ``/Artifact`` sequences (page marks, frames). Nothing is
post-processed: the objects are fpdf2's (``PDFObject``, ``NumberTree``, ``StructTreeRoot``),
serialised by its own output, so this runs wherever fpdf2 runs (CPython and Pyodide).

It relies on internals of fpdf2 **2.8.9** (the version pinned in pyproject.toml and in the
browser's lock), which fpdf2 documents as internal and free to change: the output reads
``FPDF.struct_builder`` (iterated for the objects, ``.empty()``, ``.doc_struct_elem.k``),
a page's ``struct_parents``, ``FPDF._out``, ``FPDF._outline`` (the bookmarks),
``FPDF._set_min_pdf_version`` and :class:`fpdf.table.Table`'s
``_render_table_row``/``_render_table_cell``. :data:`FPDF_VERSION` names that version;
a test fails when the installed fpdf2 differs, so an upgrade is a deliberate change that
re-reads those internals.
"""
from __future__ import annotations

from contextlib import contextmanager, nullcontext
from types import SimpleNamespace

from fpdf.structure_tree import NumberTree, StructTreeRoot
from fpdf.syntax import PDFArray, PDFObject, PDFString
from fpdf.table import Table

#: The fpdf2 version whose internals this module was written against.
FPDF_VERSION = "2.8.9"


class Elem(PDFObject):
    """A structure element (PDF 1.7, 14.7.2). ``a``: its attributes as a PDF dictionary
    (a table header's ``/Scope``)."""

    __slots__ = ("_id", "type", "s", "p", "k", "pg", "lang", "alt", "a", "_page", "_role")

    def __init__(self, role: str, parent: PDFObject, lang: str = "", alt: str = "", a: str = ""):
        super().__init__()
        self.type = "/StructElem"
        self._role = role
        self.s = "/" + role
        self.p = parent
        self.k = PDFArray()
        self.pg = None  # the page of its first marked content
        self._page = None
        self.lang = PDFString(lang) if lang else None
        self.alt = PDFString(alt) if alt else None
        self.a = a or None

    def serialize(self, obj_dict=None, _security_handler=None) -> str:
        """The same dictionary fpdf2's generic serialiser writes, without its ``dir()`` of every
        attribute: a PDF has hundreds of these (the documents are never encrypted)."""
        # One marked content: /K is its MCID alone (as most tools write it; the pdfua checker's
        # empty-heading rule cannot read an array of numbers with pikepdf 10).
        kids = str(self.k[0]) if len(self.k) == 1 and isinstance(self.k[0], int) else self.k.serialize()
        out = [f"{self.id} 0 obj", "<<", f"/K {kids}", f"/P {self.p.ref}"]
        if self.pg is not None:
            out.append(f"/Pg {self.pg.ref}")
        if self.lang is not None:
            out.append(f"/Lang {self.lang.serialize()}")
        if self.alt is not None:
            out.append(f"/Alt {self.alt.serialize()}")
        if self.a is not None:
            out.append(f"/A {self.a}")
        out += [f"/S {self.s}", "/Type /StructElem", ">>", "endobj"]
        return "\n".join(out)


class _MarkedContentRef:
    """Marked content on another page than its element's ``/Pg``: an ``/MCR`` dictionary."""

    def __init__(self, page: PDFObject, mcid: int):
        self.page, self.mcid = page, mcid

    def serialize(self, **_) -> str:
        return f"<</Type /MCR /Pg {self.page.ref} /MCID {self.mcid}>>"


class _Tree:
    """What fpdf2's output reads from ``FPDF.struct_builder``: the objects to write, the
    root first. ``doc_struct_elem.k`` is left empty: fpdf2 would set ``/Pg`` on those; every
    element here sets its own."""

    def __init__(self, lang: str):
        self.struct_tree_root = StructTreeRoot()
        self.struct_tree_root.parent_tree = NumberTree()
        self.document = Elem("Document", self.struct_tree_root, lang=lang)
        self.struct_tree_root.k.append(self.document)
        self.elems = [self.document]
        self.doc_struct_elem = SimpleNamespace(k=[])

    def empty(self) -> bool:
        return False

    def __iter__(self):
        yield self.struct_tree_root
        yield self.struct_tree_root.parent_tree
        yield from self.elems


class Tags:
    """The structure of one PDF being drawn. ``with tags.tag("P"): pdf.multi_cell(…)`` makes a
    ``P`` under the current element and marks what is drawn inside as its content;
    ``with tags.elem("L"):`` makes a grouping element; ``with tags.artifact():`` marks what is
    not content. A page break inside marked content (a paragraph running onto the next page)
    ends the sequence before the footer and opens a new one, for the same element, after the
    header: the header and footer call :meth:`page_ends` and :meth:`page_begins`."""

    def __init__(self, pdf, lang: str):
        self.pdf = pdf
        self.tree = _Tree(lang)
        pdf.struct_builder = self.tree
        pdf._set_min_pdf_version("1.7")  # PDF/UA-1 is based on ISO 32000-1 (PDF 1.7)
        self.stack: list[Elem] = [self.tree.document]
        self.open: Elem | None = None
        self.suspended: Elem | None = None
        self.in_artifact = False
        self._artifact = ""  # the open artifact's BDC, to reopen on the next page
        self._suspended_artifact = ""
        self.pages: dict[int, list[Elem]] = {}  # page number → its marked contents' elements by MCID

    @property
    def current(self) -> Elem:
        return self.stack[-1]

    def add(self, role: str, parent: Elem | None = None, **attributes) -> Elem:
        parent = parent or self.current
        elem = Elem(role, parent, **attributes)
        parent.k.append(elem)
        self.tree.elems.append(elem)
        return elem

    @contextmanager
    def within(self, elem: Elem):
        self.stack.append(elem)
        try:
            yield elem
        finally:
            self.stack.pop()

    @contextmanager
    def elem(self, role: str, **attributes):
        with self.within(self.add(role, **attributes)) as elem:
            yield elem

    @contextmanager
    def marked(self):
        """What is drawn inside is the current element's content."""
        self._begin(self.current)
        try:
            yield
        finally:
            self._end()

    @contextmanager
    def tag(self, role: str, **attributes):
        with self.elem(role, **attributes) as elem, self.marked():
            yield elem

    def bookmark(self, title: str, level: int, elem: Elem):
        """A bookmark at the current position (level 0: the top), leading to ``elem``."""
        from fpdf.outline import OutlineSection
        from fpdf.syntax import DestinationXYZ

        pdf = self.pdf
        pdf._outline.append(OutlineSection(title, level, pdf.page,
                                           DestinationXYZ(pdf.page, top=pdf.h_pt - pdf.get_y() * pdf.k), elem))

    @contextmanager
    def artifact(self, kind: str = "Layout", subtype: str = ""):
        """Drawn for the eye only (page marks, frames, a table's header row repeated on a new
        page): a screen reader skips it."""
        if self.open is not None or self.in_artifact:
            raise RuntimeError("an artifact inside marked content")
        sub = f" /Subtype /{subtype}" if subtype else ""
        self._artifact = f"/Artifact <</Type /{kind}{sub}>> BDC"
        self.pdf._out(self._artifact)
        self.in_artifact = True
        try:
            yield
        finally:
            self.in_artifact = False
            self.pdf._out("EMC")

    def page_ends(self):
        """Before the footer: end what is open (it goes on after the next page's header)."""
        if self.open is not None:
            self.suspended = self.open
            self._end()
        elif self.in_artifact:
            self._suspended_artifact = self._artifact
            self.in_artifact = False
            self.pdf._out("EMC")

    def page_begins(self):
        if self.suspended is not None:
            elem, self.suspended = self.suspended, None
            self._begin(elem)
        elif self._suspended_artifact:
            self.pdf._out(self._suspended_artifact)
            self.in_artifact, self._suspended_artifact = True, ""

    def _begin(self, elem: Elem):
        if self.open is not None or self.in_artifact:
            raise RuntimeError("marked content inside marked content")
        pdf = self.pdf
        number = pdf.page
        if number not in self.pages:
            self.pages[number] = []
            spid = len(self.pages) - 1
            pdf.pages[number].struct_parents = spid
            self.tree.struct_tree_root.parent_tree.nums[spid] = self.pages[number]
            self.tree.struct_tree_root.parent_tree_next_key = spid + 1
        marks = self.pages[number]
        mcid = len(marks)
        marks.append(elem)
        page = pdf.pages[number]
        if elem.pg is None:
            elem.pg, elem._page = page, number
        elem.k.append(mcid if elem._page == number else _MarkedContentRef(page, mcid))
        pdf._out(f"/{elem._role} <</MCID {mcid}>> BDC")
        self.open = elem

    def _end(self):
        self.pdf._out("EMC")
        self.open = None


class Untagged:
    """:class:`Tags`' interface doing nothing: a rendering that only counts pages (a letter
    being fitted to one) is thrown away, so it is not tagged."""

    in_artifact = False
    _none = nullcontext()

    def add(self, role: str, parent=None, **attributes):
        return None

    def within(self, elem):
        return self._none

    def elem(self, role: str, **attributes):
        return self._none

    def marked(self):
        return self._none

    def tag(self, role: str, **attributes):
        return self._none

    def artifact(self, kind: str = "Layout", subtype: str = ""):
        return self._none

    def bookmark(self, title: str, level: int, elem):
        pass

    def page_ends(self):
        pass

    def page_begins(self):
        pass


class TaggedTable(Table):
    """fpdf2's table, each row a ``TR`` (in ``THead`` or ``TBody``) and each cell a ``TH``
    (``/Scope /Column`` in the header row, ``/Scope /Row`` in a first column that names its
    row) or ``TD`` with its own marked content. A header row repeated on a new page is an
    artifact: the structure has it once."""

    def __init__(self, fpdf, tags: Tags, row_headers: bool = False, body_lang: str = "", **kwargs):
        super().__init__(fpdf, **kwargs)
        self._tags = tags
        self._row_headers = row_headers
        self._body_lang = body_lang
        self._drawn: set[int] = set()
        self._parts: dict[str, Elem] = {}

    def _render_table_row(self, i, row_layout_info, cell_x_positions, **kwargs):
        tags = self._tags
        if i in self._drawn:
            with tags.artifact("Pagination"):
                return super()._render_table_row(i, row_layout_info, cell_x_positions, **kwargs)
        self._drawn.add(i)
        part = "THead" if i < self._num_heading_rows else "TBody"
        if part not in self._parts:
            self._parts[part] = tags.add(part, lang=self._body_lang if part == "TBody" else "")
        with tags.within(self._parts[part]), tags.elem("TR"):
            return super()._render_table_row(i, row_layout_info, cell_x_positions, **kwargs)

    def _render_table_cell(self, i, j, cell, row_height, cell_height_info=None, cell_x_positions=None, **kwargs):
        tags = self._tags
        if cell_height_info is None or tags.in_artifact:  # measuring, or a repeated header row
            return super()._render_table_cell(i, j, cell, row_height, cell_height_info, cell_x_positions, **kwargs)
        if i < self._num_heading_rows:
            role, a = "TH", "<</O /Table /Scope /Column>>"
        elif j == 0 and self._row_headers:
            role, a = "TH", "<</O /Table /Scope /Row>>"
        else:
            role, a = "TD", ""
        with tags.tag(role, a=a):
            return super()._render_table_cell(i, j, cell, row_height, cell_height_info, cell_x_positions, **kwargs)


def xmp(title: str, lang: str, creator: str, producer: str, description: str = "") -> str:
    """The XMP metadata PDF/UA-1 asks for: the title (``dc:title``) and the PDF/UA
    identification (``pdfuaid:part`` 1); ``description`` as the document information's
    subject says it."""
    from html import escape

    return "\n".join((
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '  <rdf:Description rdf:about=""',
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>',
        f"   <dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>",
        *([f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(description)}</rdf:li></rdf:Alt>'
           "</dc:description>"] if description else []),
        "   <dc:format>application/pdf</dc:format>",
        f"   <pdf:Producer>{escape(producer)}</pdf:Producer>",
        f"   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>",
        "   <pdfuaid:part>1</pdfuaid:part>",
        "  </rdf:Description>",
        " </rdf:RDF>",
        "</x:xmpmeta>",
    ))
