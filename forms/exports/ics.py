"""iCalendar (.ics) with icalendar: the meeting (kutsu) or the follow-up meeting (muistio).

Which fields give the event is the form's ``[calendar]`` definition. Work calendars are often
shared, synced to phones and kept on servers, so by default the event holds only what such a
calendar may show: the summary ("Verkostokokous"), the time, the place, the organiser's
contact and the remote meeting's link (``link``: what a remote participant needs). The client's name, the topic and the participants go into the description only when
the worker ticks the definition's ``details_field`` (its hint says what that means); the event
is CLASS:CONFIDENTIAL either way. Times are local Europe/Helsinki with a VTIMEZONE.
"""
from __future__ import annotations

import datetime as _dt
import uuid

from forms.language import dates
from forms.exports.document import chosen_language, fill
from forms.exports import ExportError
from forms.exports.text import plain, text_of
from forms.model import FormDef

TZID = "Europe/Helsinki"


def _line(state: dict, name: str) -> str:
    return plain(state.get(name, "") or "").replace("\n", ", ").strip()


def export_ics(form: FormDef, state: dict) -> bytes:
    c = form.calendar
    # The invitation's event speaks the letter's chosen language; the memo's the page's.
    m = chosen_language(form, state)
    t = lambda key: m(f"{form.id}.calendar.{key}")  # noqa: E731
    day = dates.try_date(state.get(c["date"], ""))
    start = dates.try_time(state.get(c["start"], ""))
    if day is None or start is None:
        raise ExportError(form.text("calendar.missing"), c["date"])
    end = dates.try_time(state.get(c["end"], ""))

    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    tz = ZoneInfo(TZID)
    dtstart = _dt.datetime.combine(day, start, tzinfo=tz)
    dtend = _dt.datetime.combine(day, end, tzinfo=tz) if end and end > start else dtstart + _dt.timedelta(hours=1)

    cal = Calendar()
    cal.add("prodid", "-//verkostokokous//forms//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    ev = Event()
    ev.add("uid", f"{uuid.uuid4()}@verkostokokous.invalid")
    ev.add("dtstamp", _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0))
    ev.add("dtstart", dtstart)
    ev.add("dtend", dtend)
    details = state.get(c.get("details_field", "")) is True
    summary = t("summary")
    if details and f"{form.id}.calendar.details_summary" in m:
        texts = {k: _line(state, k) for k, v in state.items() if isinstance(v, str)}
        summary = fill(t("details_summary"), **{**texts, "summary": summary}) or summary
    ev.add("summary", summary)
    ev.add("class", "CONFIDENTIAL")
    location = _line(state, c["location"])
    if location:
        ev.add("location", location)
    organiser = ", ".join(x for x in (_line(state, n) for n in c.get("organiser", ())) if x)
    description = [f"{t('organiser_label')}: {organiser}"] if organiser else []
    link = _line(state, c["link"]) if c.get("link") else ""
    if link:  # what a remote participant needs, in every event (it is not the client's matters)
        description.append(f"{t('remote_label')}: {link}")
        ev.add("url", link)
    if details:
        description = [plain(text_of(form, state))]  # marked confidential at both ends
    if description:
        ev.add("description", "\n\n".join(description))
    cal.add_component(ev)
    # A VTIMEZONE covering the years around the event keeps the file small.
    cal.add_missing_timezones(first_date=_dt.date(day.year - 1, 1, 1), last_date=_dt.date(day.year + 2, 1, 1))
    return cal.to_ical()
