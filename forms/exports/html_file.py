"""The paper as one self-contained HTML file: the letters or the memo as "Tulosta" prints them
(:mod:`forms.exports.print_html` renders the same documents), in a page of their own.

The format screen readers handle best and one that opens on any phone: real headings, lists and
tables with header cells, ``lang`` on the page and on each letter (and on each part in another
language), the document's title as the page's title, the confidentiality mark. Nothing is
fetched and nothing runs: no scripts, no links to other files; the look is the printed
document's own CSS (:mod:`forms.exports.print_css`, print styles with each page's mark
included) inlined, and a Content Security Policy that allows inline styles only says so to the
browser. The page's frame is built with ElementTree (no markup written as strings here). The phone numbers
and e-mail addresses typed into the form's phone and e-mail fields are links (``tel:``,
``mailto:``) where the text shows them, so that a reader on a phone can call or write by tapping.
"""
from __future__ import annotations

import re
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
    main = ET.SubElement(body, "main", {"class": "print-area"})
    main.extend(document_elements(docs))
    _link_contacts(main, contacts(form, state))
    page = ET.tostring(root, encoding="unicode", method="html")
    return ("<!DOCTYPE html>\n" + page + "\n").encode("utf-8")


#: The field types whose typed values become links, and how.
SCHEMES = {"tel": lambda value: "tel:" + re.sub(r"[^\d+]", "", value), "email": lambda value: "mailto:" + value}


def contacts(form: FormDef, state: dict) -> dict[str, str]:
    """The phone numbers and e-mail addresses typed into the form (also in rows) -> their
    links, longest first."""
    found: dict[str, str] = {}
    for f in form.fields():
        rows = state.get(f.name) if f.is_group else [state]
        for row in rows if isinstance(rows, list) else []:
            for field in (f.fields if f.is_group else (f,)):
                value = row.get(field.name) if isinstance(row, dict) else None
                if field.type in SCHEMES and isinstance(value, str) and len(value.strip()) >= 3:
                    found[value.strip()] = SCHEMES[field.type](value.strip())
    return dict(sorted(found.items(), key=lambda item: len(item[0]), reverse=True))


def _link_contacts(element: ET.Element, links_of: dict[str, str]) -> None:
    """Wrap each typed contact where it appears in the text under ``element`` in its link
    (never inside a link). Matches the typed text itself, not a pattern guessed at."""
    if not links_of:
        return
    pattern = re.compile("|".join(re.escape(n) for n in links_of))

    def links(text: str) -> tuple[str, list[ET.Element]]:
        made: list[ET.Element] = []
        head, last = text, 0
        for match in pattern.finditer(text):
            if not made:
                head = text[:match.start()]
            else:
                made[-1].tail = text[last:match.start()]
            a = ET.Element("a", href=links_of[match.group()])
            a.text = match.group()
            made.append(a)
            last = match.end()
        if made:
            made[-1].tail = text[last:]
        return head, made

    def walk(el: ET.Element) -> None:
        for child in list(el):
            if child.tag != "a":
                walk(child)
            if child.tail:
                child.tail, made = links(child.tail)
                at = list(el).index(child) + 1
                for offset, a in enumerate(made):
                    el.insert(at + offset, a)
        if el.text and el.tag != "a":
            el.text, made = links(el.text)
            for offset, a in enumerate(made):
                el.insert(offset, a)

    walk(element)
