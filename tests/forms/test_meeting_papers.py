"""The meeting's phases and its papers carried on (forms/meeting/): invitation → meeting → memo →
follow-up invitation. Runs in CPython and inside Pyodide (tests/pyodide)."""
import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.api import handle
from forms.language import messages, site_languages
from forms.language.dates import format_date
from forms.meeting import CLIENT, ROLES, get_meeting
from forms.meeting.papers import (CONTACT_FIELDS, carried_notice, invitation_from_memo, meeting_from_invitation,
                                  memo_from_meeting)
from forms.model import get_form
from forms.validation import validate

FIXTURES = json.loads((Path(__file__).parent / "fixtures.json").read_text("utf-8"))
INVITATION = FIXTURES["FULL"]["kutsu"]


def names(rows):
    return [r["name"] for r in rows]


# --- Phases ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", site_languages())
def test_phases_cover_the_booked_time_and_keep_the_closing_phases(lang):
    meeting = get_meeting(lang)
    assert sum(p.share for p in meeting.phases) == 100
    assert [p.id for p in meeting.phases][0] == "avaus"
    # The summary, the follow-up plan and the evaluation come last and keep their time.
    protected = [p.protected for p in meeting.phases]
    assert protected == sorted(protected) and any(protected)
    assert [p.id for p in meeting.phases if p.protected] == ["jatkosuunnitelma", "paattaminen"]
    for p in meeting.phases:
        assert p.name and p.chair and all(line.strip() for line in p.chair), (lang, p.id)


def test_each_phase_names_memo_sections_that_exist_in_order():
    memo = get_form("muistio")
    order = [s.id for s in memo.sections]
    seen = [order.index(sid) for p in get_meeting().phases for sid in p.memo]
    assert seen, "the phases name the memo's sections"
    assert all(sid in order for p in get_meeting().phases for sid in p.memo)


def test_feedback_is_offered_at_the_evaluation():
    offers = {p.id: p.offer for p in get_meeting().phases if p.offer}
    assert offers == {"paattaminen": "palaute"}


# --- Invitation → meeting -----------------------------------------------------------------------

def test_meeting_from_invitation_puts_people_in_the_handbook_order():
    meeting = meeting_from_invitation(get_form("kutsu"), INVITATION)
    assert meeting["topic"] == INVITATION["topic"].strip()
    assert meeting["aim"] == INVITATION["aim"]
    assert (meeting["date"], meeting["start"], meeting["end"]) == ("7.3.2027", "14:00", "15:30")
    assert meeting["place"] == INVITATION["place"]
    assert meeting["convener"] == f"{INVITATION['worker_name']}, {INVITATION['worker_org']}"
    people = meeting["participants"]
    roles = [p["role"] for p in people]
    assert roles == sorted(roles, key=ROLES.index), "client, then close ones, then workers"
    assert people[0] == {"id": "p1", "name": "Aino", "role": CLIENT, "org": "", "language": "", "status": "present",
                         "left_at": "", "spoken": False}
    invited = [r["name"] for r in INVITATION["invitees"]]
    assert set(invited) <= {p["name"] for p in people}
    assert people[-1]["name"] == INVITATION["worker_name"], "the inviting worker takes part too, last"
    assert len({p["id"] for p in people}) == len(people)


def test_meeting_from_invitation_reads_times_typed_any_way_and_survives_junk():
    state = dict(INVITATION, start_time="9", end_time="10,30", date="07.03.2027")
    meeting = meeting_from_invitation(get_form("kutsu", "en"), state)
    assert (meeting["date"], meeting["start"], meeting["end"]) == ("7 March 2027", "09:00", "10:30")
    empty = meeting_from_invitation(get_form("kutsu"), {"invitees": "x", "client_name": 5})
    assert empty["participants"] == [] and empty["start"] == ""
    assert meeting_from_invitation(get_form("kutsu"), None)["participants"] == []


def test_worker_named_among_the_invitees_is_not_listed_twice():
    state = copy.deepcopy(INVITATION)
    state["invitees"].append({"name": " " + state["worker_name"].upper() + " ", "relation": "tyontekija", "how": "puhelu"})
    people = meeting_from_invitation(get_form("kutsu"), state)["participants"]
    assert sum(p["name"].casefold() == state["worker_name"].casefold() for p in people) == 1


