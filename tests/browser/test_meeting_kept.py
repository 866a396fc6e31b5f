"""The chair's view after the browser is closed, with a real browser profile kept on disk
(Chromium's persistent context), in every site language. On the worker's own computer the
invitation filled in one tab is taken in the chair's view in another, the meeting started and the
memo typed; the browser closed and opened again, the view goes on with the meeting and the memo.
On a shared computer the same steps (the invitation handed over between the open tabs) leave
nothing of the client in any storage of the site once the browser is closed. The browser's clock
is the test's (from before the first page opens): nothing depends on the time of day."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest

from forms.contracts import attribute, contracts, hook
from forms.language import messages, site_languages
from forms.meeting import get_meeting
from tests.support.browser import keep_on_this_machine, shared_notice
from scripts.form_driver import FIXTURES, PYTHON_TIMEOUT_MS, fill, read_state, wait_python_ready, wait_until
from tests.support.site_storage import every_storage, traces
from tests.support.meeting_view import open_view as open_view_at, wait_ready

#: The smallest complete invitation, with a client's name and a place no file of the site holds
#: (the site's own files are in its caches: a word found there must be the client's).
INVITATION = {**FIXTURES["MINIMAL"]["kutsu"], "client_name": "Ilona Säilytyskoe", "place": "Koetie 7 B 12"}
FIRST_PHASE = get_meeting().phases[0].id
#: The day of the booked meeting (14.00): the first browser opens at 13.50, the second at 14.20.
OPENED = dt.datetime(2027, 3, 7, 13, 50)
REOPENED = dt.datetime(2027, 3, 7, 14, 20)
MEMO_WORDS = "Ilona toivoo rauhallisempaa koulupäivää"
#: The client's words that the steps put into the pages.
CLIENT = [INVITATION["client_name"], INVITATION["place"], INVITATION["worker_phone"],
          *(row["name"] for row in INVITATION["invitees"]), MEMO_WORDS]


def prefix(code: str) -> str:
    return "" if code == site_languages()[0] else f"{code}/"


@pytest.fixture
def profile(tmp_path):
    return tmp_path / "profile"


@pytest.fixture
def open_browser(playwright, browser_type_launch_args, server, profile):
    """open_browser(time) -> a context of the browser started on the profile kept on disk, its clock
    at `time`; every request stays on 127.0.0.1 and no page logs an error."""
    opened = []
    outside: list[str] = []
    errors: list[str] = []

    @contextmanager
    def start(time):
        context = playwright.chromium.launch_persistent_context(
            str(profile), **browser_type_launch_args, base_url=server.url, locale="fi-FI")
        opened.append(context)
        keep_on_this_machine(context, outside)
        context.clock.install(time=time)

        def watch(page):
            page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))

        for page in context.pages:
            watch(page)
        context.on("page", watch)
        try:
            yield context
        finally:
            context.close()  # the browser quits: the tabs' sessionStorage is gone

    yield start
    for context in opened:
        try:
            context.close()
        except Exception:
            pass
    assert not outside, f"requests left 127.0.0.1: {sorted(set(outside))}"
    assert not errors, "\n".join(errors)


def answer_device_question(page, mode):
    choice = page.locator(f"{hook('device_choice')} input[value={mode}]")
    choice.check()
    wait_until(page, "([choice, mode, m]) => document.querySelector(choice).getAttribute(mode) === m",
               [hook("device_choice"), attribute("device_mode"), mode])


def open_view(page, code):
    open_view_at(page, f"{prefix(code)}lomakkeet/kokous/")


def wait_participants(page):
    wait_until(page, "(person) => document.querySelectorAll(person).length > 0", hook("participant"),
               timeout_ms=PYTHON_TIMEOUT_MS)


def run_the_meeting(context, code, mode):
    """Fill the invitation in one tab, take it in the chair's view in another, start, write the memo."""
    form = context.pages[0] if context.pages else context.new_page()
    form.goto(f"{prefix(code)}lomakkeet/kutsu/")
    answer_device_question(form, mode)
    fill(form, "kutsu", INVITATION)
    view = context.new_page()
    open_view(view, code)
    # The question was answered once, in the other tab: the view says where it keeps things.
    assert view.locator(f"{hook('device_choice')} {hook('device_question')}").is_hidden()
    wait_python_ready(view)
    take = view.locator(f"button{hook('from_draft')}")
    take.wait_for(state="visible")
    take.click()
    wait_participants(view)
    names = view.locator(f"{hook('participant')} .meeting-participant__name").all_inner_texts()
    assert names[0] == INVITATION["client_name"]
    view.click(hook("start"))
    view.fill("#muistio-positives", MEMO_WORDS)
    wait_until(view, "(name) => document.querySelector(name)?.value !== ''",
               f'form{hook("form", "muistio")} [name="present.0.name"]', timeout_ms=PYTHON_TIMEOUT_MS)
    return view, names


