"""The site's colour has one home, extra.theme_color of mkdocs.yml: the built pages, the manifest,
the CSS and the feedback charts take it from there, and no other source file spells it."""

from __future__ import annotations

import json
import re

from forms.language import site_languages
from forms.settings import theme_color
from tests.support.sitebuild import ROOT

SOURCES = [*(ROOT / "overrides").rglob("*.css"), *(ROOT / "overrides").rglob("*.html"),
           *(ROOT / "overrides").rglob("*.mjs"), *(ROOT / "overrides").rglob("*.webmanifest"),
           *(ROOT / "forms").rglob("*.py"), *(ROOT / "hooks").rglob("*.py"), *(ROOT / "scripts").rglob("*.py"),
           *(ROOT / "macros").rglob("*.py"), *(ROOT / "macros").rglob("*.html")]


def test_no_source_file_but_mkdocs_yml_spells_the_colour():
    colour = theme_color().lower()
    assert re.fullmatch(r"#[0-9a-f]{6}", colour)
    assert f'theme_color: "{colour}"' in (ROOT / "mkdocs.yml").read_text("utf-8").lower()
    copies = [p.relative_to(ROOT).as_posix() for p in SOURCES
              if p.name != "theme.css" and colour in p.read_text("utf-8").lower()]
    assert copies == []


def test_the_built_site_uses_the_colour(site_dir):
    colour = theme_color()
    assert f"--site-theme-color: {colour};" in (site_dir / "assets" / "css" / "theme.css").read_text("utf-8")
    for code in site_languages():
        folder = site_dir if code == site_languages()[0] else site_dir / code
        page = (folder / "index.html").read_text("utf-8")
        assert f'<meta name="theme-color" content="{colour}">' in page, code
        assert "assets/css/theme.css" in page, code
        assert json.loads((folder / "manifest.webmanifest").read_text("utf-8"))["theme_color"] == colour, code
