"""The three forms in real Chromium: fill, export every format, drafts, errors, import, print."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from urllib.parse import unquote

import pytest

import forms as forms_package

from forms.contracts import attribute, contracts, hook
from forms.language import messages
from forms.model import get_form
from forms.settings import confidential_mark
from scripts.form_driver import (FIXTURES, export, fill, form_locator, read_state, reveal, set_value,
                                      wait_python_ready, wait_until)
from tests.support.exported_files import FILE_FORMATS, docx_text, file_text, pdf_text

FORM_IDS = list(forms_package.FORM_IDS)


# Every test here runs on both of the worker's start paths (overrides/assets/js/python-boot.js):
# restored from the forms' memory snapshot, and booted normally.
START_PATHS = ["snapshot", "boot"]
_start = START_PATHS[0]


@pytest.fixture(autouse=True, params=START_PATHS)
def python_start(request, page):
    """Forces the path for this test's form pages and checks, at the end, that it was taken."""
    global _start
    _start = request.param
    yield request.param
    taken = page.evaluate("a => document.documentElement.getAttribute(a)", attribute("python_start"))
    assert taken in (None, request.param), f"asked for {request.param}, the worker started by {taken}"


def url(form_id: str) -> str:
    return f"lomakkeet/{form_id}/?python={_start}"


# A value from each fixture that every export of it must show.
SHOWN = {"kutsu": "Matti Meikäläinen", "muistio": "Иван Петров", "palaute": "Että Иван kuunteli."}


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_fill_and_export_every_format(page, form_id, tmp_path):
    state = FIXTURES["FULL"][form_id]
    page.goto(url(form_id))
    fill(page, form_id, state)
    wait_python_ready(page)
    for fmt in FILE_FORMATS[form_id]:
        path = export(page, form_id, fmt, tmp_path)
        data = path.read_bytes()
        assert form_id in path.name and " " not in path.name, path.name
        if fmt == "ics":
            from icalendar import Calendar

            cal = Calendar.from_ical(data)
            event = next(iter(cal.walk("VEVENT")))
            assert str(event["DTSTART"].dt.tzinfo) == "Europe/Helsinki"
            # a shared work calendar shows only time, place and the organiser by default
            assert "Tiina Työntekijä" in str(event.get("DESCRIPTION"))
            assert "Aino" not in str(event.get("DESCRIPTION")) and "Иван" not in str(event.get("DESCRIPTION"))
            continue
        text = file_text(fmt, data)
        if fmt == "json":
            saved = json.loads(text)
            assert saved["form"] == form_id and saved["version"] >= 1
            continue
        flat = " ".join(text.split())
        assert "Salassa pidettävä" in flat, fmt
        if fmt != "phone":
            assert SHOWN[form_id] in flat, fmt
        if form_id != "palaute" and fmt != "phone":
            assert "7.3.2027" in flat, fmt
    wait_until(page, "s => document.querySelector(s).textContent.includes('ladattu')",
               f"form{hook('form', form_id)} {hook('status')}")


def test_invitation_email_draft(page):
    page.goto(url("kutsu"))
    fill(page, "kutsu", FIXTURES["FULL"]["kutsu"])
    wait_python_ready(page)
    draft = f'a{hook("export", "email")}:not({hook("letter_lang")})'  # the draft in the chosen language
    link = reveal(page, "kutsu", draft)
    link.click()
    wait_until(page, "s => document.querySelector(s).getAttribute('href').startsWith('mailto:')", draft,
               timeout_ms=30_000)
    href = link.get_attribute("href")
    text = unquote(href)
    # addressed in Bcc to the invitees invited by e-mail; never cut mid-line
    assert text.startswith("mailto:?bcc=ivan.petrov@koulu.example.fi&subject=Kutsu verkostokokoukseen 7.3.2027"
                           "&body=Salassa pidettävä")
    assert "klo 14.00–15.30" in text and "Kerro, pääsetkö mukaan" in text and text.endswith(confidential_mark(messages("fi")) + "\n")
    status = form_locator(page, "kutsu").locator(hook("status"))
    wait_until(page, "s => document.querySelector(s).textContent.includes('PDF')", hook("status"))
    assert "liitä siihen kutsukirje PDF-tiedostona" in status.inner_text()


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_reload_mid_fill_restores_everything(page, form_id):
    state = FIXTURES["FULL"][form_id]
    page.goto(url(form_id))
    fill(page, form_id, state)
    before = read_state(page, form_id)
    page.on("dialog", lambda d: d.accept())
    page.reload()
    after = read_state(page, form_id)
    assert after == before
    assert "palautettiin" in form_locator(page, form_id).locator(hook("status")).inner_text()


