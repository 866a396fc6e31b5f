"""For trainers, in real Chromium: the flow diagram on a projector, on a phone and on paper
(measured in every site language), and the handout made to measure on the trainer page."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from forms.contracts import attribute, hook
from forms.language import messages, site_languages
from scripts.form_driver import wait_until

LANGS = site_languages()
PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}


def lang_url(code: str, page: str) -> str:
    return page if code == LANGS[0] else f"{code}/{page}"


# ---- The flow diagram ----------------------------------------------------------------------

# Every painted part of one drawing as a screen rectangle: each line of a step's text, each
# number badge (circle and digit), each group label, each box, and each arrow's segments (as
# wide as the stroke) and head (a square at its end).
MEASURE = """(svg) => {
  const rect = (el, kind, step) => { const b = el.getBoundingClientRect();
    return {kind, step, x: b.left, y: b.top, r: b.right, b: b.bottom, text: el.textContent}; };
  const ctm = svg.getScreenCTM();
  const scale = ctm.a;
  const out = [];
  svg.querySelectorAll("a.flow-step").forEach((a, i) => {
    const step = i + 1;
    out.push(rect(a.querySelector("rect"), "box", step));
    out.push(rect(a.querySelector("circle.flow-num"), "badge", step));
    out.push(rect(a.querySelector("text.flow-num-text"), "badge", step));
    a.querySelectorAll("text.flow-text tspan").forEach((t) => out.push(rect(t, "line", step)));
  });
  svg.querySelectorAll("text.flow-group").forEach((t) => out.push(rect(t, "label", 0)));
  svg.querySelectorAll("polyline.flow-arrow").forEach((line, k) => {
    const pts = [...line.points].map((p) => new DOMPoint(p.x, p.y).matrixTransform(ctm));
    const half = 1 * scale, head = 7 * scale;
    for (let i = 1; i < pts.length; i++) {
      const [p, q] = [pts[i - 1], pts[i]];
      out.push({kind: "arrow", step: -1 - k, x: Math.min(p.x, q.x) - half, y: Math.min(p.y, q.y) - half,
                r: Math.max(p.x, q.x) + half, b: Math.max(p.y, q.y) + half, text: `arrow ${k}`});
    }
    const end = pts[pts.length - 1];
    out.push({kind: "arrow", step: -1 - k, x: end.x - head, y: end.y - head, r: end.x + head, b: end.y + head,
              text: `arrow head ${k}`});
  });
  return {parts: out, scale};
}"""


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return a["x"] < b["r"] - slack and b["x"] < a["r"] - slack and a["y"] < b["b"] - slack and b["y"] < a["b"] - slack


def _inside(inner: dict, outer: dict) -> bool:
    return inner["x"] >= outer["x"] and inner["r"] <= outer["r"] and inner["y"] >= outer["y"] and inner["b"] <= outer["b"]


def overlaps(parts: list[dict]) -> list[str]:
    """What the reader cannot read: a line outside its box or under its badge, any text or badge
    under an arrow or another step's text, a label on a box."""
    found = []
    boxes = {p["step"]: p for p in parts if p["kind"] == "box"}
    texts = [p for p in parts if p["kind"] in ("line", "label", "badge")]
    arrows = [p for p in parts if p["kind"] == "arrow"]
    for p in parts:
        if p["kind"] == "line" and not _inside(p, boxes[p["step"]]):
            found.append(f"step {p['step']}: {p['text']!r} runs out of its box")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            same_step = a["step"] == b["step"] and a["step"] > 0
            if same_step and a["kind"] == b["kind"]:
                continue  # a step's own lines touch at their line gap; a badge's digit is in its circle
            if _overlap(a, b):
                found.append(f"{a['kind']} {a['text']!r} overlaps {b['kind']} {b['text']!r}")
        for arrow in arrows:
            if _overlap(a, arrow):
                found.append(f"{a['kind']} {a['text']!r} under {arrow['text']}")
        if a["kind"] == "label":
            found += [f"label {a['text']!r} on box {n}" for n, box in boxes.items() if _overlap(a, box)]
    return found


def measure(page, selector: str) -> dict:
    return page.locator(selector).evaluate(MEASURE)


