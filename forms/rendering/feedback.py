"""Build-time HTML around the feedback form: collecting many answers on one device
(``render_collect``) and the coordinator's summary page (``render_summary_page``). The page's
script is ``overrides/assets/js/feedback.mjs``; the summary itself is HTML from Python
(``forms/feedback/report.py``) put into the ``summary_area``.

The markup is in ``macros/templates/forms/feedback-*.html``; this module decides what they show.
Their DOM hooks are declared, each with what it marks, in the feedback group of
``forms/contracts.toml``; the export buttons are the ``export`` hook with the summary formats of
``formats.toml`` (the bundle of answers, ``json``, only where they are collected).
"""
from __future__ import annotations

from dataclasses import dataclass

from forms.exports.json_file import MAX_BYTES
from forms.feedback.summary import PERIODS
from forms.language import languages
from forms.model import FormDef, fill_languages, get_form
from forms.model.formats import summary_formats
from forms.rendering import render, render_form

#: The summary's own files (formats.toml: `summary = "report"`); where answers are collected, the
#: bundle of them too (`summary = "bundle"`).
SUMMARY_EXPORTS = tuple(f.id for f in summary_formats() if f.summary == "report")
COLLECTED_EXPORTS = tuple(f.id for f in summary_formats())


@dataclass(frozen=True)
class OtherLanguage:
    """The form in a respondent's other language, its questions only."""
    form: FormDef
    html: str


def render_collect(form: FormDef) -> str:
    """Above the feedback form: hand one device round the room (one block of HTML). Each
    respondent chooses their language (the ``respondent_language`` select); the form's words in
    the other languages wait in a ``respondent_form`` template per language (``lang=…``)."""
    codes = fill_languages(form.id)
    others = [get_form(form.id, code) for code in codes if code != form.lang]
    return render(
        "forms/feedback-collect.html", form=form, t=form.messages,
        respondent_languages=[languages()[c] for c in codes],
        other_forms=[OtherLanguage(o, render_form(o, questions_only=True)) for o in others],
        summary_exports=COLLECTED_EXPORTS,
    )


def render_summary_page(form: FormDef) -> str:
    """The coordinator's page: many files in, one summary out (one block of HTML)."""
    return render("forms/feedback-summary.html", form=form, t=form.messages, max_bytes=MAX_BYTES,
                  periods=PERIODS, period=PERIODS[0], summary_exports=SUMMARY_EXPORTS)
