"""In real Chromium: what is printed is the letter (or the blank paper form), typed dates and
links become canonical, the scale is stated, and nothing covers the error summary."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from forms.contracts import attribute, hook
from forms.language import messages
from forms.settings import confidential_mark
from scripts.form_driver import (FIXTURES, PYTHON_TIMEOUT_MS, fill, form_locator, reveal, wait_python_ready,
                                     wait_until)
from tests.support.printing import keep_print_mode, printed_pages
from tests.support.sitebuild import ROOT

CASE = FIXTURES["CASE"]


def printed(page, tmp_path) -> tuple[str, int]:
    """What the page prints now: its text, flattened, and its number of A4 pages."""
    pages = printed_pages(page, tmp_path)
    return " ".join(" ".join(pages).split()), len(pages)


def print_filled(page, form_id: str) -> None:
    """Fill the realistic case, press the form's "Tulosta", and wait for its print mode."""
    page.goto(f"lomakkeet/{form_id}/")
    fill(page, form_id, CASE[form_id])
    wait_python_ready(page)
    keep_print_mode(page)
    form_locator(page, form_id).locator(f".form-buttons--main button{hook('print')}").click()
    # The first print waits for the export libraries, as the first PDF does.
    wait_until(page, "a => document.documentElement.getAttribute(a) === 'document'", attribute("printing"),
               timeout_ms=PYTHON_TIMEOUT_MS)


def test_print_button_prints_the_letter_on_one_page(page, tmp_path):
    """The letters as the PDF has them: the one for everyone reading Finnish, then the one posted
    to Jussi with his address where a window envelope shows it."""
    page.set_viewport_size({"width": 1280, "height": 900})
    print_filled(page, "kutsu")
    pages = printed_pages(page, tmp_path)
    first = " ".join(pages[0].split())
    mark = confidential_mark(messages("fi"), upper=True)
    assert first.startswith(f"{mark} Kutsu verkostokokoukseen Lyhyesti Mikä: Verkostokokous, johon Aino ja Tiina Työntekijä")
    assert "Tee näin: Kerro, pääsetkö mukaan." in first and "Soita: 040 123 4567" in first
    assert "Paikalla on arabian kielen tulkki." in first and "Samira Virtanen, Ainon äiti" in first
    text = " ".join(" ".join(pages).split())
    for worker_only in ("valinnainen", "Lataa", "Kävimme", "Asiakkaan etunimi", "Tyhjennä", "040 765 4321"):
        assert worker_only not in text, worker_only
    assert "Kutsu verkostokokoukseen" in pages[0] and "Kauppakatu 40" not in pages[0]
    posted = next(i for i, p in enumerate(pages) if "Kauppakatu 40" in p)
    assert posted == 1 and "Jussi Nieminen" in pages[posted].split("Lyhyesti")[0]
    assert len(pages) <= 3  # the Finnish letter on one page; the posted one after it


def test_blank_paper_form_prints_whatever_was_typed(page, tmp_path):
    page.goto("lomakkeet/kutsu/")
    fill(page, "kutsu", CASE["kutsu"])
    keep_print_mode(page)
    reveal(page, "kutsu", "button" + hook("print", "blank")).click()
    text, _ = printed(page, tmp_path)
    assert "Asiakkaan etunimi" in text and "Läheinen vai" in text and "Postiosoite" in text
    for typed in ("Samira", "Kimpisen", "Valtakatu", "Tiina Työntekijä"):
        assert typed not in text, typed


def test_typed_dates_times_and_links_become_canonical(page):
    page.goto("lomakkeet/kutsu/")
    wait_python_ready(page)
    form = form_locator(page, "kutsu")
    for name, typed in [("date", "15.12."), ("start_time", "14,00"), ("end_time", "1530"),
                        ("remote_link", "esimerkki.fi/kokous")]:
        field = form.locator(f'[name="{name}"]')
        field.fill(typed)
        field.blur()
    wait_until(page, "() => document.querySelector('[name=remote_link]').value.startsWith('https://')")
    assert re.fullmatch(r"15\.12\.20\d\d", form.locator('[name="date"]').input_value())
    assert form.locator('[name="start_time"]').input_value() == "14.00"
    assert form.locator('[name="end_time"]').input_value() == "15.30"
    assert form.locator('[name="remote_link"]').input_value() == "https://esimerkki.fi/kokous"
    # the number pad on phones
    for name in ("date", "start_time", "end_time"):
        assert form.locator(f'[name="{name}"]').get_attribute("inputmode") == "decimal"


@pytest.mark.parametrize("form_id", ["kutsu", "muistio"])  # the memo's summary is taller than a phone
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
def test_nothing_covers_the_error_summary(page, viewport, form_id):
    page.set_viewport_size(viewport)
    page.goto(f"lomakkeet/{form_id}/")
    wait_python_ready(page)
    page.mouse.wheel(0, 20000)  # the reader is at the buttons at the bottom, then scrolls up
    page.wait_for_timeout(300)
    form_locator(page, form_id).locator("button.form-primary").click()
    summary = form_locator(page, form_id).locator(hook("error_summary"))
    summary.wait_for(state="visible")
    page.wait_for_timeout(600)  # Material shows its "back to top" button while scrolling up
    covered = page.evaluate("""(summary) => {
        const h = document.querySelector(`${summary} h2`);
        const r = h.getBoundingClientRect();
        const points = [[r.left + 4, r.top + 4], [r.left + r.width / 2, r.top + r.height / 2], [r.right - 4, r.bottom - 4]];
        return points.filter(([x, y]) => { const e = document.elementFromPoint(x, y); return !e || !h.contains(e); })
                     .map(([x, y]) => { const e = document.elementFromPoint(x, y); return e ? e.className || e.tagName : 'none'; });
    }""", hook("error_summary"))
    assert covered == []


