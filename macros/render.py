"""Markup for the macros' HTML: Jinja templates in macros/templates/, rendered at build time.

Autoescaped; the output is one raw HTML block for Markdown, so it may hold no blank line (a
blank line would end the block and let Markdown read the rest as text).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).with_name("templates")


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **context) -> str:
    html = environment().get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