# --- Meeting → memo -----------------------------------------------------------------------------

def _meeting():
    meeting = meeting_from_invitation(get_form("kutsu"), INVITATION)
    people = meeting["participants"]
    people[1]["status"] = "absent"
    people[2].update(status="left", left_at="14:50")
    people.append({"id": "n1", "name": "Kaisa Kummi", "role": "laheinen", "org": "", "status": "present"})
    meeting.update(chair="Åsa Öberg", note_taker="Tiina Työntekijä", delivery="Sähköpostilla kaikille")
    return meeting


def test_memo_from_meeting_fills_what_the_meeting_knows():
    memo_form = get_form("muistio")
    meeting = _meeting()
    memo = memo_from_meeting(memo_form, meeting, {"positives": "Aino on rohkea",
                                                   "present": [{"name": "Aino", "role": "x", "why": "oma asia"}]})
    assert (memo["date"], memo["start_time"], memo["end_time"]) == ("7.3.2027", "14.00", "15.30")
    assert memo["place"] == INVITATION["place"] and memo["convener"] == meeting["convener"]
    assert (memo["chair"], memo["note_taker"], memo["delivery"]) == ("Åsa Öberg", "Tiina Työntekijä", "Sähköpostilla kaikille")
    people = meeting["participants"]
    assert names(memo["present"]) == [p["name"] for p in people if p["status"] != "absent"]
    assert names(memo["absent"]) == [people[1]["name"]]
    assert {k: memo["present"][0][k] for k in ("name", "role", "why", "relation")} == {
        "name": "Aino", "role": "asiakas", "why": "oma asia", "relation": CLIENT}, "what was written stays"
    # Each row keeps how the invitation reaches the person (not printed): the follow-up needs it.
    first = {r["name"]: r for r in INVITATION["invitees"]}
    for row in memo["present"] + memo["absent"]:
        for key in CONTACT_FIELDS:
            # (a letter in the page's language says so: the memo may be opened on another's page)
            expected = first.get(row["name"], {}).get(key, "") or ("fi" if key == "language" and row["name"] in first else "")
            assert row[key] == expected, (row["name"], key)
    assert memo["remote_link"] == INVITATION["remote_link"]
    left = next(r for r in memo["present"] if r["name"] == people[2]["name"])
    assert left["role"] == "työntekijä, Koulu, opettaja; poistui klo 14.50"
    assert memo["absent"][0]["role"] == "läheinen, isä", "who they are, from the invitation"
    assert memo["positives"] == "Aino on rohkea"
    assert memo["recipients"] == ", ".join(p["name"] for p in people), "everyone invited gets the memo"
    errors = {e.field for e in validate(memo_form, memo)}
    assert not errors & {"date", "start_time", "place", "convener", "chair", "note_taker", "delivery", "recipients"}
    assert not any(f.startswith(("present.", "absent.")) for f in errors)


