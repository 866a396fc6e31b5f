"""The trainer page: every section of the handbook in every site language, with its heading, a
one-line summary (catalogue ``handout.summary.<section id>``), its QR code and a short address,
and a form (the ``handout`` hook) that picks sections and languages for a printed handout.

Everything is made at build time (the QR codes too, so the page needs no QR library): the form's
script (assets/js/handout.mjs) only shows the chosen cards and keeps the choice in the page's
address. Without a script the page shows and prints every section in its own language.
macros/templates/handout.html is the markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.language import Messages, default_language, messages

from .headings import page_url, read_headings
from .qr import qr_svg
from .render import render

# Address lengths the print styles fit on one line (the `fit` hook's values, handout.css).
FIT = (40, 50, 60, 70, 80, 90, 100, 120, 150)


@dataclass(frozen=True)
class Card:
    """One section in one language."""

    lang: str
    language: str  # the language's name in the page's language
    title: str
    summary: str
    url: str
    qr: str | None  # inline SVG; none when the build has no public address

    @property
    def short(self) -> str:
        """The address as printed: without its scheme."""
        return self.url.split("://", 1)[-1]

    @property
    def fit(self) -> int:
        return next((n for n in FIT if len(self.short) <= n), FIT[-1])


@dataclass(frozen=True)
class Section:
    id: str  # the heading's id, the same in every language
    level: int
    title: str  # in the page's language
    cards: tuple[Card, ...]


def language_docs(docs_dir: Path, page_lang: str, code: str) -> Path:
    """The docs folder of language `code`, seen from the build of `page_lang` (docs/, docs/<code>/)."""
    root = docs_dir if page_lang == default_language() else docs_dir.parent
    return root if code == default_language() else root / code


def language_url(root_url: str, code: str, page: str, anchor: str | None) -> str:
    """A section's address in language `code` ("/"-rooted when the build has no public address)."""
    prefix = "" if code == default_language() else f"{code}/"
    return (root_url or "/") + prefix + page_url(page) + (f"#{anchor}" if anchor else "")


def sections(pages: list[str], docs_dir: Path, page_lang: str, codes: list[str], root_url: str) -> list[Section]:
    """Every heading of `pages` (in order) as a section with a card per language in `codes`."""
    m = messages(page_lang)
    out: list[Section] = []
    seen: set[str] = set()
    for page in pages:
        own = read_headings(language_docs(docs_dir, page_lang, page_lang), page)
        by_lang = {code: {h.anchor: h for h in read_headings(language_docs(docs_dir, page_lang, code), page)}
                   for code in codes}
        for h in own:
            if h.anchor in seen:
                raise ValueError(f"{page}: section id #{h.anchor} is used on two pages; a handout names sections by id")
            seen.add(h.anchor)
            cards = []
            for code in codes:
                other = by_lang[code].get(h.anchor)
                if other is None:
                    raise ValueError(f"{code}/{page} has no section #{h.anchor}")
                t = messages(code)
                url = language_url(root_url, code, page, h.anchor if h.level > 1 else None)
                qr = qr_svg(url, m("site.qr_label", url=url)) if root_url else None
                cards.append(Card(code, m(f"language.{code}"), other.title, t(f"handout.summary.{h.anchor}"), url, qr))
            out.append(Section(h.anchor, h.level, h.title, tuple(cards)))
    return out


def render_handout(all_sections: list[Section], page_lang: str, default_title: str, m: Messages) -> str:
    return render("handout.html", sections=all_sections, page_lang=page_lang, default_title=default_title, t=m)
