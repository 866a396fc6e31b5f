"""Build-time HTML around the feedback form: collecting many answers on one device
(``render_collect``) and the coordinator's summary page (``render_summary_page``). The page's
script is ``overrides/assets/js/feedback.mjs``; the summary itself is HTML from Python
(``forms/feedback/report.py``) put into ``[data-summary-area]``.

Hooks: ``button[data-collect-start]``, ``button[data-collect-next]``, ``[data-collected-count]``,
``button[data-show-summary]``, ``button[data-collect-clear]``; the chair's code
``input[data-chair-code]`` (set at the start, typed again to open ``[data-chair-actions]``:
``button[data-chair-open]``, ``button[data-chair-lock]``); the chair's review of the free text
``[data-review]`` (``input[type=checkbox][data-hold-back]`` per answer, ``button[data-review-done]``);
the respondent's language ``select[data-respondent-language]`` with the form's words in the other
languages in ``template[data-respondent-form][lang]``;
``input[type=file][data-summary-files]``, ``input[type=checkbox][data-summary-free-text]``;
export buttons ``button[data-export=csv|xlsx|pdf|json]`` inside ``[data-summary-exports]``;
``progress[data-summary-progress]``, ``[data-summary-status]`` (polite live region),
``[data-summary-rejected]``.
"""
from __future__ import annotations

from html import escape

from forms.exports.json_file import MAX_BYTES
from forms.language import languages
from forms.model import FormDef, fill_languages, get_form
from forms.rendering import _a, render_form  # the forms' one attribute escaper

SUMMARY_EXPORTS = ("pdf", "xlsx", "csv")


def _exports(form: FormDef, formats: tuple[str, ...]) -> str:
    m = form.messages
    return ('<div class="form-buttons summary-exports" data-summary-exports hidden>'
            + "".join(f'<button type="button" data-export="{f}" data-export-name="{_a(m(f"feedback.export.{f}.name"))}">'
                      f'{escape(m(f"feedback.export.{f}.label"))}</button>' for f in formats)
            + "</div>")


def _chair_gate(form: FormDef) -> str:
    """The chair's code: chosen when the collecting starts, asked before anything that shows or
    deletes answers (the page script compares it; it never leaves this tab)."""
    m = form.messages
    return "\n".join([
        '<div class="collect-gate" data-chair-gate>',
        f'<label for="chair-code">{escape(m("feedback.chair.label"))}</label>',
        f'<p class="form-hint" id="chair-code-hint">{escape(m("feedback.chair.hint"))}</p>',
        '<p class="form-error" id="chair-code-error" data-chair-error hidden></p>',
        '<input type="password" id="chair-code" data-chair-code autocomplete="off" autocapitalize="off" spellcheck="false"'
        ' size="10" maxlength="40" aria-describedby="chair-code-hint chair-code-error">',
        '<div class="form-buttons">',
        f'<button type="button" class="form-primary" data-collect-start>{escape(m("feedback.collect.start"))}</button>',
        f'<button type="button" data-chair-open hidden>{escape(m("feedback.chair.open"))}</button>',
        "</div>",
        "</div>",
    ])


def _review(form: FormDef) -> str:
    """Where the chair reads the free-text answers alone and holds any back (filled by
    ``feedback-review.mjs``)."""
    m = form.messages
    return "\n".join([
        '<section class="collect-review" data-review hidden aria-labelledby="review-title">',
        f'<h3 id="review-title" tabindex="-1">{escape(m("feedback.review.title"))}</h3>',
        f'<p class="form-hint">{escape(m("feedback.review.hint"))}</p>',
        '<div data-review-list></div>',
        f'<button type="button" class="form-primary" data-review-done>{escape(m("feedback.review.done"))}</button>',
        "</section>",
    ])


def _respondent_languages(form: FormDef) -> str:
    """Each respondent chooses their language while the device goes round (``select
    [data-respondent-language]``); the form's words in the other languages wait in
    ``<template data-respondent-form lang=…>`` (the same form, element for element, so the page
    script swaps only the words; the answers' values are the same in every language)."""
    m = form.messages
    codes = fill_languages(form.id)
    options = "".join(f'<option value="{c}" lang="{c}"{" selected" if c == form.lang else ""}>'
                      f'{escape(languages()[c].name)}</option>' for c in codes)
    out = ['<div class="form-field collect-language" data-respondent-language-box hidden>',
           f'<label for="respondent-language">{escape(m("feedback.respondent_language.label"))}</label>',
           f'<p class="form-hint" id="respondent-language-hint">{escape(m("feedback.respondent_language.hint"))}</p>',
           f'<select id="respondent-language" data-respondent-language aria-describedby="respondent-language-hint">{options}</select>',
           "</div>"]
    for code in codes:
        if code == form.lang:
            continue
        other = get_form(form.id, code)
        om = other.messages
        out.append(f'<template data-respondent-form lang="{code}">{render_form(other, questions_only=True)}'
                   f'<p data-done-hint>{escape(om("feedback.collect.done_hint"))}</p>'
                   f'<p data-done-next>{escape(om("feedback.collect.next"))}</p></template>')
    return "\n".join(out)


def render_collect(form: FormDef) -> str:
    """Above the feedback form: hand one device round the room (one block of HTML)."""
    m = form.messages
    return "\n".join([
        '<section class="vk-form collect" data-collect aria-labelledby="collect-title">',
        f'<h2 id="collect-title">{escape(m("feedback.collect.title"))}</h2>',
        f'<p class="form-hint">{escape(m("feedback.collect.hint"))}</p>',
        _chair_gate(form),
        '<div class="collect-panel" data-collect-panel hidden>',
        '<p class="collect-count" data-collected-count aria-live="polite"></p>',
        '<div class="form-buttons" data-chair-actions hidden>',
        f'<button type="button" data-show-summary>{escape(m("feedback.collect.show_summary"))}</button>',
        f'<button type="button" data-collect-resume hidden>{escape(m("feedback.collect.resume"))}</button>',
        f'<button type="button" class="form-clear" data-collect-clear>{escape(m("feedback.collect.clear"))}</button>',
        f'<button type="button" data-chair-lock>{escape(m("feedback.chair.lock"))}</button>',
        "</div>",
        "</div>",
        _review(form),
        _respondent_languages(form),
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
        '<div class="form-field summary-free-text"><div class="form-choice">',
        '<input type="checkbox" id="summary-free-text" data-summary-free-text aria-describedby="summary-free-text-hint">',
        f'<label for="summary-free-text">{escape(m("feedback.files.free_text"))}</label></div>',
        f'<p class="form-hint" id="summary-free-text-hint">{escape(m("feedback.files.free_text_hint"))}</p></div>',
        '<progress class="summary-progress" data-summary-progress max="1" value="0" hidden '
        f'aria-label="{_a(m("feedback.files.progress"))}"></progress>',
        '<div class="form-status" data-summary-status aria-live="polite"></div>',
        '<div class="summary-rejected" data-summary-rejected></div>',
        '<div class="summary-area" data-summary-area></div>',
        _exports(form, SUMMARY_EXPORTS),
        "</div>",
    ])
