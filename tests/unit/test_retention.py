"""How long a draft stays on an own computer: extra.retention_days of mkdocs.yml (hooks/languages.py),
which every language's pages get (the language configurations inherit it) and the privacy page names."""
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.languages import RETENTION_DAYS, retention_days

ROOT = Path(__file__).resolve().parents[2]


def test_the_default_when_unset():
    assert retention_days({}) == RETENTION_DAYS == 14


@pytest.mark.parametrize("days", [1, 30])
def test_a_set_number_of_days(days):
    assert retention_days({"retention_days": days}) == days


@pytest.mark.parametrize("days", [0, -1, 1.5, "14", True, None])
def test_anything_but_a_whole_number_of_days_stops_the_build(days):
    with pytest.raises(ValueError, match="retention_days"):
        retention_days({"retention_days": days})


def test_every_language_gets_the_root_configuration_s_number():
    from mkdocs.utils.yaml import yaml_load

    from forms.language import site_languages

    root = yaml_load((ROOT / "mkdocs.yml").open("rb"))["extra"]["retention_days"]
    for code in site_languages()[1:]:
        with (ROOT / f"mkdocs.{code}.yml").open("rb") as f:
            extra = yaml_load(f).get("extra") or {}
        # Inherited (INHERIT: mkdocs.yml): a language of its own would make the pages disagree.
        assert extra.get("retention_days", root) == root, code
    privacy = [ROOT / "docs" / "tietosuoja.md", *(ROOT / "docs" / code / "tietosuoja.md" for code in site_languages()[1:])]
    for page in privacy:
        assert "{{ config.extra.retention_days }}" in page.read_text(encoding="utf-8"), page


def test_a_closed_tab_s_minutes_default_and_limits():
    from hooks.languages import CLOSED_TAB_MINUTES, closed_tab_minutes

    assert closed_tab_minutes({}) == CLOSED_TAB_MINUTES == 5
    assert closed_tab_minutes({"closed_tab_minutes": 10}) == 10
    for bad in (1, 0, 2.5, "5", True):
        with pytest.raises(ValueError, match="closed_tab_minutes"):
            closed_tab_minutes({"closed_tab_minutes": bad})


def test_the_privacy_pages_name_the_closed_tab_minutes_from_the_configuration():
    from forms.language import site_languages

    for code in site_languages():
        page = ROOT / "docs" / ("" if code == site_languages()[0] else code) / "tietosuoja.md"
        assert "{{ config.extra.closed_tab_minutes }}" in page.read_text(encoding="utf-8"), code
