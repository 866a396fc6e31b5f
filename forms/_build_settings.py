"""Copy the site's settings that the papers print from ``mkdocs.yml`` and each site language's
``mkdocs.<code>.yml`` into ``forms/settings.json`` (see :mod:`forms.settings`), and the site's
colour into the pages' CSS (``overrides/assets/css/theme.css``, a custom property site.css uses):
``python -m forms._build_settings``. Build time only (reads YAML with MkDocs' own loader, which
follows ``INHERIT``); the Makefile runs it before the wheel and the site are built. Fails when the
root configuration lacks a setting.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from forms.language import default_language, site_languages
from forms.settings import FILE, KEYS

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).with_name(FILE)
THEME_CSS = ROOT / "overrides" / "assets" / "css" / "theme.css"


def config_path(code: str) -> Path:
    return ROOT / ("mkdocs.yml" if code == default_language() else f"mkdocs.{code}.yml")


def read_settings() -> dict:
    from mkdocs.utils.yaml import yaml_load

    out: dict[str, dict[str, str]] = {key: {} for key in KEYS}
    for code in site_languages():
        with config_path(code).open("rb") as f:
            extra = yaml_load(f).get("extra") or {}
        for key in KEYS:
            value = extra.get(key)
            if isinstance(value, str) and value.strip():
                out[key][code] = " ".join(value.split())
    missing = [key for key in KEYS if default_language() not in out[key]]
    if missing:
        raise SystemExit(f"{config_path(default_language()).name}: set extra.{', extra.'.join(missing)}")
    return out


def theme_css(colour: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise SystemExit(f"mkdocs.yml: extra.theme_color must be #rrggbb, not {colour!r}")
    return ("/* Written by `python -m forms._build_settings` from extra.theme_color of mkdocs.yml: edit it\n"
            "   there. site.css gives it to Material's primary colour and the links. */\n"
            f":root {{ --site-theme-color: {colour}; }}\n")


def _write(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text("utf-8") != text:  # unchanged: keep its time for make
        path.write_text(text, "utf-8")


def write() -> Path:
    settings = read_settings()
    _write(OUT, json.dumps(settings, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    _write(THEME_CSS, theme_css(settings["theme_color"][default_language()]))
    return OUT


if __name__ == "__main__":
    print(write(), file=sys.stderr)
