"""Offline use, updates, installability and what the site keeps in the browser."""

from __future__ import annotations

import json
import struct

import pytest

import forms as forms_package
from forms.contracts import attribute, contracts, hook
from forms.model import get_form
from scripts.form_driver import FIXTURES, export, fill, form_locator, read_state, wait_python_ready, wait_until
from scripts.site_server import StaticServer
from tests.support.handbook_pages import PAGES
from tests.support.sitebuild import build_other_languages, build_site, build_site_with

FORM_IDS = list(forms_package.FORM_IDS)
SW_CONTROLS = "() => Boolean(navigator.serviceWorker.controller)"
# What the site keeps in the browser starts with this (and its service worker's caches).
PREFIX = contracts().prefix
KUTSU_DRAFT = contracts().storage["DRAFT_PREFIX"] + "kutsu"
TAB_HEARTBEAT = contracts().storage["TAB_HEARTBEAT_KEY"]


def python_cached(page, site_dir) -> bool:
    lists = json.loads((site_dir / "offline.json").read_text(encoding="utf-8"))
    return page.evaluate(
        """async ([prefix, version, paths]) => {
            const cache = await caches.open(`${prefix}/:${version}`);
            for (const p of paths) if (!(await cache.match(new URL(p, location.origin + '/').href))) return false;
            return true; }""",
        [PREFIX, lists["version"], lists["python"]],
    )


def test_whole_site_works_with_the_server_stopped(page, site_dir, tmp_path):
    server = StaticServer(site_dir)
    base = server.url
    # The first visit goes straight to a form (a trainer's link): Python starts before the
    # service worker exists, and must still end up cached.
    page.goto(base + "lomakkeet/kutsu/")
    wait_python_ready(page)
    wait_until(page, SW_CONTROLS, timeout_ms=30_000)
    deadline_ms = 60_000
    import time

    end = time.monotonic() + deadline_ms / 1000
    while not python_cached(page, site_dir):
        assert time.monotonic() < end, "the Python bundle was not cached for offline use"
        page.wait_for_timeout(200)
    # The runtime normally comes from the browser's HTTP cache, which a phone may have evicted:
    # empty it, so everything below must come from the service worker's offline copy.
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    server.stop()  # for real: nothing listens on the port any more

    # Every page in every language (one service worker at the root serves them all).
    from forms.language import site_languages

    prefixes = [""] + [f"{code}/" for code in site_languages()[1:]]
    for prefix in prefixes:
        for path in [*PAGES, "lomakkeet/yhteinen-naytto/"]:  # the room's screen is not in the menu
            response = page.goto(base + prefix + path)
            assert response.ok, prefix + path
            assert page.locator("article h1").count() == 1, prefix + path
            assert page.evaluate("document.documentElement.lang") == (prefix.rstrip("/") or site_languages()[0])
    for form_id in FORM_IDS:
        page.goto(base + f"lomakkeet/{form_id}/")
        wait_python_ready(page)
        # The runtime from the offline copy, started from the offline copy's memory snapshot.
        assert page.evaluate("(start) => document.documentElement.getAttribute(start)", attribute("python_start")) == "snapshot", form_id
        fill(page, form_id, FIXTURES["FULL"][form_id])
        for fmt in [f for f in get_form(form_id).exports if f != "email"]:
            assert export(page, form_id, fmt, tmp_path).stat().st_size > 100, (form_id, fmt)
    # A form page of another language exports offline too (the shared Python bundle).
    for prefix in prefixes[1:]:
        page.goto(base + f"{prefix}lomakkeet/kutsu/")
        wait_python_ready(page)
        fill(page, "kutsu", FIXTURES["FULL"]["kutsu"])
        assert export(page, "kutsu", "pdf", tmp_path).stat().st_size > 100, prefix


