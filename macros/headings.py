"""Stable section anchors of the handbook pages.

Every heading in docs/ carries an explicit id (`## Otsikko { #otsikko }`), so a trainer's
link keeps working when the heading text is edited. This module reads those ids straight
from the Markdown sources: the flow diagram checks its links against them and the trainer
page lists them. (Written with a regex because it runs before MkDocs renders any page.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# "## Heading text { #id }" -- the space after "{" keeps Jinja from reading "{#" as a comment.
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*\{\s*#([a-z0-9][a-z0-9-]*)\s*\}\s*$")
ANY_HEADING = re.compile(r"^#{1,6}\s")


@dataclass(frozen=True)
class Heading:
    page: str  # docs-relative path, e.g. "kokouksessa.md"
    level: int
    title: str
    anchor: str


def read_headings(docs_dir: Path, page: str) -> list[Heading]:
    """All headings of one page, in order; raises if a heading lacks an explicit id."""
    headings = []
    in_fence = False
    for number, line in enumerate((docs_dir / page).read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or not ANY_HEADING.match(line):
            continue
        match = HEADING.match(line)
        if not match:
            raise ValueError(f"{page}:{number}: heading without a stable id {{ #id }}: {line!r}")
        hashes, title, anchor = match.groups()
        headings.append(Heading(page, len(hashes), title, anchor))
    return headings


def nav_pages(nav: list) -> list[str]:
    """The Markdown files of an mkdocs.yml `nav:`, in order (sections flattened)."""
    pages: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            pages.append(value)
    return pages


def page_url(page: str) -> str:
    """Site-relative URL of a docs page with use_directory_urls (index.md -> "")."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at site-relative `from_url` to site-relative `target` (may hold #)."""
    path, _, fragment = target.partition("#")
    depth = from_url.count("/")  # "a/b/" -> 2 levels up to the site root
    rel = "../" * depth + path
    rel = rel or "./"
    return rel + (f"#{fragment}" if fragment else "")
