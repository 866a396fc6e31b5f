"""Every language of the site in real Chromium: its pages, its language menu and hreflang links,
its forms and every export, and the invitation in each invitee's language."""

from __future__ import annotations

import subprocess
from urllib.parse import urlsplit

import pytest

from forms import FORM_IDS
from forms.contracts import attribute, hook
from forms.language import languages, messages, site_languages
from forms.settings import confidential_mark
from scripts.form_driver import (FIXTURES, PYTHON_TIMEOUT_MS, export, fill, form_locator, open_in_scheme,
                                      wait_python_ready, wait_until)
from tests.support.exported_files import FILE_FORMATS, file_text
from tests.support.handbook_pages import PAGES

OTHERS = site_languages()[1:]
LANGUAGE_PAGES = [(code, f"{code}/{url}") for code in OTHERS for url in PAGES]


def prefix(code: str) -> str:
    return "" if code == site_languages()[0] else f"{code}/"


def built_for(site_dir) -> str:
    import json

    return json.loads((site_dir / "offline.json").read_text(encoding="utf-8"))["site_url"]


def head_alternates(page) -> list[list[str]]:
    """The page's hreflang links in <head>, as written (search engines and Lighthouse read these)."""
    return page.evaluate("""() => [...document.head.querySelectorAll('link[rel=alternate][hreflang]')]
        .map(l => [l.hreflang, l.getAttribute('href')])""")


@pytest.mark.parametrize("code, url", LANGUAGE_PAGES)
def test_page_is_in_its_language_with_its_counterparts(page, code, url, site_dir):
    response = page.goto(url)
    assert response.ok
    assert page.evaluate("document.documentElement.lang") == code
    assert page.locator("article h1").count() == 1
    here = url[len(prefix(code)):]
    # The language menu links this same page in every language (without any script).
    menu = page.evaluate("""() => [...document.querySelectorAll('.md-select__link[hreflang]')]
        .map(a => [a.hreflang, new URL(a.getAttribute('href'), location.href).pathname])""")
    assert sorted(menu) == sorted([c, f"/{prefix(c)}{here}"] for c in site_languages())
    # <head> names this same page in every language and x-default (the root language's) by
    # absolute address, from the address the site was built for.
    site_url = built_for(site_dir)
    assert site_url.startswith("https://")
    assert sorted(head_alternates(page)) == sorted([[c, f"{site_url}{prefix(c)}{here}"] for c in site_languages()]
                                                   + [["x-default", f"{site_url}{here}"]])
    # Not yet checked by a fluent reader: the page says so (mkdocs.<code>.yml `reviewed`).
    notice = page.locator(".translation-notice")
    assert notice.count() == 1 and notice.inner_text() == messages(code)("site.unreviewed")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("url", ["", "sv/lomakkeet/kutsu/", "en/kulku/"])
def test_hreflang_links_stay_but_material_fetches_nothing_beside_them(page, url, site_dir):
    """Material's script fetches a sitemap.xml beside every <link rel=alternate> it sees at
    DOMContentLoaded (on another host here: the site is built for the test address), also when
    a form page starts it late (at the first key press) and dispatches the event again;
    alternate-links.mjs keeps the links out of its sight, and they are in <head> after it."""
    sitemaps: list[str] = []
    page.on("request", lambda r: sitemaps.append(r.url) if "sitemap" in r.url else None)
    page.goto(url)
    page.keyboard.press("Shift")
    wait_until(page, "() => document.documentElement.classList.contains('js') && typeof window.component$ !== 'undefined'")
    page.wait_for_load_state("networkidle")
    code = next((c for c in OTHERS if url.startswith(f"{c}/")), site_languages()[0])
    here = url[len(prefix(code)):]
    site_url = built_for(site_dir)
    assert sorted(head_alternates(page)) == sorted([[c, f"{site_url}{prefix(c)}{here}"] for c in site_languages()]
                                                   + [["x-default", f"{site_url}{here}"]])
    assert sitemaps == []
    # The language menu still goes to this page in another language (no script steers it).
    other = next(c for c in site_languages() if c != code)
    page.locator(f'.md-select__link[hreflang="{other}"]').dispatch_event("click")
    page.wait_for_url(lambda address: urlsplit(address).path == f"/{prefix(other)}{here}")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == other