def test_runtime_comes_from_the_browser_cache_not_the_service_worker(page, site_dir):
    """On a warm visit the service worker leaves the runtime folder to the HTTP cache (which
    keeps the compiled wasm) and serves the wheels and scripts itself."""
    page.goto("lomakkeet/palaute/")
    wait_python_ready(page)
    wait_until(page, SW_CONTROLS, timeout_ms=30_000)
    wait_until(page, "(cached) => document.documentElement.getAttribute(cached) === 'true'", attribute("offline_python"),
               timeout_ms=60_000)
    runtime = json.loads((site_dir / "offline.json").read_text(encoding="utf-8"))["runtime"]
    seen = {}
    page.on("response", lambda r: seen.setdefault(r.url, r.from_service_worker))
    page.reload()
    wait_python_ready(page)
    runtime_urls = {u: sw for u, sw in seen.items() if f"/{runtime}" in u}
    assert {u.rsplit("/", 1)[1] for u in runtime_urls} >= {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"}
    assert not any(runtime_urls.values()), runtime_urls
    wheels = {u: sw for u, sw in seen.items() if u.endswith(".whl")}
    assert wheels and all(wheels.values()), wheels


def test_new_deployment_replaces_the_cache_and_says_so(page, tmp_path):
    site = build_site(tmp_path / "site")
    server = StaticServer(site)
    try:
        page.goto(server.url + "yhteystiedot/")
        wait_until(page, SW_CONTROLS, timeout_ms=30_000)
        old_version = json.loads((site / "offline.json").read_text())["version"]
        assert "Tiina Vormisto" in page.locator("article").inner_text()

        build_site_with(site, {"extra": {"contact": {"name": "Uusi Yhteyshenkilö"}}})
        build_other_languages(site)  # a deployment builds them all (the root's build empties the folder)
        new_version = json.loads((site / "offline.json").read_text())["version"]
        assert new_version != old_version

        page.goto(server.url + "yhteystiedot/")  # served from the old cache; the browser checks sw.js
        notice = page.locator(".site-notice")
        notice.wait_for(state="visible", timeout=60_000)
        assert "uusi versio" in notice.inner_text()
        notice.get_by_role("button", name="Lataa sivu uudelleen").click()
        page.wait_for_load_state()
        assert "Uusi Yhteyshenkilö" in page.locator("article").inner_text()
        keys = page.evaluate("caches.keys()")
        assert keys == [f"{PREFIX}/:{new_version}"]
    finally:
        server.stop()


def test_manifest_makes_the_site_installable(page, site_dir):
    page.goto("")
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = json.loads((site_dir / href).read_text(encoding="utf-8"))
    assert manifest["lang"] == "fi" and manifest["display"] == "standalone" and manifest["start_url"] == "./"
    sizes = set()
    for icon in manifest["icons"]:
        data = (site_dir / icon["src"]).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert f"{width}x{height}" == icon["sizes"]
        sizes.add(width)
    assert {192, 512} <= sizes
    assert any(i.get("purpose") == "maskable" for i in manifest["icons"])


def test_site_sets_no_cookies_and_keeps_only_drafts(page, context):
    for path in ["", "kulku/", "tietosuoja/"]:
        page.goto(path)
    page.goto("lomakkeet/kutsu/")
    fill(page, "kutsu", FIXTURES["MINIMAL"]["kutsu"])
    assert context.cookies() == [] and page.evaluate("document.cookie") == ""
    assert page.evaluate("Object.keys(localStorage)") == []
    # the draft, the time the tab last held it open (tab-heartbeat.mjs: a time, nothing of the
    # client) and Material's colour-scheme state (moved out of localStorage by storage.js)
    assert set(page.evaluate("Object.keys(sessionStorage)")) <= {KUTSU_DRAFT, TAB_HEARTBEAT, "/.__palette"}
    assert KUTSU_DRAFT in page.evaluate("Object.keys(sessionStorage)")


def test_clear_all_data_removes_every_draft(page):
    page.on("dialog", lambda d: d.accept())
    page.goto("lomakkeet/kutsu/")
    fill(page, "kutsu", {"client_name": "Aino"})
    page.goto("lomakkeet/muistio/")
    fill(page, "muistio", {"place": "Koti"})
    page.goto("tietosuoja/")
    page.get_by_role("button", name="Tyhjennä kaikki tiedot").click()
    assert "2 keskeneräistä lomaketta" in page.locator(hook("clear_all_status")).inner_text()
    assert [k for k in page.evaluate("Object.keys(sessionStorage)") if k.startswith(PREFIX)] == []
    page.goto("lomakkeet/kutsu/")
    assert read_state(page, "kutsu")["client_name"] == ""


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_form_links_to_the_privacy_page(page, form_id):
    page.goto(f"lomakkeet/{form_id}/")
    link = page.locator("article a[href$='tietosuoja/']")
    assert link.count() >= 1
    assert form_locator(page, form_id).count() == 1


@pytest.mark.parametrize("url", PAGES)
def test_no_horizontal_scrolling_at_200_percent_zoom(page, url):
    """200 % zoom of a 1280 px window is a 640 px layout viewport."""
    page.set_viewport_size({"width": 640, "height": 450})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("url", PAGES)
def test_accessibility_statement_linked_from_every_page(page, url):
    page.goto(url)
    assert page.locator(".site-footer-links a", has_text="Saavutettavuusseloste").count() == 1


def test_colour_scheme_choice_is_kept_in_the_tab_only(page):
    page.emulate_media(color_scheme="light")
    page.goto("")
    page.locator("label[title='Vaihda tummaan teemaan']").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.goto("kulku/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.evaluate("Object.keys(localStorage)") == []
