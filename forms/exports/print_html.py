"""The printable document as an HTML fragment: what "Tulosta" prints (the letter, the memo).

The page puts it into its print area and prints it, so the paper is the same document as the
PDF: the letter, not the worker's form. Every text is escaped; the fragment has no scripts,
styles or links, so it obeys the page's Content Security Policy as it is.
"""
from __future__ import annotations

from html import escape

from forms.exports.document import (CHECKED, UNCHECKED, Bullets, Checklist, Document, Heading, Pairs, Para, Table, documents_for,
                       label_text, value_below)
from forms.model import FormDef


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.strip("\n").split("\n"))


def render_html(doc: Document) -> str:
    out = [f'<article class="print-document" lang="{doc.lang}">',
           f'<p class="print-document__mark">{escape(doc.confidential.upper())}</p>',
           f"<h1>{escape(doc.title)}</h1>"]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(f"<h2>{escape(b.text)}</h2>")
        elif isinstance(b, Para):
            out.append(f'<p class="print-document__keep">{_lines(b.text)}</p>' if b.keep else f"<p>{_lines(b.text)}</p>")
        elif isinstance(b, Pairs):
            out.append('<dl class="print-document__pairs">')
            for label, value in b.items:
                cls = ' class="print-document__below"' if label and value_below(label, value) else ""
                out.append(f"<div{cls}><dt>{escape(label_text(label)) if label else ''}</dt> "
                           f"<dd>{_lines(value)}</dd></div>")
            out.append("</dl>")
        elif isinstance(b, Table):
            head = "".join(f'<th scope="col">{escape(h)}</th>' for h in b.headers)
            rows = "".join("<tr>" + "".join(f"<td>{_lines(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            out.append(f"<table><caption>{escape(b.title)}</caption><thead><tr>{head}</tr></thead>"
                       f"<tbody>{rows}</tbody></table>")
        elif isinstance(b, Bullets):
            out.append("<ul>" + "".join(f"<li>{_lines(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Checklist):
            out.append('<ul class="print-document__checks">' + "".join(
                f"<li>{CHECKED if c else UNCHECKED} {_lines(t)}</li>" for c, t in b.items) + "</ul>")
    out.append(f'<p class="print-document__mark">{escape(doc.confidential)}</p>')
    out.append("</article>")
    return "".join(out)


def print_html(form: FormDef, state: dict) -> str:
    """The record, or the invitation in every invitee's language (each letter on its own pages)."""
    return "".join(render_html(d) for d in documents_for(form, state))
