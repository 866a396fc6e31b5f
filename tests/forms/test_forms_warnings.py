"""Warnings for likely typos (forms/validation/warnings.py): each check of forms/warnings.toml,
in the page's language, with a fixed "today"; none on a good realistic state; never an error."""
import datetime as dt

import pytest

from forms import FORM_IDS
from forms.api import handle
from forms.language import dates, site_languages
from forms.model import get_form
from forms.validation.warnings import checks, warnings

TODAY = dt.date(2026, 12, 4)  # a Friday


def _warned(form_id, state, lang="fi", today=TODAY):
    return [(w.field, w.check, w.message) for w in warnings(get_form(form_id, lang), state, today)]


def _fields_with(form, check):
    """The input names (``group.field`` for a row's) that a form checks with ``check``."""
    out = [name for name, named in form.warnings.items() if check in named]
    if checks()[check].get("every"):
        for f in form.fields():
            subs = [(f"{f.name}.{s.name}", s) for s in f.fields] if f.is_group else [(f.name, f)]
            out += [n for n, s in subs if s.type == checks()[check]["type"] and n not in out]
    return out


def _state_for(name, value):
    """A state holding ``value`` in input ``name`` (``group.field`` as that group's first row)."""
    if "." in name:
        group, sub = name.split(".")
        return {group: [{sub: value}]}, f"{group}.0.{sub}"
    return {name: value}, name


# ---- the registry and the definitions -----------------------------------------------------------

def test_every_check_names_a_type_and_is_used():
    used = {c for f in FORM_IDS for named in get_form(f).warnings.values() for c in named}
    for name, check in checks().items():
        assert check["type"] in {"date", "time", "text", "tel"}, name
        assert check.get("every") or name in used, f"{name} is used by no form"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_definitions_name_real_fields_of_the_checks_type(form_id):
    form = get_form(form_id)
    for name, named in form.warnings.items():
        group, _, sub = name.rpartition(".")
        f = form.field(group).subfield(sub) if group else form.field(name)
        assert f is not None, f"{form_id}: [warnings] names no field {name}"
        for check in named:
            assert checks()[check]["type"] == f.type, f"{form_id}.{name}: {check}"
            if "meeting" in checks()[check]:
                assert form.field(form.date_field).type == "date"


def test_the_reply_by_date_is_checked_against_the_meeting():
    """The invitation's reply-by date: warned when past, and when after the meeting."""
    kutsu = get_form("kutsu")
    assert set(kutsu.warnings["reply_by"]) >= {"upcoming", "by_meeting"}
    reply = kutsu.letter.get("reply", {}).get("date")
    if reply:  # the letter's reply-by date is the field that is checked
        assert reply in kutsu.warnings


# ---- dates ---------------------------------------------------------------------------------------

def test_the_issues_typos_in_the_invitation_date():
    """15.12.2025 (a year typo) and 3.12.2026 (yesterday) are pointed out; today is not."""
    past = get_form("kutsu").messages("warning.date_past")
    assert _warned("kutsu", {"date": "15.12.2025"}) == [("date", "upcoming", past)]
    assert _warned("kutsu", {"date": "3.12.2026"}) == [("date", "upcoming", past)]
    assert _warned("kutsu", {"date": "4.12.2026"}) == []
    assert _warned("kutsu", {"date": "ti 15.12."}) == []  # the next 15 December, from today


def test_more_than_a_year_ahead():
    m = get_form("kutsu").messages
    assert _warned("kutsu", {"date": "4.12.2027"}) == []
    assert _warned("kutsu", {"date": "5.12.2027"}) == [("date", "upcoming", m.plural("warning.date_ahead", 12))]
    assert "12 kuukauden" in m.plural("warning.date_ahead", 12)
    # The end of a month: a year after 29 February is 28 February.
    assert _warned("kutsu", {"date": "28.2.2029"}, today=dt.date(2028, 2, 29)) == []
    assert _warned("kutsu", {"date": "1.3.2029"}, today=dt.date(2028, 2, 29))[0][1] == "upcoming"


@pytest.mark.parametrize("lang", site_languages())
def test_every_upcoming_date_in_every_form(lang):
    """Every field a form checks as upcoming, rows included, in every site language."""
    found = 0
    for form_id in FORM_IDS:
        form = get_form(form_id, lang)
        for name in _fields_with(form, "upcoming"):
            state, key = _state_for(name, "1.12.2026")
            assert (key, "upcoming", form.messages("warning.date_past")) in _warned(form_id, state, lang)
            state, key = _state_for(name, "20.12.2026")
            assert [w for w in _warned(form_id, state, lang) if w[0] == key] == []
            found += 1
    assert found >= 3  # the meeting, the reply-by date, the memo's follow-up meeting


