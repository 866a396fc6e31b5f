"""Validation with Finnish error messages in the Suomi.fi style.

``validate(form_id, state)`` never raises: wrong types, huge strings and junk give a
:class:`FieldError`. ``field`` is the input's name: ``"date"`` or ``"invitees.0.name"``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import finnish
from .model import Field, get_form
from .normalise import normalise_url

MSG_TYPE = "Kentän arvo on virheellinen. Täytä kenttä uudelleen."
MSG_TOO_LONG = "Teksti on liian pitkä: enintään {n} merkkiä."
MSG_CHOICE = "Valitse jokin annetuista vaihtoehdoista."
MSG_EMAIL = "Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi."
MSG_TEL = "Kirjoita puhelinnumero numeroina, esim. 040 123 4567."
MSG_URL = "Kirjoita linkki kokonaisena, esim. https://esimerkki.fi/kokous."
MSG_DATE_FORMAT = "Kirjoita {noun} muodossa {example}."
MSG_NO_DATE = "Päivämäärää {shown} ei ole olemassa."
MSG_WRONG_WEEKDAY = "{date} on {actual}, ei {typed}. Tarkista päivämäärä."
MSG_TIME_FORMAT = "Kirjoita {noun} muodossa {example}."
MSG_NO_TIME = "Kellonaikaa {shown} ei ole olemassa."
MSG_TOO_MANY_ROWS = "Rivejä on liikaa: enintään {n}."

_EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")
_TEL_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,24}$")
_URL_RE = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$", re.IGNORECASE)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


def _required_message(f: Field) -> str:
    if f.required_message:
        return f.required_message
    if f.type == "date":
        return MSG_DATE_FORMAT.format(noun=f.noun or "päivämäärä", example=f.example or "7.3.2027")
    if f.type == "time":
        return MSG_TIME_FORMAT.format(noun=f.noun or "kellonaika", example=f.example or "14.00")
    if f.type in ("select", "radio", "scale"):
        return f"Valitse vaihtoehto kohtaan {f.label}."
    if f.type == "checkbox":
        return f"Valitse kohta {f.label}."
    return f"Täytä kohta {f.label}."


def _check_value(f: Field, value, key: str, required: bool) -> list[FieldError]:
    """Check one scalar value. ``required`` already folds in conditional rules."""
    if f.type == "checkbox":
        if value is None:
            value = False
        if not isinstance(value, bool):
            return [FieldError(key, MSG_TYPE)]
        if required and not value:
            return [FieldError(key, _required_message(f))]
        return []
    if value is None:
        value = ""
    if not isinstance(value, str):
        return [FieldError(key, MSG_TYPE)]
    if len(value) > f.max_length:
        return [FieldError(key, MSG_TOO_LONG.format(n=f.max_length))]
    text = value.strip()
    if not text:
        return [FieldError(key, _required_message(f))] if required else []
    t = f.type
    if t == "date":
        try:
            finnish.parse_date(text)
        except finnish.NoSuchDate as e:
            return [FieldError(key, MSG_NO_DATE.format(shown=e.shown))]
        except finnish.WrongWeekday as e:
            return [FieldError(key, MSG_WRONG_WEEKDAY.format(
                date=finnish.format_date(e.date), actual=finnish.WEEKDAYS[e.date.weekday()],
                typed=finnish.WEEKDAYS[e.typed]))]
        except finnish.NotADate:
            return [FieldError(key, MSG_DATE_FORMAT.format(noun=f.noun or "päivämäärä", example=f.example or "7.3.2027"))]
    elif t == "time":
        try:
            finnish.parse_time(text)
        except finnish.NoSuchDate as e:
            return [FieldError(key, MSG_NO_TIME.format(shown=e.shown))]
        except finnish.NotADate:
            return [FieldError(key, MSG_TIME_FORMAT.format(noun=f.noun or "kellonaika", example=f.example or "14.00"))]
    elif t == "email":
        if not _EMAIL_RE.match(text):
            return [FieldError(key, MSG_EMAIL)]
    elif t == "tel":
        if not _TEL_RE.match(text):
            return [FieldError(key, MSG_TEL)]
    elif t == "url":
        if not _URL_RE.match(normalise_url(text)):
            return [FieldError(key, MSG_URL)]
    elif t in ("select", "radio", "scale"):
        if text not in {c.value for c in f.choices}:
            return [FieldError(key, MSG_CHOICE)]
    return []


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _filled(v) -> bool:
    return (isinstance(v, str) and bool(v.strip())) or v is True


def _validate_scope(fields, values: dict, prefix: str) -> list[FieldError]:
    """Validate fields against ``values`` (the state or one row), including cross-field rules."""
    errors: list[FieldError] = []
    bad: set[str] = set()
    for f in fields:
        if f.is_group:
            continue
        key = prefix + f.name
        v = values.get(f.name)
        required = not f.optional
        if f.required_with and _filled(values.get(f.required_with)):
            required = True
        if f.required_if:
            other, wanted = f.required_if
            if values.get(other) == wanted:
                required = True
        errs = _check_value(f, v, key, required)
        if errs:
            bad.add(f.name)
        errors.extend(errs)
    # Cross-field order rules, only when both ends are valid.
    for f in fields:
        if f.is_group or f.name in bad:
            continue
        v = values.get(f.name)
        if not (isinstance(v, str) and v.strip()):
            continue
        if f.after and f.after not in bad and isinstance(values.get(f.after), str):
            a, b = finnish.try_time(values[f.after]), finnish.try_time(v)
            if a is not None and b is not None and b <= a:
                errors.append(FieldError(prefix + f.name, f.after_message))
        if f.not_before and f.not_before not in bad and isinstance(values.get(f.not_before), str):
            a, b = finnish.try_date(values[f.not_before]), finnish.try_date(v)
            if a is not None and b is not None and b < a:
                errors.append(FieldError(prefix + f.name, f.not_before_message))
    return errors


def _validate_group(g: Field, value) -> list[FieldError]:
    if value is None:
        value = []
    if not isinstance(value, list):
        return [FieldError(f"{g.name}.0.{g.fields[0].name}", MSG_TYPE)]
    if len(value) > g.max_rows:
        return [FieldError(f"{g.name}.0.{g.fields[0].name}", MSG_TOO_MANY_ROWS.format(n=g.max_rows))]
    errors: list[FieldError] = []
    filled = 0
    for i, row in enumerate(value):
        prefix = f"{g.name}.{i}."
        if not isinstance(row, dict):
            errors.append(FieldError(prefix + g.fields[0].name, MSG_TYPE))
            continue
        if all(_blank(row.get(s.name)) for s in g.fields):
            continue  # an untouched empty row is ignored
        filled += 1
        errors.extend(_validate_scope(g.fields, row, prefix))
    if filled < g.min_rows:
        # Point at the first row's fields so the browser can show the errors in place.
        errors.extend(_validate_scope(g.fields, {}, f"{g.name}.0."))
    return errors


def validate(form_id: str, state) -> list[FieldError]:
    """All errors of ``state`` for the form ``form_id``, in the order of the form."""
    form = get_form(form_id)
    if not isinstance(state, dict):
        state = {}
    errors: list[FieldError] = []
    top = [f for f in form.fields() if not f.is_group]
    top_errors: dict[str, list[FieldError]] = {}
    scope_errors = _validate_scope(top, state, "")
    for e in scope_errors:
        top_errors.setdefault(e.field, []).append(e)
    # Emit in the order of the form: fields and groups interleaved.
    for f in form.fields():
        if f.is_group:
            errors.extend(_validate_group(f, state.get(f.name)))
        else:
            errors.extend(top_errors.get(f.name, ()))
    return errors