def test_the_overlap_check_sees_a_badge_over_text():
    """The check above is not vacuous: a line starting under its badge is found."""
    box = {"kind": "box", "step": 8, "x": 0, "y": 0, "r": 200, "b": 100, "text": ""}
    badge = {"kind": "badge", "step": 8, "x": 3, "y": 3, "r": 25, "b": 25, "text": "8"}
    line = {"kind": "line", "step": 8, "x": 12, "y": 14, "r": 150, "b": 32, "text": "Vi kommer överens"}
    label = {"kind": "label", "step": 0, "x": 12, "y": 110, "r": 130, "b": 128, "text": "UNDER MÖTET:"}
    arrow = {"kind": "arrow", "step": -1, "x": 95, "y": 102, "r": 97, "b": 150, "text": "arrow 0"}
    found = overlaps([box, badge, line, label, arrow])
    assert any("'Vi kommer överens'" in f and "badge '8'" in f for f in found), found
    assert any("'UNDER MÖTET:' under arrow 0" in f for f in found)


@pytest.mark.parametrize("code", LANGS)
@pytest.mark.parametrize("viewport, drawing", [(PROJECTOR, "wide"), (PHONE, "narrow")], ids=["wide", "phone"])
def test_flow_diagram_has_no_overlaps(page, code, viewport, drawing):
    page.set_viewport_size(viewport)
    page.goto(lang_url(code, "kulku/"))
    svg = f".flow-figure svg.flow--{drawing}"
    assert page.locator(svg).is_visible()
    parts = measure(page, svg)["parts"]
    assert sum(p["kind"] == "line" for p in parts) >= 8 * 2
    assert sum(p["kind"] == "label" for p in parts) == len(messages(code).with_prefix("flow.group."))
    assert overlaps(parts) == []


