"""The DOM hooks of forms/contracts.toml against the built site: every data-… attribute a built
page carries is declared there (but the theme's own), and every declared hook is used: on a
built page, by a page script (HOOKS.<id>, hook("<id>")) or by the forms package, whose Python
also writes HTML in the browser's worker (the exports, the feedback summary)."""

from __future__ import annotations

import pytest

from forms.contracts import contracts
from tests.support.hook_uses import (built_data_attributes, html_data_attributes, is_theme_attribute,
                                     page_scripts, python_hook_ids)
from tests.support.js_strings import read_scripts


@pytest.fixture(scope="module")
def built(site_dir) -> dict[str, list[str]]:
    return built_data_attributes(site_dir)


def test_every_data_attribute_on_a_built_page_is_declared(built):
    declared = set(contracts().hooks.values())
    undeclared = {name: pages[:3] for name, pages in built.items()
                  if name not in declared and not is_theme_attribute(name)}
    assert undeclared == {}, "declare these in forms/contracts.toml [hooks] (attribute -> first pages)"


def test_every_declared_hook_is_used(built):
    hooks = contracts().hooks
    in_scripts = set().union(*(script.hooks for script in read_scripts(page_scripts()).values()))
    used = {hook_id for hook_id, name in hooks.items() if name in built} | in_scripts | python_hook_ids()
    assert sorted(set(hooks) - used) == [], "declared in forms/contracts.toml but used nowhere"


def test_the_page_reader_sees_every_data_attribute_and_only_those():
    html = ('<div data-form="kutsu" class="x"><br data-printing><svg><g data-fit="40"/></svg>'
            '<p>data-not-an-attribute</p><a data-md-component="x" href="data-y">')
    assert html_data_attributes(html) == {"data-form", "data-printing", "data-fit", "data-md-component"}
    assert is_theme_attribute("data-md-component") and is_theme_attribute("data-clipboard-target")
    assert not is_theme_attribute("data-form")
