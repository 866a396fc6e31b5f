"""Exporters: one function per format, each returning an :class:`ExportFile` (or a URL).

All take a form id and a state (see :mod:`forms.state`); they do not validate (the worker API
does that first) but never crash on odd text: emoji, right-to-left text, markup and control
characters are treated as plain text and escaped or replaced as each format needs.

Every file is marked "Salassa pidettävä". File names never contain the client's name:
``verkostokokous-kutsu-2027-03-07.pdf``, or ``verkostokokous-palaute.pdf`` without a date.

Third-party libraries (fpdf2, fontTools, icalendar) are imported inside the functions, so
``import forms`` stays fast in the browser.
"""
from __future__ import annotations

import importlib

from dataclasses import dataclass

from . import finnish
from .model import get_form
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


def filename(form_id: str, state: dict, ext: str, suffix: str = "") -> str:
    """``verkostokokous-<form>[-<suffix>][-YYYY-MM-DD].<ext>``: ASCII, no personal data."""
    form = get_form(form_id)
    parts = ["verkostokokous", form.id]
    if suffix:
        parts.append(suffix)
    if form.date_field and isinstance(state, dict):
        d = finnish.try_date(state.get(form.date_field, ""))
        if d is not None:
            parts.append(d.isoformat())
    return "-".join(parts) + "." + ext


# format -> (module in this package, function(form_id, state))
EXPORTERS = {
    "pdf": ("export_pdf", "export_pdf"),
    "docx": ("export_docx", "export_docx"),
    "txt": ("export_text", "export_text"),
    "phone": ("export_text", "export_phone_checklist"),
    "ics": ("export_ics", "export_ics"),
    "json": ("export_json", "export_json"),
    "email": ("export_mail", "mailto_url"),
}


def export(form_id: str, fmt: str, state: dict):
    """Dispatch to one exporter: ExportFile, or a ``mailto:`` URL string for ``email``."""
    form = get_form(form_id)
    if fmt not in form.exports:
        raise ExportError(f"Tätä lomaketta ei voi tallentaa muodossa {fmt}.")
    st = clean_state(form_id, state)
    if fmt not in EXPORTERS:
        raise ExportError(f"Tuntematon tiedostomuoto: {fmt}.")
    module, function = EXPORTERS[fmt]
    # Imported on first use: fpdf2, fontTools and icalendar stay out of `import forms`.
    return getattr(importlib.import_module(f".{module}", __package__), function)(form_id, st)

