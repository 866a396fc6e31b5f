"""Build-time HTML around the feedback form: collecting many answers on one device
(``render_collect``) and the coordinator's summary page (``render_summary_page``). The page's
script is ``overrides/assets/js/feedback.mjs``; the summary itself is HTML from Python
(``forms/feedback/report.py``) put into ``[data-summary-area]``.

Hooks: ``button[data-collect-start]``, ``button[data-collect-next]``, ``[data-collected-count]``,
``button[data-show-summary]``, ``button[data-collect-clear]``; ``input[type=file][data-summary-files]``;
export buttons ``button[data-export=csv|xlsx|pdf|json]`` inside ``[data-summary-exports]``;
``progress[data-summary-progress]``, ``[data-summary-status]`` (polite live region),
``[data-summary-rejected]``.
"""
from __future__ import annotations

from html import escape

from forms.exports.json_file import MAX_BYTES
from forms.model import FormDef
from forms.rendering import _a  # the forms' one attribute escaper

SUMMARY_EXPORTS = ("pdf", "xlsx", "csv")


def _exports(form: FormDef, formats: tuple[str, ...]) -> str:
    m = form.messages
    return ('<div class="form-buttons summary-exports" data-summary-exports hidden>'
            + "".join(f'<button type="button" data-export="{f}" data-export-name="{_a(m(f"feedback.export.{f}.name"))}">'
                      f'{escape(m(f"feedback.export.{f}.label"))}</button>' for f in formats)
            + "</div>")


def render_collect(form: FormDef) -> str:
    """Above the feedback form: hand one device round the room (one block of HTML)."""
    m = form.messages
    return "\n".join([
        '<section class="vk-form collect" data-collect aria-labelledby="collect-title">',
        f'<h2 id="collect-title">{escape(m("feedback.collect.title"))}</h2>',
        f'<p class="form-hint">{escape(m("feedback.collect.hint"))}</p>',
        f'<button type="button" class="form-primary" data-collect-start>{escape(m("feedback.collect.start"))}</button>',
        '<div class="collect-panel" data-collect-panel hidden>',
        '<p class="collect-count" data-collected-count aria-live="polite"></p>',
        '<div class="form-buttons">',
        f'<button type="button" data-show-summary>{escape(m("feedback.collect.show_summary"))}</button>',
        f'<button type="button" data-collect-resume hidden>{escape(m("feedback.collect.resume"))}</button>',
        f'<button type="button" class="form-clear" data-collect-clear>{escape(m("feedback.collect.clear"))}</button>',
        "</div>",
        "</div>",
        # Moved by the script to the end of the form while collecting: where the respondent is.
        '<div class="collect-done" data-collect-done hidden>',
        f'<p class="form-hint">{escape(m("feedback.collect.done_hint"))}</p>',
        f'<button type="button" class="form-primary" data-collect-next>{escape(m("feedback.collect.next"))}</button>',
        '<p class="collect-status" data-collect-status aria-live="polite"></p>',
        "</div>",
        '<div class="summary-area" data-summary-area></div>',
        _exports(form, (*SUMMARY_EXPORTS, "json")),
        '<div class="form-status" data-summary-status aria-live="polite"></div>',
        "</section>",
    ])


def render_summary_page(form: FormDef) -> str:
    """The coordinator's page: many files in, one summary out (one block of HTML)."""
    m = form.messages
    return "\n".join([
        '<div class="vk-form coordinator" data-coordinator>',
        '<div class="summary-drop" data-summary-drop>',
        '<label for="summary-files">' + escape(m("feedback.files.label")) + "</label>",
        f'<p class="form-hint" id="summary-files-hint">{escape(m("feedback.files.hint"))}</p>',
        '<input type="file" id="summary-files" multiple accept=".json,application/json" data-summary-files '
        f'data-max-bytes="{MAX_BYTES}" aria-describedby="summary-files-hint">',
        f'<button type="button" class="form-clear" data-summary-clear hidden>{escape(m("feedback.files.clear"))}</button>',
        "</div>",
        '<fieldset class="summary-period"><legend>' + escape(m("feedback.period.legend")) + "</legend>",
        '<div class="form-choices">',
        *[f'<div class="form-choice"><input type="radio" name="summary-period" id="summary-period-{p}" value="{p}"'
          f'{" checked" if p == "month" else ""} data-summary-period>'
          f'<label for="summary-period-{p}">{escape(m(f"feedback.period.{p}"))}</label></div>' for p in ("month", "quarter")],
        "</div></fieldset>",
        '<progress class="summary-progress" data-summary-progress max="1" value="0" hidden '
        f'aria-label="{_a(m("feedback.files.progress"))}"></progress>',
        '<div class="form-status" data-summary-status aria-live="polite"></div>',
        '<div class="summary-rejected" data-summary-rejected></div>',
        '<div class="summary-area" data-summary-area></div>',
        _exports(form, SUMMARY_EXPORTS),
        "</div>",
    ])
