"""Stable anchors: every heading has an explicit ASCII id; URLs are built right."""

import re

import pytest

from macros.headings import page_url, read_headings, relative_url
from tests.support.sitebuild import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md"))


@pytest.mark.parametrize("page", PAGES)
def test_every_heading_has_a_unique_readable_ascii_id(page):
    headings = read_headings(DOCS, page)
    assert headings, f"{page} has no headings"
    anchors = [h.anchor for h in headings]
    assert len(set(anchors)) == len(anchors)
    for a in anchors:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a), a
    assert [h.level for h in headings][0] == 1


def test_heading_without_id_is_an_error(tmp_path):
    (tmp_path / "p.md").write_text("# Otsikko { #otsikko }\n\n## Ilman tunnistetta\n", encoding="utf-8")
    with pytest.raises(ValueError, match="p.md:3"):
        read_headings(tmp_path, "p.md")


def test_headings_inside_code_fences_are_ignored(tmp_path):
    (tmp_path / "p.md").write_text("# A { #a }\n```\n# not a heading\n```\n", encoding="utf-8")
    assert [h.anchor for h in read_headings(tmp_path, "p.md")] == ["a"]


def test_generated_slugs_fold_finnish_letters():
    """Headings without an explicit id still get readable ASCII slugs (ä -> a, ö -> o)."""
    from mkdocs.config import load_config

    slug = load_config(str(ROOT / "mkdocs.yml"))["mdx_configs"]["toc"]["slugify"]
    assert slug("Käydään läpi ketä paikalla ja miksi, öljy?", "-") == "kaydaan-lapi-keta-paikalla-ja-miksi-oljy"


@pytest.mark.parametrize("page, url", [("index.md", ""), ("kulku.md", "kulku/"),
                                       ("lomakkeet/kutsu.md", "lomakkeet/kutsu/"),
                                       ("lomakkeet/index.md", "lomakkeet/")])
def test_page_url(page, url):
    assert page_url(page) == url


@pytest.mark.parametrize("target, from_url, expected", [
    ("milloin/#milloin", "kulku/", "../milloin/#milloin"),
    ("milloin/#milloin", "", "milloin/#milloin"),
    ("", "lomakkeet/kutsu/", "../../"),
    ("#x", "", "./#x"),
])
def test_relative_url(target, from_url, expected):
    assert relative_url(target, from_url) == expected
