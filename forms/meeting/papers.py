"""One meeting's papers, carried from one to the next so that nothing is typed twice:

* :func:`meeting_from_invitation`: the invitation (kutsu) → the meeting in the chair's view: its
  topic and aim (the chair's recap), booked time, place, convener and the participants in the
  handbook's speaking order (the client, the close ones, the workers);
* :func:`memo_from_meeting`: the meeting → the memo (muistio): date, times, place, the remote
  link, convener, present and absent with their roles and (not printed) their relation, how they
  were invited, letter language and contact details from the invitation, chair, note-taker,
  delivery and (when none are written) its recipients: everyone invited (not an interpreter:
  their role is not ``invited`` in ``forms/phases.toml``); what the note-taker has written stays;
* :func:`invitation_from_memo`: the memo's follow-up meeting → a new invitation with the same
  people, read from the memo's rows (so a memo opened from its saved file gives the same
  invitation as one straight after the meeting), the remote link, and the topic and the worker's
  details when the first invitation is at hand; an interpreter is booked again as an
  arrangement, invited only when the worker says how; :func:`carried_notice` says what came.

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
        "started_on": "2027-03-07",          # ISO, the day it started (optional: older pages
                                             # sent none); the memo's date once it has started
        "remote_link": "https://...",
        "participants": [
            {"id": "p1", "name": "Aino", "role": "asiakas" | "laheinen" | "tyontekija" | "tulkki" | "",
             "org": "", "language": "",       # the language of a role that has one ("ukraina")
             "status": "present" | "absent" | "left", "left_at": "14:50", "spoken": false},
        ],
        "interpreter_language": "ukraina",   # the invitation's, when it books an interpreter
        "chair": "", "note_taker": "", "delivery": "",
        "invitation": {...} | null,          # the invitation's state it was started from
    }
"""
from __future__ import annotations

import datetime as _dt
import re

from forms.contracts import contracts
from forms.language import Messages
from forms.language.dates import format_date, format_time, minutes_between, try_date, try_time
from forms.meeting import CLIENT, RELATIONS, ROLES, role as role_def, role_word_id
from forms.meeting.delivery import carried_way
from forms.model import FormDef
from forms.model.state import clean_state, empty_state
from forms.validation.normalise import normalise_state

#: A participant's statuses (forms/contracts.toml, which the page scripts read too).
STATUSES = contracts().meeting_statuses
#: The memo's fields the meeting fills (the rest is the note-taker's alone).
MEMO_FIELDS = ("date", "start_time", "end_time", "place", "remote_link", "convener", "present", "absent", "chair",
               "note_taker", "delivery", "recipients")
