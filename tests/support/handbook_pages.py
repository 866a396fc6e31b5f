"""The handbook's pages as the site lists them: the addresses (relative to a language's root) of
the pages in mkdocs.yml's nav, in its order. Read from mkdocs.yml, so a new page is tested
everywhere the tests walk every page."""

from __future__ import annotations

from macros.headings import nav_pages, page_url
from tests.support.sitebuild import ROOT


def nav_urls() -> list[str]:
    from mkdocs.config import load_config

    return [page_url(p) for p in nav_pages(load_config(str(ROOT / "mkdocs.yml"))["nav"])]


#: Every page of the nav, relative to a language's root ("" for its front page).
PAGES = nav_urls()