def test_memo_follows_the_meeting_live_without_undoing_the_note_takers_edits():
    memo_form = get_form("muistio")
    meeting = _meeting()
    first = memo_from_meeting(memo_form, meeting, None)
    # The note-taker corrects a role, adds someone and writes why one is here, and names the chair.
    edited = copy.deepcopy(first)
    edited["present"][0]["role"] = "asiakas, 15 v"
    edited["present"][1]["why"] = "opettaja"
    edited["present"].append({"name": "Kaisa Virtanen", "role": "Ainon täti", "why": ""})
    edited["chair"] = "Liisa"
    # Then the meeting changes: someone else leaves early, the chair is typed in the view.
    meeting["participants"][3].update(status="left", left_at="15:10")
    meeting["chair"] = "Åsa Öberg"
    meeting["started"] = "14:05"
    again = memo_from_meeting(memo_form, meeting, edited, base=first)
    rows = {r["name"]: r for r in again["present"]}
    assert rows["Aino"]["role"] == "asiakas, 15 v"
    assert rows[meeting["participants"][2]["name"]]["why"] == "opettaja"
    assert rows["Kaisa Virtanen"]["role"] == "Ainon täti" and names(again["present"])[-1] == "Kaisa Virtanen"
    assert rows["Åsa Öberg"]["role"].endswith("poistui klo 15.10"), "what the meeting changed comes in"
    assert again["chair"] == "Liisa", "typed in the memo: kept"
    assert again["start_time"] == "14.05", "the real start, once the meeting runs"
    meeting["ended"] = "14:05"  # ended in its first minute: a minute after the start, never at or before it
    assert memo_from_meeting(memo_form, meeting, None)["end_time"] == "14.06"
    meeting["ended"] = "15:41"
    assert memo_from_meeting(memo_form, meeting, None)["end_time"] == "15.41"
    meeting.update(started="16:00", ended="")
    assert memo_from_meeting(memo_form, meeting, None)["end_time"] == "", "no end before the start"
    # Without a base (the first carry), the meeting's own values fill the memo.
    assert memo_from_meeting(memo_form, meeting, edited)["chair"] == "Åsa Öberg"
    # The edit lasts through every later carry (the base is what the meeting alone gives).
    third = memo_from_meeting(memo_form, meeting, again, base=memo_from_meeting(memo_form, meeting))
    assert third["present"][0]["role"] == "asiakas, 15 v" and third["chair"] == "Liisa"


def test_an_empty_meeting_never_erases_the_memo():
    memo_form = get_form("muistio")
    written = {"place": "Koti", "chair": "Liisa", "present": [{"name": "Aino", "role": "asiakas", "why": ""}]}
    memo = memo_from_meeting(memo_form, {"place": "", "participants": []}, written)
    assert (memo["place"], memo["chair"], names(memo["present"])) == ("Koti", "Liisa", ["Aino"])
    kept = memo_from_meeting(memo_form, _meeting(), {"recipients": "Aino ja Matti"})
    assert kept["recipients"] == "Aino ja Matti"
    assert memo_from_meeting(memo_form, "junk", None)["place"] == ""


@pytest.mark.parametrize("lang", site_languages())
def test_memo_date_is_the_day_the_meeting_started(lang):
    """The memo records what happened: a meeting held on another day than booked (a rehearsal, a
    moved meeting) has the day it started, in the memo's language; before the start, the booked
    day; a meeting from a page that sent no start day (saved before) keeps the booked day."""
    muistio = get_form("muistio", lang)
    m = messages(lang)
    booked_day = memo_from_meeting(muistio, _meeting(), None)["date"]
    assert booked_day == format_date(dt.date(2027, 3, 7), m)
    held = dict(_meeting(), started="05:03", ended="05:06", started_on="2027-01-14")
    memo = memo_from_meeting(muistio, held, None)
    assert memo["date"] == format_date(dt.date(2027, 1, 14), m) != booked_day
    if lang == "fi":
        assert (memo["date"], memo["start_time"], memo["end_time"]) == ("14.1.2027", "5.03", "5.06")
    assert memo_from_meeting(muistio, dict(held, started_on=None), None)["date"] == booked_day, "saved before"
    assert memo_from_meeting(muistio, dict(held, started_on="14.1."), None)["date"] == booked_day, "not a date"
    assert memo_from_meeting(muistio, dict(held, started=""), None)["date"] == booked_day, "not started"
    # Following the meeting live: the start moves the date (the note-taker had not changed it)…
    first = memo_from_meeting(muistio, _meeting(), None)
    assert memo_from_meeting(muistio, held, first, base=first)["date"] == memo["date"]
    # …but a date the note-taker typed stays.
    typed = dict(first, date=format_date(dt.date(2027, 1, 15), m))
    assert memo_from_meeting(muistio, held, typed, base=first)["date"] == typed["date"]


@pytest.mark.parametrize("lang", site_languages())
def test_memo_roles_are_in_the_pages_language(lang):
    memo = memo_from_meeting(get_form("muistio", lang), _meeting(), None)
    roles = [r["role"] for r in memo["present"]]
    assert roles[0] == {"fi": "asiakas", "sv": "klient", "en": "client"}[lang]
    assert all(r for r in roles)


# --- Memo → follow-up invitation ------------------------------------------------------------------