def test_sitemaps_name_every_counterpart(page, site_dir):
    """Each language's sitemap.xml gives every page its counterparts (hreflang), and they exist."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for code in site_languages():
        root = ET.parse(site_dir / prefix(code) / "sitemap.xml").getroot()
        urls = root.findall("s:url", ns)
        assert len(urls) == len(PAGES)  # every page of the nav (the 404 page is not listed)
        for entry in urls:
            links = {l.get("hreflang"): urlsplit(l.get("href")).path for l in entry.findall("x:link", ns)}
            assert sorted(links) == sorted([*site_languages(), "x-default"])
            assert links[code] == urlsplit(entry.find("s:loc", ns).text).path
            assert links["x-default"] == links[site_languages()[0]]
            for other, path in links.items():
                target = site_dir / path.lstrip("/") / "index.html"
                assert target.is_file(), (code, other, path)
                lang = site_languages()[0] if other == "x-default" else other
                assert f'<html lang="{lang}"' in target.read_text(encoding="utf-8")


def test_counterparts_exist_and_the_root_language_has_no_notice(page):
    for code, url in LANGUAGE_PAGES[: len(PAGES)]:
        for other in site_languages():
            target = f"{prefix(other)}{url[len(prefix(code)):]}"
            response = page.goto(target)
            assert response.ok, target
            assert page.evaluate("document.documentElement.lang") == other
    page.goto("")
    assert page.locator(".translation-notice").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("code, url", LANGUAGE_PAGES)
def test_no_wcag_violations(page, axe, code, url, scheme):
    open_in_scheme(page, url, scheme)
    assert axe() == []


@pytest.mark.parametrize("code", OTHERS)
def test_search_is_in_the_pages_language(page, code, site_dir):
    import json

    index = json.loads((site_dir / code / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [code]
    assert any(doc["location"].startswith("milloin/") for doc in index["docs"])


# ---- Forms -------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", OTHERS)
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_fill_and_export_every_format_in_the_language(page, code, form_id, tmp_path):
    """The form and every file it makes speak the page's language; what was typed stays."""
    m = messages(code)
    state = FIXTURES["FULL"][form_id]
    page.goto(f"{code}/lomakkeet/{form_id}/")
    form = form_locator(page, form_id)
    assert form.get_attribute("lang") == code
    assert m(f"{form_id}.section.{form.locator('section h2').first.get_attribute('id').split('-', 1)[1]}.title") in \
        form.locator("section h2").first.inner_text()
    fill(page, form_id, state)
    wait_python_ready(page)
    for fmt in FILE_FORMATS[form_id]:
        data = export(page, form_id, fmt, tmp_path).read_bytes()
        text = " ".join(file_text(fmt, data).split())
        if fmt == "json":
            assert f'"lang": "{code}"' in file_text(fmt, data)
            continue
        if fmt == "ics":
            assert m(f"{form_id}.calendar.summary") in text.replace("\r\n ", "")
            continue
        assert m("document.confidential") in text, fmt
        if fmt in ("pdf", "docx", "txt") and form_id == "kutsu":
            assert m("kutsu.letter.title") in text and "Matti Meikäläinen" in text, fmt
        if form_id == "muistio" and fmt != "phone":
            assert "Иван Петров" in text, fmt
    ready = m("js.export.ready", name="", file="").strip().split()[-1]  # the word after the file name
    wait_until(page, "([status, word]) => document.querySelector(status).textContent.includes(word)",
               [f"form{hook('form', form_id)} {hook('status')}", ready])


@pytest.mark.parametrize("code", OTHERS)
def test_errors_and_dates_in_the_language(page, code):
    m = messages(code)
    page.goto(f"{code}/lomakkeet/kutsu/")
    wait_python_ready(page)
    form = form_locator(page, "kutsu")
    form.locator('[name="date"]').fill("31.2.2027")
    form.locator(f'button{hook("export", "pdf")}:not({hook("letter")})').click()
    summary = form.locator(hook("error_summary"))
    wait_until(page, "(summary) => !document.querySelector(summary).hidden", hook("error_summary"))
    assert m("validation.no_date", shown="31.2.2027") in summary.inner_text()
    # each field's own error line is in the page's language too ("Fel: …")
    field_error = form.locator('[name="date"]').evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby').split(' ').find(i => i.endsWith('-error'))).textContent")
    assert field_error == m("js.errors.field", message=m("validation.no_date", shown="31.2.2027"))
    n = summary.locator("li").count()
    expected = m("js.errors.title.one") if n == 1 else m("js.errors.title.other", n=n)
    assert summary.locator("h2").inner_text() == expected
    form.locator('[name="date"]').fill("ti 15.12.2026")
    form.locator('[name="start_time"]').fill("9")
    form.locator('[name="client_name"]').focus()
    wait_until(page, "() => document.querySelector('[name=date]').value !== 'ti 15.12.2026'")
    from forms.language.dates import format_date, format_time
    import datetime as dt

    assert form.locator('[name="date"]').input_value() == format_date(dt.date(2026, 12, 15), m)
    wait_until(page, "() => document.querySelector('[name=start_time]').value !== '9'")
    assert form.locator('[name="start_time"]').input_value() == format_time(dt.time(9), m)