@pytest.mark.parametrize("code", site_languages())
def test_own_computer_keeps_the_meeting_and_the_memo_when_the_browser_closes(open_browser, code):
    with open_browser(OPENED) as context:
        view, names = run_the_meeting(context, code, "own")
        view.fill("#muistio-positives", MEMO_WORDS + ".")
        wait_until(view, "(w) => Object.values(localStorage).some((v) => v.includes(w))", MEMO_WORDS + ".")

    with open_browser(REOPENED) as context:
        page = context.pages[0] if context.pages else context.new_page()
        open_view(page, code)
        assert page.locator(f"{hook('participant')} .meeting-participant__name").all_inner_texts() == names
        assert page.evaluate("(phase) => document.querySelector(`[${phase}][aria-current=step]`)?.getAttribute(phase)",
                             attribute("phase")) == FIRST_PHASE
        assert page.locator(hook("start")).is_hidden(), "the meeting goes on: not started again"
        # The view says it goes on with the kept meeting and offers an empty one.
        restore = page.locator(f"{hook('meeting')} > {hook('restore_offer')}")
        expected = messages(code)("js.meeting.continued", when="")
        assert restore.is_visible() and expected.split("(")[0].strip() in restore.inner_text()
        assert restore.locator(f"button{hook('restore')}").is_visible()
        wait_until(page, "(w) => document.querySelector('#muistio-positives').value === w", MEMO_WORDS + ".")
        assert read_state(page, "muistio")["present"][0]["name"] == names[0]

        # "Start an empty meeting" removes it from the computer.
        page.on("dialog", lambda d: d.accept())
        restore.locator(f"button{hook('restore_discard')}").click()
        assert page.locator(hook("participant")).count() == 0
        wait_until(page, "(key) => !Object.keys(localStorage).some((k) => k.endsWith(key))",
                   contracts().storage["MEETING_KEY"])


@pytest.mark.parametrize("code", site_languages())
def test_shared_computer_leaves_nothing_of_the_client_when_the_browser_closes(open_browser, code):
    with open_browser(OPENED) as context:
        view, _ = run_the_meeting(context, code, "shared")
        # Handed over between the open tabs, kept in this tab only.
        assert traces({**every_storage(view), "sessionStorage": {}}, CLIENT) == []
        assert MEMO_WORDS in view.evaluate("JSON.stringify(sessionStorage)")

    with open_browser(REOPENED) as context:
        page = context.pages[0] if context.pages else context.new_page()
        for url in (f"{prefix(code)}", f"{prefix(code)}lomakkeet/kokous/"):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            stored = every_storage(page)
            assert traces(stored, CLIENT) == [], url
            kept = (contracts().storage["DEVICE_DRAFT_PREFIX"], contracts().storage["DRAFT_PREFIX"])
            assert [k for k in stored["localStorage"] if any(name in k for name in kept)] == [], url
        assert page.locator(hook("participant")).count() == 0


def test_the_chair_s_view_asks_which_computer_this_is_the_first_time(open_browser):
    with open_browser(OPENED) as context:
        page = context.pages[0] if context.pages else context.new_page()
        open_view(page, site_languages()[0])
        question = page.locator(hook("device_choice"))
        assert question.is_visible() and question.locator(hook("device_question")).is_visible()
        assert question.locator("input[type=radio]").evaluate_all("(r) => r.map((e) => e.value)") == ["own", "shared"]
        assert page.evaluate("([choice, view]) => document.querySelector(choice).compareDocumentPosition("
                             "document.querySelector(view)) & Node.DOCUMENT_POSITION_FOLLOWING",
                             [hook("device_choice"), hook("meeting")]), \
            "asked before the view"
        answer_device_question(page, "own")
        page.reload()
        wait_ready(page)
        assert page.locator(f"{hook('device_choice')} {hook('device_question')}").is_hidden(), "asked once"


