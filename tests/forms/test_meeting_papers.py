"""The meeting's phases and its papers carried on (forms/meeting/): invitation → meeting → memo →
follow-up invitation. Runs in CPython and inside Pyodide (tests/pyodide)."""
import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.api import handle
from forms.language import site_languages
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
    assert "7.3.2027" in followup["aim"]
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
