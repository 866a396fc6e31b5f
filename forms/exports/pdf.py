"""PDF with fpdf2 and an embedded DejaVu Sans subset (Finnish, Swedish, Cyrillic).

The fonts are built by ``python -m forms._build_fonts`` into ``forms/fonts/``. Characters the
font lacks (emoji, Arabic, Hebrew …) are replaced by U+FFFD so nothing crashes; the JSON export
keeps the original text. fpdf2 does no bidi/shaping without uharfbuzz, which Pyodide lacks.

Every PDF is tagged (PDF/UA-1, :mod:`forms.exports.pdf_tags`): its structure follows the
document model (the title ``H1``, a heading ``H2``/``H3`` as the print's ``h2``/``h3``, a
paragraph ``P``, label–value lines and lists ``L``/``LI``/``Lbl``/``LBody``, a table ``Table``
with its ``Caption``, ``TH`` with ``/Scope`` and ``TD``, a chart ``Figure`` with ``/Alt``), in the
order it is read; the page marks (the confidentiality mark, page numbers) and frames are
artifacts; each letter of several says its language.
"""
from __future__ import annotations

import re
from contextlib import nullcontext
from importlib import resources

import dataclasses

from forms.exports.document import (CHECKED, UNCHECKED, WINDOW, Aside, Bars, Bullets, Checklist, Document, Heading, KeyFacts,
                                    Letter, Lines, Pairs, Para, Table, documents_for, expanded, label_text, named_by,
                                    value_below)
from forms.exports.pdf_tags import Tags, TaggedTable, Untagged, xmp
from forms.model import FormDef

FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
REPLACEMENT = "\ufffd"


def _add_font(pdf, style: str, name: str) -> None:
    ref = resources.files("forms").joinpath("fonts", name)
    if not ref.is_file():
        raise RuntimeError(f"{ref}: the PDF font is missing; run python -m forms._build_fonts")
    with resources.as_file(ref) as path:
        pdf.add_font("DejaVu", style, str(path))


def render_pdf(doc: Document | list[Document], named: Document | None = None) -> bytes:
    """One document, or several (the invitation in each invitee's language): each starts on a
    new page with its own marks, and its pages are numbered on their own ("sivu 1/1" in each
    letter), so each can be printed and posted alone. The page counts of several documents
    come from a first, discarded rendering. ``named``: the document whose title and language
    the file has (the first's without it); each of several keeps its own language."""
    docs = [fitted(d) for d in (doc if isinstance(doc, list) else [doc])]
    sizes = [size for _, size in docs]
    docs = [d for d, _ in docs]
    if len(docs) == 1:
        return _render(docs, None, sizes=sizes, named=named)
    counts = [_render([d], None, count_only=True, sizes=[size]) for d, size in zip(docs, sizes)]
    return _render(docs, counts, sizes=sizes, named=named)


#: The body text's size and line height (pt, mm), and a letter's steps down from it: a letter
#: (the window envelope's address field takes a third of a posted one's first page) gets a
#: little smaller text, as little as keeps it on one page.
BODY = (10.5, 5.2)
STEPS = ((10.5, 5.2), (10, 4.8), (9.5, 4.5))


def fitted(doc: Document) -> tuple[Document, tuple[float, float]]:
    """The document and its body size. A letter is made to fit one page: a smaller text first,
    then without its asides (background the reader can do without); too long even then, it
    keeps everything at the usual size, on two pages."""
    if not doc.one_page:
        return doc, BODY
    short = dataclasses.replace(doc, blocks=[b for b in doc.blocks if not isinstance(b, Aside)])
    for candidate in (doc, short):
        for size in STEPS:
            if _render([candidate], None, count_only=True, sizes=[size]) == 1:
                return candidate, size
    return doc, BODY