#: A person's details the memo's rows keep from the invitation's invitee rows (not printed), so
#: that the follow-up invitation invites them the same way, also from the memo's saved file.
CONTACT_FIELDS = ("how", "language", "phone", "email", "address")
#: What a follow-up invitation takes over from the first one as it was.
#: (Not how to reply: its text names a date before the first meeting; the worker writes it anew.)
CARRIED = ("client_name", "topic", "remote_link", "arrival", "interpreter", "interpreter_language", "children",
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


def _memo_date(meeting: dict, m: Messages) -> str:
    """The memo's date: the day the meeting started (the record of what happened: a meeting held
    on another day than booked has that day), else the booked date."""
    started_on = meeting.get("started_on")
    if _clock(meeting.get("started")) and isinstance(started_on, str):
        try:
            return format_date(_dt.date.fromisoformat(started_on.strip()), m)
        except ValueError:
            pass
    return _local_date(meeting.get("date"), m)


def _role_order(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)


def _has_language(role: str) -> bool:
    r = role_def(role)
    return bool(r and r.language)


def _invited(role: str) -> bool:
    """Gets the memo and the follow-up invitation unless the worker says otherwise (an unknown
    role too: someone the meeting knows nothing about is treated as invited)."""
    r = role_def(role)
    return r is None or r.invited


def participants(meeting) -> list[dict]:
    """The meeting's participants, each with every key and a known status (junk dropped)."""
    rows = meeting.get("participants") if isinstance(meeting, dict) else None
    out = []
    for i, p in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(p, dict) or not _text(p.get("name")):
            continue
        status = p.get("status") if p.get("status") in STATUSES else STATUSES[0]
        role = p.get("role") if p.get("role") in ROLES else ""
        out.append({"id": _text(p.get("id")) or f"p{i + 1}", "name": _text(p["name"]), "role": role,
                    "org": _text(p.get("org")), "language": _text(p.get("language")) if _has_language(role) else "",
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
        people.append({"name": state["client_name"], "role": CLIENT, "org": "", "language": ""})
    interpreting = state["interpreter_language"].strip() if state["interpreter"] else ""
    for row in state[contacts["group"]]:
        relation = row.get(contacts["relation"], "")
        relation = relation if relation in RELATIONS else ""
        people.append({"name": row.get("name", ""), "role": relation, "org": row.get(contacts["describe"], ""),
                       "language": interpreting if _has_language(relation) else ""})
    worker = state["worker_name"].strip()
    if worker and _key(worker) not in {_key(p["name"]) for p in people}:
        people.append({"name": worker, "role": "tyontekija", "org": state["worker_org"], "language": ""})
    people = [p for p in people if p["name"].strip()]
    people.sort(key=lambda p: _role_order(p["role"]))
    return {
        "client": state["client_name"].strip(),
        "topic": state["topic"].strip(),
        "aim": state["aim"].strip() or (m("meeting.followup_aim", date=_local_date(state["followup_of"], m))
                                        if state["followup_of"].strip() else ""),
        "date": _local_date(state["date"], m),
        "start": _clock(state["start_time"]),
        "end": _clock(state["end_time"]),
        "place": state["place"].strip(),
        "remote_link": state["remote_link"].strip(),
        "convener": ", ".join(x for x in (worker, state["worker_org"].strip()) if x),
        "participants": [{"id": f"p{i}", "name": p["name"].strip(), "role": p["role"], "org": p["org"].strip(),
                          "language": p["language"], "status": "present", "left_at": "", "spoken": False}
                         for i, p in enumerate(people, start=1)],
        "interpreter_language": interpreting,
        "chair": "", "note_taker": "", "delivery": "",
        "invitation": state,
    }


def role_text(p: dict, m: Messages) -> str:
    """How the memo names a participant's role: "asiakas", "läheinen, Ainon äiti", "työntekijä,
    Koulu" (the invitation's "who they are" after the role); "…; poistui klo 14.50" for someone
    who left early."""
    role, org = p["role"], p["org"]
    word = m(role_word_id(role)) if role in ROLES else ""
    if word and p.get("language"):
        word = m("meeting.role.with_language", role=word, language=language_name(p["language"], m))
    if word and org:
        text = m("meeting.role.described", role=word, org=org)
    else:
        text = word or org
    if p["status"] == "left":
        when = _local_time(p["left_at"], m)
        text = m("meeting.role.left_at", role=text, time=when) if when else m("meeting.role.left", role=text)
    return text


def language_name(typed: str, m: Messages) -> str:
    """A language the worker typed ("ukraina", "ukrainska", "Ukrainian") named in ``m``'s
    language when it is one the invitation knows; else as typed."""
    from forms.exports.document import interpreter_code
    from forms.model import get_form

    code = interpreter_code(get_form("kutsu", m.code), typed)
    return m(f"language.{code}") if code else typed.strip()


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


def _after_minute(clock: str) -> str:
    """"14:05" → "14:06" (HH:MM); "" when that would be the next day."""
    t = try_time(clock)
    if not t or (t.hour, t.minute) == (23, 59):
        return ""
    end = _dt.datetime.combine(_dt.date(2000, 1, 1), t) + _dt.timedelta(minutes=1)
    return end.strftime("%H:%M")


def _times(meeting: dict) -> tuple[str, str]:
    """The memo's start and end (HH:MM): the real ones once the meeting has started, else the
    booked ones. A meeting ended within its first minute ends a minute after its start (the
    memo's end is after its start, whatever the booked time); one not ended yet has its booked
    end when that is after the start, else none; one that ran past midnight has none (the
    memo's times are of one day)."""
    started = _clock(meeting.get("started"))
    start = started or _clock(meeting.get("start"))
    ended, booked = _clock(meeting.get("ended")), _clock(meeting.get("end"))
    if started and ended:
        if ended > start:
            return start, ended
        return start, _after_minute(start) if ended == start else ""
    return start, booked if booked > start else ""


def _invitees_by_name(meeting: dict) -> dict[str, dict]:
    """The first invitation's invitee rows (when the meeting was started from one), by name."""
    first = meeting.get("invitation")
    rows = first.get("invitees") if isinstance(first, dict) else None
    return {_key(r["name"]): r for r in _rows(rows) if isinstance(r.get("name"), str) and r["name"].strip()}


def memo_from_meeting(muistio: FormDef, meeting, memo=None, base=None) -> dict:
    """The memo with what the meeting knows filled in (see the module docstring). ``base`` is
    what the meeting alone gave the last time (``memo_from_meeting(muistio, meeting)``; the page
    keeps it): a field the note-taker has made different from it keeps their text, and a row
    they added stays, so the memo can follow the meeting live.
    What the meeting leaves empty never erases what the memo holds, except an end time the
    meeting gave that is no longer after the start. The date is :func:`_memo_date`, the times
    :func:`_times`."""
    m = muistio.messages
    meeting = meeting if isinstance(meeting, dict) else {}
    out = clean_state(muistio, memo) if isinstance(memo, dict) else empty_state(muistio)
    base = base if isinstance(base, dict) else {}
    start, end = _times(meeting)
    for field, value in (("date", _memo_date(meeting, m)),
                         ("start_time", _local_time(start, m)),
                         ("end_time", _local_time(end, m)),
                         ("place", _text(meeting.get("place"))), ("remote_link", _text(meeting.get("remote_link"))),
                         ("convener", _text(meeting.get("convener"))),
                         ("chair", _text(meeting.get("chair"))), ("note_taker", _text(meeting.get("note_taker"))),
                         ("delivery", _text(meeting.get("delivery")))):
        edited = field in base and out[field] != base[field]
        if value and not edited:
            out[field] = value
    # An end the meeting gave earlier (the booked one) that the real start has passed goes.
    kept_end, real_start = try_time(out["end_time"]), try_time(out["start_time"])
    if (kept_end and real_start and kept_end <= real_start and not end
            and not ("end_time" in base and out["end_time"] != base["end_time"])):
        out["end_time"] = ""
    people = participants(meeting)
    if people:
        invited = _invitees_by_name(meeting)
        contacts = {}
        for p in people:
            row = invited.get(_key(p["name"]), {})
            contacts[_key(p["name"])] = {"relation": p["role"], **{f: _text(row.get(f)) for f in CONTACT_FIELDS}}
            # An invitee's letter in the page's language says so, so that a memo opened on another
            # language's page invites them in theirs.
            if row:
                contacts[_key(p["name"])]["language"] = contacts[_key(p["name"])]["language"] or m.code
        # How each gets the memo, from how they were invited (forms/meeting/delivery.py).
        for p in people:
            c = contacts[_key(p["name"])]
            c["delivery"] = carried_way(muistio, c.get("how", ""), p["status"] != "absent", _invited(p["role"]))
        present = [{"name": p["name"], "role": role_text(p, m), "why": "", **contacts[_key(p["name"])]}
                   for p in people if p["status"] != "absent"]
        absent = [{"name": p["name"], "role": role_text(p, m), **contacts[_key(p["name"])]}
                  for p in people if p["status"] == "absent"]
        memo_rows = _rows(out.get("present")) + _rows(out.get("absent"))
        base_rows = _rows(base.get("present")) + _rows(base.get("absent"))
        absent_keys = {_key(r["name"]) for r in absent}
        merged = _merge_rows(present + absent, memo_rows, base_rows)
        absent_fields = [f.name for f in muistio.field("absent").fields]
        out["present"] = [r for r in merged if _key(r["name"]) not in absent_keys]
        out["absent"] = [{f: r.get(f, "") for f in absent_fields} for r in merged if _key(r["name"]) in absent_keys]
        # Everyone invited gets the memo unless agreed otherwise; an interpreter when named.
        recipients = ", ".join(p["name"] for p in people if _invited(p["role"]))
        if not out["recipients"].strip() or out["recipients"] == base.get("recipients"):
            out["recipients"] = recipients
    return clean_state(muistio, out)


def _relation_from_role(text: str, m: Messages) -> tuple[str, str]:
    """A memo row's role text → (the invitation's relation, who they are): "työntekijä, Koulu" →
    ("tyontekija", "Koulu"), "läheinen, Ainon äiti" → ("laheinen", "Ainon äiti"), "tulkki
    (ukraina)" → ("tulkki", ""); unknown words → ("", "")."""
    from forms.language import messages, site_languages

    role, _, rest = text.partition(",")
    role = role.split(";")[0].strip().casefold()
    # The page's words first, then the other site languages' (a memo opened on another's page).
    for words in (m, *(messages(code) for code in site_languages() if code != m.code)):
        for value in RELATIONS:
            word = words(f"meeting.role.{value}").casefold()
            if role == word or (_has_language(value) and role.startswith(word + " (")):
                return value, rest.split(";")[0].strip()
    return "", ""


def _role_language(text: str, relation: str, m: Messages) -> str:
    """"tulkki (ukraina), Tulkkikeskus" → "ukraina": the language a role is named with (in the
    page's words, else another site language's)."""
    from forms.language import messages, site_languages

    for words in (m, *(messages(code) for code in site_languages() if code != m.code)):
        pattern = re.escape(words("meeting.role.with_language", role="\0", language="\1"))
        pattern = pattern.replace(re.escape("\0"), re.escape(words(f"meeting.role.{relation}")), 1)
        found = re.match(pattern.replace(re.escape("\1"), "(.+?)", 1) + r"(?:$|[,;])", text.strip(), re.IGNORECASE)
        if found:
            return found.group(1).strip()
    return ""


def _end_after(start: str, previous: dict) -> str:
    """The follow-up's end when none was agreed: its start plus the first meeting's length."""
    begin, first_start, first_end = try_time(start), try_time(previous.get("start_time", "")), try_time(previous.get("end_time", ""))
    if not (begin and first_start and first_end) or minutes_between(first_start, first_end) <= 0:
        return ""
    end = _dt.datetime.combine(_dt.date(2000, 1, 1), begin) + _dt.timedelta(minutes=minutes_between(first_start, first_end))
    return end.strftime("%H:%M") if end.date() == _dt.date(2000, 1, 1) else ""


def invitation_from_memo(kutsu: FormDef, muistio: FormDef, memo, meeting=None) -> dict:
    """The follow-up meeting agreed in the memo as a new invitation (see the module docstring).
    Everyone present or absent is invited again as the memo's rows say (relation, how, letter
    language and contact details, which the memo keeps from the first invitation), never the
    client or the convener; someone added at the door keeps the relation the meeting gave them,
    and how to invite them is left for the worker to choose. An interpreter is not invited but
    booked again (the invitation's ``interpreter`` with the language), unless the worker has
    said how to invite them. The first invitation (``meeting["invitation"]``, when the meeting
    was started from one) gives the topic and the worker's details. The invitation must be
    agreed with the client again: that tick starts empty."""
    m = kutsu.messages
    memo = clean_state(muistio, normalise_state(muistio, memo if isinstance(memo, dict) else {}))
    meeting = meeting if isinstance(meeting, dict) else {}
    first = meeting.get("invitation")
    first = clean_state(kutsu, first) if isinstance(first, dict) else empty_state(kutsu)
    out = empty_state(kutsu)
    for name in CARRIED:
        out[name] = first[name]
    rows = [r for r in memo["present"] + memo["absent"] if _key(r.get("name", ""))]
    for row in rows:
        if row.get("relation") not in ROLES:  # a memo saved before the rows kept it: read from the role text
            row["relation"] = CLIENT if _key(row.get("role", "")).startswith(_key(m(f"meeting.role.{CLIENT}"))) \
                else _relation_from_role(row.get("role", ""), m)[0]
    if not out["client_name"]:
        out["client_name"] = next((r["name"].strip() for r in rows if r["relation"] == CLIENT), "")
        if not out["client_name"]:
            out["client_name"] = next((p["name"] for p in participants(meeting) if p["role"] == CLIENT), "")
    convener = memo["convener"].partition(",")[0].strip()
    if not out["worker_name"]:
        out["worker_name"] = memo["followup_convener"] or convener
    out["remote_link"] = memo["remote_link"] or out["remote_link"]
    out["date"] = memo["followup_date"]
    out["start_time"] = _local_time(memo["followup_time"], m)
    # Without an agreed end: as long as the first meeting was booked for, else as it lasted.
    booked = first if _end_after(memo["followup_time"], first) else {"start_time": memo["start_time"], "end_time": memo["end_time"]}
    out["end_time"] = _local_time(memo["followup_end"], m) or _local_time(_end_after(memo["followup_time"], booked), m)
    out["place"] = memo["followup_place"] or first["place"] or memo["place"]
    out["arrival"] = first["arrival"] if out["place"] == first["place"] else ""
    # The first meeting's date, not an aim in one language: each letter says what a follow-up is
    # for in its reader's language (kutsu.letter.followup).
    out["followup_of"] = _local_date(memo["date"], m)
    contacts = kutsu.contacts
    skip = {_key(out["client_name"]), _key(out["worker_name"]), _key(convener), _key(memo["convener"])}
    invitees, seen = [], set()
    for row in rows:
        key = _key(row["name"])
        if key in skip or key in seen or row["relation"] == CLIENT:
            continue
        seen.add(key)
        relation, org = _relation_from_role(row.get("role", ""), m)
        relation = row["relation"] if row["relation"] in RELATIONS else relation
        kind = role_def(relation)
        if kind and kind.arranged:
            out[kind.arranged] = True
            # As the memo names it (the same from its file), else as the first invitation did.
            out["interpreter_language"] = _role_language(row.get("role", ""), relation, m) or out["interpreter_language"]
            if not row.get("how"):
                continue  # booked again, not invited: the worker has not said how to invite them
        invitee = {s.name: "" for s in kutsu.field(contacts["group"]).fields}
        invitee.update({"name": row["name"].strip(), contacts["relation"]: relation, contacts["describe"]: org,
                        **{f: row.get(f, "") for f in CONTACT_FIELDS}})
        invitee[contacts["language"]] = invitee[contacts["language"]] or m.code
        invitees.append(invitee)
    # The handbook's order (close ones before workers); within a role, those invited before first,
    # then those added at the door (the memo's order: the absent ones back among their own).
    order = {r: i for i, r in enumerate(RELATIONS)}
    invitees.sort(key=lambda r: (order.get(r[contacts["relation"]], len(order)), not r.get(contacts["how"])))
    out[contacts["group"]] = invitees or out[contacts["group"]]
    return clean_state(kutsu, out)


def carried_notice(kutsu: FormDef, followup: dict) -> str:
    """What the follow-up invitation took over, for the notice at its top, in the page's
    language: "Ensimmäisestä kokouksesta mukana: etäyhteyden linkki …, tulkki (ukraina): varaa
    tulkki uudelleen.", and what of the first invitation is still to be written (a follow-up made
    from a memo file has no topic or worker's details) ("" when nothing needs saying)."""
    m = kutsu.messages
    contacts = kutsu.contacts
    items = []
    if followup.get("remote_link"):
        items.append(m("meeting.carried.remote_link", link=followup["remote_link"]))
    rows = followup.get(contacts["group"]) or []
    if any(r.get(f) for r in rows for f in ("phone", "email", "address")):
        items.append(m("meeting.carried.contacts"))
    if followup.get("interpreter"):
        language = language_name(followup.get("interpreter_language", ""), m)
        items.append(m("meeting.carried.interpreter", language=language) if language
                     else m("meeting.carried.interpreter_any"))
    said = [m("meeting.carried.intro", items=", ".join(items))] if items else []
    # Made from a memo file, the first invitation is not at hand: the topic and the worker's own
    # details are not in the memo. Say which are still to write, rather than leave the worker to
    # find them in the errors of a failed export.
    from forms.validation import validate

    missing = {e.field for e in validate(kutsu, followup)}
    labels = [kutsu.field(name).label for name in CARRIED if name in missing]
    if labels:
        said.append(m("meeting.carried.missing", fields=", ".join(labels)))
    return " ".join(said)
