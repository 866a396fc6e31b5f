"""Where a form's draft is kept (draft-store.mjs): the question "which computer is this", asked
once; on an own computer the draft reaches another tab at once, outlives the browser in every
site language, and goes after the retention period or from the privacy page's list; on a shared
computer nothing of the client is left in any storage once the browser is closed.

Times are the page's controlled clock (Playwright's set_fixed_time), never the machine's."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import datetime, timedelta

import pytest

from forms.contracts import contracts, hook
from forms.language import default_language, messages, site_languages
from tests.support.browser import keep_on_this_machine, shared_notice
from scripts.form_driver import form_locator, wait_python_ready, wait_until

CHOICE = hook("device_choice")
KEY_PREFIX = contracts().prefix
DEVICE_DRAFTS = contracts().storage["DEVICE_DRAFT_PREFIX"]
DEVICE_MODE = contracts().storage["DEVICE_MODE_KEY"]
#: The tab's draft of a form: the key draft-store.mjs keeps it under.
DRAFT = {form: contracts().storage["DRAFT_PREFIX"] + form for form in ("kutsu", "muistio")}
#: A fixed moment for every clock here: a Monday morning, far from midnight and any booked time.
T0 = datetime(2026, 12, 7, 9, 30)



def prefix(code: str) -> str:
    return "" if code == default_language() else f"{code}/"


def choose(page, mode: str) -> None:
    page.locator(f'{CHOICE} input[value="{mode}"]').check()
    wait_until(page, "([k, m]) => localStorage.getItem(k) === m", [DEVICE_MODE, mode])


def client_field(page):
    return form_locator(page, "kutsu").locator('[name="client_name"]')


def device_keys(page) -> list[str]:
    return page.evaluate("p => Object.keys(localStorage).filter((k) => k.startsWith(p)).sort()", DEVICE_DRAFTS)


@contextlib.contextmanager
def profile(playwright, browser_type_launch_args, server, folder, **kw):
    """A browser with a profile kept in `folder` (closing it is closing the browser), fail-closed
    to other hosts like the suite's own context; console errors fail the test."""
    context = playwright.chromium.launch_persistent_context(
        str(folder), **browser_type_launch_args, base_url=server.url, locale="fi-FI", **kw)
    outside, errors = [], []
    keep_on_this_machine(context, outside)
    context.on("page", lambda p: p.on("pageerror", lambda e: errors.append(str(e))))
    for p in context.pages:
        p.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield context
    finally:
        context.close()
    assert not outside, outside
    assert not errors, errors


def test_the_question_is_asked_once_and_kept(page):
    page.goto("lomakkeet/kutsu/")
    choice = page.locator(CHOICE)
    question = choice.locator(hook("device_question"))
    assert question.is_visible() and choice.locator(hook("device_change")).is_hidden()
    # Not answered: nothing in local storage, the form works in this tab as before.
    assert page.evaluate("Object.keys(localStorage)") == []
    # Before the form, outside it: the answer is no field of the form.
    assert page.evaluate("s => !document.querySelector(s).closest('form')", CHOICE)
    assert choice.evaluate("(c, s) => c.compareDocumentPosition(document.querySelector(s)) & 4", "form" + hook("form")) == 4
    choose(page, "own")
    days = int(page.locator('meta[name="retention-days"]').get_attribute("content"))
    assert choice.locator(hook("device_status")).inner_text() == messages("fi")(f"js.device.own.{'one' if days == 1 else 'other'}").format(n=days)

    # Every form page and the chair's view: answered, so only the line and the button.
    for path in ("lomakkeet/muistio/", "lomakkeet/kokous/", "lomakkeet/kutsu/"):
        page.goto(path)
        assert page.locator(f"{CHOICE} {hook('device_question')}").is_hidden(), path
        assert page.locator(f"{CHOICE} {hook('device_status')}").is_visible(), path
    # Changeable: the button opens the question with the answer chosen.
    page.locator(f"{CHOICE} {hook('device_change')}").click()
    assert question.is_visible()
    assert page.locator(f'{CHOICE} input[value="own"]').is_checked()
    choose(page, "shared")
    assert choice.locator(hook("device_status")).inner_text() == shared_notice(page)
    # The feedback page, where one respondent after another answers, does not ask.
    page.goto("lomakkeet/palaute/")
    assert page.locator(CHOICE).is_hidden()