def _render(docs: list[Document], counts: list[int] | None, count_only: bool = False,
            sizes: list[tuple[float, float]] | None = None, named: Document | None = None):
    from fpdf import FPDF

    # The document whose page is being drawn; a new document takes over at its first page's
    # header, after fpdf2 has drawn the previous page's footer.
    current = {"doc": docs[0], "first_page": 1, "index": 0}
    starting = dict(current)

    class _PDF(FPDF):
        # The page marks are artifacts; content running onto the next page goes on after them.
        def header(self):
            current.update(starting)
            with tags.artifact("Pagination", "Header"):
                self.set_font("DejaVu", "B", 8)
                self.set_text_color(90, 90, 90)
                self.cell(0, 5, current["doc"].confidential_heading, align="R", new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(0, 0, 0)
            self.ln(3)
            tags.page_begins()

        def footer(self):
            tags.page_ends()
            self.set_y(-13)
            with tags.artifact("Pagination", "Footer"):
                self.set_font("DejaVu", "", 8)
                self.set_text_color(90, 90, 90)
                d = current["doc"]
                pages = counts[current["index"]] if counts else "{nb}"
                text = d.messages("document.page", mark=d.confidential,
                                  page=self.page_no() - current["first_page"] + 1, pages=pages)
                self.cell(0, 5, text, align="C")
                self.set_text_color(0, 0, 0)

    pdf = _PDF(format="A4", unit="mm")
    first = named or docs[0]
    tags = Untagged() if count_only else Tags(pdf, first.lang)
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=18)
    _add_font(pdf, "", FONT_REGULAR)
    _add_font(pdf, "B", FONT_BOLD)
    known = set.intersection(*(set(f.cmap) for k, f in pdf.fonts.items() if k.startswith("dejavu")))
    known.add(10)

    def t(text: str) -> str:
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
        return "".join(ch if ord(ch) in known else REPLACEMENT for ch in text)

    from fpdf.prefs import ViewerPreferences

    pdf.set_lang(first.lang)
    pdf.set_title(first.title)
    pdf.set_subject(first.confidential)
    pdf.set_creator(first.messages("document.creator"))
    pdf.set_producer("fpdf2")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_xmp_metadata(xmp(first.title, first.lang, first.messages("document.creator"), "fpdf2", first.confidential))
    width = pdf.epw

    # Left-aligned (fpdf2 justifies multi_cell by default: wide gaps in short lines) and tight
    # enough that a typical invitation letter fits on one A4 page. A posted letter gives the
    # window envelope's address field a third of its first page: its text is a little smaller.
    body = {"size": 10.5, "h": 5.2}

    def bookmark(text: str, role: str, elem):
        """A heading is also a bookmark (the title at the top level), which leads to its element."""
        tags.bookmark(t(text), int(role[1]) - 1, elem)

    def line(text: str, bold: bool = False, size: float | None = None, h: float | None = None, role: str = "P",
             lang: str = ""):
        pdf.set_font("DejaVu", "B" if bold else "", size or body["size"])
        with tags.tag(role, lang=lang) as elem:
            if role in ("H1", "H2", "H3"):
                bookmark(text, role, elem)
            pdf.multi_cell(width, h or body["h"], t(text), new_x="LMARGIN", new_y="NEXT", align="L")

    def pair(label: str, value: str, lang: str = ""):
        """A label–value line: a list item, its label the ``Lbl``, its value the ``LBody``."""
        value = value.strip("\n")
        size, h = body["size"], body["h"]
        with tags.elem("LI"):
            if label:
                pdf.set_font("DejaVu", "B", size)
                with tags.tag("Lbl"):
                    pdf.write(h, t(label_text(label)) + " ")
                if value_below(label, value):
                    pdf.ln(h)
            pdf.set_font("DejaVu", "", size)
            with tags.tag("LBody", lang=lang):
                pdf.write(h, t(value))
        pdf.ln(h + 1.2)

    def item(marker: str, text: str, bold: bool = False, lang: str = ""):
        """A list item with a hanging indent: the marker, then the text aligned beside it;
        ``lang``: the text's language when not the document's."""
        pdf.set_font("DejaVu", "B" if bold else "", body["size"])
        with tags.elem("LI"):
            with tags.tag("Lbl"):
                pdf.cell(6, body["h"], t(marker))
            with tags.tag("LBody", lang=lang):
                pdf.multi_cell(width - 6, body["h"], t(text), new_x="LMARGIN", new_y="NEXT", align="L")

    def address(doc: Document):
        """The sender above, the reader's name and address in the window of a C5/C4 window
        envelope (:data:`WINDOW`, the Finnish letter standard's address field); the letter
        goes on below the window."""
        a = doc.address
        left, window_w = WINDOW["left"], WINDOW["width"]
        pdf.set_xy(left, WINDOW["sender_top"])
        pdf.set_font("DejaVu", "", 8.5)
        with tags.tag("P", lang=a.lang):
            pdf.multi_cell(window_w, 4, t("\n".join(a.sender)), new_x="LEFT", new_y="NEXT", align="L")
        pdf.set_xy(left, WINDOW["top"])
        pdf.set_font("DejaVu", "", 11)
        with tags.tag("P", lang=a.lang):
            pdf.multi_cell(window_w, 5.5, t("\n".join(a.recipient)), new_x="LMARGIN", new_y="NEXT", align="L")
        # The letter's name in the standard's right column, beside the address field (read
        # after the address, as the print has it).
        column = left + window_w + 8
        pdf.set_xy(column, WINDOW["sender_top"])
        pdf.set_font("DejaVu", "B", 14)
        with tags.tag("H1") as elem:
            bookmark(doc.title, "H1", elem)
            pdf.multi_cell(pdf.w - pdf.r_margin - column, 7, t(doc.title), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_y(WINDOW["top"] + WINDOW["height"] + 2)

    def facts(b: KeyFacts):
        """The opening box: a frame with a bar on its left, short label–value lines inside."""
        top = pdf.get_y()
        pad = 4
        pdf.set_left_margin(pdf.l_margin + pad)
        pdf.set_right_margin(pdf.r_margin + pad)
        pdf.set_y(top + 2.5)
        pdf.set_font("DejaVu", "B", 11)
        with tags.elem("Div"):
            with tags.tag("P"):
                pdf.multi_cell(pdf.epw, 6, t(b.title), new_x="LMARGIN", new_y="NEXT", align="L")
            with tags.elem("L"):
                for i, (label, value) in enumerate(b.items):
                    with tags.elem("LI"):
                        pdf.set_font("DejaVu", "B", body["size"])
                        with tags.tag("Lbl"):
                            pdf.write(body["h"] + 0.2, t(label_text(label)) + " ")
                        pdf.set_font("DejaVu", "", body["size"])
                        with tags.tag("LBody", lang=b.lang_of(i)):
                            pdf.write(body["h"] + 0.2, t(value.strip().replace("\n", " ")))
                    pdf.ln(body["h"] + 0.6)
        bottom = pdf.get_y() + 1.5
        pdf.set_left_margin(pdf.l_margin - pad)
        pdf.set_right_margin(pdf.r_margin - pad)
        with tags.artifact():
            pdf.set_draw_color(60, 60, 60)
            pdf.set_line_width(0.4)
            pdf.rect(pdf.l_margin, top, width, bottom - top)
            pdf.set_fill_color(60, 60, 60)
            pdf.rect(pdf.l_margin, top, 1.6, bottom - top, style="F")
            pdf.set_fill_color(255, 255, 255)
        pdf.set_y(bottom + 3)

    def keep_with_next(room: float = 28):
        """A heading or caption never ends a page: start a new one if what follows cannot fit."""
        if pdf.get_y() > pdf.h - pdf.b_margin - room:
            pdf.add_page()

    def table(b: Table):
        """A table with a header row (repeated on a new page), ruled between rows; each
        column as wide as its longest line needs, within limits, so names stay on one line."""
        from fpdf.fonts import FontFace

        pdf.set_font("DejaVu", "B", 9.5)  # the headers' font, the wider one

        def need(texts, parts) -> float:
            return max(pdf.get_string_width(t(x)) for text in texts for x in parts(text) or [""]) + 4

        columns = [[h, *(r[i] for r in b.rows)] for i, h in enumerate(b.headers)]
        # At least the longest word (never broken inside a word), the rest shared in proportion
        # to how much more each column would take to have every cell on one line.
        least = [need(c, str.split) for c in columns]
        most = [max(lo, need(c, lambda x: x.split("\n"))) for c, lo in zip(columns, least)]
        spare, wanted = width - sum(least), sum(most) - sum(least)
        widths = (most if spare >= wanted else least if spare <= 0 else
                  [lo + spare * (hi - lo) / wanted for lo, hi in zip(least, most)])
        pdf.set_font("DejaVu", "", 9.5)
        # A first column that stands without its header names its row (as the print's
        # feedback tables have it).
        grid = TaggedTable(pdf, tags, row_headers=b.bare_first, body_lang=b.lang,
                           width=width, col_widths=widths, align="LEFT", text_align="LEFT", line_height=4.8,
                           borders_layout="HORIZONTAL_LINES", padding=(1.2, 1.5), v_align="TOP",
                           headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
                           repeat_headings=1)
        for cells in [b.headers, *b.rows]:
            row = grid.row()
            for c in cells:
                row.cell(t(c.strip("\n")))
        grid.render()
        pdf.ln(3)

    def bars(b: Bars):
        """Stacked bars with fpdf2's rectangles (a chart library's SVG would need CSS that
        fpdf2's SVG reader does not apply): label left, bar right, legend below."""
        keep_with_next(22 + 9 * len(b.rows))
        line(b.title, bold=True, size=11, h=6.5)
        with tags.tag("Figure", alt=b.alt or b.title):
            label_w = width * 0.42
            bar_w = width - label_w
            colours = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for _, c in b.legend]
            for label, parts in b.rows:
                top = pdf.get_y()
                pdf.set_font("DejaVu", "", 9)
                pdf.multi_cell(label_w - 3, 4.2, t(label), new_x="LMARGIN", new_y="NEXT", align="L")
                bottom = pdf.get_y()
                x = pdf.l_margin + label_w
                for part, colour in zip(parts, colours):
                    pdf.set_fill_color(*colour)
                    if part > 0:
                        pdf.rect(x, top + 0.5, bar_w * part / 100, 6, style="F")
                    x += bar_w * part / 100
                pdf.set_y(max(bottom, top + 7.5) + 1)
            pdf.set_font("DejaVu", "", 8.5)
            for (words, _), colour in zip(b.legend, colours):
                if pdf.get_x() + 5 + pdf.get_string_width(t(words)) > pdf.w - pdf.r_margin:
                    pdf.ln(5.5)
                pdf.set_fill_color(*colour)
                pdf.rect(pdf.get_x(), pdf.get_y() + 1, 3.5, 3.5, style="F")
                pdf.set_x(pdf.get_x() + 5)
                pdf.cell(pdf.get_string_width(t(words)) + 5, 5.5, t(words))
            pdf.ln(8)
            pdf.set_fill_color(255, 255, 255)

    def lines(b: Lines):
        """A line per series over the x labels (fpdf2's lines), the scale's values at the left,
        a legend below with each series' colour."""
        height = 55
        legend_h = 5.2 * len(b.series)
        keep_with_next(height + legend_h + 20)
        line(b.title, bold=True, size=11, h=6.5)
        with tags.tag("Figure", alt=b.alt or b.title):
            pdf.set_font("DejaVu", "", 8.5)
            left = pdf.l_margin + 8
            top = pdf.get_y() + 2
            plot_w = width - 8
            step = plot_w / max(len(b.x_labels), 1)

            def y_of(v):
                return top + height * (b.high - v) / (b.high - b.low)

            pdf.set_draw_color(200, 200, 200)
            pdf.set_line_width(0.2)
            for v in range(int(b.low), int(b.high) + 1):
                pdf.line(left, y_of(v), left + plot_w, y_of(v))
                pdf.text(pdf.l_margin + 2, y_of(v) + 1.2, str(v))
            for i, label in enumerate(b.x_labels):
                x = left + step * (i + 0.5)
                text = t(label)
                pdf.text(x - pdf.get_string_width(text) / 2, top + height + 5, text)
            pdf.set_line_width(0.7)
            for (_, values), colour in zip(b.series, b.colours):
                rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
                pdf.set_draw_color(*rgb)
                pdf.set_fill_color(*rgb)
                points = [(left + step * (i + 0.5), y_of(v)) for i, v in enumerate(values) if v is not None]
                for a, c in zip(points, points[1:]):
                    pdf.line(*a, *c)
                for x, y in points:
                    pdf.ellipse(x - 0.9, y - 0.9, 1.8, 1.8, style="F")
            pdf.set_y(top + height + 9)
            for (words, _), colour in zip(b.series, b.colours):
                rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
                pdf.set_fill_color(*rgb)
                pdf.rect(pdf.l_margin, pdf.get_y() + 1.2, 6, 2.2, style="F")
                pdf.set_x(pdf.l_margin + 8)
                pdf.multi_cell(width - 8, 5.2, t(words), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(4)
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.2)
            pdf.set_fill_color(255, 255, 255)

    def draw(doc: Document):
        """One document's title and blocks, in reading order."""
        if doc.address:
            address(doc)
        else:
            pdf.set_font("DejaVu", "B", 16)
            with tags.tag("H1") as elem:
                bookmark(doc.title, "H1", elem)
                pdf.multi_cell(width, 8, t(doc.title), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(2)
        for b in expanded(doc.blocks):
            if isinstance(b, Heading):
                keep_with_next()
                pdf.ln(1.2 if b.level == 1 else 0.6)
                line(b.text, bold=True, size=12 if b.level == 1 else body["size"], h=6.5 if b.level == 1 else 5.6,
                     role=f"H{b.level + 1}")
                pdf.ln(0.3)
            elif isinstance(b, Para):
                if b.keep:
                    pdf.set_font("DejaVu", "", body["size"])
                    wrapped = pdf.multi_cell(width, body["h"], t(b.text), dry_run=True, output="LINES")
                    keep_with_next(len(wrapped) * body["h"] + 2)
                line(b.text, lang=b.lang)
                pdf.ln(1.4)
            elif isinstance(b, KeyFacts):
                facts(b)
            elif isinstance(b, Pairs):
                with tags.elem("L"):
                    for label, value in b.items:
                        pair(label, value, lang=b.lang)
            elif isinstance(b, Table):
                keep_with_next(22)
                with tags.elem("Table"):
                    line(b.title, bold=True, size=11, h=6.5, role="Caption")
                    table(b)
            elif isinstance(b, Bars):
                bars(b)
            elif isinstance(b, Lines):
                lines(b)
            elif isinstance(b, Bullets):
                with tags.elem("L"):
                    for i, text in enumerate(b.items):
                        item("\u2022", text, lang=b.lang_of(i))
                pdf.ln(1.5)
            elif isinstance(b, Checklist):
                with tags.elem("L"):
                    for checked, text in b.items:
                        item(CHECKED if checked else UNCHECKED, text)
                pdf.ln(1.5)

    for index, doc in enumerate(docs):
        starting.update(doc=doc, index=index, first_page=pdf.page_no() + 1)
        pdf.add_page()
        body["size"], body["h"] = sizes[index] if sizes else BODY
        # A posted letter's text may run closer to the footer (its marks stay clear of it).
        pdf.set_auto_page_break(True, margin=15 if doc.address else 18)
        # Several letters: each a part in its own language.
        with tags.elem("Part", lang=doc.lang) if len(docs) > 1 else nullcontext():
            draw(doc)
    if count_only:
        return pdf.page_no()
    return bytes(pdf.output())


def export_pdf(form: FormDef, state: dict, letter: Letter | None = None) -> bytes:
    """The record, or the invitation's letters (each reader by post their own, one per language
    for the others), or only the one ``letter``."""
    docs = documents_for(form, state, letter=letter)
    return render_pdf(docs, named_by(form, state, docs))
