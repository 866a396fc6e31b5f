"""Copy the site's settings that the papers print from ``mkdocs.yml`` and each site language's
``mkdocs.<code>.yml`` into ``forms/settings.json`` (see :mod:`forms.settings`):
``python -m forms._build_settings``. Build time only (reads YAML with MkDocs' own loader, which
follows ``INHERIT``); the Makefile runs it before the wheel and the site are built. Fails when the
root configuration lacks a setting.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from forms.language import default_language, site_languages
from forms.settings import FILE, KEYS

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).with_name(FILE)


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


def write() -> Path:
    text = json.dumps(read_settings(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not OUT.is_file() or OUT.read_text("utf-8") != text:  # unchanged: keep its time for make
        OUT.write_text(text, "utf-8")
    return OUT


if __name__ == "__main__":
    print(write(), file=sys.stderr)
