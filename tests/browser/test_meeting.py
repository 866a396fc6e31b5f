"""The chair's view in real Chromium with the browser's clock controlled: a meeting started
from an exported invitation, its phases and time warnings (also after the tab slept), the speaking
round, a reload mid-meeting, the room's shared screen, the memo written in the view and the
follow-up invitation made from it (at several fixed times of day), the interpreter, and the
follow-up made from the memo's saved file. Every test runs on the clock it sets (the
`controlled_clock` fixture): nothing depends on the time of day of the machine."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from forms.api import handle
from forms.contracts import attribute, contracts, hook
from forms.language import messages, site_languages
from forms.meeting import get_meeting
from tests.support.browser import axe_violations as _axe
from scripts.form_driver import (FIXTURES, PYTHON_TIMEOUT_MS, export, fill, open_in_scheme, read_state,
                                      wait_python_ready, wait_until)
from tests.support.meeting_view import BEFORE, INVITATION, open_view, start_from_file, wait_ready

MEETING_KEY = contracts().storage["MEETING_KEY"]
PHASES = [p.id for p in get_meeting().phases]
# 14.00–15.30 booked: the summary (20 %) and the evaluation (10 %) need 27 min, so the chair is
# told at 15.03, with 27 min left.
WARN_AT = dt.datetime(2027, 3, 7, 15, 3)
#: The booked meeting run at fixed times of day: when it starts and ends on the browser's clock,
#: and the memo's start and end. One ended within its first minute ends a minute after its start,
#: whatever the booked time; one across midnight has no end (the memo's times are of one day).
RUNS = {
    "before-the-booked-start": (dt.datetime(2027, 3, 7, 13, 55, 10), dt.datetime(2027, 3, 7, 13, 55, 40), ("13.55", "13.56")),
    "on-the-booked-time": (dt.datetime(2027, 3, 7, 14, 0, 5), dt.datetime(2027, 3, 7, 15, 29), ("14.00", "15.29")),
    "after-the-booked-end": (dt.datetime(2027, 3, 7, 20, 0, 5), dt.datetime(2027, 3, 7, 20, 0, 50), ("20.00", "20.01")),
    "across-midnight": (dt.datetime(2027, 3, 7, 23, 59, 30), dt.datetime(2027, 3, 8, 0, 0, 30), ("23.59", "")),
}
#: The memo's required parts the note-taker writes (the meeting fills the rest).
MEMO_TEXT = {
    "client_view": "Aino toivoo, että koulussa olisi rauhallisempaa.", "positives": "Aino on sinnikäs.",
    "future": "Koulu järjestää pienryhmän.",
    "actions": [{"what": "Pienryhmän aloitus", "who": "Иван Петров", "when": "syyskuu", "with_whom": "Aino"}],
    "responsible_name": "Tiina Työntekijä", "responsible_contact": "040 123 4567",
    "followup_date": "2.4.2027", "followup_time": "9.00", "followup_convener": "Tiina Työntekijä",
    "client_understanding": "Aino kertoi omin sanoin.", "evaluation": "Hyvä kokous."}


@pytest.fixture(autouse=True)
def controlled_clock(page):
    """The browser's clock is the test's, from before the first page opens."""
    page.clock.install(time=BEFORE)


def prefix(code: str) -> str:
    return "" if code == site_languages()[0] else f"{code}/"


def text(page, selector):
    return page.locator(selector).inner_text().strip()


def minutes_left(page) -> int:
    return int("".join(ch for ch in text(page, hook("time_left")) if ch.isdigit()))


def minutes_in(page, selector) -> int:
    """The whole minutes the element `selector` finds says (the clock's or the bar's time left)."""
    return int("".join(ch for ch in text(page, selector) if ch.isdigit()))


def memo_field(page, name) -> str:
    return page.input_value(f'form{hook("form", "muistio")} [name="{name}"]')


def current_phase(page) -> str:
    return page.evaluate("(phase) => document.querySelector(`[${phase}][aria-current=step]`)?.getAttribute(phase) ?? ''",
                         attribute("phase"))


def wait_text(page, selector, words, **kwargs):
    """Wait until the element `selector` finds holds `words`."""
    wait_until(page, "([selector, words]) => document.querySelector(selector)?.textContent.includes(words)",
               [selector, words], **kwargs)


def wait_hidden(page, selector, hidden=True):
    wait_until(page, "([selector, hidden]) => document.querySelector(selector)?.hidden === hidden", [selector, hidden])


def test_meeting_from_an_invitation_keeps_time_and_order(page, tmp_path):
    open_view(page)
    assert page.evaluate("new Date().getHours()") == 13, "the browser's clock is the test's"
    start_from_file(page, tmp_path)
    # The chair's recap: the topic and aim from the invitation; every invitee in the handbook's order.
    assert "Ainon koulunkäynti ja arjen tuki." in text(page, hook("recap_topic"))
    assert text(page, hook("recap_aim")) == INVITATION["aim"]
    people = page.locator(f"{hook('participant')} .meeting-participant__name").all_inner_texts()
    assert people == ["Aino", "Matti Meikäläinen", "Иван Петров", "Åsa Öberg", INVITATION["worker_name"]]
    # The memo is filled from the invitation at once.
    memo = read_state(page, "muistio")
    assert [r["name"] for r in memo["present"]] == people
    assert (memo["date"], memo["start_time"], memo["place"]) == ("7.3.2027", "14.00", INVITATION["place"])
    assert minutes_left(page) == 90

    page.clock.fast_forward("10:00")  # 14.00
    page.click(hook("start"))
    assert current_phase(page) == PHASES[0]
    page.click(hook("next_phase"))
    assert current_phase(page) == PHASES[1]
    page.keyboard.press("ArrowRight")
    assert current_phase(page) == PHASES[2]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    assert current_phase(page) == PHASES[2]
    # Typing in a text box never moves the meeting on.
    page.locator("#muistio-positives").press("ArrowRight")
    assert current_phase(page) == PHASES[2]
    # Down in the memo, the phase and the time left stay in sight at the window's foot.
    page.locator("#muistio-positives").scroll_into_view_if_needed()
    wait_hidden(page, hook("meeting_bar"), False)
    assert "3/7" in text(page, hook("meeting_bar")) and "90 min" in text(page, hook("meeting_bar"))
    page.click(hook("bar_next"))
    assert current_phase(page) == PHASES[3]
    page.click(hook("prev_phase"))
    assert current_phase(page) == PHASES[2]

    # The speaking round: spoken, someone leaving early, chair and note-taker.
    aino = page.locator(hook("participant")).nth(0)
    aino.locator(hook("spoken")).click()
    assert aino.locator(hook("spoken")).get_attribute("aria-pressed") == "true"
    assert "1/5" in text(page, hook("spoken_count"))
    page.locator(hook("participant")).nth(2).locator(hook("leaves")).click()
    assert "Иван Петров lähtee kesken" in text(page, hook("meeting_alert"))
    page.fill(hook("meeting_field", "chair"), "Åsa Öberg")
    page.fill(hook("meeting_field", "note_taker"), INVITATION["worker_name"])
    page.fill(hook("meeting_field", "delivery"), "Kirjuri lähettää muistion sähköpostilla kaikille kutsutuille")
    page.fill("#muistio-positives", "Aino on sinnikäs.")

    # The warning comes when the time left falls to what the closing phases need: not at 15.02…
    page.clock.fast_forward("01:02:00")
    assert minutes_left(page) == 28
    assert "jatkosuunnitelmalle" not in text(page, hook("meeting_alert"))
    # …and at 15.03, also when the tab slept through it (the lid closed, no timers ran).
    page.clock.pause_at(WARN_AT + dt.timedelta(minutes=4))
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert minutes_left(page) == 23
    alert = text(page, hook("meeting_alert"))
    assert "jatkosuunnitelmalle" in alert and "Yhteenveto ja jatkosuunnitelma" in alert
    assert page.locator(hook("meeting_alert")).get_attribute("aria-live") == "assertive"
    page.clock.resume()

    # A reload mid-meeting restores everything.
    page.reload()
    wait_ready(page)
    assert current_phase(page) == PHASES[2]
    assert page.locator(hook("participant")).nth(0).locator(hook("spoken")).get_attribute("aria-pressed") == "true"
    assert page.locator(hook("participant")).nth(2).get_attribute(attribute("state")) == "left"
    assert page.input_value(hook("meeting_field", "chair")) == "Åsa Öberg"
    assert "jatkosuunnitelmalle" in text(page, hook("meeting_alert"))
    assert read_state(page, "muistio")["positives"] == "Aino on sinnikäs."
    wait_text(page, hook("meeting_status"), "palautettiin")


def test_meeting_held_away_from_its_booked_time_counts_the_booked_length(page, tmp_path):
    """Started on the next day at 5.03, hours before its booked 14.00–15.30: the clock and the bar
    at the window's foot say the same minutes left, the booked 90 counting down from the real
    start, also after a reload; the memo is dated the day it was held. Someone leaving is said for
    that moment: the warning goes at the next phase and at the end, and does not come back on a
    reload."""
    held = dt.datetime(2027, 3, 8, 5, 3)
    open_view(page)
    start_from_file(page, tmp_path)
    page.clock.set_fixed_time(held)  # Date.now() stays there; the page's timers keep running
    page.click(hook("start"))
    page.locator("#muistio-positives").scroll_into_view_if_needed()
    wait_hidden(page, hook("meeting_bar"), False)
    assert minutes_in(page, hook("time_left")) == minutes_in(page, hook("bar_left")) == 90
    page.clock.set_fixed_time(held + dt.timedelta(minutes=10))
    wait_text(page, hook("time_left"), "80")
    assert minutes_in(page, hook("bar_left")) == 80
    wait_until(page, "(date) => document.querySelector(date)?.value === '8.3.2027'",
               f'form{hook("form", "muistio")} [name="date"]', timeout_ms=PYTHON_TIMEOUT_MS)
    assert memo_field(page, "start_time") == "5.03"

    # Someone leaves: said now, kept on a reload within the phase…
    page.locator(hook("participant")).nth(2).locator(hook("leaves")).click()
    assert "Иван Петров lähtee kesken" in text(page, hook("meeting_alert"))
    page.reload()
    wait_ready(page)
    assert minutes_in(page, hook("time_left")) == 80, "the same count after a reload"
    page.locator("#muistio-positives").scroll_into_view_if_needed()
    wait_hidden(page, hook("meeting_bar"), False)
    assert minutes_in(page, hook("bar_left")) == 80
    assert "lähtee kesken" in text(page, hook("meeting_alert"))
    # …and gone once the meeting moves on, also after a reload.
    page.click(hook("bar_next"))
    assert current_phase(page) == PHASES[1]
    assert text(page, hook("meeting_alert")) == "" and text(page, hook("bar_alert")) == ""
    page.reload()
    wait_ready(page)
    assert text(page, hook("meeting_alert")) == ""
    # Someone leaving in the last phase: the warning goes with the meeting's end.
    for _ in PHASES[2:]:
        page.click(hook("next_phase"))
    page.locator(hook("participant")).nth(3).locator(hook("leaves")).click()
    assert "lähtee kesken" in text(page, hook("meeting_alert"))
    page.click(hook("next_phase"))
    wait_text(page, f"form {hook('status')}", "päättyi")
    assert text(page, hook("meeting_alert")) == ""
    assert (memo_field(page, "date"), memo_field(page, "start_time"), memo_field(page, "end_time")) == \
        ("8.3.2027", "5.03", "5.13"), "the day and the times it was held"


@pytest.mark.parametrize("run", list(RUNS))
def test_memo_written_in_the_view_goes_to_the_record_and_the_follow_up(page, tmp_path, run):
    started, ended, (memo_start, memo_end) = RUNS[run]
    page.on("dialog", lambda d: d.accept())
    open_view(page)
    start_from_file(page, tmp_path)
    page.clock.set_fixed_time(started)  # Date.now() stays there; the page's timers keep running
    page.click(hook("start"))
    page.locator(hook("participant")).nth(1).locator(hook("attendance")).select_option("absent")
    page.fill(hook("meeting_field", "chair"), "Åsa Öberg")
    page.fill(hook("meeting_field", "note_taker"), "Tiina Työntekijä")
    page.fill(hook("meeting_field", "delivery"), "Tulostetaan kokouksen lopussa")
    # The memo follows the meeting live, and keeps what the note-taker writes into it.
    wait_until(page, "() => document.querySelector('[name=\"chair\"]').value === 'Åsa Öberg'")
    page.fill('[name="present.0.role"]', "asiakas, 15 v")
    page.locator(hook("participant")).nth(3).locator(hook("leaves")).click()
    wait_until(page, "() => document.querySelector('[name=\"present.2.role\"]').value.includes('poistui')")
    # On the evaluation phase the feedback form is at hand.
    for _ in PHASES[:-1]:
        page.click(hook("next_phase"))
    offer = page.locator(f"{hook('phase', 'paattaminen')} {hook('offer', 'palaute')}")
    assert offer.is_visible() and offer.get_attribute("href").endswith("palaute/")
    fill(page, "muistio", MEMO_TEXT)
    page.clock.set_fixed_time(ended)
    page.click(hook("next_phase"))  # ends the meeting: the memo gets the final attendance
    wait_text(page, f"form {hook('status')}", "päättyi")
    memo = read_state(page, "muistio")
    assert (memo["date"], memo["start_time"], memo["end_time"]) == ("7.3.2027", memo_start, memo_end), run
    assert [r["name"] for r in memo["absent"]] == ["Matti Meikäläinen"]
    assert (memo["chair"], memo["note_taker"]) == ("Åsa Öberg", "Tiina Työntekijä")
    assert memo["present"][0]["role"] == "asiakas, 15 v", "the note-taker's edit survives the meeting's end"

    from forms.model import get_form
    from forms.validation import validate
    assert [e.as_dict() for e in validate(get_form("muistio"), memo)] == [], "the memo is complete"
    record = export(page, "muistio", "txt", tmp_path).read_text("utf-8")
    for expected in ("Aino", "Иван Петров", "Åsa Öberg", "Tulostetaan kokouksen lopussa", "Pienryhmän aloitus",
                     "Matti Meikäläinen", "Tiina Työntekijä"):
        assert expected in record, expected

    # The follow-up meeting becomes an invitation with the same people and the topic.
    page.click(hook("to_invitation"))
    page.wait_for_url("**/lomakkeet/kutsu/")
    notice = page.locator(f"form{hook('form', 'kutsu')} > .form-notice:not({hook('restore_offer')})")
    fi = messages("fi")
    assert notice.inner_text().startswith(fi("js.papers.followup_opened")), "said at the form's top, where the reader starts"
    # …with what it took over: the remote link travels unless the worker changes it.
    carried = fi("meeting.carried.intro", items=fi("meeting.carried.remote_link", link=INVITATION["remote_link"]))
    assert carried.removesuffix(".") in notice.inner_text()
    invitation = read_state(page, "kutsu")
    assert invitation["remote_link"] == INVITATION["remote_link"]
    assert (invitation["date"], invitation["start_time"], invitation["end_time"]) == ("2.4.2027", "9.00", "10.30"), \
        "as long as the first meeting was booked for"
    assert invitation["client_name"] == "Aino" and invitation["topic"] == INVITATION["topic"]
    assert [r["name"] for r in invitation["invitees"]] == [r["name"] for r in INVITATION["invitees"]]
    assert invitation["invitees"][0]["phone"] == INVITATION["invitees"][0]["phone"]

    # "Clear this meeting" removes the meeting and its memo from the device.
    open_view(page)
    page.click(hook("clear_meeting"))
    keys = page.evaluate("Object.keys(sessionStorage)")
    assert MEETING_KEY not in keys and contracts().storage["DRAFT_PREFIX"] + "muistio" not in keys
    assert page.locator(hook("participant")).count() == 0
    assert read_state(page, "muistio")["chair"] == ""


def test_interpreter_and_the_follow_up_from_the_saved_memo_file(page, context, tmp_path):
    """The interpreter added at the door is named with her language, takes no turn, gets no memo
    and no invitation, and is booked again. The memo's saved file, opened on the Swedish page in
    a new tab (no meeting there), gives the same follow-up: every invitee field by field."""
    page.on("dialog", lambda d: d.accept())
    open_view(page)
    start_from_file(page, tmp_path)
    page.locator(".meeting-add > summary").click()
    page.fill(hook("add_name"), "Olena Koval")
    assert page.locator(hook("add_language")).is_hidden(), "asked only for a role with a language"
    page.select_option(hook("add_role"), "tulkki")
    assert page.input_value(hook("add_language")) == INVITATION["interpreter_language"], "the invitation's first"
    page.fill(hook("add_language"), "ukraina")
    page.click(hook("add_participant"))
    olena = page.locator(hook("participant")).last
    assert olena.locator(".meeting-participant__name").inner_text() == "Olena Koval"
    assert olena.locator(hook("role")).inner_text() == "Tulkki (ukraina)"
    assert olena.get_attribute(attribute("round")) == "false" and olena.locator(hook("spoken")).is_hidden()
    assert "0/5" in text(page, hook("spoken_count")), "not counted in the speaking round"
    page.clock.set_fixed_time(dt.datetime(2027, 3, 7, 14, 1))
    page.click(hook("start"))
    page.fill(hook("meeting_field", "chair"), "Åsa Öberg")
    page.fill(hook("meeting_field", "note_taker"), "Tiina Työntekijä")
    page.fill(hook("meeting_field", "delivery"), "Tulostetaan kokouksen lopussa")
    wait_until(page, "() => [...document.querySelectorAll('[name^=\"present.\"][name$=\".role\"]')]"
                     ".some((el) => el.value === 'tulkki (ukraina)')")
    for _ in PHASES[:-1]:
        page.click(hook("next_phase"))
    fill(page, "muistio", MEMO_TEXT)
    page.clock.set_fixed_time(dt.datetime(2027, 3, 7, 15, 25))
    page.click(hook("next_phase"))
    wait_text(page, f"form {hook('status')}", "päättyi")
    memo = read_state(page, "muistio")
    assert "Olena Koval" not in memo["recipients"] and "Matti Meikäläinen" in memo["recipients"]
    from forms.model import get_form
    from forms.validation import validate
    assert [e.as_dict() for e in validate(get_form("muistio"), memo)] == []

    page.click(hook("to_invitation"))
    page.wait_for_url("**/lomakkeet/kutsu/")
    notice = page.locator(f"form{hook('form', 'kutsu')} > .form-notice:not({hook('restore_offer')})").inner_text()
    assert "tulkki (ukraina): varaa tulkki uudelleen" in notice and INVITATION["remote_link"] in notice
    direct = read_state(page, "kutsu")
    names = [r["name"] for r in direct["invitees"]]
    assert names == [r["name"] for r in INVITATION["invitees"]], "not the interpreter, the client or the convener"
    assert (direct["interpreter"], direct["interpreter_language"]) == (True, "ukraina")
    errors = {e.field for e in validate(get_form("kutsu"), direct)}
    assert errors <= {"agreed_with_client", "rsvp"}, "the follow-up exports once the worker has agreed and says how to reply"

    # The memo's file, opened in a new tab on the Swedish page: the same invitation.
    open_view(page)
    saved = export(page, "muistio", "json", tmp_path)
    fresh = context.new_page()
    fresh.goto("sv/lomakkeet/muistio/")
    wait_python_ready(fresh)
    assert MEETING_KEY not in fresh.evaluate("Object.keys(sessionStorage)"), "no meeting in this tab"
    fresh.set_input_files(f"form{hook('form', 'muistio')} {hook('import')}", saved)
    wait_until(fresh, "() => document.querySelector('[name=\"present.0.name\"]')?.value === 'Aino'", timeout_ms=PYTHON_TIMEOUT_MS)
    fresh.click(hook("to_invitation"))
    fresh.wait_for_url("**/sv/lomakkeet/kutsu/")
    from_file = read_state(fresh, "kutsu")
    assert from_file["invitees"] == direct["invitees"], "every invitee field by field: contacts, letter languages, relations"
    assert from_file["invitees"][0]["language"] == "fi", "a Finnish reader stays Finnish on the Swedish page"
    assert all(from_file["invitees"][i][k] == r[k] for i, r in enumerate(INVITATION["invitees"]) for k in r if k != "language")
    for key in ("client_name", "worker_name", "date", "place", "remote_link", "interpreter", "interpreter_language"):
        assert from_file[key] == direct[key], key
    notice = fresh.locator(f"form{hook('form', 'kutsu')} > .form-notice:not({hook('restore_offer')})").inner_text()
    assert "tolk (ukrainska): boka tolken på nytt" in notice and INVITATION["remote_link"] in notice


def test_shared_screen_shows_the_memo_as_it_is_typed_and_nothing_else(page, context, tmp_path):
    open_view(page)
    start_from_file(page, tmp_path)
    page.click(hook("start"))
    with context.expect_page() as opened:
        page.click(hook("shared_screen"))
    shared = opened.value
    errors = []
    shared.on("pageerror", lambda e: errors.append(str(e)))
    shared.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    shared.wait_for_load_state()
    wait_until(shared, "(ready) => document.documentElement.getAttribute(ready) === 'true'", attribute("shared_ready"))
    assert shared.locator(hook("shared_view")).count() == 1
    assert shared.locator(".md-sidebar, .md-footer").count() == 0, "the room sees the memo only"
    assert shared.locator(".md-header").is_hidden()
    wait_text(shared, hook("shared_phase"), "1/7")
    page.locator("#muistio-positives").press_sequentially("Aino on sinnikäs")
    wait_text(shared, hook("shared_memo"), "Aino on sinnikäs")
    delay = float(shared.evaluate("(delay) => document.documentElement.getAttribute(delay)", attribute("shared_delay")))
    print(f"shared screen delay {delay:.1f} ms")
    room = shared.locator(hook("shared_memo")).inner_text()
    assert "Иван Петров" in room
    # The memo's rows keep each person's contacts for the follow-up: no paper shows them, nor the room.
    for row in INVITATION["invitees"]:
        for key in ("phone", "email", "address"):
            assert not row.get(key) or row[key] not in room, key
    # A warning is on the chair's screen only, unless the chair chooses to show it.
    page.locator(hook("participant")).nth(1).locator(hook("leaves")).click()
    page.locator("#muistio-positives").press_sequentially(".")
    wait_text(shared, hook("shared_memo"), "sinnikäs.")
    assert shared.locator(hook("shared_alert")).is_hidden()
    page.check(hook("option", "share_alerts"))
    wait_hidden(shared, hook("shared_alert"), False)
    page.uncheck(hook("option", "share_phase"))
    wait_hidden(shared, hook("shared_phase"))
    # Clearing the meeting empties the room's screen too.
    page.on("dialog", lambda d: d.accept())
    page.click(hook("clear_meeting"))
    wait_until(shared, "(memo) => document.querySelector(memo).children.length === 0", hook("shared_memo"))
    assert errors == []


def test_meeting_from_the_invitation_filled_on_this_device(page):
    page.goto("lomakkeet/kutsu/")
    fill(page, "kutsu", FIXTURES["MINIMAL"]["kutsu"])
    open_view(page)
    button = page.locator(hook("from_draft"))
    assert button.is_visible()
    wait_python_ready(page)
    button.click()
    wait_until(page, "(person) => document.querySelectorAll(person).length > 0", hook("participant"), timeout_ms=PYTHON_TIMEOUT_MS)
    assert page.locator(f"{hook('participant')} .meeting-participant__name").first.inner_text() == FIXTURES["MINIMAL"]["kutsu"]["client_name"]


def test_participant_added_at_the_door_takes_their_place_in_the_order(page, tmp_path):
    open_view(page)
    start_from_file(page, tmp_path)
    page.locator(".meeting-add > summary").click()
    page.fill(hook("add_name"), "Kaisa Kummi")
    page.select_option(hook("add_role"), "laheinen")
    page.click(hook("add_participant"))
    people = page.locator(f"{hook('participant')} .meeting-participant__name").all_inner_texts()
    assert people.index("Kaisa Kummi") == 2, people  # after the last close one, before the workers
    assert page.evaluate("(name) => document.activeElement.matches(name)", hook("add_name"))


def test_view_fits_a_phone(page, tmp_path):
    page.set_viewport_size({"width": 320, "height": 640})
    open_view(page)
    start_from_file(page, tmp_path)
    page.click(hook("start"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("code", site_languages())
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_view_and_shared_screen_pass_axe(page, context, code, scheme):
    meeting = handle({"op": "carry", "lang": code, "to": "meeting", "invitation": INVITATION})["meeting"]
    started = int(BEFORE.timestamp() * 1000)  # the browser's clock: started now
    meeting.update(phase=5, phaseStartedAt=started, startedAt=started, alert=messages(code)("js.meeting.time_over"))
    meeting["participants"][1]["spoken"] = True
    meeting["participants"][2].update(status="left", left_at="14:40")
    page.goto(f"{prefix(code)}lomakkeet/kokous/")
    page.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [MEETING_KEY, json.dumps(meeting)])
    open_in_scheme(page, f"{prefix(code)}lomakkeet/kokous/", scheme)
    wait_ready(page)
    assert page.locator(hook("participant")).count() == 5
    assert _axe(page) == []
    with context.expect_page() as opened:
        page.click(hook("shared_screen"))
    shared = opened.value
    shared.wait_for_load_state("networkidle")
    wait_hidden(shared, hook("shared_phase"), False)
    assert shared.evaluate("document.documentElement.lang") == code
    assert _axe(shared) == []
