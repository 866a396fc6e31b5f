"""Markup for the build-time HTML: Jinja templates in macros/templates/, rendered at build time.

The macros' own pages (the flow chart, the handout) and the forms' pages (``templates/forms/``:
the forms, the chair's view, the feedback pages, from ``forms.rendering``) render here; the
worker never imports this module. Autoescaped; the output is one raw HTML block for Markdown, so
it may hold no blank line (a blank line would end the block and let Markdown read the rest as
text).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).with_name("templates")


def attrs(mapping: Mapping | None = None, /, **kw) -> Markup:
    """HTML attributes, each with a leading space: ``None`` and ``False`` leave one out, ``True``
    writes its name alone. Keyword names are written with ``-`` for ``_`` (``aria_label``); a
    mapping gives names as they are (a hook's: ``{hooks.export: "pdf"}`` in a template), in its
    order, before them."""
    items = [*(mapping or {}).items(), *((k.rstrip("_").replace("_", "-"), v) for k, v in kw.items())]
    out = []
    for name, value in items:
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return Markup("".join(out))


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["attrs"] = attrs
    # The DOM hooks' attribute names (forms/contracts.toml): {{ hooks.form }} is "data-form".
    from forms.contracts import contracts

    env.globals["hooks"] = contracts().hooks
    return env


def render(name: str, **context) -> str:
    html = environment().get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_block(name: str, **context) -> str:
    """Like :func:`render`, with every line's indentation taken off too, so the templates can
    indent their markup (an indented line in a Markdown page could read as code)."""
    html = environment().get_template(name).render(**context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