def _memo():
    memo = memo_from_meeting(get_form("muistio"), _meeting(), None)
    memo.update(followup_date="2.4.2027", followup_time="9.00", followup_place="", followup_convener="Tiina Työntekijä")
    return memo


def test_follow_up_invitation_carries_the_people_and_the_topic():
    kutsu = get_form("kutsu")
    followup = invitation_from_memo(kutsu, get_form("muistio"), _memo(), _meeting())
    assert (followup["client_name"], followup["topic"]) == ("Aino", INVITATION["topic"])
    assert (followup["date"], followup["start_time"]) == ("2.4.2027", "9.00")
    assert followup["end_time"] == "10.30", "as long as the first meeting"
    assert followup["place"] == INVITATION["place"] and followup["arrival"] == INVITATION["arrival"]
    # the first meeting's date, which each letter turns into a sentence in its own language
    assert followup["followup_of"] == "7.3.2027" and followup["aim"] == ""
    assert followup["worker_name"] == INVITATION["worker_name"] and followup["worker_phone"] == INVITATION["worker_phone"]
    invited = {r["name"]: r for r in followup["invitees"]}
    assert "Aino" not in invited and INVITATION["worker_name"] not in invited
    # The handbook's order: close ones (the absent father, then the one added at the door), workers.
    assert list(invited) == ["Matti Meikäläinen", "Kaisa Kummi", "Иван Петров", "Åsa Öberg"]
    for row in INVITATION["invitees"]:
        assert {k: v for k, v in invited[row["name"]].items() if v} == {"language": "fi", **{k: v for k, v in row.items() if v}}, row["name"]
    assert invited["Kaisa Kummi"]["relation"] == "laheinen" and invited["Kaisa Kummi"]["how"] == ""
    assert followup["agreed_with_client"] is False
    assert followup["rsvp"] == "", "how to reply named a date before the first meeting: written anew"
    # Only what the worker must still choose is missing.
    errors = {e.field for e in validate(kutsu, followup)}
    assert errors <= {"agreed_with_client", "rsvp", *(f"invitees.{i}.how" for i in range(len(followup["invitees"])))}


def test_follow_up_from_the_memo_alone_reads_roles_back():
    memo = _memo()
    memo["present"].append({"name": "Pekka Puro", "role": "työntekijä, Nuorisotoimi", "why": ""})
    followup = invitation_from_memo(get_form("kutsu"), get_form("muistio"), memo, None)
    invited = {r["name"]: r for r in followup["invitees"]}
    assert followup["client_name"] == "Aino" and followup["worker_name"] == "Tiina Työntekijä"
    assert "Aino" not in invited and "Tiina Työntekijä" not in invited, "never the client or the convener"
    assert (invited["Pekka Puro"]["relation"], invited["Pekka Puro"]["organisation"]) == ("tyontekija", "Nuorisotoimi")
    assert (invited["Matti Meikäläinen"]["relation"], invited["Matti Meikäläinen"]["organisation"]) == ("laheinen", "isä")
    assert followup["end_time"] == "10.30", "as long as the memo's meeting"
    assert followup["topic"] == "", "the topic is the first invitation's"


# --- Properties -----------------------------------------------------------------------------------

NAME = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=12)
PERSON = st.fixed_dictionaries({"role": st.sampled_from(ROLES[1:]), "status": st.sampled_from(("present", "absent", "left")),
                                "org": st.sampled_from(("", "Koulu", "Eksote"))})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(NAME, PERSON), max_size=12, unique_by=lambda x: x[0].casefold()))
