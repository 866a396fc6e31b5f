"""The printed document's CSS: its look (``print_document.css``) and each page's
confidentiality mark and number in the document's language (made from the catalogues).

Two readers: the site's build (hooks/languages.py writes both into the site's assets for the
print area) and the HTML copy of a paper (:mod:`forms.exports.html_file` inlines them), so the
file prints as the page prints the document.
"""
from __future__ import annotations

import string
from importlib import resources

from forms.language import languages, messages
from forms.settings import confidential_mark


def document_css() -> str:
    return resources.files("forms").joinpath("exports/print_document.css").read_text("utf-8")


def _marks_template() -> str:
    """The rules of one language's printed pages (``print_marks.css``, a :class:`string.Template`
    with ``$code``, ``$numbered``: the mark and page number, ``$mark``: the mark alone)."""
    return resources.files("forms").joinpath("exports/print_marks.css").read_text("utf-8")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def marks_css(codes=None) -> str:
    """The printed pages' confidentiality mark and page number in each language of ``codes``
    (every language when None) a document can be in (``document.page``): a named page per
    language, which each printed document (``<article class="print-document" lang>``) and a
    blank form (the page's language) use."""
    out = ["/* Made from the catalogues (document.page) by forms/exports/print_css.py: do not edit.",
           "   One letter: its pages numbered N/M. Several (one per invitee language): CSS cannot",
           "   number each letter's pages on their own, so each page carries its mark only (the PDF",
           "   numbers each letter). */"]
    for code in (languages() if codes is None else codes):
        m = messages(code)
        parts = []
        for literal, field, _, _ in string.Formatter().parse(m("document.page")):
            if literal:
                parts.append(_css_string(literal))
            if field == "mark":
                parts.append(_css_string(confidential_mark(m)))
            elif field in ("page", "pages"):
                parts.append(f"counter({field})")
        block = string.Template(_marks_template()).substitute(
            code=code, numbered=" ".join(parts), mark=_css_string(confidential_mark(m)))
        out.append(block.rstrip("\n"))
    return "\n".join(out) + "\n"
