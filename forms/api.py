"""The single entry point the browser's Web Worker calls: :func:`handle`.

``handle(request: dict) -> dict`` never raises. Requests and responses are plain dicts
(JSON-able, except that file contents are ``bytes``). The request's ``op`` names one of
:data:`OPERATIONS`, the one table of them (each op's handler, and whether the worker makes it wait
for the export libraries' wheels); the page scripts get that table as the generated
``overrides/assets/js/contracts.mjs`` (:mod:`forms._build_contracts`). What each op takes and
answers is described once, in ``overrides/assets/js/PROTOCOL.md``.

Every form request names the form and the page's language (``"lang": "sv"``, a site language
of ``forms/languages.toml``); both are resolved once, here, into the form object that every
layer below gets, so messages, dates and files come out in that language. Unknown ops, forms or
languages give ``{"errors": [{"field": "", "message": "..."}]}`` (in the page's language when it
is known, else the root language's). Field names in errors are the HTML input names (``date``,
``invitees.0.name``); ``""`` means the whole form.
"""
from __future__ import annotations

import datetime as _dt
import traceback
from dataclasses import dataclass
from typing import Callable

from forms.language import Messages, default_language, messages, site_languages
from forms.model import FORM_IDS, FormDef, fill_languages, get_form
from forms.validation.normalise import changed_values, normalise_state
from forms.validation import validate
from forms.validation.warnings import warnings


#: An op's handler: the request and the messages of its language (or the root language's).
Handler = Callable[[dict, "Messages"], dict]


def _err(message: str, field: str = "") -> dict:
    return {"errors": [{"field": field, "message": message}]}


def _messages_of(request) -> Messages:
    """The catalogue of the request's language, or the root language's for a bad one."""
    lang = request.get("lang") if isinstance(request, dict) else None
    return messages(lang if lang in site_languages() else default_language())


def _today(value) -> _dt.date:
    """The reader's date as the page gives it ("2026-12-04"), else this machine's."""
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    return _dt.date.today()


def _validate(form: FormDef, state, today: _dt.date, letters: bool = False) -> dict:
    normalised = normalise_state(form, state, today)
    errors = validate(form, normalised)
    wrong = {e.field for e in errors}
    out = {"errors": [e.as_dict() for e in errors], "normalised": changed_values(state, normalised),
           "warnings": [w.as_dict() for w in warnings(form, state, today) if w.field not in wrong]}
    if letters is True and form.letter:
        from forms.exports import prepared_state
        from forms.exports.document import letter_choices

        out["letters"] = letter_choices(form, prepared_state(form, normalised, normalised=True))
    return out


def _export(form: FormDef, fmt, state, letter=None) -> dict:
    from forms.exports.mail import MailDraft
    from forms.exports import ExportError, export, offers

    if not isinstance(fmt, str) or not offers(form, fmt):
        return _err(form.messages("api.unknown_format"))
    state = normalise_state(form, state if isinstance(state, dict) else {})
    if fmt != "json":
        errors = validate(form, state)
        if errors:
            return {"errors": [e.as_dict() for e in errors]}
    if letter is not None and not (isinstance(letter, str) and letter):
        return _err(form.messages("api.unknown_letter"))
    try:
        result = export(form, fmt, state, letter or "", normalised=True)
    except ExportError as e:
        return _err(e.message, e.field)
    if isinstance(result, MailDraft):
        return {"errors": [], "url": result.url, "notice": result.notice}
    if isinstance(result, str):
        return {"errors": [], "html": result}
    return {"errors": [], "file": result.as_dict()}


def _import(form: FormDef, data) -> dict:
    from forms.exports.json_file import import_json

    state, errors = import_json(form, data)
    notes = []
    if not errors and form.letter:
        from forms.exports.document import unknown_letter_languages

        # An unknown letter language (a hand-edited file): the row opens in the page's language,
        # and a note beside the field says what the file had.
        language = form.messages(f"language.{form.lang}")
        notes = [{"field": field, "check": "read_as",
                  "message": form.messages("import.unknown_letter_language", code=code, language=language)}
                 for field, code in unknown_letter_languages(form, state)]
    return {"errors": [e.as_dict() for e in errors], "state": state, "warnings": notes}


