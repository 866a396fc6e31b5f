"""Where the DOM hooks (forms/contracts.toml [hooks]) are used, read as data: the data-…
attributes of built HTML (an HTML parser), the hook ids page scripts name through contracts.mjs
(acorn, js_strings.mjs) and those the forms package's Python names with attribute()/hook()
(Python's ast; that code also runs in the browser's worker and writes HTML there: the exports,
the feedback summary)."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.support.sitebuild import ROOT

#: The theme's own attributes, not ours to declare: Material for MkDocs' templates write
#: data-md-* (components, palette, toggles, levels) and its script adds data-clipboard-* to the
#: code blocks' copy buttons. Found in the theme's templates and bundle (checked on Material 9).
THEME_ATTRIBUTE_PREFIXES = ("data-md-", "data-clipboard")

#: A data-… attribute name inside a text (a string value, never script source).
DATA_ATTRIBUTE = re.compile(r"(?<![\w-])data-[a-z][a-z0-9-]*")

JS = ROOT / "overrides" / "assets" / "js"
#: The generated copy of the contract (forms/_build_contracts.py): the only script that spells
#: the attributes, by design.
GENERATED = JS / "contracts.mjs"


def is_theme_attribute(name: str) -> bool:
    return name.startswith(THEME_ATTRIBUTE_PREFIXES)


def page_scripts() -> list[Path]:
    """The page scripts that are ES modules (they can import contracts.mjs), but the generated
    one. (python-boot.js is a classic script, so it cannot import; it reads one attribute.)"""
    return sorted(p for p in JS.glob("*.mjs") if p != GENERATED)


def data_attributes_in(text: str) -> list[str]:
    """The data-… attribute names a text holds, but the theme's."""
    return [m for m in DATA_ATTRIBUTE.findall(text) if not is_theme_attribute(m)]


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.names.update(name for name, _ in attrs if name.startswith("data-"))

    handle_startendtag = handle_starttag


def html_data_attributes(html: str) -> set[str]:
    """Every data-… attribute name on an element of the page (an HTML parser reads it)."""
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    return parser.names


def built_data_attributes(site_dir: Path) -> dict[str, list[str]]:
    """data-… attribute -> the built pages (relative paths) that carry it."""
    found: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        for name in html_data_attributes(page.read_text("utf-8")):
            found.setdefault(name, []).append(str(page.relative_to(site_dir)))
    return found


def python_hook_ids(folder: Path = ROOT / "forms") -> set[str]:
    """The hook ids the Python under `folder` names: ``attribute("id")`` and ``hook("id", …)``
    calls with a literal id."""
    ids = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in ("attribute", "hook") and isinstance(node.args[0].value, str):
                ids.add(node.args[0].value)
    return ids
