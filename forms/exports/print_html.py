"""The printable document as an HTML fragment: what "Tulosta" prints (the letter, the memo).

The page puts it into its print area and prints it, so the paper is the same document as the
PDF: the letter, not the worker's form. The fragment has no scripts, styles or links, so it obeys
the page's Content Security Policy as it is. It is built as ElementTree elements and written with
ElementTree's HTML serialiser, so every text is escaped and no markup is spelled in strings; the
HTML copy of a paper (:mod:`forms.exports.html_file`) puts the same elements into a page.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from forms.contracts import attribute
from forms.exports.document import (CHECKED, UNCHECKED, Bullets, Checklist, Document, Heading, KeyFacts, Pairs, Para,
                                    Table, documents_for, expanded, label_text, value_below)
from forms.model import FormDef


def _el(parent: ET.Element, tag: str, text: str = "", cls: str = "", lang: str = "") -> ET.Element:
    """A child element holding ``text`` (its lines apart by ``<br>``), with its class and language."""
    attrs = {k: v for k, v in (("class", cls), ("lang", lang)) if v}
    el = ET.SubElement(parent, tag, attrs)
    lines = text.strip("\n").split("\n") if text else []
    el.text = lines[0] if lines else None
    for line in lines[1:]:
        ET.SubElement(el, "br").tail = line
    return el


def _dl(parent: ET.Element, items, cls: str = "", lang: str = "", below: bool = False, langs=()) -> None:
    """Label–value lines: a ``<div>`` of ``<dt>`` and ``<dd>`` each; ``lang``: the values' language,
    or ``langs``: each value's ("" for the document's); ``below``: a long value under its label
    (class ``print-document__below``)."""
    dl = _el(parent, "dl", cls=cls)
    for i, (label, value) in enumerate(items):
        row = _el(dl, "div", cls="print-document__below" if below and label and value_below(label, value) else "")
        _el(row, "dt", label_text(label) if label else "").tail = " "
        _el(row, "dd", value, lang=langs[i] if i < len(langs) else lang)


def document_element(doc: Document, size: float | None = None) -> ET.Element:
    """One document as an ``<article>``. ``size``: the body text's size in points when not the
    usual (a letter made to fit one page, as its PDF is)."""
    article = ET.Element("article", {"class": "print-document", "lang": doc.lang})
    if size:
        article.set(attribute("size"), f"{size:g}")  # print_document.css sizes the text by it
    if doc.address:
        # Where a window envelope shows it (print_document.css places it as the PDF does).
        box = _el(article, "div", cls="print-document__address", lang=doc.address.lang)
        _el(box, "p", "\n".join(doc.address.sender), cls="print-document__sender")
        _el(box, "p", "\n".join(doc.address.recipient), cls="print-document__recipient")
    _el(article, "p", doc.confidential_heading, cls="print-document__mark")
    _el(article, "h1", doc.title)
    for b in expanded(doc.blocks):
        if isinstance(b, Heading):
            _el(article, f"h{b.level + 1}", b.text)
        elif isinstance(b, Para):
            _el(article, "p", b.text, cls="print-document__keep" if b.keep else "", lang=b.lang)
        elif isinstance(b, KeyFacts):
            facts = _el(article, "section", cls="print-document__facts")
            _el(_el(facts, "p", cls="print-document__facts-title"), "strong", b.title)
            _dl(facts, b.items, langs=b.langs)
        elif isinstance(b, Pairs):
            # The values' language (typed text quoted as typed); the labels are the document's.
            _dl(article, b.items, cls="print-document__pairs", lang=b.lang, below=True)
        elif isinstance(b, Table):
            table = _el(article, "table")
            _el(table, "caption", b.title)
            head = _el(_el(table, "thead"), "tr")
            for h in b.headers:
                _el(head, "th", h).set("scope", "col")
            body = _el(table, "tbody", lang=b.lang)
            for r in b.rows:
                row = _el(body, "tr")
                for c in r:
                    _el(row, "td", c)
        elif isinstance(b, Bullets):
            items = _el(article, "ul")
            for i, text in enumerate(b.items):
                _el(items, "li", text, lang=b.lang_of(i))
        elif isinstance(b, Checklist):
            items = _el(article, "ul", cls="print-document__checks")
            for c, t in b.items:
                _el(items, "li", f"{CHECKED if c else UNCHECKED} {t}")
    _el(article, "p", doc.confidential, cls="print-document__mark")
    return article


def render_html(doc: Document, size: float | None = None) -> str:
    return ET.tostring(document_element(doc, size), encoding="unicode", method="html")


def document_elements(docs: list[Document]) -> list[ET.Element]:
    """Documents one after another. A letter is printed as its PDF is made to fit one page: the
    same smaller text, the same asides left out."""
    out = []
    for doc in docs:
        size = None
        if doc.one_page:
            from forms.exports.pdf import BODY, fitted

            doc, (points, _) = fitted(doc)
            size = points if points != BODY[0] else None
        out.append(document_element(doc, size))
    return out


def print_html(form: FormDef, state: dict) -> str:
    """The record, or the invitation's letters (each on its own pages)."""
    return "".join(ET.tostring(el, encoding="unicode", method="html")
                   for el in document_elements(documents_for(form, state)))