def test_own_computer_an_invitation_typed_in_one_tab_is_in_another(page, context):
    page.goto("lomakkeet/kutsu/")
    choose(page, "own")
    client_field(page).fill("Aino")
    other = context.new_page()
    other.goto("lomakkeet/kutsu/")  # a new tab: none of the first tab's session storage
    assert client_field(other).input_value() == "Aino"
    offer = other.locator(hook("restore_offer"))
    assert offer.is_visible() and offer.locator("button" + hook("restore_discard")).is_visible()
    other.locator("button" + hook("restore")).click()  # go on: the form stays as kept
    assert offer.is_hidden() and client_field(other).input_value() == "Aino"

    # Both open: each one's change reaches the other at once.
    form_locator(page, "kutsu").locator('[name="topic"]').fill("Koulunkäynti")
    wait_until(other, "() => document.querySelector('[name=topic]').value === 'Koulunkäynti'")
    client_field(other).fill("Aino Ääninen")
    wait_until(page, "() => document.querySelector('[name=client_name]').value === 'Aino Ääninen'")
    assert page.locator(hook("restore_offer")).is_hidden()  # followed quietly: nothing to choose


def test_two_tabs_with_different_changes_are_asked_which_to_keep(page, context):
    page.goto("lomakkeet/kutsu/")
    choose(page, "own")
    client_field(page).fill("Aino")
    client_field(page).press("Tab")  # its change event now, not when the page unloads
    # This tab's own older copy (a tab restored by the browser holds one) meets a newer one on
    # the device made by another tab.
    page.evaluate("""([k]) => {
        const kept = JSON.parse(sessionStorage.getItem(k));
        kept.value.state.client_name = 'Vanha';
        kept.savedAt = new Date(Date.parse(kept.savedAt) - 60000).toISOString();
        sessionStorage.setItem(k, JSON.stringify(kept)); }""", [DRAFT["kutsu"]])
    page.reload()
    assert client_field(page).input_value() == "Vanha"
    box = page.locator(hook("restore_offer"))
    assert box.is_visible()
    # While asked, this tab's typing stays in the tab: the other version on the device is kept.
    client_field(page).fill("Vanha 2")
    assert '"Aino"' in page.evaluate("k => localStorage.getItem(k)", DEVICE_DRAFTS + DRAFT["kutsu"])
    box.locator("button" + hook("restore")).click()  # the other tab's newer version
    assert client_field(page).input_value() == "Aino"
    assert box.is_hidden()


@pytest.mark.parametrize("code", site_languages())
def test_own_computer_the_browser_closed_and_opened_again_offers_the_draft(playwright, browser_type_launch_args, server, tmp_path, code):
    m = messages(code)
    with profile(playwright, browser_type_launch_args, server, tmp_path) as browser:
        page = browser.new_page()
        page.clock.set_fixed_time(T0)
        page.goto(prefix(code) + "lomakkeet/kutsu/")
        assert page.evaluate("document.documentElement.lang") == code
        choose(page, "own")
        client_field(page).fill("Aino")
        form_locator(page, "kutsu").locator('[name="topic"]').fill("Koulunkäynti")
    with profile(playwright, browser_type_launch_args, server, tmp_path) as browser:
        page = browser.new_page()
        page.clock.set_fixed_time(T0 + timedelta(hours=2))
        page.goto(prefix(code) + "lomakkeet/kutsu/")
        assert client_field(page).input_value() == "Aino"
        assert form_locator(page, "kutsu").locator('[name="topic"]').input_value() == "Koulunkäynti"
        box = page.locator(hook("restore_offer"))
        assert box.is_visible()
        said = box.locator("p").inner_text()
        before, after = m("js.restore.continued").split("{when}")
        assert said.startswith(before) and said.endswith(after), said
        assert "9" in said[len(before):len(said) - len(after)]  # the time it was last changed: 9.30 / 9:30
        assert box.locator("button" + hook("restore_discard")).inner_text() == m("js.restore.start_empty")
        box.locator("button" + hook("restore")).click()
        assert box.is_hidden() and client_field(page).input_value() == "Aino"


def test_a_draft_older_than_the_retention_period_is_gone_at_the_next_visit(page, context):
    page.clock.set_fixed_time(T0)
    page.goto("lomakkeet/kutsu/")
    days = int(page.locator('meta[name="retention-days"]').get_attribute("content"))
    choose(page, "own")
    client_field(page).fill("Aino")
    page.close()

    # A day before the end of the period: still there (a new tab, so only the device copy).
    within = context.new_page()
    within.clock.set_fixed_time(T0 + timedelta(days=days) - timedelta(minutes=1))
    within.goto("lomakkeet/kutsu/")
    assert client_field(within).input_value() == "Aino"
    assert device_keys(within) == [DEVICE_DRAFTS + DRAFT["kutsu"]]
    within.close()

    # Its last change was at T0 (opening it changed nothing): past the period it is gone, from
    # any page of the site.
    later = context.new_page()
    later.clock.set_fixed_time(T0 + timedelta(days=days, minutes=1))
    later.goto("")
    wait_until(later, "p => !Object.keys(localStorage).some((k) => k.startsWith(p))", DEVICE_DRAFTS)
    later.goto("lomakkeet/kutsu/")
    assert client_field(later).input_value() == ""
    assert later.locator(hook("restore_offer")).is_hidden()
    assert later.evaluate("k => localStorage.getItem(k)", DEVICE_MODE) == "own"  # the answer stays