def test_leaving_with_unsaved_changes_warns(page):
    page.goto(url("kutsu"))
    form_locator(page, "kutsu").locator('[name="client_name"]').fill("Aino")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]


def test_clear_form_empties_fields_rows_and_draft(page):
    page.goto(url("kutsu"))
    fill(page, "kutsu", FIXTURES["FULL"]["kutsu"])
    page.on("dialog", lambda d: d.accept())
    form_locator(page, "kutsu").locator(hook("clear")).click()
    state = read_state(page, "kutsu")
    assert state["client_name"] == "" and len(state["invitees"]) == 1
    assert page.evaluate("k => sessionStorage.getItem(k)", contracts().storage["DRAFT_PREFIX"] + "kutsu") is None
    page.reload()
    assert read_state(page, "kutsu")["client_name"] == ""


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_json_export_imports_back_exactly(page, form_id, tmp_path):
    page.goto(url(form_id))
    fill(page, form_id, FIXTURES["FULL"][form_id])
    wait_python_ready(page)
    before = read_state(page, form_id)
    saved = export(page, form_id, "json", tmp_path)
    page.on("dialog", lambda d: d.accept())
    form_locator(page, form_id).locator(hook("clear")).click()
    assert read_state(page, form_id) != before
    form_locator(page, form_id).locator("input" + hook("import")).set_input_files(str(saved))
    wait_until(page, "([s, t]) => document.querySelector(s).textContent.includes(t)", [hook("status"), "avattu"])
    assert read_state(page, form_id) == before


@pytest.mark.parametrize("content, expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00 random bytes \xff\xfe", "JSON"),
    ("PALAUTE", "palaute"),
    ("OLD", "versio"),
])
def test_bad_import_gives_finnish_error_and_keeps_the_data(page, tmp_path, content, expected):
    page.goto(url("kutsu"))
    fill(page, "kutsu", FIXTURES["MINIMAL"]["kutsu"])
    wait_python_ready(page)
    before = read_state(page, "kutsu")
    if content == "PALAUTE":
        page.goto(url("palaute"))
        wait_python_ready(page)
        fill(page, "palaute", FIXTURES["MINIMAL"]["palaute"])
        other = export(page, "palaute", "json", tmp_path)
        page.goto(url("kutsu"))
        wait_python_ready(page)
        content = other.read_bytes()
    elif content == "OLD":
        content = json.dumps({"schema": "verkostokokous-lomake", "form": "kutsu", "version": 99,
                              "data": {"client_name": "X"}}).encode()
    bad = tmp_path / "tiedosto.json"
    bad.write_bytes(content)
    form_locator(page, "kutsu").locator("input" + hook("import")).set_input_files(str(bad))
    summary = form_locator(page, "kutsu").locator(hook("error_summary"))
    summary.wait_for(state="visible")
    assert expected.lower() in summary.inner_text().lower()
    assert read_state(page, "kutsu") == before


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> 👩‍👩‍👧 שלום עולם'