def test_reply_by_after_the_meeting_or_past():
    m = get_form("kutsu").messages
    after = m("warning.date_after_meeting", meeting="15.12.2026")
    state = {"date": "15.12.2026", "reply_by": "16.12.2026"}
    assert _warned("kutsu", state) == [("reply_by", "by_meeting", after)]
    state["reply_by"] = "15.12.2026"  # the meeting day itself is a possible last day
    assert _warned("kutsu", state) == []
    state["reply_by"] = "2.12.2026"
    assert _warned("kutsu", state) == [("reply_by", "upcoming", m("warning.date_past"))]
    # Without a readable meeting date, only today counts.
    assert _warned("kutsu", {"date": "huomenna", "reply_by": "11.12.2026"}) == []


def test_the_memo_dates():
    """A memo is written at the meeting: its date not ahead nor long ago; the follow-up ahead;
    the recording not before the meeting; a consent that has already ended."""
    m = get_form("muistio").messages
    assert _warned("muistio", {"date": "4.12.2026"}) == []
    assert _warned("muistio", {"date": "5.12.2026"}) == [("date", "held", m("warning.date_future"))]
    assert _warned("muistio", {"date": "4.10.2026"}) == []
    assert _warned("muistio", {"date": "3.10.2026"}) == [("date", "held", m.plural("warning.date_ago", 2))]
    assert _warned("muistio", {"date": "1.12.2026", "followup_date": "30.11.2026"}) == [
        ("followup_date", "upcoming", m("warning.date_past"))]
    assert _warned("muistio", {"date": "1.12.2026", "recorded_date": "30.11.2026"}) == [
        ("recorded_date", "after_meeting", m("warning.date_before_meeting", meeting="1.12.2026"))]
    assert _warned("muistio", {"consents": [{"who": "Aino", "valid_until": "3.12.2026"}]}) == [
        ("consents.0.valid_until", "until", m("warning.date_past"))]
    assert _warned("muistio", {"consents": [{"who": "Aino", "valid_until": "31.12.2030"}]}) == []


def test_the_feedback_date():
    m = get_form("palaute").messages
    assert _warned("palaute", {"meeting_date": "24.12.2026"}) == [("meeting_date", "held", m("warning.date_future"))]


# ---- the English page reads a numeric date day first and says so ---------------------------------

def test_a_day_first_date_is_read_back_on_the_english_page():
    assert _warned("kutsu", {"date": "05/12/2026"}, "en") == [
        ("date", "read_as", "Read as Saturday 5 December 2026 (day first, then month).")]
    assert _warned("kutsu", {"date": "5.12."}, "en")[0][2].startswith("Read as Saturday 5 December 2026")
    assert _warned("kutsu", {"date": "05122026"}, "en")[0][1] == "read_as"


@pytest.mark.parametrize("typed", ["15/12/2026", "5 December 2026", "Sat 5 Dec 2026", "2026-12-05", "12/12/2026"])
def test_no_read_back_where_the_date_cannot_be_read_two_ways(typed):
    assert _warned("kutsu", {"date": typed}, "en") == []


@pytest.mark.parametrize("lang", [code for code in site_languages() if code not in checks()["read_as"]["languages"]])
def test_no_read_back_where_dates_are_written_day_first(lang):
    assert _warned("kutsu", {"date": "05/12/2026"}, lang) == []


def test_every_date_field_is_read_back():
    """Every date field of every form, rows included (the check applies by type)."""
    for form_id in FORM_IDS:
        form = get_form(form_id, "en")
        names = _fields_with(form, "read_as")
        assert names, form_id
        for name in names:
            state, key = _state_for(name, "05/12/2026")
            assert (key, "read_as") in [w[:2] for w in _warned(form_id, state, "en")], f"{form_id}.{name}"


# ---- times, names, phone numbers -----------------------------------------------------------------

@pytest.mark.parametrize("typed, warned", [("6.59", True), ("7.00", False), ("14", False), ("21.00", False),
                                           ("21.01", True), ("2.00", True), ("22", True), ("0.30", True)])
def test_a_time_outside_the_meeting_hours(typed, warned):
    state = {"start_time": typed}
    if warned:
        t = dates.parse_time(typed)
        message = get_form("kutsu").messages("warning.time_outside", time=dates.format_time(t, get_form("kutsu").messages),
                                             range="klo 7.00–21.00")
        assert _warned("kutsu", state) == [("start_time", "daytime", message)]
    else:
        assert _warned("kutsu", state) == []


def test_every_time_field_a_form_names():
    for form_id in FORM_IDS:
        form = get_form(form_id)
        for name in _fields_with(form, "daytime"):
            state, key = _state_for(name, "3.00")
            assert (key, "daytime") in [w[:2] for w in _warned(form_id, state)]


@pytest.mark.parametrize("typed, warned", [("Aino Virtanen", True), ("Aino  Maria Virtanen", True), ("Aino", False),
                                           ("Anna-Liisa", False), (" Aino ", False)])