def test_the_privacy_page_lists_what_is_kept_and_removes_each(page, context):
    page.clock.set_fixed_time(T0)
    page.goto("lomakkeet/kutsu/")
    choose(page, "own")
    client_field(page).fill("Aino")
    page.goto("lomakkeet/muistio/")
    form_locator(page, "muistio").locator('[name="date"]').fill("7.12.2026")
    page.goto("tietosuoja/")
    page.wait_for_selector(hook("kept_drafts") + ":not([hidden])")  # site.mjs loads the list's module
    kept = page.locator(hook("kept_drafts"))
    items = kept.locator(hook("kept_list") + " li")
    m = messages("fi")
    names = sorted(items.all_inner_texts())
    assert len(names) == 2
    assert any(n.startswith(m("kutsu.title")) for n in names) and any(n.startswith(m("muistio.title")) for n in names)
    assert kept.locator(hook("kept_empty")).is_hidden()

    kept.locator(hook("kept_remove", DRAFT["kutsu"])).click()
    assert items.count() == 1 and items.first.inner_text().startswith(m("muistio.title"))
    assert kept.locator(hook("kept_status")).inner_text() == m("js.kept.removed", name=m("kutsu.title"))
    assert device_keys(page) == [DEVICE_DRAFTS + DRAFT["muistio"]]
    fresh = context.new_page()
    fresh.goto("lomakkeet/kutsu/")
    assert client_field(fresh).input_value() == ""
    fresh.close()

    kept.locator(hook("kept_remove", DRAFT["muistio"])).click()
    assert items.count() == 0 and kept.locator(hook("kept_empty")).is_visible()
    assert device_keys(page) == []


def test_clearing_the_form_removes_it_from_the_computer_at_once(page, context):
    page.goto("lomakkeet/kutsu/")
    choose(page, "own")
    client_field(page).fill("Aino")
    other = context.new_page()
    other.goto("lomakkeet/kutsu/")
    assert client_field(other).input_value() == "Aino"
    page.on("dialog", lambda d: d.accept())
    form_locator(page, "kutsu").locator("button" + hook("clear")).click()
    assert device_keys(page) == []
    # The other tab, which only followed, is emptied too.
    wait_until(other, "() => document.querySelector('[name=client_name]').value === ''")


STORAGE_READ = """async ([marker, prefix]) => {
    const ours = (k) => k.startsWith(prefix);
    const local = Object.keys(localStorage).filter(ours).map((k) => [k, localStorage.getItem(k)]);
    const session = Object.keys(sessionStorage).filter(ours);
    const databases = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
    const found = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            if (request.url.includes(marker)) found.push(request.url);
            const response = await cache.match(request);
            const type = response.headers.get('content-type') || '';
            if (/text|json|javascript|xml/.test(type) && (await response.clone().text()).includes(marker)) found.push(request.url);
        }
    }
    return {local, session, databases, found, caches: (await caches.keys()).length};
}"""


def test_shared_computer_leaves_nothing_of_the_client_once_the_browser_is_closed(playwright, browser_type_launch_args, server, tmp_path):
    marker = "Zyxwvut"  # a client's name no site file holds
    with profile(playwright, browser_type_launch_args, server, tmp_path) as browser:
        page = browser.new_page()
        page.goto("lomakkeet/kutsu/")
        choose(page, "shared")
        client_field(page).fill(marker)
        page.goto("lomakkeet/muistio/")
        form_locator(page, "muistio").locator('[name="date"]').fill("7.12.2026")
        page.goto("lomakkeet/kutsu/")
        assert client_field(page).input_value() == marker  # the tab keeps it while open
        assert page.locator(f"{CHOICE} {hook('device_status')}").inner_text() == shared_notice(page)
        # Let the service worker take the page over and cache what it caches (after Python).
        wait_python_ready(page)
        wait_until(page, "() => Boolean(navigator.serviceWorker.controller)", timeout_ms=60_000)
        wait_until(page, "async () => (await caches.keys()).length > 0", timeout_ms=60_000)
        before = page.evaluate(STORAGE_READ, [marker, KEY_PREFIX])
        assert before["session"], "the tab held the drafts while open"
        assert before["local"] == [[DEVICE_MODE, "shared"]] and not before["found"]
    with profile(playwright, browser_type_launch_args, server, tmp_path) as browser:
        page = browser.new_page()
        page.goto("tietosuoja/")
        after = page.evaluate(STORAGE_READ, [marker, KEY_PREFIX])
        # Only the answer "shared" (no client data) is left; no store holds the client's name.
        assert after["local"] == [[DEVICE_MODE, "shared"]]
        assert after["session"] == [] and after["databases"] == [] and after["found"] == []
        page.goto("lomakkeet/kutsu/")
        assert client_field(page).input_value() == ""
        assert not re.search(marker, page.content())


