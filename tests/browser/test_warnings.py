"""Warnings for likely typos in real Chromium, with the page's clock controlled (the page sends
its own date with each check): shown beside the field (hook warning), in the page's
language, heard with the field, never an error and never in the way of an export."""

from __future__ import annotations

import copy
import datetime as dt

from forms.contracts import hook
from forms.language import messages
from scripts.form_driver import FIXTURES, PYTHON_TIMEOUT_MS, export, fill, form_locator, wait_python_ready, wait_until

NOW = dt.datetime(2026, 12, 4, 10, 0)  # a Friday


def warning_text(page, name: str) -> str:
    """The text of the field's warning once it is there ("" when it goes)."""
    wait_until(page, "s => (document.querySelector(s)?.textContent ?? '') !== ''", hook("warning", name),
               timeout_ms=PYTHON_TIMEOUT_MS)
    return page.locator(hook("warning", name)).inner_text()


def type_and_leave(page, form_id: str, name: str, text: str) -> None:
    field = form_locator(page, form_id).locator(f'[name="{name}"]')
    field.fill(text)
    field.press("Tab")


def test_a_past_meeting_date_is_pointed_out_and_the_pdf_still_exports(page, tmp_path):
    page.clock.install(time=NOW)
    page.goto("lomakkeet/kutsu/")
    fi = messages("fi")
    state = copy.deepcopy(FIXTURES["FULL"]["kutsu"])
    state.pop("date")
    fill(page, "kutsu", state)
    wait_python_ready(page)
    type_and_leave(page, "kutsu", "date", "15.12.2025")
    text = warning_text(page, "date")
    assert text == fi("js.warnings.field", message=fi("warning.date_past"))
    form = form_locator(page, "kutsu")
    date = form.locator("#kutsu-date")
    warning = form.locator(hook("warning", "date"))
    # Beside the field, heard with it, politely; not an error.
    assert warning.get_attribute("id") in date.get_attribute("aria-describedby").split()
    assert warning.get_attribute("aria-live") == "polite" and warning.get_attribute("role") is None
    assert date.get_attribute("aria-invalid") is None
    assert form.locator(hook("error_summary")).is_hidden()
    assert page.evaluate("""(s) => { const d = document.querySelector('#kutsu-date');
        return d.compareDocumentPosition(document.querySelector(s)) & Node.DOCUMENT_POSITION_FOLLOWING; }""",
                         hook("warning", "date"))
    # The warning does not stop the letter.
    path = export(page, "kutsu", "pdf", tmp_path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert warning.is_visible()
    # Yesterday is also past; a date ahead clears the note, and its id leaves aria-describedby.
    type_and_leave(page, "kutsu", "date", "3.12.2026")
    assert warning_text(page, "date") == text
    type_and_leave(page, "kutsu", "date", "7.3.2027")
    wait_until(page, "s => !document.querySelector(s)", hook("warning"), timeout_ms=PYTHON_TIMEOUT_MS)
    assert "-warning" not in date.get_attribute("aria-describedby")


def test_the_page_clock_decides_what_is_past(page):
    """The same date is fine when the page's today is before it: the check uses the page's date."""
    page.clock.install(time=dt.datetime(2025, 12, 1, 10, 0))
    page.goto("lomakkeet/kutsu/")
    wait_python_ready(page)
    type_and_leave(page, "kutsu", "client_name", "Aino Virtanen")
    assert warning_text(page, "client_name") == messages("fi")("js.warnings.field", message=messages("fi")("warning.first_name"))
    type_and_leave(page, "kutsu", "date", "15.12.2025")
    page.wait_for_timeout(500)
    assert page.locator(hook("warning", "date")).count() == 0
    # A surname removed, the note goes.
    type_and_leave(page, "kutsu", "client_name", "Aino")
    wait_until(page, "s => !document.querySelector(s)", hook("warning"), timeout_ms=PYTHON_TIMEOUT_MS)


def test_english_page_reads_a_numeric_date_day_first_and_says_so(page):
    page.clock.install(time=NOW)
    page.goto("en/lomakkeet/kutsu/")
    wait_python_ready(page)
    type_and_leave(page, "kutsu", "date", "05/12/2026")
    assert warning_text(page, "date") == "Note: Read as Saturday 5 December 2026 (day first, then month)."
    date = form_locator(page, "kutsu").locator('[name="date"]')
    assert date.input_value() == "5 December 2026"
    # The note explains the text written back: it stays while another field is checked…
    type_and_leave(page, "kutsu", "worker_phone", "040 12")
    assert "only 5 digits" in warning_text(page, "worker_phone")
    assert "Read as Saturday 5 December 2026" in warning_text(page, "date")
    # …and goes when the date is typed again.
    type_and_leave(page, "kutsu", "date", "15 December 2026")
    wait_until(page, "s => !document.querySelector(s)", hook("warning", "date"), timeout_ms=PYTHON_TIMEOUT_MS)


def test_a_phone_too_short_in_an_invitee_row(page):
    page.clock.install(time=NOW)
    page.goto("lomakkeet/kutsu/")
    wait_python_ready(page)
    fill(page, "kutsu", {"invitees": [{"name": "Matti", "relation": "laheinen", "how": "puhelu"}]})
    type_and_leave(page, "kutsu", "invitees.0.phone", "040 1")
    fi = messages("fi")
    assert warning_text(page, "invitees.0.phone") == fi("js.warnings.field", message=fi.plural("warning.tel_short", 4))
