"""Dates and times as each language writes them, and lenient parsing of what people type.

How a language writes them is in its catalogue (``date.*``, ``time.*``, ``duration.*``): Finnish
7.3.2027 klo 14.00–15.30 (a dot in times, as the language authorities write), Swedish
7.3.2027 kl. 14.00–15.30, English 7 March 2027, 14:00–15:30. Ranges use an en dash.

Parsing accepts every site language's ways at once (a saved file may come from another language's
page): "07.03.2027", "7.3.2027.", "07032027", "7,3,2027" (a phone's decimal keypad has a comma in
Finnish), "7.3.27", "7 March 2027", a date without its year ("15.12." or "15.12", the next such date
from today) and a weekday before it ("ti 15.12.", "tiistaina 15.12.2026", "Tue 15.12.", checked
against the date); "14:00", "14.00", "14,00", "14", "1400", "klo 9.05", "kl. 9.05".
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from forms.language import Messages, messages, site_languages


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, int], dict[str, int], tuple[str, ...]]:
    """Every site language's weekday words (short, nominative, the form used before a date)
    -> 0..6 (Monday first), month names -> 1..12, and words typed before a time ("klo")."""
    weekdays, months, time_words = {}, {}, set()
    for code in site_languages():
        m = messages(code)
        for i in range(7):
            for word in (m(f"date.weekday.{i}"), m(f"date.weekday_name.{i}"), m(f"date.weekday_short.{i}")):
                weekdays[word.casefold().rstrip(".")] = i
        for i in range(1, 13):
            months[m(f"date.month.{i}").casefold()] = i
            months[m(f"input.month_short.{i}").casefold()] = i  # "Mar", "maj", "maalis"
        word = m("time.typed_prefix").casefold()
        time_words.update({word, word.rstrip(".")})  # "kl." and "kl"
    return weekdays, months, tuple(sorted(time_words, key=len, reverse=True))


def _lookup_word(table: dict[str, int], word: str) -> int | None:
    """A weekday or month by its whole name, or by its first three letters or more when only
    one name starts so ("Tue", "tis", "Dec", "maalis")."""
    word = word.casefold().rstrip(".")
    if word in table:
        return table[word]
    if len(word) >= 3:
        found = {i for name, i in table.items() if name.startswith(word)}
        if len(found) == 1:
            return found.pop()
    return None


_WEEKDAY_RE = re.compile(r"^\s*([^\W\d_]+)\.?,?\s+(?=\d)")
_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*([.,/])\s*(\d{1,2})\s*(?:\2\s*(\d{4}|\d{2})\s*[.,]?|[.,])?\s*$")
_DATE_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATE_DIGITS_RE = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_DATE_WORDS_RE = re.compile(r"^\s*(\d{1,2})\.?\s+([^\W\d_]+)\.?,?(?:\s+(\d{4}))?\s*$")
_TIME_RE = re.compile(r"^\s*(\d{1,2})(?:\s*[.:,]\s*(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*$", re.IGNORECASE)
_TIME_DIGITS_RE = re.compile(r"^\s*(\d{1,2})(\d{2})\s*$")


class NotADate(ValueError):
    """The text does not look like a date at all (wrong format)."""


class NoSuchDate(ValueError):
    """The text looks like a date but the date does not exist (31.2.2027)."""

    def __init__(self, shown: str, hour: int | None = None, minute: int | None = None):
        super().__init__(shown)
        self.shown = shown
        #: A time that does not exist (25.00), to be shown in the page's language's way.
        self.hour, self.minute = hour, minute


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
    weekday_words, months, _ = _words()
    w = _WEEKDAY_RE.match(text)
    if w:
        weekday = _lookup_word(weekday_words, w.group(1))
        if weekday is None:
            raise NotADate(text)
        text = text[w.end():]
    iso = _DATE_ISO_RE.match(text)
    if iso:  # "2026-12-15"
        return weekday, int(iso.group(3)), int(iso.group(2)), int(iso.group(1))
    named = _DATE_WORDS_RE.match(text)
    if named:  # "7 March 2027", "7. maaliskuuta 2027", "7 mars", "15 Dec"
        month = _lookup_word(months, named.group(2))
        if month is None:
            raise NotADate(text)
        return weekday, int(named.group(1)), month, int(named.group(3)) if named.group(3) else None
    m = _DATE_RE.match(text)
    if m:  # day first, as in Finland and Britain: "15.12.2026", "15/12/2026", "15,12"
        day, month, year_text = m.group(1), m.group(3), m.group(4)
    else:
        m = _DATE_DIGITS_RE.match(text)
        if not m:
            raise NotADate(text)
        day, month, year_text = m.groups()
    year = int(year_text) if year_text else None
    if year_text and len(year_text) == 2:
        year += 2000  # "15.12.26": this century
    return weekday, int(day), int(month), year


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
    """Parse "14.00", "14:00", "14", "1400", "klo 9.05", "2 pm", "2:30 p.m."; NotADate/NoSuchDate
    like dates."""
    if not isinstance(text, str):
        raise NotADate(text)
    text = text.strip()
    for word in _words()[2]:
        if text.casefold().startswith(word):
            text = text[len(word):]
            break
    m = _TIME_RE.match(text)
    half = ""
    if m:
        h, mi, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    else:
        m = _TIME_DIGITS_RE.match(text)
        if not m:
            raise NotADate(text)
        h, mi = int(m.group(1)), int(m.group(2))
    if half:  # 12-hour clock: 12 am is midnight, 12 pm noon
        if not 1 <= h <= 12:
            raise NoSuchDate(f"{h}.{mi:02d}", hour=h, minute=mi)
        h = h % 12 + (12 if half == "p" else 0)
    try:
        return _dt.time(h, mi)
    except ValueError:
        raise NoSuchDate(f"{h}.{mi:02d}", hour=h, minute=mi) from None


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


def format_date(d: _dt.date, m: Messages, weekday: bool = False) -> str:
    """fi 7.3.2027 ("sunnuntaina 7.3.2027" with ``weekday``), en 7 March 2027."""
    text = m("date.format", d=d.day, m=d.month, y=d.year, month=m(f"date.month.{d.month}"))
    return m("date.with_weekday", weekday=m(f"date.weekday.{d.weekday()}"), date=text) if weekday else text


def format_time(t: _dt.time, m: Messages) -> str:
    """fi 14.00, en 14:00 (hours without a leading zero: 9.05)."""
    return m("time.format", h=t.hour, mm=f"{t.minute:02d}")


def format_time_range(start: _dt.time | None, end: _dt.time | None, m: Messages) -> str:
    """fi "klo 14.00–15.30", or "klo 14.00" without an end; "" without a start."""
    if start is None:
        return ""
    if end is None:
        return m("time.at", start=format_time(start, m))
    return m("time.range", start=format_time(start, m), end=format_time(end, m))


def format_when(d: _dt.date | None, start: _dt.time | None, end: _dt.time | None, m: Messages,
                weekday: bool = True) -> str:
    """fi "sunnuntaina 7.3.2027 klo 14.00–15.30", en "Sunday 7 March 2027, 14:00–15:30"."""
    time = format_time_range(start, end, m)
    if d is None:
        return time
    date = format_date(d, m, weekday=weekday)
    return m("date.when", date=date, time=time) if time else date


def normalise_date_text(text: str, m: Messages, today: _dt.date | None = None) -> str:
    """The language's way of writing a typed date ("07.03.2027", "ti 15.12." → "7.3.2027",
    "15.12.2026"), else unchanged."""
    d = try_date(text, today)
    return format_date(d, m) if d else text


def normalise_time_text(text: str, m: Messages) -> str:
    t = try_time(text)
    return format_time(t, m) if t else text


def format_duration(minutes: int, m: Messages) -> str:
    """90 → fi "1 tunti 30 minuuttia", 120 → "2 tuntia", 45 → "45 minuuttia"."""
    hours, mins = divmod(max(0, minutes), 60)
    if hours and mins:
        return m("duration.hours_minutes", hours=m.plural("duration.hours", hours),
                 minutes=m.plural("duration.minutes", mins))
    return m.plural("duration.hours", hours) if hours else m.plural("duration.minutes", mins)


def minutes_between(start: _dt.time, end: _dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
