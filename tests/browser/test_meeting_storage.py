"""What the chair's view leaves in the browser. The room's shared screen is opened without an
opener: it gets no copy of the chair's tab's storage, receives only what it shows (over the
channel), and the clear buttons ("Tyhjennä tämä kokous" on the view, "Tyhjennä kaikki tiedot" on
the privacy page) empty it; after either, no storage of its origin holds the client's words."""

from __future__ import annotations

import pytest

from forms.contracts import attribute, contracts, hook
from forms.language import messages
from scripts.form_driver import FIXTURES, wait_until
from tests.support.site_storage import every_storage, traces
from tests.support.meeting_view import BEFORE, open_view, start_from_file

INVITATION = FIXTURES["FULL"]["kutsu"]
MEMO_WORDS = "Aino on sinnikäs ja rohkea"
#: The client's words: what the invitation file and the memo put into the page.
CLIENT = [INVITATION["topic"].split("\n")[0], INVITATION["place"], INVITATION["worker_email"],
          *(row["name"] for row in INVITATION["invitees"]), MEMO_WORDS]

MEETING_KEY = contracts().storage["MEETING_KEY"]


@pytest.fixture(autouse=True)
def controlled_clock(page):
    page.clock.install(time=BEFORE)


def wait_room_empty(shared):
    wait_until(shared, "(memo) => document.querySelector(memo).children.length === 0", hook("shared_memo"))


def wait_room_shows(shared, words):
    wait_until(shared, "([memo, words]) => document.querySelector(memo).textContent.includes(words)",
               [hook("shared_memo"), words])


def wait_status(page, words):
    wait_until(page, "([status, words]) => document.querySelector(status).textContent === words",
               [hook("meeting_status"), words])


def own_keys_only(shared) -> list[str]:
    """The keys of the room window's sessionStorage other than the one its own page writes on
    load (Material's colour palette, kept per tab by storage.js): a copied tab would have the
    chair's drafts and meeting here."""
    return [k for k in shared.evaluate("Object.keys(sessionStorage)") if not k.endswith(".__palette")]


def meeting_on_the_room_screen(page, context, tmp_path):
    """A meeting started from the invitation file, the memo typed, the room's screen showing it."""
    open_view(page)
    start_from_file(page, tmp_path)
    page.click(hook("start"))
    page.fill("#muistio-positives", MEMO_WORDS)
    with context.expect_page() as opened:
        page.click(hook("shared_screen"))
    shared = opened.value
    shared.wait_for_load_state()
    wait_until(shared, "(ready) => document.documentElement.getAttribute(ready) === 'true'", attribute("shared_ready"))
    wait_room_shows(shared, MEMO_WORDS)
    return shared


def test_the_room_screen_gets_no_copy_and_is_emptied_by_both_clear_buttons(page, context, tmp_path):
    fi = messages("fi")
    page.on("dialog", lambda d: d.accept())
    shared = meeting_on_the_room_screen(page, context, tmp_path)
    # Opened without an opener: no copy of the chair's tab's sessionStorage (the invitation, the
    # meeting, the memo), no way back to it. The chair hears it opened from its "hello".
    assert own_keys_only(shared) == [], "no copy of the chair's tab's storage"
    assert shared.evaluate("window.opener") is None
    assert MEETING_KEY in page.evaluate("Object.keys(sessionStorage)"), "the chair's tab keeps its meeting"
    wait_status(page, fi("js.meeting.shared_opened"))

    # "Tyhjennä tämä kokous": the room's screen is empty and its origin keeps nothing of the client.
    page.click(hook("clear_meeting"))
    wait_room_empty(shared)
    assert not shared.locator(hook("shared_waiting")).is_hidden()
    assert "Иван Петров" not in shared.locator(hook("shared_view")).inner_text()
    assert traces(every_storage(shared), CLIENT) == []
    assert own_keys_only(shared) == []

    # The meeting again, then "Tyhjennä kaikki tiedot" on the privacy page in another tab.
    start_from_file(page, tmp_path)
    page.click(hook("start"))
    page.fill("#muistio-positives", MEMO_WORDS)
    wait_room_shows(shared, MEMO_WORDS)
    privacy = context.new_page()
    privacy.on("dialog", lambda d: d.accept())
    privacy.goto("tietosuoja/")
    privacy.click(hook("clear_all"))
    wait_room_empty(shared)
    assert traces(every_storage(shared), CLIENT) == []
    assert traces(every_storage(privacy), CLIENT) == []


def test_a_blocked_room_window_is_said_honestly(page, tmp_path):
    """An open without an opener returns no window: when the room's screen does not answer, the
    chair is told it may have been blocked, with the address to open by hand."""
    fi = messages("fi")
    page.add_init_script("window.open = () => null;")  # a popup blocker: nothing opens
    open_view(page)
    page.click(hook("shared_screen"))
    page.clock.run_for(6000)
    status = page.locator(hook("meeting_status"))
    url = page.evaluate("([button, url]) => new URL(document.querySelector(button).getAttribute(url), location.href).href",
                        [hook("shared_screen"), attribute("url")])
    wait_status(page, fi("js.meeting.shared_blocked", url=url))
    assert url in status.inner_text()
