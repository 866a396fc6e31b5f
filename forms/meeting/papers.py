"""One meeting's papers, carried from one to the next so that nothing is typed twice:

* :func:`meeting_from_invitation`: the invitation (kutsu) → the meeting in the chair's view: its
  topic and aim (the chair's recap), booked time, place, convener and the participants in the
  handbook's speaking order (the client, the close ones, the workers);
* :func:`memo_from_meeting`: the meeting → the memo (muistio): date, times, place, convener,
  present and absent with their roles, chair, note-taker, delivery and (when none are written)
  its recipients: everyone invited; what the note-taker has written stays;
* :func:`invitation_from_memo`: the memo's follow-up meeting → a new invitation with the same
  people (their contact details from the first invitation) and the topic carried over.

Pure functions of plain states (``forms/model/state.py``) in the language of the resolved forms
they are given; the worker calls them through ``forms.api`` (``op: "carry"``).

The meeting's state (kept by the page, ``overrides/assets/js/meeting.mjs``; the page adds its own
keys for the clock, which are ignored here)::

    {
        "client": "Aino", "topic": "...", "aim": "...",
        "date": "7.3.2027",                  # the page language's way
        "start": "14:00", "end": "15:30",    # HH:MM, as the view's time inputs hold them
        "place": "...", "convener": "Liisa Virtanen, Perhekeskus",
        "started": "14:02", "ended": "",     # HH:MM, the real times once it runs
        "participants": [
            {"id": "p1", "name": "Aino", "role": "asiakas" | "laheinen" | "tyontekija" | "",
             "org": "", "status": "present" | "absent" | "left", "left_at": "14:50",
             "spoken": false},
        ],
        "chair": "", "note_taker": "", "delivery": "",
        "invitation": {...} | null,          # the invitation's state it was started from
    }
"""
from __future__ import annotations

import datetime as _dt

from forms.language import Messages
from forms.language.dates import format_date, format_time, minutes_between, try_date, try_time
from forms.meeting import CLIENT, ROLES
from forms.model import FormDef
from forms.model.state import clean_state, empty_state
from forms.validation.normalise import normalise_state

STATUSES = ("present", "absent", "left")
#: The memo's fields the meeting fills (the rest is the note-taker's alone).
MEMO_FIELDS = ("date", "start_time", "end_time", "place", "convener", "present", "absent", "chair", "note_taker",
               "delivery", "recipients")
#: What a follow-up invitation takes over from the first one as it was.
#: (Not how to reply: its text names a date before the first meeting; the worker writes it anew.)
CARRIED = ("client_name", "topic", "arrival", "interpreter", "interpreter_language", "children",
           "letter_language", "calendar_details", "worker_name", "worker_title", "worker_org",
           "worker_phone", "worker_email")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _clock(text) -> str:
    """"14.00", "14:00", "14" → "14:00" (the view's time inputs); "" when not a time."""
    t = try_time(text) if isinstance(text, str) and text.strip() else None
    return f"{t.hour:02d}:{t.minute:02d}" if t else ""


def _local_time(text, m: Messages) -> str:
    t = try_time(text) if isinstance(text, str) and text.strip() else None
    return format_time(t, m) if t else ""


def _local_date(text, m: Messages) -> str:
    d = try_date(text) if isinstance(text, str) and text.strip() else None
    return format_date(d, m) if d else _text(text)


