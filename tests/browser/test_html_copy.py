"""In real Chromium on the built site: the HTML copy of the letters and the memo downloads from
its button (and each letter's from its own), and the file opens as a page that fetches nothing,
runs nothing, names its title and languages, and passes axe's WCAG 2.1 A/AA checks."""

from __future__ import annotations

import json
import re

from forms.contracts import attribute, hook
from forms.exports import prepared_state
from forms.exports.document import documents_for, letters
from forms.model import get_form
from tests.support.browser import WCAG_TAGS
from scripts.form_driver import (FIXTURES, PYTHON_TIMEOUT_MS, export, fill, form_locator, wait_python_ready,
                                     wait_until)
from scripts.site_server import TEST_FILES
from tests.support.sitebuild import ROOT

LETTERS_CASE = json.loads((ROOT / "tests" / "forms" / "letters-case.json").read_text("utf-8"))["kutsu"]
# Another origin than the site's, so the site's service worker does not answer for it.
COPY = "http://localhost:1/__html_copy__.html"


def title(form_id: str, state: dict, letter: str = "") -> str:
    """The page's title as the document model has it (the letters': the page language's letter's)."""
    form = get_form(form_id)
    st = prepared_state(form, state)
    if letter:
        (x,) = [x for x in letters(form, st) if x.id == letter]
        return documents_for(form, st, letter=x)[0].title
    return documents_for(form, st, L=form.messages if form.letter else None)[0].title


def opened(context, data: bytes):
    """The file as a page of its own (served from loopback as it is, its own policy in force):
    the page and every request it made."""
    page = context.new_page()
    requests: list[str] = []
    page.route(COPY, lambda r: r.fulfill(status=200, content_type="text/html;charset=utf-8", body=data))
    page.on("request", lambda req: requests.append(req.url))
    page.goto(COPY)
    page.wait_for_load_state("networkidle")
    return page, requests


def check_copy(context, data: bytes, langs: list[str], title: str) -> None:
    text = data.decode("utf-8")
    assert "<script" not in text.lower()
    page, requests = opened(context, data)
    assert [r for r in requests if not r.endswith(COPY)] == [], "the copy fetched nothing"
    assert page.title() == title
    assert page.evaluate("[...document.querySelectorAll('article')].map(a => a.lang)") == langs
    assert page.evaluate("document.querySelectorAll('h1').length") == len(langs)
    page.close()


def axe_violations(browser, data: bytes) -> list:
    """axe-core needs its script in the page: a context that lets the test add it."""
    context = browser.new_context(bypass_csp=True)
    try:
        page, _ = opened(context, data)
        page.add_script_tag(path=str(TEST_FILES["/__test__/axe.min.js"]))
        result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
    finally:
        context.close()


def test_the_letters_download_as_one_accessible_page(page, context, browser, tmp_path):
    page.goto("lomakkeet/kutsu/")
    fill(page, "kutsu", {k: v for k, v in LETTERS_CASE.items() if v != ""})
    wait_python_ready(page)
    path = export(page, "kutsu", "html", tmp_path)
    assert path.name == "verkostokokous-kutsu-2027-03-10.html"
    data = path.read_bytes()
    check_copy(context, data, ["uk", "fi", "sv"], title("kutsu", LETTERS_CASE))
    assert axe_violations(browser, data) == []

    # Each letter alone, from its own button beside its PDF.
    form = form_locator(page, "kutsu")
    wait_until(page, "s => document.querySelectorAll(s).length === 3", f'button{hook("export", "html")}{hook("letter")}',
               timeout_ms=PYTHON_TIMEOUT_MS)
    letters = form.locator(f".form-letters button{hook('letter')}")
    assert [(b.get_attribute(attribute("export")), b.get_attribute(attribute("letter"))) for b in letters.all()] == \
        [(fmt, x) for x in ("post-0", "fi", "sv") for fmt in ("pdf", "html")]
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as info:
        form.locator(f'button{hook("export", "html")}{hook("letter", "post-0")}').click()
    assert info.value.suggested_filename == "verkostokokous-kutsu-olena-kovalenko-2027-03-10.html"
    one = tmp_path / "one.html"
    info.value.save_as(one)
    check_copy(context, one.read_bytes(), ["uk"], title("kutsu", LETTERS_CASE, "post-0"))
    assert re.search(r"Olena Kovalenko<br>Kauppakatu 12 B 7", one.read_text("utf-8"))


def test_the_memo_downloads_as_a_page(page, context, tmp_path):
    page.goto("lomakkeet/muistio/")
    fill(page, "muistio", FIXTURES["CASE"]["muistio"])
    wait_python_ready(page)
    data = export(page, "muistio", "html", tmp_path).read_bytes()
    check_copy(context, data, ["fi"], title("muistio", FIXTURES["CASE"]["muistio"]))


def test_a_letters_copy_fits_a_phone_screen_and_prints_at_the_window(browser):
    """At 360 px wide the copy of a posted letter scrolls only down: the sender and the address
    fit the column. Printed, the address stands where a window envelope shows it (as the PDF)."""
    from forms.exports import export
    from forms.exports.document import WINDOW

    form = get_form("kutsu")
    (posted,) = [x for x in letters(form, prepared_state(form, LETTERS_CASE)) if x.row is not None]
    data = export(form, "html", LETTERS_CASE, letter=posted.id).data
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page, _ = opened(context, data)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for part in ("sender", "recipient"):
            right = page.evaluate(f"document.querySelector('.print-document__{part}').getBoundingClientRect().right")
            assert right <= page.evaluate("document.querySelector('.print-document').getBoundingClientRect().right"), part
        page.emulate_media(media="print")
        style = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('.print-document__recipient'));"
                              " return [s.position, s.width]; })()")
        assert style[0] == "absolute"
        assert abs(float(style[1].removesuffix("px")) - WINDOW["width"] * 96 / 25.4) < 1
        page.close()
    finally:
        context.close()
