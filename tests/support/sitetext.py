"""Reading the built HTML back: page text, links and ids (standard library parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

SKIP_TEXT = {"script", "style", "template"}
# Elements whose boundaries separate words (inline ones such as <strong> do not).
BLOCKS = {"br", "p", "li", "ul", "ol", "div", "section", "aside", "figure", "figcaption", "blockquote",
          "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "dt", "dd", "svg", "text",
          "tspan", "desc", "title", "label", "legend", "fieldset", "button", "option"}


@dataclass
class PageInfo:
    text: str = ""            # text of the page's <article> (the content, not navigation)
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) of href/src


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._article_depth = 0
        self._skip = 0
        self._chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.info.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.info.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) is not None:
                self.info.links.append((tag, a[attr]))
        if tag == "article" or self._article_depth:
            self._article_depth += tag not in VOID
        if tag in SKIP_TEXT:
            self._skip += 1
        if tag in BLOCKS:
            self._chunks.append(" ")

    def handle_startendtag(self, tag, attrs):  # <x/>: opens and closes, depth unchanged
        self._article_depth, depth = 0, self._article_depth
        self.handle_starttag(tag, attrs)
        self._article_depth = depth

    def handle_endtag(self, tag):
        if self._article_depth and tag not in VOID:
            self._article_depth -= 1
        if tag in SKIP_TEXT and self._skip:
            self._skip -= 1
        if tag in BLOCKS:
            self._chunks.append(" ")

    def handle_data(self, data):
        if self._article_depth and not self._skip:
            self._chunks.append(data)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "rect", "circle", "line"}


def read_page(path: Path) -> PageInfo:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.info.text = " ".join("".join(reader._chunks).split())
    return reader.info