def test_papers_keep_every_person_once_in_order(people):
    kutsu, muistio = get_form("kutsu"), get_form("muistio")
    invitation = dict(INVITATION, invitees=[
        {"name": n, "relation": p["role"], "organisation": p["org"], "how": "puhelu", "phone": f"040 {i:07d}"}
        for i, (n, p) in enumerate(people)])
    meeting = meeting_from_invitation(kutsu, invitation)
    listed = [p for p in meeting["participants"] if p["name"] not in ("Aino", INVITATION["worker_name"])]
    expected = [n for n, _ in people if n.casefold() not in ("aino", INVITATION["worker_name"].casefold())]
    assert sorted(p["name"] for p in listed) == sorted(n.strip() for n in expected)
    status = {n.strip(): p["status"] for n, p in people}
    for p in meeting["participants"]:
        p["status"] = status.get(p["name"], "present")
        p["left_at"] = "14:45"
    memo = memo_from_meeting(muistio, meeting, None)
    order = [p["name"] for p in meeting["participants"]]
    assert names(memo["present"]) == [n for n in order if status.get(n) != "absent"]
    assert names(memo["absent"]) == [n for n in order if status.get(n) == "absent"]
    followup = invitation_from_memo(kutsu, muistio, memo, meeting)
    again = [r["name"] for r in followup["invitees"] if r["name"]]
    assert len(again) == len(set(k.casefold() for k in again))
    first = {r["name"].strip(): r for r in meeting["invitation"]["invitees"]}
    for row in followup["invitees"]:
        if row["name"] in first:
            assert row["phone"] == first[row["name"]]["phone"]


# --- Through the worker's entry point -------------------------------------------------------------

def test_carry_through_the_api():
    meeting = handle({"op": "carry", "lang": "sv", "to": "meeting", "invitation": INVITATION})
    assert meeting["errors"] == [] and meeting["meeting"]["date"] == "7.3.2027"
    memo = handle({"op": "carry", "lang": "sv", "to": "muistio", "meeting": meeting["meeting"], "state": {}})
    assert memo["errors"] == [] and memo["state"]["present"][0]["role"] == "klient"
    # The fields the meeting fills, named for the page (which writes back only those).
    assert {"present", "chair", "recipients"} <= set(memo["fields"]) and "positives" not in memo["fields"]
    written = handle({"op": "carry", "lang": "sv", "to": "muistio", "meeting": meeting["meeting"],
                      "state": {"positives": "x", "actions": [{"what": "a"}]}})["state"]
    assert {k for k, v in written.items() if v != memo["state"][k]} <= {"positives", "actions"}
    followup = handle({"op": "carry", "lang": "sv", "to": "kutsu", "memo": memo["state"], "meeting": meeting["meeting"]})
    assert followup["errors"] == [] and followup["state"]["topic"] == INVITATION["topic"]
    assert handle({"op": "carry", "lang": "fi", "to": "palaute"})["errors"][0]["field"] == ""
    assert handle({"op": "carry", "lang": "xx", "to": "meeting"})["errors"]
    # Junk never raises.
    assert handle({"op": "carry", "lang": "fi", "to": "kutsu", "memo": [1], "meeting": "x"})["errors"] == []


# --- The interpreter, the link and the two routes to the follow-up ----------------------------

INTERPRETER = {"name": "Olena Koval", "relation": "tulkki", "organisation": "Tulkkikeskus", "how": "sahkoposti",
               "email": "olena@tulkit.example.fi"}


def _with_interpreter(at_the_door: bool):
    """The meeting with an interpreter: invited in the invitation (with an e-mail) or added at the
    door by the chair (no contact details), Ukrainian either way."""
    invitation = dict(INVITATION, interpreter=True, interpreter_language="ukraina")
    if not at_the_door:
        invitation = dict(invitation, invitees=INVITATION["invitees"] + [INTERPRETER])
    meeting = meeting_from_invitation(get_form("kutsu"), invitation)
    if at_the_door:
        meeting["participants"].append({"id": "n1", "name": "Olena Koval", "role": "tulkki", "org": "",
                                        "language": meeting["interpreter_language"], "status": "present"})
    return meeting


