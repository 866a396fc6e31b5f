"""Likely typos, pointed out beside the field in the page's language: a meeting date that has
passed or lies more than a year ahead, a reply-by date after the meeting, a time at night, a
surname where the first name is asked, a phone number too short to dial, and on an English page
a numeric date read day first ("Read as Saturday 5 December 2026").

Warnings are notes, never errors: they do not stop an export. Which checks exist and their limits
are data (``forms/warnings.toml``); which fields a form checks is its definition's ``[warnings]``
table; the words are ``warning.*`` in the catalogues. ``today`` is always passed in (the reader's
date, from the page), so nothing here depends on the clock.

``warnings(form, state, today)`` reads ``state`` as typed (the read-back needs the typed text)
and never raises; a value that cannot be read gets no warning (validation names it).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from forms.language import dates
from forms.model import Field, FormDef
from forms.validation import FieldError
from forms.meeting.delivery import email_missing

_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[^\W\d_]")
_YEAR_FIRST_RE = re.compile(r"\s*\d{4}\b")


@dataclass(frozen=True)
class FieldWarning(FieldError):
    """A note on a field, addressed as an error is (field name, message), but never blocking."""
    #: The check of ``forms/warnings.toml`` that found it (``read_as``: the page keeps that note
    #: while the field holds the text it wrote back).
    check: str

    def as_dict(self) -> dict:
        return {**super().as_dict(), "check": self.check}


@lru_cache(maxsize=1)
def checks() -> dict[str, dict]:
    """The registry ``forms/warnings.toml``: check name → its type and limits."""
    import tomllib
    from importlib import resources

    return tomllib.loads(resources.files("forms").joinpath("warnings.toml").read_text("utf-8"))


def _add_months(d: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` later (or earlier), the month's last day when it is shorter."""
    year, month = divmod(d.month - 1 + months, 12)
    year += d.year
    return _dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class _Context:
    form: FormDef
    today: _dt.date
    meeting: _dt.date | None


def _date_messages(check: dict, typed: str, d: _dt.date, ctx: _Context) -> list[str]:
    m = ctx.form.messages
    out = []
    past = check.get("past")
    if past == 0 and d < ctx.today:
        out.append(m("warning.date_past"))
    elif past and d < _add_months(ctx.today, -past):
        out.append(m.plural("warning.date_ago", past))
    ahead = check.get("ahead")
    if ahead == 0 and d > ctx.today:
        out.append(m("warning.date_future"))
    elif ahead and d > _add_months(ctx.today, ahead):
        out.append(m.plural("warning.date_ahead", ahead))
    if ctx.meeting is not None:
        meeting = dates.format_date(ctx.meeting, m)
        if check.get("meeting") == "not_after" and d > ctx.meeting:
            out.append(m("warning.date_after_meeting", meeting=meeting))
        elif check.get("meeting") == "not_before" and d < ctx.meeting:
            out.append(m("warning.date_before_meeting", meeting=meeting))
    if m.code in check.get("languages", ()) and _either_way(typed):
        out.append(m("warning.read_as", date=dates.format_date(d, m, weekday=True)))
    return out


def _either_way(typed: str) -> bool:
    """A date typed in numbers whose day and month could be swapped ("05/12/2026", "5.12."); not
    one with a month or weekday in letters, nor year first ("2026-12-05")."""
    if _LETTER_RE.search(typed) or _YEAR_FIRST_RE.match(typed):
        return False
    try:
        _, day, month, _ = dates.split_date(typed)
    except ValueError:
        return False
    return day <= 12 and day != month


def _time_messages(check: dict, t: _dt.time, ctx: _Context) -> list[str]:
    m = ctx.form.messages
    earliest, latest = check.get("earliest"), check.get("latest")
    if (earliest and t < earliest) or (latest and t > latest):
        return [m("warning.time_outside", time=dates.format_time(t, m),
                  range=dates.format_time_range(earliest, latest, m))]
    return []


def _value_messages(f: Field, check: dict, value: str, ctx: _Context) -> list[str]:
    m = ctx.form.messages
    if f.type == "date":
        d = dates.try_date(value, ctx.today)
        return _date_messages(check, value, d, ctx) if d else []
    if f.type == "time":
        t = dates.try_time(value)
        return _time_messages(check, t, ctx) if t else []
    if f.type == "tel" and "min_digits" in check:
        n = len(_DIGIT_RE.findall(value))
        return [m.plural("warning.tel_short", n)] if n < check["min_digits"] else []
    if "max_words" in check and len(value.split()) > check["max_words"]:
        return [m("warning.first_name")]
    return []


def _checks_of(form: FormDef, name: str, f: Field) -> list[str]:
    """The checks a field gets: those its form names for it, then those for every field of its type."""
    named = list(form.warnings.get(name, ()))
    return named + [c for c, spec in checks().items()
                    if spec.get("every") and spec["type"] == f.type and c not in named]


def _fields(form: FormDef, state: dict):
    """(input name, field definition name, field, value) for every filled text value, rows included."""
    for f in form.fields():
        v = state.get(f.name)
        if f.is_group:
            if not isinstance(v, list):
                continue
            for i, row in enumerate(v):
                if not isinstance(row, dict):
                    continue
                for s in f.fields:
                    x = row.get(s.name)
                    if isinstance(x, str) and x.strip():
                        yield f"{f.name}.{i}.{s.name}", f"{f.name}.{s.name}", s, x.strip()
        elif isinstance(v, str) and v.strip():
            yield f.name, f.name, f, v.strip()


def warnings(form: FormDef, state, today: _dt.date) -> list[FieldWarning]:
    """Every warning for ``state`` (as typed) in the order of the form, in the form's language."""
    if not isinstance(state, dict):
        return []
    meeting_text = state.get(form.date_field) if form.date_field else None
    ctx = _Context(form, today, dates.try_date(meeting_text, today) if isinstance(meeting_text, str) else None)
    out = []
    for key, name, f, value in _fields(form, state):
        for check_name in _checks_of(form, name, f):
            check = checks()[check_name]
            for message in _value_messages(f, check, value, ctx):
                out.append(FieldWarning(key, message, check_name))
    # A memo to be sent by e-mail to someone without an address (forms/meeting/delivery.py).
    out += [FieldWarning(key, form.text("delivery.no_email"), "delivery")
            for key in email_missing(form, state)]
    return out