def test_feedback_scale_says_what_the_numbers_mean(page, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("lomakkeet/palaute/")
    form = form_locator(page, "palaute")
    assert form.get_by_label("1 = täysin eri mieltä").first.is_visible()
    assert form.get_by_label("5 = täysin samaa mieltä").first.is_visible()
    text, _ = printed(page, tmp_path)  # the blank paper form
    assert text.count("5 = täysin samaa mieltä") == 7 and "3 = ei samaa eikä eri mieltä" in text
    # the worker's tools are apart from what a respondent needs
    tools = form.locator("section.form-tools")
    assert tools.locator("h3").inner_text() == "Työntekijälle"
    assert tools.locator(hook("export", "json")).count() == 1 and tools.locator(hook("import")).count() == 1


def test_every_printed_page_is_marked_and_numbered(page, tmp_path):
    """The printed memo runs to several pages: each carries the confidentiality mark and its
    number, as the PDF does."""
    print_filled(page, "muistio")
    pages = printed_pages(page, tmp_path)
    assert len(pages) >= 2
    fi = messages("fi")
    assert confidential_mark(fi, upper=True) in pages[0]
    for number, text in enumerate(pages, 1):
        assert fi("document.page", mark=confidential_mark(fi), page=number, pages=len(pages)) in text, number


def test_blank_paper_form_has_its_title(page, tmp_path):
    page.goto("lomakkeet/muistio/")
    fill(page, "muistio", {"place": "Koulu"})
    keep_print_mode(page)
    reveal(page, "muistio", "button" + hook("print", "blank")).click()
    text, _ = printed(page, tmp_path)
    assert text.startswith("Verkostokokouksen muistio") and f"{confidential_mark(messages('fi'))} – sivu 1/" in text
    assert "Koulu" not in text.split("Sovitut jatkotoimet")[0].split("Paikka")[1][:40]


LETTERS_CASE = json.loads((ROOT / "tests" / "forms" / "letters-case.json").read_text("utf-8"))["kutsu"]


def test_each_letter_downloads_from_its_own_button(page, tmp_path):
    """One PDF per reader invited by post and one per language for the others, each from its own
    button, named by whose or which language it is; one e-mail draft per language, to that
    language's readers only."""
    page.goto("lomakkeet/kutsu/")
    fill(page, "kutsu", {k: v for k, v in LETTERS_CASE.items() if v != ""})
    wait_python_ready(page)
    form = form_locator(page, "kutsu")
    letters = f'button{hook("export", "pdf")}{hook("letter")}'
    wait_until(page, "s => document.querySelectorAll(s).length === 3", letters, timeout_ms=PYTHON_TIMEOUT_MS)
    assert [b.get_attribute(attribute("letter")) for b in form.locator(letters).all()] == ["post-0", "fi", "sv"]
    button = form.locator(f'button{hook("export", "pdf")}{hook("letter", "post-0")}')
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as info:
        button.click()
    assert info.value.suggested_filename == "verkostokokous-kutsu-olena-kovalenko-2027-03-10.pdf"
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    text = " ".join((reader.pages[0].extract_text() or "").split())
    uk = messages("uk")
    assert "Olena Kovalenko Kauppakatu 12 B 7 53100 Lappeenranta" in text
    assert " ".join(uk("kutsu.letter.title").split()) in text and "040 123 4567" in text
    assert messages("sv")("kutsu.letter.title") not in text  # only her letter
    # the e-mail drafts: one per language, each to its own readers
    link = form.locator(f'a{hook("export", "email")}{hook("letter_lang", "sv")}')
    link.click()
    wait_until(page, "s => (document.querySelector(s).getAttribute('href') || '').startsWith('mailto:')",
               hook("letter_lang", "sv"), timeout_ms=30_000)
    href = unquote(link.get_attribute("href"))
    assert href.startswith("mailto:?bcc=sara.lindholm@skola.example.fi&subject=" + messages("sv")("kutsu.letter.title"))
    assert form.locator(f'a{hook("export", "email")}{hook("letter_lang", "fi")}').count() == 1
    # a reader added: the buttons follow
    form.locator(hook("add_row", "invitees")).click()
    for sub, value in {"name": "Pjotr Ivanov", "relation": "laheinen", "how": "kirje", "language": "ru",
                       "address": "Koulukatu 3\n53100 Lappeenranta"}.items():
        form.locator(f'[name="invitees.5.{sub}"]').first.fill(value) if sub in ("name", "address") else \
            form.locator(f'[name="invitees.5.{sub}"]').select_option(value)
    wait_until(page, "s => !!document.querySelector(s)", f'button{hook("export", "pdf")}{hook("letter", "post-5")}',
               timeout_ms=30_000)
