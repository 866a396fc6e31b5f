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


def export(form_id: str, fmt: str, state: dict):
    """Dispatch to one exporter: ExportFile, or a ``mailto:`` URL string for ``email``."""
    form = get_form(form_id)
    if fmt not in form.exports:
        raise ExportError(f"Tätä lomaketta ei voi tallentaa muodossa {fmt}.")
    st = clean_state(form_id, state)
    if fmt == "pdf":
        from .export_pdf import export_pdf
        return export_pdf(form_id, st)
    if fmt == "docx":
        from .export_docx import export_docx
        return export_docx(form_id, st)
    if fmt == "txt":
        from .export_text import export_text
        return export_text(form_id, st)
    if fmt == "phone":
        from .export_text import export_phone_checklist
        return export_phone_checklist(form_id, st)
    if fmt == "ics":
        from .export_ics import export_ics
        return export_ics(form_id, st)
    if fmt == "json":
        from .export_json import export_json
        return export_json(form_id, st)
    if fmt == "email":
        from .export_mail import mailto_url
        return mailto_url(form_id, st)
    raise ExportError(f"Tuntematon tiedostomuoto: {fmt}.")
