"""Exporters: one function per format, each returning an :class:`ExportFile` (or a URL).

:func:`export` is the edge: it resolves the form once, cleans and normalises the state once
(:mod:`forms.validation.normalise`), and hands both to one exporter ``(form: FormDef, state) -> ...``.
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
import inspect
import secrets
from dataclasses import dataclass

from forms.language import dates
from forms.model.formats import ALWAYS, formats
from forms.model import FormDef
from forms.validation.normalise import normalise_state
from forms.model.state import clean_state


@dataclass(frozen=True)
class ExportFile:
    name: str
    mime: str
    data: bytes

    def as_dict(self) -> dict:
        return {"name": self.name, "mime": self.mime, "data": self.data}


class ExportError(Exception):
    """A user-facing reason, in the page's language, why an export cannot be made."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


def filename(form: FormDef, state: dict, ext: str, suffix: str = "") -> str:
    """``verkostokokous-<form>[-<suffix>][-YYYY-MM-DD][-<random>].<ext>``: ASCII, no personal data."""
    parts = ["verkostokokous", form.id]
    if suffix:
        parts.append(suffix)
    d = None
    if form.date_field and isinstance(state, dict):
        d = dates.try_date(state.get(form.date_field, ""))
    if d is None and form.unique_file_names:
        d = _dt.date.today()
    if d is not None:
        parts.append(d.isoformat())
    if form.unique_file_names:
        parts.append(secrets.token_hex(3))
    return "-".join(parts) + "." + ext


def offers(form: FormDef, fmt: str) -> bool:
    return fmt in form.exports or fmt in ALWAYS


def prepared_state(form: FormDef, state, normalised: bool = False) -> dict:
    """The state every exporter gets: cleaned and normalised, once. ``normalised``: the caller
    has normalised ``state`` already (the API's edge does, to validate what it exports), so it is
    only cleaned."""
    return clean_state(form, state) if normalised else normalise_state(form, clean_state(form, state))


def export(form: FormDef, fmt: str, state: dict, letter: str = "", *, normalised: bool = False):
    """Dispatch to the format's exporter (``formats.toml``): an :class:`ExportFile` for a file
    format (the exporter gives its bytes; name and MIME type come from the format), a
    :class:`forms.exports.mail.MailDraft` for ``email``, an HTML string for ``print``.

    ``letter`` names one of the invitation's letters (:func:`forms.exports.document.letters`:
    "sv", "post-2"), for an exporter that makes one letter (its ``letter`` parameter: the PDF,
    the e-mail draft); the file's name then says whose or which language it is, never the
    client's name: ``verkostokokous-kutsu-olena-kovalenko-2027-03-10.pdf``. ``normalised``: see
    :func:`prepared_state`."""
    spec = formats().get(fmt) if isinstance(fmt, str) else None
    if spec is None or not spec.module or not offers(form, fmt):
        raise ExportError(form.messages("api.unknown_format"))
    st = prepared_state(form, state, normalised)
    # Imported on first use: fpdf2, fontTools and icalendar stay out of `import forms`.
    exporter = getattr(importlib.import_module(f".{spec.module}", __package__), spec.function)
    suffix = spec.suffix
    if letter:
        from forms.exports.document import find_letter, letter_slug

        found = find_letter(form, st, letter) if isinstance(letter, str) and form.letter else None
        if found is None or "letter" not in inspect.signature(exporter).parameters:
            raise ExportError(form.messages("api.unknown_letter"))
        result = exporter(form, st, letter=found)
        suffix = "-".join(p for p in (suffix, letter_slug(form, st, found)) if p)
    else:
        result = exporter(form, st)
    if spec.is_file:
        return ExportFile(filename(form, st, spec.extension, suffix), spec.mime, result)
    return result
