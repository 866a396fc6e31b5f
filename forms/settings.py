"""The site's settings that the papers print, one home: ``extra:`` of ``mkdocs.yml`` and each
``mkdocs.<code>.yml`` (the organisation edits them there). ``python -m forms._build_settings``
(run by ``make`` before the wheel and the site are built, and by the tests) copies them into
``forms/settings.json`` beside this module, so the worker, which has no MkDocs configuration,
prints the same words as the pages.

* ``confidential_basis``: the legal basis the confidentiality mark names, per site language
  ("JulkL 24.1 § 25 k"); a paper in a language without pages of its own (et, ru, uk, so) cites
  the root language's, as the statute is written.
* ``theme_color``: the site's colour ("#rrggbb"), which the feedback charts use too
  (:func:`theme_color`); the build also writes it into the pages' CSS (``assets/css/theme.css``).
"""
from __future__ import annotations

import json
from functools import lru_cache

from forms.language import Messages, default_language

FILE = "settings.json"
#: The keys of ``extra:`` copied, each per site language.
KEYS = ("confidential_basis", "theme_color")


@lru_cache(maxsize=1)
def settings() -> dict:
    from importlib import resources

    ref = resources.files("forms").joinpath(FILE)
    try:
        return json.loads(ref.read_text("utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{ref}: the site's settings are not copied; run `make build` "
                                "(or `python -m forms._build_settings`)") from None


def setting(key: str, code: str) -> str:
    """``key`` in language ``code``; the root language's for a language without pages."""
    values = settings().get(key, {})
    return values.get(code) or values.get(default_language(), "")


def confidential_mark(m: Messages, upper: bool = False) -> str:
    """"Salassa pidettävä (JulkL 24.1 § 25 k)": the mark in ``m``'s language with its legal basis;
    ``upper``: the mark in capitals, as a page's top line prints it, the citation as written."""
    mark, basis = m("document.confidential"), setting("confidential_basis", m.code)
    mark = mark.upper() if upper else mark
    return f"{mark} ({basis})" if basis else mark


def theme_color() -> str:
    """The site's colour (``extra.theme_color`` of mkdocs.yml), "#rrggbb"."""
    return setting("theme_color", default_language())