def test_bad_input_shows_errors_at_fields_and_in_summary(page, axe, tmp_path):
    page.goto(url("kutsu"))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    state = copy.deepcopy(FIXTURES["FULL"]["kutsu"])
    state.update({"date": "31.2.2027", "start_time": "15.30", "end_time": "14.00",
                  "topic": "x" * 100_000, "aim": HOSTILE, "client_name": ""})
    fill(page, "kutsu", state)
    wait_python_ready(page)
    form = form_locator(page, "kutsu")
    form.locator(f'button{hook("export", "pdf")}:not({hook("letter")})').click()
    summary = form.locator(hook("error_summary"))
    summary.wait_for(state="visible")
    assert page.evaluate("s => document.activeElement.matches(s)", hook("error_summary"))
    text = summary.inner_text()
    assert "virhe" in text.lower()
    for field in ["date", "end_time", "topic", "client_name"]:
        error = form.locator(f"#kutsu-{field}-error")
        assert error.is_visible(), field
        assert error.inner_text().startswith("Virhe: "), field
        assert form.locator(f"#kutsu-{field}").get_attribute("aria-invalid") == "true"
    assert "31.2.2027" in form.locator("#kutsu-date-error").inner_text()
    # nothing typed was lost, nothing was executed
    assert form.locator("#kutsu-aim").input_value() == HOSTILE
    assert len(form.locator("#kutsu-topic").input_value()) == 100_000
    assert dialogs == []
    assert axe() == []
    # a summary link takes the keyboard to the field
    summary.locator("a", has_text="31.2.2027").click()
    assert page.evaluate("document.activeElement.id") == "kutsu-date"
    # correcting the fields clears their errors
    set_value(page, "kutsu", "date", "7.3.2027")
    wait_until(page, "() => document.querySelector('#kutsu-date-error').hidden")


def test_hostile_text_in_every_field_exports_cleanly(page, tmp_path):
    form = get_form("muistio")
    free_text = {f.name for f in form.fields() if f.type in {"text", "textarea"}}
    state = copy.deepcopy(FIXTURES["FULL"]["muistio"])
    for key, value in state.items():
        if key in free_text:
            state[key] = value[:50] + " " + HOSTILE
        elif isinstance(value, list):
            group = form.field(key)
            texts = {f.name for f in group.fields if f.type in {"text", "textarea"}}
            for row in value:
                for sub in texts & row.keys():
                    row[sub] = row[sub][:50] + " " + HOSTILE
    page.goto(url("muistio"))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    fill(page, "muistio", state)
    wait_python_ready(page)
    for fmt in FILE_FORMATS["muistio"]:
        data = export(page, "muistio", fmt, tmp_path).read_bytes()
        if fmt in {"txt", "json"}:
            assert '<script>alert("x")</script>' in data.decode("utf-8").replace('\\"', '"')
        elif fmt == "pdf":
            assert "<script>" in pdf_text(data)
        elif fmt == "docx":
            assert "<script>" in docx_text(data)
    assert dialogs == []


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_form_page_accessibility(page, axe, form_id):
    page.goto(url(form_id))
    wait_python_ready(page)
    assert axe() == []


def _wanted(values: dict, name: str):
    parts = name.split(".")
    if len(parts) == 3:
        rows = values.get(parts[0])
        return rows[int(parts[1])].get(parts[2]) if isinstance(rows, list) and len(rows) > int(parts[1]) else None
    return values.get(name)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_keyboard_only_fills_and_exports(page, tmp_path, form_id):
    """Tab, type, arrows and Space only: fill the minimal form and export a PDF with Enter."""
    values = FIXTURES["MINIMAL"][form_id]
    page.goto(url(form_id))
    wait_python_ready(page)
    keyboard = page.keyboard
    first = get_form(form_id).sections[0].fields[0].name
    for _ in range(300):  # from the top of the page to the form's first field
        keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == first:
            break
    done = set()
    for _ in range(600):
        info = page.evaluate("""(a) => { const e = document.activeElement;
            return {name: e.name || '', tag: e.tagName, type: e.type || '', exp: e.getAttribute(a) || '',
                    outline: getComputedStyle(e).outlineStyle, value: e.value}; }""", attribute("export"))
        assert info["outline"] != "none" or info["tag"] == "A", f"no visible focus on {info}"
        if info["exp"] == "pdf":
            with page.expect_download(timeout=60_000) as download:
                keyboard.press("Enter")
            target = tmp_path / "k.pdf"
            download.value.save_as(target)
            text = pdf_text(target.read_bytes())
            assert "Salassa pidettävä" in text
            break
        name = info["name"]
        value = _wanted(values, name)
        if value not in (None, "", False) and name not in done:
            done.add(name)
            if info["type"] == "checkbox":
                keyboard.press("Space")
            elif info["type"] == "radio":
                options = page.evaluate("n => [...document.getElementsByName(n)].map(e => e.value)", name)
                steps = options.index(str(value)) - options.index(info["value"])
                if steps == 0:
                    keyboard.press("Space")
                for _ in range(steps):
                    keyboard.press("ArrowRight")
            elif info["tag"] == "SELECT":
                label = page.evaluate("v => [...document.activeElement.options].find(o => o.value === v).text", value)
                keyboard.type(label)
            else:
                keyboard.type(str(value))
        keyboard.press("Tab")
    else:
        pytest.fail("the PDF button was not reached by keyboard")
    expected = {k for k, v in values.items() if not isinstance(v, list) and v not in ("", False)}
    assert expected <= done
    state = read_state(page, form_id)
    # Dates and times typed as "07.03.2027" or "1530" are shown in canonical form once left.
    from forms.validation.normalise import normalise_state

    canonical = normalise_state(get_form(form_id), values)
    assert {k: state[k] for k in expected} == {k: canonical[k] for k in expected}


