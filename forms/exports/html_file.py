"""The paper as one self-contained HTML file: the letters or the memo as "Tulosta" prints them
(:mod:`forms.exports.print_html` renders the same documents), in a page of their own.

The format screen readers handle best and one that opens on any phone: real headings, lists and
tables with header cells, ``lang`` on the page and on each letter (and on each part in another
language), the document's title as the page's title, the confidentiality mark. Nothing is
fetched and nothing runs: no scripts, no links to other files; the look is the printed
document's own CSS (:mod:`forms.exports.print_css`, print styles with each page's mark
included) inlined, and a Content Security Policy that allows inline styles only says so to the
browser. The page's frame is built with ElementTree (no markup written as strings here).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from forms.contracts import attribute
from forms.exports.document import Letter, documents_for, named_by
from forms.exports.print_css import document_css, marks_css
from forms.exports.print_html import document_elements
from forms.model import FormDef

#: What the file may load: nothing but its own inline styles.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def export_html(form: FormDef, state: dict, letter: Letter | None = None) -> bytes:
    """The record, or the invitation's letters (each reader by post their own, one per language
    for the others), or only the one ``letter``: UTF-8 bytes of one HTML document."""
    docs = documents_for(form, state, letter=letter)
    codes = list(dict.fromkeys(doc.lang for doc in docs))
    named = named_by(form, state, docs)
    # The print area's classes and state, so the printed document's CSS applies as on the page.
    root = ET.Element("html", {"lang": named.lang, attribute("printing"): "document"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "meta", charset="utf-8")
    ET.SubElement(head, "meta", {"http-equiv": "Content-Security-Policy", "content": POLICY})
    ET.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    ET.SubElement(head, "meta", name="referrer", content="no-referrer")
    ET.SubElement(head, "title").text = named.title
    ET.SubElement(head, "style").text = "\n" + document_css() + marks_css(codes)
    body = ET.SubElement(root, "body", {"class": "paper-file"})
    ET.SubElement(body, "main", {"class": "print-area"}).extend(document_elements(docs))
    page = ET.tostring(root, encoding="unicode", method="html")
    return ("<!DOCTYPE html>\n" + page + "\n").encode("utf-8")
