"""iCalendar (.ics) with icalendar: the meeting (kutsu) or the follow-up meeting (muistio).

Times are local Europe/Helsinki with a VTIMEZONE. The SUMMARY is only "Verkostokokous" (or
"Verkostokokouksen seurantapalaveri"): calendars are often shared and show summaries widely, so
the client's name goes only into the DESCRIPTION, which is marked "Salassa pidettävä"; the event
is CLASS:CONFIDENTIAL.
"""
from __future__ import annotations

import datetime as _dt
import uuid

from . import finnish
from .document import CONFIDENTIAL
from .exports import MIME, ExportError, ExportFile, filename
from .export_text import plain, text_of

TZID = "Europe/Helsinki"
MSG_NO_FOLLOWUP = "Kalenteritiedoston voi tehdä vasta, kun seurantapalaverin päivämäärä ja alkamisaika on kirjoitettu."
MSG_NO_DATE = "Kalenteritiedoston voi tehdä vasta, kun kokouksen päivämäärä ja alkamisaika on kirjoitettu."

#: form → (summary, date field, start, end, location field, default duration)
EVENTS = {
    "kutsu": ("Verkostokokous", "date", "start_time", "end_time", "place", MSG_NO_DATE),
    "muistio": ("Verkostokokouksen seurantapalaveri", "followup_date", "followup_time",
                "followup_end", "followup_place", MSG_NO_FOLLOWUP),
}


def export_ics(form_id: str, state: dict) -> ExportFile:
    if form_id not in EVENTS:
        raise ExportError("Tästä lomakkeesta ei voi tehdä kalenteritiedostoa.")
    summary, dfield, sfield, efield, lfield, missing = EVENTS[form_id]
    day = finnish.try_date(state.get(dfield, ""))
    start = finnish.try_time(state.get(sfield, ""))
    if day is None or start is None:
        raise ExportError(missing, dfield)
    end = finnish.try_time(state.get(efield, ""))

    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    tz = ZoneInfo(TZID)
    dtstart = _dt.datetime.combine(day, start, tzinfo=tz)
    dtend = _dt.datetime.combine(day, end, tzinfo=tz) if end and end > start else dtstart + _dt.timedelta(hours=1)

    cal = Calendar()
    cal.add("prodid", "-//Verkostokokouksen lomakkeet//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    ev = Event()
    ev.add("uid", f"{uuid.uuid4()}@verkostokokous.invalid")
    ev.add("dtstamp", _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0))
    ev.add("dtstart", dtstart)
    ev.add("dtend", dtend)
    ev.add("summary", summary)
    ev.add("class", "CONFIDENTIAL")
    location = plain(state.get(lfield, "")).replace("\n", ", ").strip()
    if location:
        ev.add("location", location)
    ev.add("description", f"{CONFIDENTIAL}.\n\n" + plain(text_of(form_id, state)))
    cal.add_component(ev)
    # A VTIMEZONE covering the years around the event keeps the file small.
    cal.add_missing_timezones(first_date=_dt.date(day.year - 1, 1, 1), last_date=_dt.date(day.year + 2, 1, 1))
    return ExportFile(filename(form_id, state, "ics"), MIME["ics"], cal.to_ical())
