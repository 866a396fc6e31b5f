"""Every format of every form, in every site language, and every feedback summary format,
through the worker's entry point (forms.api.handle), with the lists read from the forms' own
registries (forms/formats.toml via forms.model.formats, each definition's `exports`, the site
languages of forms/languages.toml, formats.toml's `summary` entries), never written out here.

Besides checking each export, this is the proof that the browser's TRIMMED wheels
(scripts/build_pyodide.py, requirements/pyodide-trim.toml) hold everything the exports
import or read: tests/pyodide runs this file inside Pyodide against build/pyodide's wheels.
So the states are varied where a library's code path depends on the content: the invitation
holds a letter in every language of forms/languages.toml (Cyrillic, Latin with diacritics),
and the feedback answers span several months, so both charts are drawn.
"""
import io
import json
import zipfile
from pathlib import Path

import pytest

from forms import FORM_IDS
from forms.api import handle
from forms.contracts import attribute
from forms.language import site_languages
from forms.model import get_form
from forms.model.formats import formats, summary_formats
from export_cases import feedback_answers as _answers, every_letter_language_state as _state

SUMMARY_FORMATS = {f.id: f for f in summary_formats()}

FIXTURES = json.loads((Path(__file__).parent / "fixtures.json").read_text("utf-8"))


def _python_formats(form_id: str) -> list[str]:
    """The formats the form offers that Python makes (a format without a module, the blank
    paper form, is printed by the page itself)."""
    form = get_form(form_id)
    return [fid for fid, spec in formats().items()
            if spec.module and (fid in form.exports or spec.every_form)]


CASES = [(lang, form_id, fmt) for lang in site_languages() for form_id in FORM_IDS for fmt in _python_formats(form_id)]


def test_the_registries_are_not_empty():
    assert len(site_languages()) >= 1 and len(FORM_IDS) >= 3
    assert {"pdf", "ics", "docx", "print"} <= {fmt for _, _, fmt in CASES}
    assert set(SUMMARY_FORMATS) >= {"csv", "xlsx", "pdf", "json"}


def _check_file(fmt: str, file: dict):
    spec = formats()[fmt]
    data = file["data"]
    assert isinstance(data, bytes) and data, "an empty file"
    assert file["name"].endswith("." + spec.extension) and file["mime"] == spec.mime
    if spec.extension == "pdf":
        assert data.startswith(b"%PDF-") and b"/FontFile2" in data, "a PDF with the embedded font"
    elif spec.extension == "ics":
        assert b"BEGIN:VCALENDAR" in data and b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Helsinki" in data
    elif spec.extension == "docx":
        assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    elif spec.extension == "json":
        json.loads(data)
    else:
        data.decode("utf-8")


@pytest.mark.parametrize(("lang", "form_id", "fmt"), CASES, ids=["-".join(c) for c in CASES])
def test_every_format_of_every_form(lang, form_id, fmt):
    response = handle({"op": "export", "form": form_id, "lang": lang, "format": fmt, "state": _state(form_id)})
    assert response["errors"] == [], response["errors"]
    if formats()[fmt].is_file:
        _check_file(fmt, response["file"])
    elif fmt == "email":
        assert response["url"].startswith("mailto:")
    else:
        assert response["html"].startswith("<") and len(response["html"]) > 100


SUMMARY_CASES = [(lang, fmt) for lang in site_languages() for fmt in [None, *SUMMARY_FORMATS]]


@pytest.mark.parametrize(("lang", "fmt"), SUMMARY_CASES, ids=[f"{lang}-{fmt or 'html'}" for lang, fmt in SUMMARY_CASES])
@pytest.mark.parametrize("period", ["month", "quarter"])
def test_every_feedback_summary_format(lang, fmt, period):
    answers = _answers()
    response = handle({"op": "feedback", "lang": lang, "answers": answers, "files": [], "data": b"",
                       "period": period, "format": fmt})
    assert response["errors"] == [] and response["respondents"] == len(answers)
    html = response["html"]
    chart = attribute("summary_chart")
    assert html.count(f'{chart}="distribution"') == 1 and html.count(f'{chart}="trend"') == 1, \
        "the distribution and the trend chart"
    assert html.count('class="summary-legend"') == 2, "each chart's legend is text, whole on any screen"
    if fmt is None:
        assert "file" not in response
        return
    mime, ext = SUMMARY_FORMATS[fmt].mime, SUMMARY_FORMATS[fmt].extension
    file = response["file"]
    assert file["mime"] == mime and file["name"].endswith("." + ext) and file["data"]
    if ext == "pdf":
        assert file["data"].startswith(b"%PDF-")
    elif ext == "xlsx":
        assert zipfile.ZipFile(io.BytesIO(file["data"])).testzip() is None
    elif ext == "json":
        json.loads(file["data"])
    else:
        file["data"].decode("utf-8-sig")


def test_warm():
    assert handle({"op": "warm"}) == {"errors": []}


@pytest.mark.parametrize("fmt", list(SUMMARY_FORMATS))
def test_each_summary_format_has_its_maker_and_words(fmt):
    from forms.feedback import report
    from forms.language import messages

    spec = SUMMARY_FORMATS[fmt]
    assert spec.summary in ("report", "bundle") and spec.extension and spec.mime
    if spec.summary == "report":
        assert callable(getattr(report, f"to_{fmt}", None)), f"forms.feedback.report.to_{fmt}"
    for lang in site_languages():
        m = messages(lang)
        assert m(f"feedback.export.{fmt}.label") and m(f"feedback.export.{fmt}.name")
