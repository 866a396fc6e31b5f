"""PDF with fpdf2 and an embedded DejaVu Sans subset (Finnish, Swedish, Cyrillic).

The fonts are built by ``python -m forms._build_fonts`` into ``forms/fonts/``. Characters the
font lacks (emoji, Arabic, Hebrew …) are replaced by U+FFFD so nothing crashes; the JSON export
keeps the original text. fpdf2 does no bidi/shaping without uharfbuzz, which Pyodide lacks.
"""
from __future__ import annotations

import re
from importlib import resources

from forms.exports.document import (CHECKED, UNCHECKED, Bars, Bullets, Checklist, Document, Heading, Pairs, Para, Table, documents_for,
                       label_text, value_below)
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


def render_pdf(doc: Document | list[Document]) -> bytes:
    """One document, or several (the invitation in each invitee's language): each starts on a
    new page with its own marks, and its pages are numbered on their own ("sivu 1/1" in each
    letter), so each can be printed and posted alone. The page counts of several documents
    come from a first, discarded rendering."""
    docs = doc if isinstance(doc, list) else [doc]
    if len(docs) == 1:
        return _render(docs, None)
    counts = [_render([d], None, count_only=True) for d in docs]
    return _render(docs, counts)


def _render(docs: list[Document], counts: list[int] | None, count_only: bool = False):
    from fpdf import FPDF

    # The document whose page is being drawn; a new document takes over at its first page's
    # header, after fpdf2 has drawn the previous page's footer.
    current = {"doc": docs[0], "first_page": 1, "index": 0}
    starting = dict(current)

    class _PDF(FPDF):
        def header(self):
            current.update(starting)
            self.set_font("DejaVu", "B", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, current["doc"].confidential.upper(), align="R", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            self.ln(3)

        def footer(self):
            self.set_y(-13)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            d = current["doc"]
            pages = counts[current["index"]] if counts else "{nb}"
            text = d.messages("document.page", mark=d.confidential,
                              page=self.page_no() - current["first_page"] + 1, pages=pages)
            self.cell(0, 5, text, align="C")
            self.set_text_color(0, 0, 0)

    pdf = _PDF(format="A4", unit="mm")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=18)
    _add_font(pdf, "", FONT_REGULAR)
    _add_font(pdf, "B", FONT_BOLD)
    known = set.intersection(*(set(f.cmap) for k, f in pdf.fonts.items() if k.startswith("dejavu")))
    known.add(10)

    def t(text: str) -> str:
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
        return "".join(ch if ord(ch) in known else REPLACEMENT for ch in text)

    first = docs[0]
    pdf.set_lang(first.lang)
    pdf.set_title(first.title)
    pdf.set_subject(first.confidential)
    pdf.set_creator(first.messages("document.creator"))
    pdf.set_producer("fpdf2")
    width = pdf.epw

    # Left-aligned (fpdf2 justifies multi_cell by default: wide gaps in short lines) and tight
    # enough that a typical invitation letter fits on one A4 page.
    def line(text: str, bold: bool = False, size: float = 10.5, h: float = 5.2):
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(width, h, t(text), new_x="LMARGIN", new_y="NEXT", align="L")

    def pair(label: str, value: str):
        value = value.strip("\n")
        if label:
            pdf.set_font("DejaVu", "B", 10.5)
            pdf.write(5.2, t(label_text(label)) + " ")
            if value_below(label, value):
                pdf.ln(5.2)
        pdf.set_font("DejaVu", "", 10.5)
        pdf.write(5.2, t(value))
        pdf.ln(6.4)

    def item(marker: str, text: str, bold: bool = False):
        """A list item with a hanging indent: the marker, then the text aligned beside it."""
        pdf.set_font("DejaVu", "B" if bold else "", 10.5)
        pdf.cell(6, 5.2, t(marker))
        pdf.multi_cell(width - 6, 5.2, t(text), new_x="LMARGIN", new_y="NEXT", align="L")

    def keep_with_next(room: float = 28):
        """A heading or caption never ends a page: start a new one if what follows cannot fit."""
        if pdf.get_y() > pdf.h - pdf.b_margin - room:
            pdf.add_page()

    def bars(b: Bars):
        """Stacked bars with fpdf2's rectangles (a chart library's SVG would need CSS that
        fpdf2's SVG reader does not apply): label left, bar right, legend below."""
        keep_with_next(22 + 9 * len(b.rows))
        line(b.title, bold=True, size=11, h=6.5)
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

    for index, doc in enumerate(docs):
        starting.update(doc=doc, index=index, first_page=pdf.page_no() + 1)
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 16)
        pdf.multi_cell(width, 8, t(doc.title), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2)
        for b in doc.blocks:
            if isinstance(b, Heading):
                keep_with_next()
                pdf.ln(1.2)
                line(b.text, bold=True, size=12, h=6.5)
                pdf.ln(0.3)
            elif isinstance(b, Para):
                if b.keep:
                    pdf.set_font("DejaVu", "", 10.5)
                    lines = pdf.multi_cell(width, 5.2, t(b.text), dry_run=True, output="LINES")
                    keep_with_next(len(lines) * 5.2 + 2)
                line(b.text)
                pdf.ln(1.4)
            elif isinstance(b, Pairs):
                for label, value in b.items:
                    pair(label, value)
            elif isinstance(b, Table):
                keep_with_next(22)
                line(b.title, bold=True, size=11, h=6.5)
                for i, row in enumerate(b.rows, 1):
                    parts = [(h, v) for h, v in zip(b.headers, row) if v.strip()]
                    if not parts:
                        continue
                    first = parts[0][1] if b.bare_first else f"{label_text(parts[0][0])} {parts[0][1]}"
                    item(f"{i}.", first, bold=True)
                    for h, v in parts[1:]:
                        pdf.set_x(pdf.l_margin + 6)
                        pdf.set_font("DejaVu", "", 10.5)
                        pdf.multi_cell(width - 6, 5.5, t(f"{label_text(h)} {v}"), new_x="LMARGIN", new_y="NEXT", align="L")
                    pdf.ln(1.5)
                pdf.ln(1)
            elif isinstance(b, Bars):
                bars(b)
            elif isinstance(b, Bullets):
                for text in b.items:
                    item("\u2022", text)
                pdf.ln(1.5)
            elif isinstance(b, Checklist):
                for checked, text in b.items:
                    item(CHECKED if checked else UNCHECKED, text)
                pdf.ln(1.5)
    if count_only:
        return pdf.page_no()
    return bytes(pdf.output())


def export_pdf(form: FormDef, state: dict) -> bytes:
    """The record, or the invitation in every invitee's language (one letter each)."""
    return render_pdf(documents_for(form, state))