def test_invitation_in_all_seven_languages(page, tmp_path):
    """One PDF, one letter per invitee language in the order of first use, each holding its
    language's fixed text and everything typed."""
    state = {k: v for k, v in FIXTURES["FULL"]["kutsu"].items() if k != "invitees"}
    codes = list(languages())
    names = {code: f"Kutsuttu {code.upper()} Nimi" for code in codes}
    state["invitees"] = [{"name": names[c], "relation": "laheinen", "how": "kirje", "language": c,
                          "address": f"Katu {i}\n53100 Lappeenranta"} for i, c in enumerate(reversed(codes), 1)]
    page.goto("lomakkeet/kutsu/")
    fill(page, "kutsu", state)
    wait_python_ready(page)
    data = export(page, "kutsu", "pdf", tmp_path).read_bytes()
    (tmp_path / "all.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "all.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    order = list(reversed(codes))
    starts = []
    for code in order:
        title = messages(code)("kutsu.letter.title")
        found = [i for i, p in enumerate(pages) if title in " ".join(p.split())]
        assert found, code
        starts.append(found[0])
        letter = " ".join(pages[found[0]].split())
        assert messages(code)("document.confidential").upper() in letter or messages(code)("document.confidential") in letter
        for name in names.values():
            assert name in " ".join(" ".join(pages[found[0]:found[0] + 2]).split()), (code, name)
        assert state["topic"].split("\n")[0] in " ".join(" ".join(pages[found[0]:found[0] + 2]).split()), code
    assert starts == sorted(starts), "letters are in the order of first use"


def test_printed_letters_in_several_languages_start_at_once_each_on_its_own_pages(page, tmp_path):
    """'Skriv ut' with invitees in Russian and Finnish on the Swedish page: no blank page, each
    letter starts a page with its own title and its own confidentiality mark."""
    from tests.support.printing import keep_print_mode, printed_pages

    # the standard sentence left as the page pre-filled it
    state = {k: v for k, v in FIXTURES["CASE"]["kutsu"].items() if k not in ("invitees", "message")}
    state["invitees"] = [{"name": "Olga Ivanova", "relation": "laheinen", "how": "kirje", "language": "ru",
                          "address": "Katu 1\n65100 Vaasa"},
                         {"name": "Päivi Koski", "relation": "tyontekija", "organisation": "Koulu",
                          "how": "sahkoposti", "email": "paivi@example.fi", "language": "fi"}]
    page.goto("sv/lomakkeet/kutsu/")
    fill(page, "kutsu", state)
    wait_python_ready(page)
    keep_print_mode(page)
    form_locator(page, "kutsu").locator(f".form-buttons--main button{hook('print')}").click()
    wait_until(page, "(printing) => document.documentElement.getAttribute(printing) === 'document'", attribute("printing"))
    pages = [" ".join(p.split()) for p in printed_pages(page, tmp_path)]
    ru, fi = messages("ru"), messages("fi")
    # Olga is invited by post: her letter opens with the sender and her address for a window envelope
    assert pages[0].startswith("Tiina Työntekijä"), pages[0][:120]
    assert ("Olga Ivanova Katu 1 65100 Vaasa " + confidential_mark(ru, upper=True) + " " + ru("kutsu.letter.title")) in pages[0]
    assert ru("kutsu.letter.participation") in " ".join(pages)  # the standard sentence, in Russian
    fi_start = next(i for i, p in enumerate(pages) if fi("kutsu.letter.title") in p)
    assert pages[fi_start].startswith(fi("document.confidential").upper())
    assert fi("kutsu.letter.participation") in " ".join(pages[fi_start:])
    assert messages("sv")("kutsu.letter.participation") not in " ".join(pages)


def test_a_file_from_another_languages_page_is_written_this_pages_way(page, tmp_path):
    """Saved on the Swedish page, opened on the English one: dates and times become English."""
    import json

    doc = {"schema": "verkostokokous-lomake", "form": "kutsu", "version": 2, "lang": "sv",
           "saved": "2026-12-01T10:00:00+00:00",
           "data": {**FIXTURES["CASE"]["kutsu"], "date": "15.12.2026", "start_time": "14.00", "end_time": "15.30"}}
    path = tmp_path / "kallelse.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    page.goto("en/lomakkeet/kutsu/")
    wait_python_ready(page)
    form = form_locator(page, "kutsu")
    form.locator(hook("import")).set_input_files(str(path))
    # the import waits for the export libraries, like every file operation
    wait_until(page, "() => document.querySelector('[name=date]').value === '15 December 2026'",
               timeout_ms=PYTHON_TIMEOUT_MS)
    assert form.locator('[name="start_time"]').input_value() == "14:00"
    assert form.locator('[name="client_name"]').input_value() == FIXTURES["CASE"]["kutsu"]["client_name"]