def _body_px(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")


def _text_px(page, svg: str) -> float:
    """The smallest drawn size of the diagram's words (step text, labels, badges)."""
    return page.locator(svg).evaluate("""(svg) => { const s = svg.getScreenCTM().a;
        return Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * s)); }""")


@pytest.mark.parametrize("code", LANGS)
def test_flow_diagram_text_is_body_size_at_1280x720_and_fits_the_column(page, code):
    page.set_viewport_size(PROJECTOR)
    page.goto(lang_url(code, "kulku/"))
    svg = ".flow-figure svg.flow--wide"
    steps = page.locator(f"{svg} a.flow-step text.flow-text")
    smallest_step_text = steps.first.evaluate("""(t) => { const svg = t.ownerSVGElement;
        return parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a; }""")
    assert smallest_step_text >= _body_px(page), (smallest_step_text, _body_px(page))
    box = page.locator(svg).bounding_box()
    column = page.locator("article").bounding_box()
    assert box["x"] >= column["x"] - 1 and box["x"] + box["width"] <= column["x"] + column["width"] + 1
    assert box["height"] <= PROJECTOR["height"], "the diagram is taller than the screen"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_flow_diagram_fits_the_screen_at_150_percent_zoom(page):
    """1280x720 at 150 % zoom is an 853x480 CSS-pixel screen: the whole diagram still fits."""
    page.set_viewport_size({"width": 853, "height": 480})
    page.goto("kulku/")
    box = page.locator(".flow-figure svg.flow--wide").bounding_box()
    assert box["height"] <= 480 and box["x"] + box["width"] <= 853, box
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


PRESENT_DIALOG = f"dialog{hook('present_dialog')}"


def _present(page):
    page.locator(hook("present")).click()
    dialog = page.locator(PRESENT_DIALOG)
    wait_until(page, "(dialog) => document.querySelector(dialog).open", PRESENT_DIALOG)
    return dialog


@pytest.mark.parametrize("code", LANGS)
def test_presentation_view_fills_the_screen_and_moves_with_the_keyboard(page, code):
    page.set_viewport_size(PROJECTOR)
    page.goto(lang_url(code, "kulku/"))
    dialog = _present(page)
    svg = f"{PRESENT_DIALOG} svg.flow--wide"
    drawing = page.locator(svg).bounding_box()
    # the drawing fills the screen's width or its height (whichever it meets first)
    assert drawing["width"] >= 0.9 * PROJECTOR["width"] or drawing["height"] >= 0.75 * PROJECTOR["height"], drawing
    assert _text_px(page, svg) >= 1.2 * _body_px(page)
    assert overlaps(measure(page, svg)["parts"]) == []

    def focused() -> str:
        return page.evaluate("document.activeElement.getAttribute('aria-label') || ''")

    assert focused().startswith("1. ")
    for n in range(2, 9):
        page.keyboard.press("ArrowRight")
        assert focused().startswith(f"{n}. ")
    page.keyboard.press("ArrowRight")
    assert focused().startswith("8. "), "moved past the last step"
    page.keyboard.press("ArrowLeft")
    assert focused().startswith("7. ")
    page.keyboard.press("Home")
    assert focused().startswith("1. ")
    page.keyboard.press("End")
    assert focused().startswith("8. ")
    page.keyboard.press("Escape")
    # The dialog closes at once; its close event (a task later) brings the drawing back.
    wait_until(page, "(dialog) => !document.querySelector(dialog).open", PRESENT_DIALOG)
    wait_until(page, "() => document.querySelector('.flow-figure > svg.flow--wide') !== null")
    assert not dialog.is_visible()
    assert page.locator(".flow-figure svg.flow--wide").is_visible(), "the drawing did not come back"
    assert page.evaluate("(opener) => document.activeElement.hasAttribute(opener)", attribute("present"))


def test_presentation_view_step_opens_its_section(page):
    page.goto("kulku/")
    _present(page)
    page.keyboard.press("ArrowRight")  # step 2
    page.keyboard.press("Enter")
    page.wait_for_url("**/valmistelut/#valmistelut")


@pytest.mark.parametrize("code", LANGS)
def test_flow_page_and_presentation_view_pass_axe(page, axe, code):
    page.set_viewport_size(PROJECTOR)
    page.goto(lang_url(code, "kulku/"))
    page.wait_for_load_state("networkidle")
    assert axe() == []
    _present(page)
    assert axe() == []


def _pdf_pages(page, tmp_path, landscape: bool) -> tuple[int, str]:
    from pypdf import PdfReader

    page.emulate_media(media="print")
    pdf = tmp_path / f"print-{landscape}.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=landscape)
    reader = PdfReader(str(pdf))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
@pytest.mark.parametrize("code", LANGS)
def test_flow_diagram_prints_on_one_page_with_its_caption(page, tmp_path, code, landscape):
    page.goto(lang_url(code, "kulku/"))
    pages, text = _pdf_pages(page, tmp_path, landscape)
    m = messages(code)
    assert pages == 1, f"{pages} pages"
    last = m("flow.step.vastuutyontekija").split("\n")[-1]
    assert last in text, "the last step is not printed"
    assert text.rfind(m("flow.title")) > text.find(last), "the caption is not printed under the diagram"


# ---- The handout ---------------------------------------------------------------------------

HANDOUT = ["kutsu", "puheenjohtaja", "jatkosuunnitelma"]  # three sections of today's session
HANDOUT_LANGS = ["fi", "sv"]
HANDOUT_TITLE = "Verkostokokous – koulutus 5.12."


def _site_url() -> str:
    from mkdocs.config import load_config

    from tests.support.sitebuild import ROOT

    return load_config(str(ROOT / "mkdocs.yml"))["site_url"]


def _section_urls(sections: list[str], codes: list[str]) -> dict[str, tuple[str, str]]:
    """The address of each section in each language: {url: (section, language)}."""
    from mkdocs.config import load_config

    from macros.handout import language_url
    from macros.headings import nav_pages, read_headings
    from tests.support.sitebuild import ROOT

    pages = nav_pages(load_config(str(ROOT / "mkdocs.yml"))["nav"])
    where = {h.anchor: (page, h.level) for page in pages for h in read_headings(ROOT / "docs", page)}
    out = {}
    for s in sections:
        page, level = where[s]
        for code in codes:
            out[language_url(_site_url(), code, page, s if level > 1 else None)] = (s, code)
    return out


HANDOUT_FORM = f"form{hook('handout')}"


def _choose(page, title: str, sections: list[str], codes: list[str]) -> None:
    form = page.locator(HANDOUT_FORM)
    assert form.is_visible()
    form.locator("input[name='title']").fill(title)
    for s in sections:
        for code in codes:
            form.locator(f"input[type='checkbox'][name='{code}'][value='{s}']").check()


def _shown_cards(page) -> list[tuple[str, str]]:
    shown = page.locator(f"{hook('handout_sheet')} {hook('card')}").evaluate_all(
        """(cards, [section, id]) => cards.filter((c) => c.checkVisibility())
            .map((c) => [c.closest(section).getAttribute(id), c.lang])""", [hook("section"), attribute("section")])
    return [tuple(card) for card in shown]


def test_handout_choice_lives_in_the_address(page):
    from urllib.parse import parse_qs, urlsplit

    page.goto("kouluttajille/")
    _choose(page, HANDOUT_TITLE, HANDOUT, HANDOUT_LANGS)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"title": [HANDOUT_TITLE], "fi": HANDOUT, "sv": HANDOUT}
    expected = [(s, code) for s in HANDOUT for code in HANDOUT_LANGS]
    assert _shown_cards(page) == expected
    shared = page.url
    page.goto("kouluttajille/")  # nothing chosen: every section in the page's language
    assert {code for _, code in _shown_cards(page)} == {"fi"} and len(_shown_cards(page)) > 20
    page.goto(shared)  # a bookmark or a link from a colleague
    assert page.locator("input[name='title']").input_value() == HANDOUT_TITLE
    assert page.locator(hook("handout_title")).inner_text() == HANDOUT_TITLE
    checked = page.locator(f"{HANDOUT_FORM} input[type='checkbox']:checked").evaluate_all(
        "boxes => boxes.map((b) => [b.value, b.name])")
    assert sorted(map(tuple, checked)) == sorted(expected)
    assert _shown_cards(page) == expected
    page.locator(f"{HANDOUT_FORM} button[type='reset']").click()
    page.wait_for_function("location.search === ''")
    assert len(_shown_cards(page)) > 20


