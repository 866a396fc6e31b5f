"""Typed values in their canonical form: what the exports print and the page writes back.

People type "ti 15.12.", "14,00" or "esimerkki.fi/kokous"; the record says "15.12.2026",
"14.00" and "https://esimerkki.fi/kokous". :func:`normalise_state` is applied once, at the API's
edge, before validation and every export, so a date without a year is resolved against one
"today" for the whole request. Values that cannot be read are left as typed (validation names them).
"""
from __future__ import annotations

import datetime as _dt
import re

from forms.language import dates
from forms.language import Messages
from forms.model import Field, FormDef

_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_BARE_HOST_RE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:[/:?#]\S*)?$", re.IGNORECASE)


def normalise_url(text: str) -> str:
    """"esimerkki.fi/kokous" → "https://esimerkki.fi/kokous"; anything else unchanged."""
    t = text.strip()
    if t and not _SCHEME_RE.match(t) and _BARE_HOST_RE.match(t):
        return "https://" + t
    return text


def normalise_value(f: Field, value, m: Messages, today: _dt.date | None = None):
    if not isinstance(value, str) or not value.strip():
        return value
    if f.type == "date":
        return dates.normalise_date_text(value.strip(), m, today)
    if f.type == "time":
        return dates.normalise_time_text(value.strip(), m)
    if f.type == "url":
        return normalise_url(value)
    return value


def normalise_state(form: FormDef, state, today: _dt.date | None = None) -> dict:
    """A copy of ``state`` with dates, times and links in the canonical form of the form's
    language (see module docstring)."""
    if not isinstance(state, dict):
        return state
    today = today or _dt.date.today()
    out = dict(state)
    for f in form.fields():
        v = state.get(f.name)
        if f.is_group:
            if isinstance(v, list):
                out[f.name] = [
                    {k: (normalise_value(s, x, form.messages, today) if (s := f.subfield(k)) else x) for k, x in row.items()}
                    if isinstance(row, dict) else row
                    for row in v
                ]
        elif f.name in state:
            out[f.name] = normalise_value(f, v, form.messages, today)
    return out


def changed_values(before: dict, after: dict) -> dict:
    """The input names whose canonical text differs from what was typed: ``{"date": "15.12.2026"}``."""
    changes: dict = {}
    if not isinstance(before, dict):
        return changes
    for name, value in after.items():
        old = before.get(name)
        if isinstance(value, list) and isinstance(old, list):
            for i, (row_new, row_old) in enumerate(zip(value, old)):
                if isinstance(row_new, dict) and isinstance(row_old, dict):
                    for sub, x in row_new.items():
                        if isinstance(x, str) and x != row_old.get(sub):
                            changes[f"{name}.{i}.{sub}"] = x
        elif isinstance(value, str) and value != old:
            changes[name] = value
    return changes