@pytest.mark.parametrize("at_the_door", [True, False])
def test_the_interpreter_is_named_with_the_language_but_gets_no_memo_and_no_invitation(at_the_door):
    kutsu, muistio = get_form("kutsu"), get_form("muistio")
    meeting = _with_interpreter(at_the_door)
    olena = next(p for p in meeting["participants"] if p["name"] == "Olena Koval")
    assert (olena["role"], olena["language"]) == ("tulkki", "ukraina")
    assert meeting["participants"][-1] is olena, "after the workers: the interpreter takes no turn"
    memo = memo_from_meeting(muistio, meeting, None)
    row = next(r for r in memo["present"] if r["name"] == "Olena Koval")
    assert row["role"].startswith("tulkki (ukraina)") and row["relation"] == "tulkki"
    assert "Olena Koval" not in memo["recipients"] and "Matti Meikäläinen" in memo["recipients"]
    memo.update(followup_date="2.4.2027", followup_time="9.00")
    followup = invitation_from_memo(kutsu, muistio, memo, meeting)
    invited = [r["name"] for r in followup["invitees"]]
    # Invited again only when the worker said how (in the invitation, or in the memo's row).
    assert ("Olena Koval" in invited) is (not at_the_door)
    assert (followup["interpreter"], followup["interpreter_language"]) == (True, "ukraina"), "booked again"
    errors = {e.field for e in validate(kutsu, followup)}
    assert errors <= {"agreed_with_client", "rsvp"}, "the follow-up exports once the worker agrees and says how to reply"
    notice = carried_notice(kutsu, followup)
    assert "tulkki (ukraina): varaa tulkki uudelleen" in notice
    # The worker names her as a recipient and says how to invite her: then she is both.
    row["how"] = "sahkoposti"
    row["email"] = "olena@tulkit.example.fi"
    assert "Olena Koval" in [r["name"] for r in invitation_from_memo(kutsu, muistio, memo, meeting)["invitees"]]
    kept = memo_from_meeting(muistio, meeting, dict(memo, recipients=memo["recipients"] + ", Olena Koval"),
                             base=memo_from_meeting(muistio, meeting))
    assert kept["recipients"].endswith("Olena Koval")


@pytest.mark.parametrize("lang", site_languages())
def test_the_interpreter_is_named_in_the_memos_language(lang):
    memo = memo_from_meeting(get_form("muistio", lang), _with_interpreter(True), None)
    role = next(r["role"] for r in memo["present"] if r["name"] == "Olena Koval")
    m = messages(lang)
    assert role == m("meeting.role.with_language", role=m("meeting.role.tulkki"), language=m("language.uk"))
    assert role == {"fi": "tulkki (ukraina)", "sv": "tolk (ukrainska)", "en": "interpreter (Ukrainian)"}[lang]


def test_the_remote_link_travels_unless_the_worker_changes_it():
    kutsu, muistio = get_form("kutsu"), get_form("muistio")
    followup = invitation_from_memo(kutsu, muistio, _memo(), _meeting())
    assert followup["remote_link"] == INVITATION["remote_link"]
    assert INVITATION["remote_link"] in carried_notice(kutsu, followup)
    changed = dict(_memo(), remote_link="https://example.fi/toinen")
    assert invitation_from_memo(kutsu, muistio, changed, _meeting())["remote_link"] == "https://example.fi/toinen"
    # Without a link nothing is said of one; the contacts still are.
    bare = invitation_from_memo(kutsu, muistio, dict(_memo(), remote_link=""), {**_meeting(), "invitation": None})
    assert bare["remote_link"] == "" and "linkki" not in carried_notice(kutsu, bare)
    assert carried_notice(kutsu, bare).startswith(
        messages("fi")("meeting.carried.intro", items=messages("fi")("meeting.carried.contacts")))


@pytest.mark.parametrize("lang", site_languages())
def test_carried_notice_is_in_the_pages_language(lang):
    kutsu = get_form("kutsu", lang)
    meeting = handle({"op": "carry", "lang": lang, "to": "meeting", "invitation": INVITATION})["meeting"]
    memo = handle({"op": "carry", "lang": lang, "to": "muistio", "meeting": meeting, "state": {}})["state"]
    answer = handle({"op": "carry", "lang": lang, "to": "kutsu", "memo": memo, "meeting": meeting})
    m = messages(lang)
    assert answer["notice"].startswith(m("meeting.carried.intro", items="")[:8])
    assert INVITATION["remote_link"] in answer["notice"] and m("meeting.carried.contacts") in answer["notice"]