def test_finnish_swedish_handout_of_three_sections_prints_on_one_a4_with_codes_that_decode(page, tmp_path):
    """The trainer's case: Finnish and Swedish side by side, three sections, one A4 page; every
    QR code on the paper leads to its section in its language."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from pypdf import PdfReader

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is not installed (make test installs it as root)"
    page.goto("kouluttajille/")
    _choose(page, HANDOUT_TITLE, HANDOUT, HANDOUT_LANGS)
    page.emulate_media(media="print")
    # each address on one line, whole (not cut off by its card)
    addresses = page.locator(f"{hook('handout_sheet')} {hook('card')}:not([hidden]) figcaption")
    assert addresses.count() == 6
    for i in range(6):
        lines, fits = addresses.nth(i).evaluate("""(f) => [f.querySelector('a').getClientRects().length,
            f.scrollWidth <= f.clientWidth + 1]""")
        assert lines == 1 and fits, addresses.nth(i).inner_text()
    pdf = tmp_path / "moniste.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert HANDOUT_TITLE in text
    for code in HANDOUT_LANGS:
        m = messages(code)
        assert m("handout.summary.puheenjohtaja") in text
    subprocess.run([pdftoppm, "-r", "300", "-png", "-singlefile", str(pdf), str(tmp_path / "moniste")], check=True)
    image = Image.open(tmp_path / "moniste.png")
    decoded = sorted(r.text for r in zxingcpp.read_barcodes(image))
    expected = _section_urls(HANDOUT, HANDOUT_LANGS)
    assert decoded == sorted(expected), decoded
    assert {expected[url] for url in decoded} == {(s, c) for s in HANDOUT for c in HANDOUT_LANGS}


@pytest.mark.parametrize("code", LANGS)
def test_trainer_page_with_a_handout_passes_axe(page, axe, code):
    page.goto(lang_url(code, "kouluttajille/") + "?fi=kutsu&sv=kutsu&en=tila")
    page.wait_for_load_state("networkidle")
    assert len(_shown_cards(page)) == 3
    assert axe() == []


def test_without_a_script_the_trainer_page_shows_every_section_in_its_language(browser, server):
    context = browser.new_context(java_script_enabled=False, base_url=server.url)
    try:
        page = context.new_page()
        page.goto("sv/kouluttajille/?sv=kutsu")
        assert not page.locator(HANDOUT_FORM).is_visible()
        shown = _shown_cards(page)
        assert len(shown) > 20 and {code for _, code in shown} == {"sv"}
    finally:
        context.close()