def _carry(request: dict, lang: str) -> dict:
    from forms.meeting import papers

    to = request.get("to")
    if to == "meeting":
        return {"errors": [], "meeting": papers.meeting_from_invitation(get_form("kutsu", lang), request.get("invitation"))}
    if to == "muistio":
        memo = get_form("muistio", lang)
        return {"errors": [], "fields": list(papers.MEMO_FIELDS),
                "state": papers.memo_from_meeting(memo, request.get("meeting"), request.get("state"), request.get("base")),
                "base": papers.memo_from_meeting(memo, request.get("meeting"))}
    if to == "kutsu":
        kutsu = get_form("kutsu", lang)
        state = papers.invitation_from_memo(kutsu, get_form("muistio", lang), request.get("memo"), request.get("meeting"))
        return {"errors": [], "state": state, "notice": papers.carried_notice(kutsu, state)}
    return _err(messages(lang)("api.unknown_op"))


def _feedback(request: dict, lang: str) -> dict:
    import datetime as _dt

    from forms import feedback
    from forms.feedback import report
    from forms.feedback.summary import summarise
    from forms.model.formats import summary_formats

    form = get_form("palaute", lang)
    m = form.messages
    fmt = request.get("format")
    spec = next((f for f in summary_formats() if f.id == fmt), None)
    if fmt is not None and spec is None:
        return _err(m("api.unknown_format"))
    # The files travel as one binary `data` (the worker's protocol takes bytes only there), cut by
    # each file's `size`, in order.
    files = request.get("files") if isinstance(request.get("files"), list) else []
    data = request.get("data") if isinstance(request.get("data"), bytes) else b""
    pairs, at = [], 0
    for f in files:
        if isinstance(f, dict) and isinstance(f.get("size"), int) and f["size"] >= 0:
            pairs.append((f.get("name", ""), data[at:at + f["size"]]))
            at += f["size"]
    collected = [a for a in request.get("answers") or [] if isinstance(a, dict)] if isinstance(request.get("answers"), list) else []
    held_back = feedback.held_back_of(request)
    if collected:
        pairs.insert(0, (m("feedback.collected_name"), feedback.bundle(form, collected, held_back=held_back)))
    reading = feedback.read_files(form, pairs)
    summary = summarise(form, reading.answers, request.get("period") or "month",
                        free_text=request.get("free_text", True) is not False, held_back=reading.held_back)
    out = {"errors": [], "respondents": summary.respondents, "html": report.to_html(form, summary),
           "rejected": [list(r) for r in reading.rejected], "duplicates": [list(d) for d in reading.duplicates]}
    if spec:
        bundle = spec.summary == "bundle"   # the collected answers, else the summary (formats.toml)
        data = feedback.bundle(form, collected, held_back=held_back) if bundle else getattr(report, f"to_{spec.id}")(form, summary)
        stem = m("feedback.file_stem_bundle" if bundle else "feedback.file_stem")
        out["file"] = {"name": f"{stem}-{_file_stamp(request.get('now'))}.{spec.extension}", "mime": spec.mime, "data": data}
    return out


def _file_stamp(now) -> str:
    """A file name's time: the reader's local ``YYYY-MM-DDTHH:MM`` as ``YYYY-MM-DD-HHMM``, else
    today's date (the page did not say, or said something else)."""
    try:
        return _dt.datetime.strptime(now, "%Y-%m-%dT%H:%M").strftime("%Y-%m-%d-%H%M")
    except (TypeError, ValueError):
        return _dt.date.today().isoformat()