@pytest.mark.allow_console_errors
@pytest.mark.parametrize("missing", ["pyodide.asm.wasm", "pyodide-lock.json"])
def test_form_works_when_python_cannot_load(page, missing):
    """Progressive enhancement: typing, rows and printing without Python; a Finnish message
    that names the missing file."""
    page.route(f"**/{missing}", lambda route: route.fulfill(status=404, body="ei ole"))
    page.goto(url("kutsu"))
    wait_until(page, "a => document.documentElement.getAttribute(a) === 'error'", attribute("python"), timeout_ms=60_000)
    message = form_locator(page, "kutsu").locator(hook("python_status")).inner_text()
    assert "epäonnistui" in message and "Python" not in message  # plain words
    from forms.language import messages

    assert message == messages("fi")("js.python.load_failed", detail=f"{missing}: HTTP 404")
    form = form_locator(page, "kutsu")
    form.locator('[name="client_name"]').fill("Aino")
    form.locator(hook("add_row", "invitees")).click()
    assert form.locator('[name="invitees.1.name"]').is_visible()
    assert read_state(page, "kutsu")["client_name"] == "Aino"


def test_typing_and_rows_work_before_python_is_ready(page):
    release = []
    page.route("**/pyodide.asm.wasm", lambda route: release.append(route))
    page.goto(url("muistio"))
    form = form_locator(page, "muistio")
    form.locator('[name="place"]').fill("Koti")
    form.locator(hook("add_row", "actions")).click()
    form.locator('[name="actions.1.who"]').fill("Aino")
    assert page.evaluate("a => document.documentElement.getAttribute(a)", attribute("python")) == "loading"
    assert form.locator(f"{hook('python_status')} progress").is_visible()
    page.wait_for_timeout(200)
    for route in release:
        route.continue_()
    wait_python_ready(page)
    assert read_state(page, "muistio")["actions"][1]["who"] == "Aino"


def test_pdf_asked_for_at_ready_waits_for_the_export_libraries(page, tmp_path):
    """Only the forms' own wheel loads before "ready"; the PDF library's wheel comes after it,
    and an export asked for meanwhile waits for it instead of failing."""
    held = []
    page.route("**/fpdf2-*.whl", lambda route: held.append(route))
    page.goto(url("kutsu"))
    wait_python_ready(page)
    fill(page, "kutsu", FIXTURES["MINIMAL"]["kutsu"])
    wait_until(page, "() => true")
    assert len(held) == 1, "the PDF library's wheel was not requested after ready"
    button = form_locator(page, "kutsu").locator(f'button{hook("export", "pdf")}:not({hook("letter")})')
    with page.expect_download(timeout=90_000) as info:
        button.click()
        page.wait_for_timeout(500)  # the request waits in the worker meanwhile
        held[0].continue_()
    path = tmp_path / "kutsu.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")


def search_results(page, query: str) -> int:
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    return page.locator(".md-search-result__item").count()