HEARTBEAT = contracts().storage["TAB_HEARTBEAT_KEY"]


def restored_tab(context, entries: list, closed_for_ms: int):
    """A new tab holding `entries` in its sessionStorage before any of its scripts runs, as a
    browser's session restore brings a closed tab back, its heartbeat as old as the closing."""
    tab = context.new_page()
    tab.add_init_script(script=f"""(() => {{
        try {{ if (sessionStorage.getItem("test:restored")) return; }} catch {{ return; }}
        sessionStorage.setItem("test:restored", "1");
        for (const [k, v] of {json.dumps(entries)}) sessionStorage.setItem(k, v);
        sessionStorage.setItem({json.dumps(HEARTBEAT)}, String(Date.now() - {closed_for_ms}));
    }})()""")
    return tab


@pytest.mark.parametrize(("closed_minutes", "kept"), [(10, False), (1, True)])
def test_shared_computer_a_tab_brought_back_after_the_browser_was_closed_drops_the_draft(page, context, closed_minutes, kept):
    page.goto("lomakkeet/kutsu/")
    choose(page, "shared")
    # The browser should neither keep nor restore what the fields hold on a shared computer.
    assert form_locator(page, "kutsu").get_attribute("autocomplete") == "off"
    client_field(page).fill("Aino")
    client_field(page).press("Tab")
    wait_until(page, "([d, h]) => Boolean(sessionStorage.getItem(d) && sessionStorage.getItem(h))", [DRAFT["kutsu"], HEARTBEAT])
    entries = page.evaluate("([p, h]) => Object.entries(sessionStorage).filter(([k]) => k.startsWith(p) && k !== h)", [KEY_PREFIX, HEARTBEAT])
    tab = restored_tab(context, entries, closed_minutes * 60_000)
    tab.goto("lomakkeet/kutsu/")
    wait_python_ready(tab)
    assert client_field(tab).input_value() == ("Aino" if kept else "")
    assert bool(tab.evaluate("k => sessionStorage.getItem(k)", DRAFT["kutsu"])) == kept
    if not kept:
        assert tab.evaluate("p => Object.keys(sessionStorage).filter((k) => k.startsWith(p))", KEY_PREFIX) == []
    # Own computer: the browser may keep the fields' values again.
    tab.locator(f"{CHOICE} {hook('device_change')}").click()
    choose(tab, "own")
    assert form_locator(tab, "kutsu").get_attribute("autocomplete") is None


def test_clearing_everything_removes_the_drafts_kept_on_the_computer(page):
    page.goto("lomakkeet/kutsu/")
    choose(page, "own")
    client_field(page).fill("Aino")
    page.goto("tietosuoja/")
    page.wait_for_selector(hook("kept_drafts") + ":not([hidden])")
    assert page.locator(hook("kept_list") + " li").count() == 1
    page.on("dialog", lambda d: d.accept())
    page.locator(hook("clear_all")).click()
    # The tab's draft and its copy on the computer count once.
    assert page.locator(hook("clear_all_status")).inner_text() == messages("fi")("js.site.cleared.one")
    assert page.evaluate("p => Object.keys(localStorage).filter((k) => k.startsWith(p))", KEY_PREFIX) == []
    assert page.locator(hook("kept_list") + " li").count() == 0
    assert page.locator(hook("kept_empty")).is_visible()


@pytest.mark.parametrize("mode", [None, "own", "shared"])
def test_the_question_and_its_answer_are_accessible(page, axe, mode):
    page.goto("lomakkeet/kutsu/")
    if mode:
        choose(page, mode)
        page.reload()  # answered: the one line and the button
        assert page.locator(f"{CHOICE} {hook('device_question')}").is_hidden()
    assert axe(CHOICE) == []