def warm(lang: str) -> dict:
    """Import the heavy libraries and render once (fills caches, compiles bytecode): a short
    text in Finnish and Cyrillic, then a blank form through the real export path (definitions,
    document model, exporters), which saves ~50 ms of the first real PDF (measured in Pyodide)."""
    from forms.exports.document import Document, Para
    from forms.exports.pdf import render_pdf
    from forms.exports import export
    from forms.model.state import empty_state

    import icalendar  # noqa: F401

    m = messages(lang)
    # Latin with Finnish letters and Cyrillic: the font's both halves (a letter can be Russian).
    sample = " ".join(messages(code)("document.page", mark="", page=1, pages=1) for code in ("fi", "ru"))
    render_pdf(Document(title=m("document.confidential"), messages=m, blocks=[Para(sample)]))
    for form_id in FORM_IDS:
        get_form(form_id, lang)
    first = get_form(FORM_IDS[0], lang)
    export(first, "print", empty_state(first))
    export(first, "pdf", empty_state(first))
    return {"errors": []}


def _form_op(run: Callable[[FormDef, dict], dict], any_fill_language: bool = False) -> Handler:
    """A handler for an op on one form: resolves the request's form and language once, here, and
    hands the form object down. ``any_fill_language``: a form filled in any language (the
    feedback) is checked in the respondent's language, not only in a site language."""
    def handler(request: dict, m: Messages) -> dict:
        form_id, lang = request.get("form"), request.get("lang")
        if not isinstance(form_id, str) or form_id not in FORM_IDS:
            return _err(m("api.unknown_form"))
        if lang not in site_languages() and not (any_fill_language and lang in fill_languages(form_id)):
            return _err(m("api.unknown_language"))
        return run(get_form(form_id, lang), request)
    return handler


def _site_language_op(run: Callable[[dict, str], dict]) -> Handler:
    """A handler for an op between forms or over many: each resolves the forms it needs, once,
    in the request's site language."""
    def handler(request: dict, m: Messages) -> dict:
        lang = request.get("lang")
        return run(request, lang) if lang in site_languages() else _err(m("api.unknown_language"))
    return handler


@dataclass(frozen=True)
class Operation:
    """One op of the worker's protocol (PROTOCOL.md says what it takes and answers)."""
    handler: Handler
    #: The worker answers it only once the export libraries' wheels (fpdf2, fontTools, icalendar,
    #: ...) are mounted. An op that does not wait must need the forms and the standard library
    #: only (tests/unit/test_standard_library_ops.py checks it without those libraries).
    waits_for_exports: bool


#: The worker's operations, the one table of them: op name -> handler and whether it waits.
OPERATIONS: dict[str, Operation] = {
    "validate": Operation(_form_op(lambda form, r: _validate(form, r.get("state"), _today(r.get("today")), r.get("letters")),
                                   any_fill_language=True), waits_for_exports=False),
    "export": Operation(_form_op(lambda form, r: _export(form, r.get("format"), r.get("state"), r.get("letter"))),
                        waits_for_exports=True),
    "import": Operation(_form_op(lambda form, r: _import(form, r.get("data"))), waits_for_exports=False),
    "carry": Operation(_site_language_op(_carry), waits_for_exports=False),
    "feedback": Operation(_site_language_op(_feedback), waits_for_exports=True),
    # The worker's own warm-up, in the background after the export libraries are mounted.
    "warm": Operation(lambda request, m: warm(m.code), waits_for_exports=True),
}


def handle(request) -> dict:
    """Answer one worker request (an op of :data:`OPERATIONS`). Never raises."""
    m = messages(default_language())
    try:
        m = _messages_of(request)
        op = request.get("op") if isinstance(request, dict) else None
        operation = OPERATIONS.get(op) if isinstance(op, str) else None
        if operation is None:
            return _err(m("api.unknown_op"))
        return operation.handler(request, m)
    except Exception:  # the worker must always get an answer
        traceback.print_exc()
        return _err(m("api.internal"))