def _role_order(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def participants(meeting) -> list[dict]:
    """The meeting's participants, each with every key and a known status (junk dropped)."""
    rows = meeting.get("participants") if isinstance(meeting, dict) else None
    out = []
    for i, p in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(p, dict) or not _text(p.get("name")):
            continue
        status = p.get("status") if p.get("status") in STATUSES else "present"
        out.append({"id": _text(p.get("id")) or f"p{i + 1}", "name": _text(p["name"]),
                    "role": p.get("role") if p.get("role") in ROLES else "", "org": _text(p.get("org")),
                    "status": status, "left_at": _clock(p.get("left_at")) if status == "left" else "",
                    "spoken": p.get("spoken") is True})
    return out


def meeting_from_invitation(kutsu: FormDef, invitation) -> dict:
    """The meeting an invitation calls: see the module docstring. The people are in the
    handbook's speaking order: the client, then the close ones, then the workers, the inviting
    worker last among them (they opened the meeting); the order typed is kept within a role."""
    m = kutsu.messages
    state = clean_state(kutsu, normalise_state(kutsu, invitation if isinstance(invitation, dict) else {}))
    contacts = kutsu.contacts
    people = []
    if state["client_name"].strip():
        people.append({"name": state["client_name"], "role": CLIENT, "org": ""})
    for row in state[contacts["group"]]:
        relation = row.get(contacts["relation"], "")
        people.append({"name": row.get("name", ""), "role": relation if relation in ROLES else "",
                       "org": row.get(contacts["describe"], "")})
    worker = state["worker_name"].strip()
    if worker and _key(worker) not in {_key(p["name"]) for p in people}:
        people.append({"name": worker, "role": "tyontekija", "org": state["worker_org"]})
    people = [p for p in people if p["name"].strip()]
    people.sort(key=lambda p: _role_order(p["role"]))
    return {
        "client": state["client_name"].strip(),
        "topic": state["topic"].strip(),
        "aim": state["aim"].strip(),
        "date": _local_date(state["date"], m),
        "start": _clock(state["start_time"]),
        "end": _clock(state["end_time"]),
        "place": state["place"].strip(),
        "convener": ", ".join(x for x in (worker, state["worker_org"].strip()) if x),
        "participants": [{"id": f"p{i}", "name": p["name"].strip(), "role": p["role"], "org": p["org"].strip(),
                          "status": "present", "left_at": "", "spoken": False}
                         for i, p in enumerate(people, start=1)],
        "chair": "", "note_taker": "", "delivery": "",
        "invitation": state,
    }


def role_text(p: dict, m: Messages) -> str:
    """How the memo names a participant's role: "asiakas", "läheinen, Ainon äiti", "työntekijä,
    Koulu" (the invitation's "who they are" after the role); "…; poistui klo 14.50" for someone
    who left early."""
    role, org = p["role"], p["org"]
    if role in ROLES and org:
        text = m("meeting.role.described", role=m(f"meeting.role.{role}"), org=org)
    elif role in ROLES:
        text = m(f"meeting.role.{role}")
    else:
        text = org
    if p["status"] == "left":
        when = _local_time(p["left_at"], m)
        text = m("meeting.role.left_at", role=text, time=when) if when else m("meeting.role.left", role=text)
    return text


def _rows(rows) -> list[dict]:
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _merge_rows(carried: list[dict], memo_rows: list[dict], base_rows: list[dict]) -> list[dict]:
    """People rows carried from the meeting, merged with what the note-taker changed since the
    last carry (``base_rows``): a row they edited keeps their text, a row they added (someone the
    meeting does not know) stays, after the others."""
    memo_by = {_key(r.get("name", "")): r for r in memo_rows}
    base_by = {_key(r.get("name", "")): r for r in base_rows}
    out = []
    for row in carried:
        key = _key(row["name"])
        mine, before = memo_by.get(key), base_by.get(key)
        if mine is not None:
            for sub, value in row.items():
                typed = mine.get(sub, "")
                # Typed by the note-taker (different from what was carried last time), or
                # something the meeting does not know: theirs stays.
                if (typed and before is not None and typed != before.get(sub, "")) or (typed and not value):
                    row[sub] = typed
        out.append(row)
    carried_keys = {_key(r["name"]) for r in carried}
    out += [dict(r) for key, r in memo_by.items() if key and key not in carried_keys and key not in base_by]
    return out


def memo_from_meeting(muistio: FormDef, meeting, memo=None, base=None) -> dict:
    """The memo with what the meeting knows filled in (see the module docstring). ``base`` is
    what the meeting alone gave the last time (``memo_from_meeting(muistio, meeting)``; the page
    keeps it): a field the note-taker has made different from it keeps their text, and a row
    they added stays, so the memo can follow the meeting live.
    What the meeting leaves empty never erases what the memo holds. The times are the meeting's
    real ones once it has started (``started``/``ended``, HH:MM), else the booked ones."""
    m = muistio.messages
    meeting = meeting if isinstance(meeting, dict) else {}
    out = clean_state(muistio, memo) if isinstance(memo, dict) else empty_state(muistio)
    base = base if isinstance(base, dict) else {}
    start = _clock(meeting.get("started")) or _clock(meeting.get("start"))
    end = _clock(meeting.get("ended"))
    if not end or end <= start:  # not ended, or within its first minute: the booked end
        end = _clock(meeting.get("end"))
    for field, value in (("date", _local_date(meeting.get("date"), m)),
                         ("start_time", _local_time(start, m)),
                         ("end_time", _local_time(end, m) if end > start else ""),
                         ("place", _text(meeting.get("place"))), ("convener", _text(meeting.get("convener"))),
                         ("chair", _text(meeting.get("chair"))), ("note_taker", _text(meeting.get("note_taker"))),
                         ("delivery", _text(meeting.get("delivery")))):
        edited = field in base and out[field] != base[field]
        if value and not edited:
            out[field] = value
    people = participants(meeting)
    if people:
        present = [{"name": p["name"], "role": role_text(p, m), "why": ""} for p in people if p["status"] != "absent"]
        absent = [{"name": p["name"], "role": role_text(p, m)} for p in people if p["status"] == "absent"]
        memo_rows = _rows(out.get("present")) + _rows(out.get("absent"))
        base_rows = _rows(base.get("present")) + _rows(base.get("absent"))
        absent_keys = {_key(r["name"]) for r in absent}
        merged = _merge_rows(present + absent, memo_rows, base_rows)
        out["present"] = [r for r in merged if _key(r["name"]) not in absent_keys]
        out["absent"] = [{"name": r["name"], "role": r.get("role", "")} for r in merged if _key(r["name"]) in absent_keys]
        recipients = ", ".join(p["name"] for p in people)
        if not out["recipients"].strip() or out["recipients"] == base.get("recipients"):
            out["recipients"] = recipients  # everyone invited gets the memo unless agreed otherwise
    return out


def _relation_from_role(text: str, m: Messages) -> tuple[str, str]:
    """A memo row's role text → (the invitation's relation, who they are): "työntekijä, Koulu" →
    ("tyontekija", "Koulu"), "läheinen, Ainon äiti" → ("laheinen", "Ainon äiti"); unknown words →
    ("", "")."""
    role, _, rest = text.partition(",")
    role = role.split(";")[0].strip().casefold()
    for value in ROLES[1:]:
        if role == m(f"meeting.role.{value}").casefold():
            return value, rest.split(";")[0].strip()
    return "", ""


def _end_after(start: str, previous: dict) -> str:
    """The follow-up's end when none was agreed: its start plus the first meeting's length."""
    begin, first_start, first_end = try_time(start), try_time(previous.get("start_time", "")), try_time(previous.get("end_time", ""))
    if not (begin and first_start and first_end) or minutes_between(first_start, first_end) <= 0:
        return ""
    end = _dt.datetime.combine(_dt.date(2000, 1, 1), begin) + _dt.timedelta(minutes=minutes_between(first_start, first_end))
    return end.strftime("%H:%M") if end.date() == _dt.date(2000, 1, 1) else ""


def invitation_from_memo(kutsu: FormDef, muistio: FormDef, memo, meeting=None) -> dict:
    """The follow-up meeting agreed in the memo as a new invitation (see the module docstring).
    Everyone present or absent is invited again, with their contact details and letter language
    from the first invitation when the meeting was started from one; someone added at the door
    keeps the relation the meeting gave them, and how to invite them is left for the worker to
    choose. The invitation must be agreed with the client again: that tick starts empty."""
    m = kutsu.messages
    memo = clean_state(muistio, normalise_state(muistio, memo if isinstance(memo, dict) else {}))
    meeting = meeting if isinstance(meeting, dict) else {}
    first = meeting.get("invitation")
    first = clean_state(kutsu, first) if isinstance(first, dict) else empty_state(kutsu)
    out = empty_state(kutsu)
    for name in CARRIED:
        out[name] = first[name]
    people = participants(meeting)
    if not out["client_name"]:
        out["client_name"] = next((p["name"] for p in people if p["role"] == CLIENT), "")
    if not out["worker_name"]:
        out["worker_name"] = memo["followup_convener"]
    out["date"] = memo["followup_date"]
    out["start_time"] = _local_time(memo["followup_time"], m)
    out["end_time"] = _local_time(memo["followup_end"], m) or _local_time(_end_after(memo["followup_time"], first), m)
    out["place"] = memo["followup_place"] or first["place"]
    out["arrival"] = first["arrival"] if out["place"] == first["place"] else ""
    if memo["date"]:
        out["aim"] = m("meeting.followup_aim", date=_local_date(memo["date"], m))
    contacts = kutsu.contacts
    rows = {_key(r["name"]): r for r in first[contacts["group"]]}
    known = {_key(p["name"]): p for p in people}
    skip = {_key(out["client_name"]), _key(out["worker_name"])}
    invitees, seen = [], set()
    for row in memo["present"] + memo["absent"]:
        key = _key(row.get("name", ""))
        if not key or key in skip or key in seen:
            continue
        seen.add(key)
        if key in rows:
            invitees.append(dict(rows[key]))
            continue
        relation, org = _relation_from_role(row.get("role", ""), m)
        if key in known and known[key]["role"] in ROLES[1:]:
            relation, org = known[key]["role"], known[key]["org"]
        invitee = {s.name: "" for s in kutsu.field(contacts["group"]).fields}
        invitee.update({"name": row["name"].strip(), contacts["relation"]: relation, contacts["describe"]: org,
                        contacts["language"]: m.code})
        invitees.append(invitee)
    # In the meeting's order (the handbook's: close ones before workers), absent ones in their place.
    place = {key: i for i, key in enumerate(known)}
    invitees.sort(key=lambda r: place.get(_key(r["name"]), len(place)))
    out[contacts["group"]] = invitees or out[contacts["group"]]
    return out
