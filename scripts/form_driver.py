"""Driving a form page like a user: fill a state, export, read the downloaded file."""

from __future__ import annotations

import json
from pathlib import Path

from forms.contracts import attribute, hook

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = json.loads((ROOT / "tests" / "forms" / "fixtures.json").read_text(encoding="utf-8"))
PYTHON_TIMEOUT_MS = 90_000


def form_locator(page, form_id: str):
    return page.locator("form" + hook("form", form_id))


def set_value(page, form_id: str, name: str, value) -> None:
    form = form_locator(page, form_id)
    first = form.locator(f'[name="{name}"]').first
    kind = first.evaluate("e => e.tagName + ':' + e.type")
    if kind == "INPUT:checkbox":
        first.set_checked(bool(value))
    elif kind == "INPUT:radio":
        form.locator(f'[name="{name}"][value="{value}"]').check()
    elif kind.startswith("SELECT"):
        first.select_option(str(value))
    else:
        first.fill(str(value))


def fill(page, form_id: str, state: dict) -> None:
    form = form_locator(page, form_id)
    for key, value in state.items():
        if isinstance(value, list):
            for i, row in enumerate(value):
                if form.locator(f'{hook("rows", key)} > {hook("row")}').count() <= i:
                    form.locator(hook("add_row", key)).click()
                for sub, v in row.items():
                    set_value(page, form_id, f"{key}.{i}.{sub}", v)
        else:
            set_value(page, form_id, key, value)


def read_state(page, form_id: str) -> dict:
    """What the page holds, read through the page's own module (the same code that saves drafts)."""
    return page.evaluate(
        """async (selector) => (await import(new URL('../../assets/js/form-state.mjs', location.href).href))
              .readState(document.querySelector(selector))""",
        "form" + hook("form", form_id),
    )


def wait_until(page, predicate: str, arg=None, timeout_ms: int = 10_000) -> None:
    """Poll a JS function until it returns true. (Playwright's wait_for_function evaluates its
    predicate with eval inside the page, which the site's CSP rightly forbids.)"""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true within {timeout_ms} ms: {predicate}")
        page.wait_for_timeout(50)


def open_in_scheme(page, url: str, scheme: str) -> None:
    """Open `url` in the light or dark colour scheme and wait until the page shows it. On a form
    page Material's script (which applies the palette) waits for Python to start (site.mjs); on
    a loaded machine that can be after the network is idle."""
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    wait_until(page, "s => document.body.getAttribute('data-md-color-scheme') === s",
               "slate" if scheme == "dark" else "default", timeout_ms=PYTHON_TIMEOUT_MS)


def wait_python_ready(page) -> None:
    wait_until(page, "a => document.documentElement.getAttribute(a) === 'ready'", attribute("python"),
               timeout_ms=PYTHON_TIMEOUT_MS)


def reveal(page, form_id: str, selector: str):
    """The control as a user reaches it: other formats sit in a closed "Muut tiedostomuodot" group."""
    control = form_locator(page, form_id).locator(selector)
    if not control.is_visible():
        form_locator(page, form_id).locator("details.form-more > summary").click()
    return control


def export(page, form_id: str, fmt: str, tmp_path: Path) -> Path:
    # the form's own button, not one letter's (form-letters.mjs)
    button = reveal(page, form_id, f'button{hook("export", fmt)}:not({hook("letter")})')
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as info:
        button.click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path