#: What only the first invitation knows (the memo does not hold it): a follow-up made from the
#: memo's file has these empty, and the worker writes them.
FIRST_INVITATION_ONLY = {"topic", "arrival", "children", "letter_language", "calendar_details", "worker_title",
                         "worker_org", "worker_phone", "worker_email"}


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("at_the_door", [True, False])
def test_follow_up_from_the_saved_memo_file_is_the_one_made_after_the_meeting(lang, at_the_door):
    """The memo saved as JSON and opened again (here on the same language's page, with no meeting
    in the tab) gives the same follow-up invitation as the memo straight after the meeting:
    contacts, letter languages, relations, the link and the interpreter; never the client or the
    convener as invitees."""
    kutsu, muistio = get_form("kutsu", lang), get_form("muistio", lang)
    invitation = copy.deepcopy(INVITATION)
    invitation["invitees"][0]["language"] = "fi"   # a Finnish reader, also on the Swedish page
    invitation["invitees"][1]["language"] = "ru"
    invitation = dict(invitation, interpreter=True, interpreter_language="ukraina")
    if not at_the_door:
        invitation["invitees"].append(INTERPRETER)
    meeting = handle({"op": "carry", "lang": lang, "to": "meeting", "invitation": invitation})["meeting"]
    meeting["participants"][1]["status"] = "absent"
    meeting["participants"].append({"id": "n1", "name": "Kaisa Kummi", "role": "laheinen", "org": "kummi", "status": "present"})
    if at_the_door:
        meeting["participants"].append({"id": "n2", "name": "Olena Koval", "role": "tulkki", "language": "ukraina", "status": "present"})
    memo = handle({"op": "carry", "lang": lang, "to": "muistio", "meeting": meeting, "state": {}})["state"]
    memo.update(followup_date="2.4.2027", followup_time="9.00", followup_convener=invitation["worker_name"])
    direct = handle({"op": "carry", "lang": lang, "to": "kutsu", "memo": memo, "meeting": meeting})["state"]

    saved = handle({"op": "export", "form": "muistio", "lang": lang, "format": "json", "state": memo})["file"]["data"]
    opened = handle({"op": "import", "form": "muistio", "lang": lang, "data": saved})
    assert opened["errors"] == []
    from_file = handle({"op": "carry", "lang": lang, "to": "kutsu", "memo": opened["state"], "meeting": None})["state"]

    assert from_file["invitees"] == direct["invitees"], "every invitee, field by field"
    for field in kutsu.fields():
        if field.name not in FIRST_INVITATION_ONLY:
            assert from_file[field.name] == direct[field.name], field.name
    invited = {r["name"]: r for r in direct["invitees"]}
    assert "Aino" not in invited and invitation["worker_name"] not in invited
    assert (invited["Matti Meikäläinen"]["language"], invited["Иван Петров"]["language"]) == ("fi", "ru")
    assert invited["Matti Meikäläinen"]["phone"] == invitation["invitees"][0]["phone"]
    assert invited["Иван Петров"]["email"] == invitation["invitees"][1]["email"]
    assert invited["Åsa Öberg"]["address"] == invitation["invitees"][2]["address"]
    assert invited["Kaisa Kummi"]["relation"] == "laheinen" and invited["Kaisa Kummi"]["organisation"] == "kummi"
    assert direct["remote_link"] == invitation["remote_link"]
    assert direct["interpreter_language"] == messages(lang)("language.uk"), "named as the memo names it"
    assert from_file["client_name"] == "Aino" and from_file["worker_name"] == invitation["worker_name"]
    # What only the first invitation knows comes with the meeting at hand.
    assert direct["topic"] == invitation["topic"] and from_file["topic"] == ""


def test_a_memo_saved_before_the_rows_kept_contacts_still_gives_a_follow_up():
    """A memo file from before (rows of name, role and why only) reads the relations back from
    the role words and never invites the client."""
    memo = {"date": "7.3.2027", "start_time": "14.00", "end_time": "15.30", "convener": "Tiina Työntekijä, Eksote",
            "present": [{"name": "Aino", "role": "asiakas", "why": ""},
                        {"name": "Tiina Työntekijä", "role": "työntekijä, Eksote", "why": ""},
                        {"name": "Olena", "role": "tulkki (ukraina)", "why": ""},
                        {"name": "Matti", "role": "läheinen, isä", "why": ""}],
            "followup_date": "2.4.2027", "followup_time": "9.00"}
    followup = invitation_from_memo(get_form("kutsu"), get_form("muistio"), memo, None)
    assert followup["client_name"] == "Aino" and followup["worker_name"] == "Tiina Työntekijä"
    assert [(r["name"], r["relation"], r["organisation"]) for r in followup["invitees"]] == [("Matti", "laheinen", "isä")]
    assert (followup["interpreter"], followup["interpreter_language"]) == (True, "ukraina")


