"""Exporters: one function per format, each returning an :class:`ExportFile` (or a URL).

:func:`export` is the edge: it resolves the form once, cleans and normalises the state once
(:mod:`forms.normalise`), and hands both to one exporter ``(form: FormDef, state) -> ...``.
Exporters do not validate (the worker API does that first) but never crash on odd text: emoji,
right-to-left text, markup and control characters are treated as plain text and escaped or
replaced as each format needs.

Every file is marked "Salassa pidettävä". File names never contain the client's name:
``verkostokokous-kutsu-2027-03-07.pdf``. A form whose definition sets ``unique_file_names``
(feedback: one file per respondent) adds a random part, so two answers never overwrite each
other: ``verkostokokous-palaute-2027-03-07-4f9c2a.pdf`` (today's date when no meeting date is given).

Third-party libraries (fpdf2, fontTools, icalendar) are imported inside the functions, so
``import forms`` stays fast in the browser.
"""
from __future__ import annotations

import datetime as _dt
import importlib
import secrets
from dataclasses import dataclass

from . import finnish
from .model import FormDef, get_form
from .normalise import normalise_state
from .state import clean_state


@dataclass(frozen=True)
class ExportFile:
    name: str
    mime: str
    data: bytes

    def as_dict(self) -> dict:
        return {"name": self.name, "mime": self.mime, "data": self.data}


class ExportError(Exception):
    """A Finnish, user-facing reason why an export cannot be made."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain;charset=utf-8",
    "phone": "text/plain;charset=utf-8",
    "ics": "text/calendar;charset=utf-8",
    "json": "application/json",
}


def filename(form: FormDef | str, state: dict, ext: str, suffix: str = "") -> str:
    """``verkostokokous-<form>[-<suffix>][-YYYY-MM-DD][-<random>].<ext>``: ASCII, no personal data."""
    form = get_form(form) if isinstance(form, str) else form
    parts = ["verkostokokous", form.id]
    if suffix:
        parts.append(suffix)
    d = None
    if form.date_field and isinstance(state, dict):
        d = finnish.try_date(state.get(form.date_field, ""))
    if d is None and form.unique_file_names:
        d = _dt.date.today()
    if d is not None:
        parts.append(d.isoformat())
    if form.unique_file_names:
        parts.append(secrets.token_hex(3))
    return "-".join(parts) + "." + ext


# format -> (module in this package, function(form: FormDef, state)). "print" is the printable
# HTML of the document (the page prints it); every form offers it.
EXPORTERS = {
    "pdf": ("export_pdf", "export_pdf"),
    "docx": ("export_docx", "export_docx"),
    "txt": ("export_text", "export_text"),
    "phone": ("export_text", "export_phone_checklist"),
    "ics": ("export_ics", "export_ics"),
    "json": ("export_json", "export_json"),
    "email": ("export_mail", "mailto"),
    "print": ("export_html", "print_html"),
}


def offers(form: FormDef, fmt: str) -> bool:
    return fmt in form.exports or fmt == "print"


def prepared_state(form: FormDef, state) -> dict:
    """The state every exporter gets: cleaned and normalised once."""
    return normalise_state(form, clean_state(form.id, state))


def export(form: FormDef | str, fmt: str, state: dict):
    """Dispatch to one exporter: ExportFile, a :class:`forms.export_mail.MailDraft` for
    ``email``, or an HTML string for ``print``."""
    form = get_form(form) if isinstance(form, str) else form
    if not offers(form, fmt) or fmt not in EXPORTERS:
        raise ExportError(f"Tätä lomaketta ei voi tallentaa muodossa {fmt}.")
    module, function = EXPORTERS[fmt]
    # Imported on first use: fpdf2, fontTools and icalendar stay out of `import forms`.
    return getattr(importlib.import_module(f".{module}", __package__), function)(form, prepared_state(form, state))

