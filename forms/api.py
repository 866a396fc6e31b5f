"""The single entry point the browser's Web Worker calls: :func:`handle`.

``handle(request: dict) -> dict`` never raises. Requests and responses are plain dicts
(JSON-able, except that file contents are ``bytes``):

* ``{"op": "validate", "form": "kutsu", "state": {...}}``
  → ``{"errors": [{"field": "date", "message": "..."}], "normalised": {"date": "15.12.2026"}}``:
  ``normalised`` names the inputs whose text has a canonical form other than what was typed
  ("ti 15.12." → "15.12.2026", "14,00" → "14.00", "esimerkki.fi" → "https://esimerkki.fi");
  the page writes them back.
* ``{"op": "export", "form": "kutsu", "format": "pdf"|"docx"|"txt"|"ics"|"json"|"email"|"phone"|"print",
  "state": {...}}``
  → ``{"errors": [...]}`` when the state is invalid or the export cannot be made, else
  ``{"errors": [], "file": {"name": "verkostokokous-kutsu-2027-03-07.pdf", "mime": "...",
  "data": b"..."}}``; for ``email``: ``{"errors": [], "url": "mailto:?bcc=...&subject=...&body=...",
  "notice": ""}`` (a Finnish notice when the addresses did not fit); for ``print`` (every form):
  ``{"errors": [], "html": "<article ...>"}``, the printable document.
  JSON (a draft) is saved even when the form is not yet valid.
* ``{"op": "import", "form": "kutsu", "data": bytes|str}``
  → ``{"errors": [...], "state": {...}}`` (on errors, an empty state).
* ``{"op": "warm"}`` imports fpdf2, fontTools and icalendar and renders a tiny PDF so that the
  first real export is fast → ``{"errors": []}``.

Unknown ops or forms give ``{"errors": [{"field": "", "message": "<Finnish>"}]}``. Field names
in errors are the HTML input names (``date``, ``invitees.0.name``); ``""`` means the whole form.
"""
from __future__ import annotations

import traceback

from .model import FORM_IDS, FormDef, get_form
from .normalise import changed_values, normalise_state
from .validation import validate

MSG_UNKNOWN_OP = "Tuntematon pyyntö."
MSG_UNKNOWN_FORM = "Tuntematon lomake."
MSG_UNKNOWN_FORMAT = "Tätä lomaketta ei voi tallentaa tässä muodossa."
MSG_INTERNAL = "Tiedoston tekeminen epäonnistui. Yritä uudelleen tai tallenna lomake JSON-tiedostona."


def _err(message: str, field: str = "") -> dict:
    return {"errors": [{"field": field, "message": message}]}


def _validate(form: FormDef, state) -> dict:
    normalised = normalise_state(form, state)
    return {"errors": [e.as_dict() for e in validate(form.id, normalised)],
            "normalised": changed_values(state, normalised)}


def _export(form: FormDef, fmt, state) -> dict:
    from .export_mail import MailDraft
    from .exports import ExportError, export, offers

    if not isinstance(fmt, str) or not offers(form, fmt):
        return _err(MSG_UNKNOWN_FORMAT)
    state = normalise_state(form, state if isinstance(state, dict) else {})
    if fmt != "json":
        errors = validate(form.id, state)
        if errors:
            return {"errors": [e.as_dict() for e in errors]}
    try:
        result = export(form, fmt, state)
    except ExportError as e:
        return _err(e.message, e.field)
    if isinstance(result, MailDraft):
        return {"errors": [], "url": result.url, "notice": result.notice}
    if isinstance(result, str):
        return {"errors": [], "html": result}
    return {"errors": [], "file": result.as_dict()}


def _import(form_id: str, data) -> dict:
    from .export_json import import_json

    state, errors = import_json(form_id, data)
    return {"errors": [e.as_dict() for e in errors], "state": state}


def warm() -> dict:
    """Import the heavy libraries and render once (fills caches, compiles bytecode): a short
    text in Finnish and Cyrillic, then a blank form through the real export path (definitions,
    document model, exporters), which saves ~50 ms of the first real PDF (measured in Pyodide)."""
    from .document import Document, Para
    from .export_pdf import render_pdf
    from .exports import export
    from .model import get_form
    from .state import empty_state

    import icalendar  # noqa: F401

    render_pdf(Document(title="Verkostokokous", blocks=[Para("Äö Жж – 14.00")]))
    for form_id in FORM_IDS:
        get_form(form_id)
    export(FORM_IDS[0], "print", empty_state(FORM_IDS[0]))
    export(FORM_IDS[0], "pdf", empty_state(FORM_IDS[0]))
    return {"errors": []}


def handle(request) -> dict:
    """Answer one worker request; see the module docstring. Never raises."""
    try:
        if not isinstance(request, dict):
            return _err(MSG_UNKNOWN_OP)
        op = request.get("op")
        if op == "warm":
            return warm()
        form_id = request.get("form")
        if op not in ("validate", "export", "import"):
            return _err(MSG_UNKNOWN_OP)
        if not isinstance(form_id, str) or form_id not in FORM_IDS:
            return _err(MSG_UNKNOWN_FORM)
        form = get_form(form_id)  # resolved once, here, and handed down
        if op == "validate":
            return _validate(form, request.get("state"))
        if op == "export":
            return _export(form, request.get("format"), request.get("state"))
        return _import(form_id, request.get("data"))
    except Exception:  # the worker must always get an answer
        traceback.print_exc()
        return _err(MSG_INTERNAL)