@pytest.mark.parametrize("clock", [("14:05", "14:05", "14.06"), ("20:00", "20:00", "20.01"), ("23:58", "23:58", "23.59"),
                                   ("23:59", "23:59", ""), ("23:30", "00:10", ""), ("09:00", "10:45", "10.45")])
def test_a_meeting_ended_in_its_first_minute_ends_after_its_start_whatever_the_booked_time(clock):
    started, ended, expected = clock
    muistio = get_form("muistio")
    meeting = _meeting()  # booked 14.00–15.30
    before = memo_from_meeting(muistio, meeting, None)
    assert before["end_time"] == "15.30"
    meeting.update(started=started)
    running = memo_from_meeting(muistio, meeting, before, base=before)
    booked_after = started < "15:30"
    assert running["end_time"] == ("15.30" if booked_after else ""), "a booked end the start has passed goes"
    meeting.update(ended=ended)
    memo = memo_from_meeting(muistio, meeting, running, base=memo_from_meeting(muistio, {**meeting, "ended": ""}))
    assert memo["end_time"] == expected
    assert not {e.field for e in validate(muistio, memo)} & {"start_time", "end_time"}


def test_follow_up_from_a_memo_file_opened_on_another_languages_page_keeps_every_invitee():
    """The Finnish memo's file opened on the Swedish page: the same people with the same
    relations, contacts and letter languages (a Finnish reader stays Finnish)."""
    invitation = copy.deepcopy(INVITATION)
    invitation["invitees"][0]["language"] = "fi"
    meeting = handle({"op": "carry", "lang": "fi", "to": "meeting", "invitation": invitation})["meeting"]
    memo = handle({"op": "carry", "lang": "fi", "to": "muistio", "meeting": meeting, "state": {}})["state"]
    memo.update(followup_date="2.4.2027", followup_time="9.00")
    direct = handle({"op": "carry", "lang": "fi", "to": "kutsu", "memo": memo, "meeting": meeting})["state"]
    saved = handle({"op": "export", "form": "muistio", "lang": "fi", "format": "json", "state": memo})["file"]["data"]
    opened = handle({"op": "import", "form": "muistio", "lang": "sv", "data": saved})["state"]
    on_sv = handle({"op": "carry", "lang": "sv", "to": "kutsu", "memo": opened, "meeting": None})["state"]
    assert on_sv["invitees"] == direct["invitees"]
    assert on_sv["invitees"][0]["language"] == "fi"


@pytest.mark.parametrize("lang", site_languages())
def test_a_follow_up_from_a_memo_file_says_what_is_still_to_write(lang):
    """The memo file holds the people, not the first invitation's topic or the worker's own
    details: the notice names those fields (by their labels), so the worker is not left to find
    them in a failed export; made with the first invitation at hand, it names none."""
    kutsu, muistio = get_form("kutsu", lang), get_form("muistio", lang)
    memo = {"date": "7.3.2027", "start_time": "14.00", "end_time": "15.30",
            "present": [{"name": "Aino", "role": messages(lang)("meeting.role.asiakas"), "why": ""}],
            "followup_date": "2.4.2027", "followup_time": "9.00"}
    from_file = carried_notice(kutsu, invitation_from_memo(kutsu, muistio, memo, None))
    for name in ("topic", "worker_org", "worker_phone"):
        assert kutsu.field(name).label in from_file, (name, from_file)
    missing = messages(lang)("meeting.carried.missing", fields="")
    assert missing.split(":")[0] in from_file
    direct = carried_notice(kutsu, invitation_from_memo(kutsu, muistio, memo, {"invitation": INVITATION}))
    assert missing.split(":")[0] not in direct, direct
