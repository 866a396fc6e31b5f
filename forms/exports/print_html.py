"""The printable document as an HTML fragment: what "Tulosta" prints (the letter, the memo).

The page puts it into its print area and prints it, so the paper is the same document as the
PDF: the letter, not the worker's form. Every text is escaped; the fragment has no scripts,
styles or links, so it obeys the page's Content Security Policy as it is.
"""
from __future__ import annotations

from html import escape

from forms.exports.document import (CHECKED, UNCHECKED, Bullets, Checklist, Document, Heading, KeyFacts, Pairs, Para,
                                    Table, documents_for, expanded, label_text, value_below)
from forms.model import FormDef


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.strip("\n").split("\n"))


def render_html(doc: Document, size: float | None = None) -> str:
    """``size``: the body text's size in points when not the usual (a letter made to fit one
    page, as its PDF is)."""
    data = f' data-size="{size:g}"' if size else ""
    out = [f'<article class="print-document" lang="{doc.lang}"{data}>']
    if doc.address:
        # Where a window envelope shows it (forms.css places it as the PDF does).
        out.append('<div class="print-document__address">'
                   f'<p class="print-document__sender">{_lines(chr(10).join(doc.address.sender))}</p>'
                   f'<p class="print-document__recipient">{_lines(chr(10).join(doc.address.recipient))}</p></div>')
    out += [f'<p class="print-document__mark">{escape(doc.confidential_heading)}</p>',
            f"<h1>{escape(doc.title)}</h1>"]
    for b in expanded(doc.blocks):
        if isinstance(b, Heading):
            out.append(f"<h{b.level + 1}>{escape(b.text)}</h{b.level + 1}>")
        elif isinstance(b, Para):
            lang = f' lang="{b.lang}"' if b.lang else ""
            out.append(f'<p class="print-document__keep"{lang}>{_lines(b.text)}</p>' if b.keep else f"<p{lang}>{_lines(b.text)}</p>")
        elif isinstance(b, KeyFacts):
            out.append('<section class="print-document__facts"><p class="print-document__facts-title">'
                       f'<strong>{escape(b.title)}</strong></p><dl>')
            out += [f"<div><dt>{escape(label_text(k))}</dt> <dd>{_lines(v)}</dd></div>" for k, v in b.items]
            out.append("</dl></section>")
        elif isinstance(b, Pairs):
            # The values' language (typed text quoted as typed); the labels are the document's.
            lang = f' lang="{b.lang}"' if b.lang else ""
            out.append('<dl class="print-document__pairs">')
            for label, value in b.items:
                cls = ' class="print-document__below"' if label and value_below(label, value) else ""
                out.append(f"<div{cls}><dt>{escape(label_text(label)) if label else ''}</dt> "
                           f"<dd{lang}>{_lines(value)}</dd></div>")
            out.append("</dl>")
        elif isinstance(b, Table):
            head = "".join(f'<th scope="col">{escape(h)}</th>' for h in b.headers)
            rows = "".join("<tr>" + "".join(f"<td>{_lines(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            lang = f' lang="{b.lang}"' if b.lang else ""
            out.append(f"<table><caption>{escape(b.title)}</caption><thead><tr>{head}</tr></thead>"
                       f"<tbody{lang}>{rows}</tbody></table>")
        elif isinstance(b, Bullets):
            out.append("<ul>" + "".join(f"<li>{_lines(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Checklist):
            out.append('<ul class="print-document__checks">' + "".join(
                f"<li>{CHECKED if c else UNCHECKED} {_lines(t)}</li>" for c, t in b.items) + "</ul>")
    out.append(f'<p class="print-document__mark">{escape(doc.confidential)}</p>')
    out.append("</article>")
    return "".join(out)


def print_html(form: FormDef, state: dict) -> str:
    """The record, or the invitation's letters (each on its own pages)."""
    return render_documents(documents_for(form, state))


def render_documents(docs: list[Document]) -> str:
    """Documents one after another. A letter is printed as its PDF is made to fit one page: the
    same smaller text, the same asides left out."""
    out = []
    for doc in docs:
        size = None
        if doc.one_page:
            from forms.exports.pdf import BODY, fitted

            doc, (points, _) = fitted(doc)
            size = points if points != BODY[0] else None
        out.append(render_html(doc, size))
    return "".join(out)
