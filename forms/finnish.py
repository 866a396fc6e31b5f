"""Finnish dates and times, as the language authorities and Suomi.fi write them.

Dates are 7.3.2027 (no leading zeros), times klo 14.00 (a dot, never a colon), ranges use an
en dash: klo 14.00–15.30. Parsing is lenient about what people type: "07.03.2027",
"7.3.2027.", "07032027", "7,3,2027" (a phone's decimal keypad has a comma in Finnish), "7.3.27",
a date without its year ("15.12." or "15.12", the next such date from today) and a weekday before it
("ti 15.12.", "tiistaina 15.12.2026", checked against the date); "14:00", "14.00", "14,00",
"14", "1400", "klo 9.05".
"""
from __future__ import annotations

import datetime as _dt
import re

EN_DASH = "\u2013"
WEEKDAYS_ESSIVE = ("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
                   "lauantaina", "sunnuntaina")
WEEKDAYS = ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai")
# "ma", "ti", ... and the full names (nominative or essive) -> 0..6 (Monday first).
_WEEKDAY_WORDS = {w: i for i, w in enumerate(("ma", "ti", "ke", "to", "pe", "la", "su"))}
_WEEKDAY_WORDS.update({w: i for i, w in enumerate(WEEKDAYS)})
_WEEKDAY_WORDS.update({w: i for i, w in enumerate(WEEKDAYS_ESSIVE)})

_WEEKDAY_RE = re.compile(r"^\s*([a-zäö]+)\.?,?\s+(?=\d)", re.IGNORECASE)
_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[.,]\s*(\d{1,2})\s*(?:[.,]\s*(\d{4}|\d{2})\s*[.,]?|[.,])?\s*$")
_DATE_DIGITS_RE = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_TIME_RE = re.compile(r"^\s*(?:klo\s*)?(\d{1,2})(?:\s*[.:,]\s*(\d{2}))?\s*$", re.IGNORECASE)
_TIME_DIGITS_RE = re.compile(r"^\s*(\d{1,2})(\d{2})\s*$")


class NotADate(ValueError):
    """The text does not look like a date at all (wrong format)."""


class NoSuchDate(ValueError):
    """The text looks like a date but the date does not exist (31.2.2027)."""

    def __init__(self, shown: str):
        super().__init__(shown)
        self.shown = shown


class WrongWeekday(ValueError):
    """A weekday was typed with the date, and the date falls on another day ("ma 15.12.2026")."""

    def __init__(self, date: _dt.date, typed: int):
        super().__init__(date)
        self.date = date
        self.typed = typed


def split_date(text: str) -> tuple[int | None, int, int, int | None]:
    """Return (weekday or None, day, month, year or None) as typed; NotADate if the format is wrong."""
    if not isinstance(text, str):
        raise NotADate(text)
    weekday = None
    w = _WEEKDAY_RE.match(text)
    if w:
        weekday = _WEEKDAY_WORDS.get(w.group(1).lower())
        if weekday is None:
            raise NotADate(text)
        text = text[w.end():]
    m = _DATE_RE.match(text) or _DATE_DIGITS_RE.match(text)
    if not m:
        raise NotADate(text)
    year = int(m.group(3)) if m.group(3) else None
    if m.group(3) and len(m.group(3)) == 2:
        year += 2000  # "15.12.26": this century
    return weekday, int(m.group(1)), int(m.group(2)), year


def _next_date(d: int, m: int, today: _dt.date) -> _dt.date:
    """The next day d.m. from ``today`` on (today included); 29.2. waits for a leap year."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = _dt.date(year, m, d)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise NoSuchDate(f"{d}.{m}.")


def parse_date(text: str, today: _dt.date | None = None) -> _dt.date:
    """Parse a Finnish date; NotADate for a wrong format, NoSuchDate for 31.2.2027,
    WrongWeekday for "ma 15.12.2026" when that is a Tuesday. A date without a year is the
    next such date from ``today`` (default: the local date now)."""
    weekday, d, m, y = split_date(text)
    if y is None:
        date = _next_date(d, m, today or _dt.date.today())
    else:
        try:
            if y < 1900:
                raise ValueError
            date = _dt.date(y, m, d)
        except ValueError:
            raise NoSuchDate(f"{d}.{m}.{y}") from None
    if weekday is not None and weekday != date.weekday():
        raise WrongWeekday(date, weekday)
    return date


def parse_time(text: str) -> _dt.time:
    """Parse "14.00", "14:00", "14", "1400", "klo 9.05"; NotADate/NoSuchDate like dates."""
    if not isinstance(text, str):
        raise NotADate(text)
    m = _TIME_RE.match(text) or _TIME_DIGITS_RE.match(text)
    if not m:
        raise NotADate(text)
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    try:
        return _dt.time(h, mi)
    except ValueError:
        raise NoSuchDate(f"{h}.{mi:02d}") from None


def try_date(text, today: _dt.date | None = None) -> _dt.date | None:
    try:
        return parse_date(text, today)
    except ValueError:
        return None


def try_time(text) -> _dt.time | None:
    try:
        return parse_time(text)
    except ValueError:
        return None


def format_date(d: _dt.date, weekday: bool = False) -> str:
    """7.3.2027, or with ``weekday`` "sunnuntaina 7.3.2027"."""
    s = f"{d.day}.{d.month}.{d.year}"
    return f"{WEEKDAYS_ESSIVE[d.weekday()]} {s}" if weekday else s


def format_time(t: _dt.time) -> str:
    """14.00 (hours without a leading zero: 9.05)."""
    return f"{t.hour}.{t.minute:02d}"


def format_time_range(start: _dt.time | None, end: _dt.time | None = None) -> str:
    """"klo 14.00–15.30", or "klo 14.00" without an end; "" without a start."""
    if start is None:
        return ""
    if end is None:
        return f"klo {format_time(start)}"
    return f"klo {format_time(start)}{EN_DASH}{format_time(end)}"


def format_when(d: _dt.date | None, start: _dt.time | None = None, end: _dt.time | None = None,
                weekday: bool = True) -> str:
    """"sunnuntaina 7.3.2027 klo 14.00–15.30" (parts left out when missing)."""
    parts = []
    if d is not None:
        parts.append(format_date(d, weekday=weekday))
    rng = format_time_range(start, end)
    if rng:
        parts.append(rng)
    return " ".join(parts)


def normalise_date_text(text: str, today: _dt.date | None = None) -> str:
    """Canonical Finnish form of a typed date ("07.03.2027", "ti 15.12." → "7.3.2027",
    "15.12.2026"), else unchanged."""
    d = try_date(text, today)
    return format_date(d) if d else text


def normalise_time_text(text: str) -> str:
    t = try_time(text)
    return format_time(t) if t else text


def format_duration(minutes: int) -> str:
    """90 → "1 tunti 30 minuuttia", 120 → "2 tuntia", 45 → "45 minuuttia"."""
    hours, mins = divmod(max(0, minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} {'tunti' if hours == 1 else 'tuntia'}")
    if mins or not hours:
        parts.append(f"{mins} {'minuutti' if mins == 1 else 'minuuttia'}")
    return " ".join(parts)


def minutes_between(start: _dt.time, end: _dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
