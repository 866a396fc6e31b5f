"""The trainer page's handout: every section in every site language, with its summary, address
and QR code, made at build time from the headings and the catalogues."""

import xml.etree.ElementTree as ET

import pytest

from forms.contracts import attribute
from forms.language import messages, site_languages
from macros.handout import FIT, language_url, render_handout, sections
from macros.headings import nav_pages, read_headings
from tests.support.sitebuild import ROOT

SITE = "https://verkostokokous.example.fi/"


def _pages():
    from mkdocs.config import load_config

    return nav_pages(load_config(str(ROOT / "mkdocs.yml"))["nav"])


@pytest.fixture(scope="module")
def found():
    return sections(_pages(), ROOT / "docs", "fi", site_languages(), SITE)


def test_every_section_of_the_handbook_has_a_card_in_every_language(found):
    headings = [h for p in _pages() for h in read_headings(ROOT / "docs", p)]
    assert [s.id for s in found] == [h.anchor for h in headings]
    for s in found:
        assert [c.lang for c in s.cards] == list(site_languages())
        for c in s.cards:
            assert c.summary.strip() and c.title.strip()
            assert c.url.startswith(SITE) and c.short == c.url[len("https://"):]
            assert len(c.short) <= c.fit and c.fit in FIT
            assert c.qr and c.qr.startswith("<svg ") and "viewBox" in c.qr


def test_addresses_name_the_section_in_its_language(found):
    by_id = {s.id: s for s in found}
    cards = {c.lang: c for c in by_id["puheenjohtaja"].cards}
    assert cards["fi"].url == SITE + "kokouksessa/#puheenjohtaja"
    assert cards["sv"].url == SITE + "sv/kokouksessa/#puheenjohtaja"
    assert cards["sv"].title == "Ordförande" and cards["fi"].title == "Puheenjohtaja"
    assert cards["en"].summary == messages("en")("handout.summary.puheenjohtaja")
    # a page's own heading links to the page, not to an anchor
    assert {c.lang: c.url for c in by_id["kokouksessa"].cards}["en"] == SITE + "en/kokouksessa/"
    assert language_url("", "sv", "index.md", None) == "/sv/"


def test_from_a_language_build_the_other_languages_are_found(found):
    swedish = sections(_pages(), ROOT / "docs" / "sv", "sv", site_languages(), SITE)
    assert [s.id for s in swedish] == [s.id for s in found]
    assert swedish[0].title != found[0].title  # the page's own language names the form's choices


def test_without_a_public_address_there_are_no_codes():
    plain = sections(_pages(), ROOT / "docs", "fi", site_languages(), "")
    assert all(c.qr is None and c.url.startswith("/") for s in plain for c in s.cards)


def test_a_section_missing_in_a_language_fails_the_build(tmp_path):
    (tmp_path / "sv").mkdir()
    (tmp_path / "a.md").write_text("# A { #valmistelut }\n\n## B { #kutsu }\n", encoding="utf-8")
    (tmp_path / "sv" / "a.md").write_text("# A { #valmistelut }\n", encoding="utf-8")
    with pytest.raises(ValueError, match="sv/a.md has no section #kutsu"):
        sections(["a.md"], tmp_path, "fi", ["fi", "sv"], SITE)


def test_markup_is_one_block_with_a_form_and_the_page_language_shown(found):
    m = messages("fi")
    html = render_handout(found, "fi", "Otsikko", m)
    assert "\n\n" not in html
    root = ET.fromstring(html)
    form = root.find(f".//form[@{attribute('handout')}]")
    assert form.get("hidden") is not None  # shown by its script only
    boxes = form.findall(".//input[@type='checkbox']")
    assert len(boxes) == len(found) * len(site_languages())
    assert {(b.get("name"), b.get("value")) for b in boxes} == {(c, s.id) for s in found for c in site_languages()}
    cards = root.findall(f".//article[@{attribute('card')}]")
    shown = [c for c in cards if c.get("hidden") is None]
    assert len(cards) == len(boxes) and {c.get("lang") for c in shown} == {"fi"} and len(shown) == len(found)


def test_every_address_length_has_its_print_size():
    css = (ROOT / "overrides" / "assets" / "css" / "handout.css").read_text(encoding="utf-8")
    for n in FIT:
        assert f'figure[{attribute("fit")}="{n}"] figcaption' in css and f"calc(100cqi / {n} / " in css, n
