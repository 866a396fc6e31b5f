"""The memo in real Chromium: its fixed words in the language chosen beside the export buttons,
the mark with its legal basis, and the warning beside a recipient's empty e-mail address when
the memo goes to them by e-mail (in the page's language, never in the way of an export)."""

from __future__ import annotations

import copy
import datetime as dt

from forms.contracts import hook
from forms.language import messages
from forms.settings import confidential_mark
from scripts.form_driver import FIXTURES, PYTHON_TIMEOUT_MS, export, fill, form_locator, wait_python_ready, wait_until

NOW = dt.datetime(2026, 12, 15, 16, 0)


def test_memo_exports_in_the_chosen_letter_language(page, tmp_path):
    page.clock.install(time=NOW)
    page.goto("lomakkeet/muistio/")
    fill(page, "muistio", {**FIXTURES["CASE"]["muistio"], "record_language": "uk"})
    wait_python_ready(page)
    uk = messages("uk")
    text = export(page, "muistio", "txt", tmp_path).read_text("utf-8")
    lines = text.splitlines()
    assert lines[:4] == [confidential_mark(uk), uk("muistio.title"), "", uk("document.record.written_in.fi")]
    assert FIXTURES["CASE"]["muistio"]["positives"].strip() in text


def test_an_emailed_memo_without_an_address_is_pointed_out(page, tmp_path):
    page.clock.install(time=NOW)
    page.goto("lomakkeet/muistio/")
    state = copy.deepcopy(FIXTURES["CASE"]["muistio"])
    state["present"][2]["email"] = ""
    fill(page, "muistio", state)
    wait_python_ready(page)
    form = form_locator(page, "muistio")
    form.locator('[name="present.2.email"]').focus()
    form.locator('[name="present.2.email"]').press("Tab")
    fi = messages("fi")
    warning = hook("warning", "present.2.email")
    wait_until(page, "(warning) => (document.querySelector(warning)?.textContent ?? '') !== ''", warning,
               timeout_ms=PYTHON_TIMEOUT_MS)
    assert page.locator(warning).inner_text() == \
        fi("js.warnings.field", message=fi("muistio.delivery.no_email"))
    assert export(page, "muistio", "pdf", tmp_path).read_bytes().startswith(b"%PDF-")