@pytest.mark.parametrize("reader_first", [False, True])
def test_material_script_waits_for_python_or_the_reader(page, reader_first):
    """On a form page Material's own script (search, header, palette) and the web app manifest
    do not compete with Python's boot: they come once Python has started, or at once when the
    reader reaches for the page first; either way the page looks the same meanwhile and search
    then works."""
    release = []
    page.route("**/pyodide.asm.wasm", lambda route: release.append(route))
    page.goto(url("kutsu"))
    wait_until(page, "() => Boolean(document.querySelector('.site-notice'))")   # site.mjs has run
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.component$") == "undefined"             # Material's global
    assert page.evaluate("document.documentElement.className.split(' ')") == ["js"]  # its CSS as with it
    assert page.locator(".md-search__input").is_visible()
    assert page.locator('link[rel="manifest"]').count() == 0
    if reader_first:
        assert search_results(page, "muistio") > 0
        assert page.evaluate("a => document.documentElement.getAttribute(a)", attribute("python")) == "loading"
    for route in release:
        route.continue_()
    wait_python_ready(page)
    wait_until(page, "() => typeof window.component$ === 'object'")
    assert page.locator('link[rel="manifest"]').get_attribute("href") == "../../manifest.webmanifest"
    if not reader_first:
        assert search_results(page, "muistio") > 0


def test_rows_can_be_removed_and_renumber(page):
    page.goto(url("kutsu"))
    fill(page, "kutsu", {"invitees": [{"name": "A"}, {"name": "B"}, {"name": "C"}]})
    form = form_locator(page, "kutsu")
    rows = f'{hook("rows", "invitees")} > {hook("row")}'
    form.locator(rows).nth(1).locator(hook("remove_row")).click()
    names = [r["name"] for r in read_state(page, "kutsu")["invitees"]]
    assert names == ["A", "C"]
    assert form.locator(rows).nth(1).locator("legend").inner_text().endswith("2")
    assert page.evaluate("document.activeElement.name") == "invitees.1.name"


def test_handbook_pages_load_no_python(page):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    for path in ["", "kokouksessa/", "liitteet/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "pyodide" in u or "python-" in u or "form-ui" in u]


def _print_text(page, tmp_path) -> str:
    page.emulate_media(media="print")
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")
    return subprocess.run([shutil.which("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_blank_form_prints_as_a_paper_form(page, tmp_path):
    page.goto(url("kutsu"))
    text = _print_text(page, tmp_path)
    flat = " ".join(text.split())
    # rows become an empty table to write in, with the row fields as its columns
    assert "Läheinen vai" in flat and "Miten kutsutaan" in flat and "Postiosoite" in flat
    assert "Kutsuttava 1" not in flat
    assert "Asiakkaan etunimi" in flat and "Päivämäärä" in flat
    assert "Kaikkien kutsuttujen osallistuminen on meille tärkeää." in flat
    for hidden in ["Lataa PDF", "Tyhjennä lomake", "Vain etunimi", "Kävimme asiakkaan kanssa läpi"]:
        assert hidden not in text, hidden


def test_filled_form_prints_as_a_clean_document(page, tmp_path):
    page.goto(url("kutsu"))
    fill(page, "kutsu", FIXTURES["FULL"]["kutsu"])
    text = " ".join(_print_text(page, tmp_path).split())
    assert "Matti Meikäläinen" in text and "Aino" in text
    for hidden in ["Lataa PDF", "☐ Läheinen", "Vain etunimi"]:
        assert hidden not in text, hidden


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_errors_shown_are_accessible(page, axe, form_id, scheme):
    """An empty form exported: every required field in error, summary focused, axe still clean."""
    page.emulate_media(color_scheme=scheme)
    page.goto(url(form_id))
    wait_python_ready(page)
    form = form_locator(page, form_id)
    form.locator(f'button{hook("export", "pdf")}:not({hook("letter")})').click()
    summary = form.locator(hook("error_summary"))
    summary.wait_for(state="visible")
    assert page.evaluate("s => document.activeElement.matches(s)", hook("error_summary"))
    required = form.locator("[aria-required='true']:not(template *)").count()
    assert form.locator("[aria-invalid='true']").count() >= min(required, 3)
    assert axe() == []
