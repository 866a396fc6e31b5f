"""Validation with error messages in the page's language (Finnish in the Suomi.fi style):
``validation.*`` in the catalogues, or a field's own ``required_message``.

``validate(form, state)`` never raises: wrong types, huge strings and junk give a
:class:`FieldError`. ``field`` is the input's name: ``"date"`` or ``"invitees.0.name"``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from forms.language import dates
from forms.language import Messages
from forms.model import Field, FormDef
from forms.validation.normalise import normalise_url

_EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")
_TEL_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,24}$")
_URL_RE = re.compile(r"^https?://[^\s<>\"]+\.[^\s<>\"]+$", re.IGNORECASE)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


def _format_message(f: Field, m: Messages) -> str:
    """"Kirjoita päivämäärä muodossa 7.3.2027." (the field's own noun and example if it has them)."""
    return m(f"validation.{f.type}_format", noun=f.noun or m(f"validation.{f.type}_noun"),
             example=f.example or m(f"field.{f.type}_example"))


def _required_message(f: Field, m: Messages) -> str:
    if f.required_message:
        return f.required_message
    if f.type in ("date", "time"):
        return _format_message(f, m)
    if f.type in ("select", "radio", "scale"):
        return m("validation.required_choice", label=f.label)
    if f.type == "checkbox":
        return m("validation.required_checkbox", label=f.label)
    return m("validation.required", label=f.label)


def _check_value(f: Field, value, key: str, required: bool, m: Messages) -> list[FieldError]:
    """Check one scalar value. ``required`` already folds in conditional rules."""
    if f.type == "checkbox":
        if value is None:
            value = False
        if not isinstance(value, bool):
            return [FieldError(key, m("validation.type"))]
        if required and not value:
            return [FieldError(key, _required_message(f, m))]
        return []
    if value is None:
        value = ""
    if not isinstance(value, str):
        return [FieldError(key, m("validation.type"))]
    if len(value) > f.max_length:
        return [FieldError(key, m("validation.too_long", n=f.max_length))]
    text = value.strip()
    if not text:
        return [FieldError(key, _required_message(f, m))] if required else []
    t = f.type
    if t == "date":
        try:
            dates.parse_date(text)
        except dates.NoSuchDate as e:
            return [FieldError(key, m("validation.no_date", shown=e.shown))]
        except dates.WrongWeekday as e:
            return [FieldError(key, m("validation.wrong_weekday",
                date=dates.format_date(e.date, m), actual=m(f"date.weekday_name.{e.date.weekday()}"),
                typed=m(f"date.weekday_name.{e.typed}")))]
        except dates.NotADate:
            return [FieldError(key, _format_message(f, m))]
    elif t == "time":
        try:
            dates.parse_time(text)
        except dates.NoSuchDate as e:
            shown = m("time.format", h=e.hour, mm=f"{e.minute:02d}") if e.hour is not None else e.shown
            return [FieldError(key, m("validation.no_time", shown=shown))]
        except dates.NotADate:
            return [FieldError(key, _format_message(f, m))]
    elif t == "email":
        if not _EMAIL_RE.match(text):
            return [FieldError(key, m("validation.email"))]
    elif t == "tel":
        if not _TEL_RE.match(text):
            return [FieldError(key, m("validation.tel"))]
    elif t == "url":
        if not _URL_RE.match(normalise_url(text)):
            return [FieldError(key, m("validation.url"))]
    elif t in ("select", "radio", "scale"):
        if text not in {c.value for c in f.choices}:
            return [FieldError(key, m("validation.choice"))]
    return []


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _filled(v) -> bool:
    return (isinstance(v, str) and bool(v.strip())) or v is True


def _validate_scope(fields, values: dict, prefix: str, m: Messages) -> list[FieldError]:
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
        errs = _check_value(f, v, key, required, m)
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
            a, b = dates.try_time(values[f.after]), dates.try_time(v)
            if a is not None and b is not None and b <= a:
                errors.append(FieldError(prefix + f.name, f.after_message))
        if f.not_before and f.not_before not in bad and isinstance(values.get(f.not_before), str):
            a, b = dates.try_date(values[f.not_before]), dates.try_date(v)
            if a is not None and b is not None and b < a:
                errors.append(FieldError(prefix + f.name, f.not_before_message))
    return errors


def _validate_group(g: Field, value, m: Messages) -> list[FieldError]:
    if value is None:
        value = []
    if not isinstance(value, list):
        return [FieldError(f"{g.name}.0.{g.fields[0].name}", m("validation.type"))]
    if len(value) > g.max_rows:
        return [FieldError(f"{g.name}.0.{g.fields[0].name}", m("validation.too_many_rows", n=g.max_rows))]
    errors: list[FieldError] = []
    filled = 0
    for i, row in enumerate(value):
        prefix = f"{g.name}.{i}."
        if not isinstance(row, dict):
            errors.append(FieldError(prefix + g.fields[0].name, m("validation.type")))
            continue
        if all(_blank(row.get(s.name)) for s in g.fields):
            continue  # an untouched empty row is ignored
        filled += 1
        errors.extend(_validate_scope(g.fields, row, prefix, m))
    if filled < g.min_rows:
        # Point at the first row's fields so the browser can show the errors in place.
        errors.extend(_validate_scope(g.fields, {}, f"{g.name}.0.", m))
    return errors


def validate(form: FormDef, state) -> list[FieldError]:
    """All errors of ``state`` for the resolved ``form``, in the order of the form, in its language."""
    m = form.messages
    if not isinstance(state, dict):
        state = {}
    errors: list[FieldError] = []
    top = [f for f in form.fields() if not f.is_group]
    top_errors: dict[str, list[FieldError]] = {}
    scope_errors = _validate_scope(top, state, "", m)
    for e in scope_errors:
        top_errors.setdefault(e.field, []).append(e)
    # Emit in the order of the form: fields and groups interleaved.
    for f in form.fields():
        if f.is_group:
            errors.extend(_validate_group(f, state.get(f.name), m))
        else:
            errors.extend(top_errors.get(f.name, ()))
    return errors