#: Every text the view's live region holds, and whether the start button was busy, from now on.
RECORD_STATUS = """([statusAt, takeAt]) => {
    window.__said = []; window.__busy = false;
    const status = document.querySelector(statusAt);
    new MutationObserver(() => { if (status.textContent) window.__said.push(status.textContent); })
        .observe(status, {childList: true, characterData: true, subtree: true});
    const take = document.querySelector(takeAt);
    new MutationObserver(() => { window.__busy ||= take.getAttribute('aria-busy') === 'true'; })
        .observe(take, {attributes: true});
}"""


def test_taking_the_invitation_is_said_at_once_and_switching_to_shared_asks_first(open_browser):
    code = site_languages()[0]
    m = messages(code)
    device_drafts = contracts().storage["DEVICE_DRAFT_PREFIX"]
    with open_browser(OPENED) as context:
        form = context.pages[0] if context.pages else context.new_page()
        form.goto(f"{prefix(code)}lomakkeet/kutsu/")
        answer_device_question(form, "own")
        fill(form, "kutsu", INVITATION)
        view = context.new_page()
        open_view(view, code)  # Python still loading: the carry waits for it
        take = view.locator(f"button{hook('from_draft')}")
        take.wait_for(state="visible")
        view.evaluate(RECORD_STATUS, [hook("meeting_status"), f"button{hook('from_draft')}"])
        take.click()
        wait_participants(view)
        # Said after the participants are shown (the live region writes a moment later).
        wait_until(view, "text => window.__said.at(-1) === text", m("js.meeting.from_draft_done"))
        said = view.evaluate("window.__said")
        assert said[0] == m("js.meeting.from_draft_working"), said
        assert view.evaluate("window.__busy"), "the button said it was busy"
        view.click(hook("start"))
        view.fill("#muistio-positives", MEMO_WORDS)
        wait_until(view, "(w) => Object.values(localStorage).some((v) => v.includes(w))", MEMO_WORDS)

    with open_browser(REOPENED) as context:
        page = context.pages[0] if context.pages else context.new_page()
        open_view(page, code)
        offer = page.locator(f"{hook('meeting')} > {hook('restore_offer')}")
        assert offer.is_visible()
        kept = page.evaluate("(p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).length", device_drafts)
        assert kept >= 2  # the invitation, the meeting, the memo
        asked = []
        answers = [False, True]  # first "cancel", then "OK"
        page.on("dialog", lambda d: (asked.append(d.message), d.accept() if answers.pop(0) else d.dismiss()))
        page.click(f"{hook('device_choice')} {hook('device_change')}")
        shared = page.locator(f"{hook('device_choice')} input[value=shared]")
        shared.click()  # cancelled: the radio goes back to "own"
        wait_until(page, "(own) => document.querySelector(own).checked", f"{hook('device_choice')} input[value=own]")
        assert asked == [m("js.device.confirm_shared.other", n=kept)]
        assert page.evaluate("(p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).length", device_drafts) == kept
        assert offer.is_visible(), "cancelled: nothing changed"
        shared.check()
        answer = "js.device.removed.other"
        wait_until(page, "(p) => !Object.keys(localStorage).some((k) => k.startsWith(p))", device_drafts)
        assert page.locator(f"{hook('device_choice')} {hook('device_status')}").inner_text() == \
            f"{m(answer, n=kept)} {shared_notice(page)}"
        assert offer.is_hidden(), "no longer continuing a kept meeting"
        assert page.locator(f"{hook('participant')} .meeting-participant__name").count() > 0, "this tab keeps its meeting"


def test_clearing_the_meeting_says_the_invitation_is_still_kept_and_removes_it_too(open_browser):
    code = site_languages()[0]
    m = messages(code)
    invitation = contracts().storage["DEVICE_DRAFT_PREFIX"] + contracts().storage["DRAFT_PREFIX"] + "kutsu"
    with open_browser(OPENED) as context:
        view, _ = run_the_meeting(context, code, "own")
        view.on("dialog", lambda d: d.accept())
        view.click(hook("clear_meeting"))
        status = "([status, w]) => document.querySelector(status).textContent === w"
        wait_until(view, status, [hook("meeting_status"), m("js.meeting.cleared_invitation_kept")])
        remove = view.locator(f"button{hook('remove_invitation')}")
        assert remove.is_visible() and remove.inner_text() == m("js.meeting.remove_invitation")
        assert view.evaluate("(k) => localStorage.getItem(k) !== null", invitation)
        remove.click()
        wait_until(view, status, [hook("meeting_status"), m("js.meeting.invitation_removed")])
        assert remove.is_hidden()
        assert view.evaluate("(k) => localStorage.getItem(k)", invitation) is None