def test_a_surname_where_the_first_name_is_asked(typed, warned):
    m = get_form("kutsu").messages
    assert _warned("kutsu", {"client_name": typed}) == ([("client_name", "first_name", m("warning.first_name"))] if warned else [])


@pytest.mark.parametrize("lang", site_languages())
def test_a_phone_number_too_short_to_dial_in_every_tel_field(lang):
    found = 0
    for form_id in FORM_IDS:
        form = get_form(form_id, lang)
        for name in _fields_with(form, "tel_short"):
            state, key = _state_for(name, "040 12")
            assert (key, "tel_short", form.messages.plural("warning.tel_short", 5)) in _warned(form_id, state, lang)
            state, key = _state_for(name, "116 117")  # a six-digit service number dials
            assert [w for w in _warned(form_id, state, lang) if w[0] == key] == []
            found += 1
    assert found >= 2  # the worker's phone and each invitee's


# ---- a good realistic state gets no warning ------------------------------------------------------

def _a_day_it_fits(form_id, state):
    """The day such a form is filled: a memo's or feedback's on (or after) the meeting, an
    invitation's before every date it names."""
    form = get_form(form_id)
    held, upcoming = [], []
    for name, named in form.warnings.items():
        value = state.get(name)
        d = dates.try_date(value) if isinstance(value, str) else None
        if d:
            (held if "held" in named else upcoming if "upcoming" in named else []).append(d)
    return max(held) if held else min(upcoming, default=TODAY)


@pytest.mark.parametrize("kind", ["FULL", "MINIMAL", "CASE"])
@pytest.mark.parametrize("lang", site_languages())
def test_no_warning_on_a_good_state(states, form_id, kind, lang):
    state = states[kind][form_id]
    found = _warned(form_id, state, lang, today=_a_day_it_fits(form_id, state))
    # Only the English page's read-back of a numeric date ("07.03.2027" in MINIMAL) is expected.
    assert [w for w in found if w[1] != "read_as"] == []
    if lang not in checks()["read_as"]["languages"]:
        assert found == []


def test_never_raises_on_junk():
    for state in (None, [], {"date": 5}, {"invitees": "x"}, {"invitees": [None, 3, {"phone": ["1"]}]},
                  {"date": "31.2.2027"}, {"start_time": "25.00"}, {"client_name": ""}):
        assert _warned("kutsu", state) == []


# ---- the validate op -----------------------------------------------------------------------------

def test_validate_answers_warnings_against_the_pages_today():
    r = handle({"op": "validate", "form": "kutsu", "lang": "fi", "state": {"date": "15.12.2025"}, "today": "2026-12-04"})
    assert {"field": "date", "check": "upcoming", "message": get_form("kutsu").messages("warning.date_past")} in r["warnings"]
    r = handle({"op": "validate", "form": "kutsu", "lang": "fi", "state": {"date": "15.12.2025"}, "today": "2025-12-01"})
    assert [w for w in r["warnings"] if w["field"] == "date"] == []


def test_validate_completes_a_date_without_its_year_from_the_pages_today():
    r = handle({"op": "validate", "form": "kutsu", "lang": "fi", "state": {"date": "15.12."}, "today": "2030-12-20"})
    assert r["normalised"]["date"] == "15.12.2031"


def test_validate_on_the_english_page_reads_back_and_writes_back():
    r = handle({"op": "validate", "form": "kutsu", "lang": "en", "state": {"date": "05/12/2026"}, "today": "2026-12-04"})
    assert r["normalised"]["date"] == "5 December 2026"
    assert [w["message"] for w in r["warnings"] if w["field"] == "date"] == [
        "Read as Saturday 5 December 2026 (day first, then month)."]


def test_a_field_with_an_error_gets_no_warning_and_warnings_are_not_errors(states):
    state = states["FULL"]["kutsu"] | {"worker_phone": "04O 12", "client_name": "Aino Virtanen", "date": "15.12.2025"}
    r = handle({"op": "validate", "form": "kutsu", "lang": "fi", "state": state, "today": "2026-12-04"})
    assert [e["field"] for e in r["errors"]] == ["worker_phone"]
    assert {w["field"] for w in r["warnings"]} == {"client_name", "date"}
    # And the export is made all the same: a warning never blocks.
    r = handle({"op": "export", "form": "kutsu", "lang": "fi", "format": "txt",
                "state": state | {"worker_phone": "040 12"}})
    assert r["errors"] == [] and r["file"]["data"]


@pytest.mark.parametrize("today", [None, "", "nonsense", 20261204, "2026-02-30"])
def test_a_bad_today_falls_back_to_the_machines_date(today):
    r = handle({"op": "validate", "form": "kutsu", "lang": "fi", "state": {"client_name": "Aino Virtanen"}, "today": today})
    assert [w["check"] for w in r["warnings"]] == ["first_name"]
