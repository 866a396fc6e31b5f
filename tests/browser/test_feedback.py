"""Feedback in real Chromium: five respondents pass one device round, a reload keeps every
answer, only the chair's code ends the round, the chair holds free text back before the summary
(nowhere after: page, CSV, XLSX, PDF, bundle), "done" empties the form at once and loses no tap;
the meeting's summary has the right figures and exports; the coordinator's page reads a mix of
good, duplicate and hostile files; axe in both schemes and every language."""

from __future__ import annotations

import csv
import io
import json

import pytest

from forms.api import handle
from forms.contracts import attribute, contracts, hook
from forms.language import site_languages
from scripts.form_driver import FIXTURES, PYTHON_TIMEOUT_MS, open_in_scheme, wait_python_ready, wait_until
from tests.support.browser import axe_violations as _axe

STATEMENTS = ["safe", "heard", "future", "what_next", "who_does", "useful", "overall"]
ROLES = ["asiakas", "laheinen", "tyontekija", "tyontekija", "tyontekija"]
COLLECT_KEY = contracts().storage["COLLECT_KEY"]
CODE = "kuusi6"
PALAUTE = f"form{hook('form', 'palaute')}"
CHAIR_CODE = f"input{hook('chair_code')}"
SUMMARY = hook("feedback_summary")
#: Every table of figures in the summary: all respondents' (group ""), a role's, a period's.
FIGURES = f"table{hook('summary_table')}"


def wait_summary(page, says: str = "") -> None:
    """Until the summary is on the page (holding ``says``): Python writes it."""
    wait_until(page, "([s, text]) => document.querySelector(s)?.textContent.includes(text) ?? false", [SUMMARY, says],
               timeout_ms=PYTHON_TIMEOUT_MS)


def start_round(page, code: str = CODE) -> None:
    page.fill(CHAIR_CODE, code)
    page.click(hook("collect_start"))


def open_chair(page, code: str = CODE) -> None:
    page.fill(CHAIR_CODE, code)
    page.click(hook("chair_open"))
    page.locator(hook("chair_actions")).wait_for(state="visible")


def show_summary(page, hold_back: tuple[str, ...] = ()) -> None:
    """The chair ends the round: reads the free text alone (holding back the answers that
    contain any of ``hold_back``), then the summary."""
    page.click(hook("show_summary"))
    wait_until(page, "([review, summary]) => !document.querySelector(review).hidden || document.querySelector(summary)",
               [hook("review"), SUMMARY], timeout_ms=PYTHON_TIMEOUT_MS)
    if page.locator(hook("review")).is_visible():
        for item in page.locator(f"{hook('review')} li").all():
            if any(text in item.inner_text() for text in hold_back):
                item.locator(f"input[type=checkbox]{hook('hold_back')}").check()
        page.click(f"button{hook('review_done')}")
    wait_summary(page)


def prefix(code: str) -> str:
    return "" if code == site_languages()[0] else f"{code}/"


def answer_on_page(page, i: int, role: str, text: str | None = None) -> None:
    page.check(f'{PALAUTE} [name="role"][value="{role}"]')
    for name in STATEMENTS:
        page.check(f'{PALAUTE} [name="{name}"][value="{i + 1}"]')
    page.fill(f'{PALAUTE} [name="helped"]', f"Salainen vastaus {i}" if text is None else text)
    page.click(hook("collect_next"))
    wait_until(page, "([count, n]) => document.querySelector(count).textContent.includes(String(n))",
               [hook("collected_count"), i + 1], timeout_ms=PYTHON_TIMEOUT_MS)


def download(page, button, tmp_path):
    with page.expect_download(timeout=PYTHON_TIMEOUT_MS) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_five_respondents_pass_the_device_round(page, tmp_path):
    page.on("dialog", lambda d: d.accept())
    page.goto("lomakkeet/palaute/")
    wait_python_ready(page)
    start_round(page)
    assert page.locator(f"{PALAUTE} .form-actions").is_hidden(), "no single-answer files while collecting"
    for i, role in enumerate(ROLES[:3]):
        answer_on_page(page, i, role)
        # The next respondent sees an empty form and nothing of the earlier answers.
        assert page.input_value('[name="helped"]') == ""
        assert "Salainen vastaus" not in page.content()
    page.reload()
    wait_python_ready(page)
    assert "3" in page.locator(hook("collected_count")).inner_text(), "a reload loses no answer"
    assert page.locator(hook("show_summary")).is_hidden(), "a reload asks for the chair's code again"
    for i, role in list(enumerate(ROLES))[3:]:
        answer_on_page(page, i, role)
        assert "Salainen vastaus" not in page.content()
    assert len(json.loads(page.evaluate("k => sessionStorage.getItem(k)", COLLECT_KEY))["answers"]) == 5

    # Leaving with answers not yet in a file asks first.
    assert page.evaluate("() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; }")
    open_chair(page)
    show_summary(page)  # the chair reads the free text first; ends the collecting
    assert page.locator(hook("collect_next")).is_hidden() and page.locator(hook("collect_resume")).is_visible()
    summary = page.locator(SUMMARY)
    assert "5 vastaajaa" in summary.inner_text()
    # Answers 1..5 to every statement: n 5, mean 3, median 3; workers (3) broken out, the others not.
    first = summary.locator(f"{FIGURES}{hook('group', '')} tbody tr").first
    cells = first.locator("td").all_inner_texts()
    assert cells == ["1", "1", "1", "1", "1", "0", "5", "3", "3"]
    # One client and one close one: no role is broken out (workers' figures would give theirs).
    assert summary.locator(f"{FIGURES}{hook('group', 'tyontekija')}").count() == 0
    assert "alle kolme" in summary.inner_text()
    assert "Salainen vastaus 4" in summary.inner_text(), "the free text, grouped by question, in the summary"

    exports = page.locator(f"{hook('collect')} {hook('summary_exports')}")
    rows = [r for r in csv.reader(io.StringIO(download(page, exports.locator(hook("export", "csv")), tmp_path)
                                              .read_text("utf-8-sig")), delimiter=";") if r]
    assert rows[1][:2] == ["Kaikki", "5"] and rows[1][-2:] == ["3", "3"]
    bundle = json.loads(download(page, exports.locator(hook("export", "json")), tmp_path).read_text("utf-8"))
    assert bundle["schema"] == "verkostokokous-palautteet" and len(bundle["answers"]) == 5
    assert len({a["id"] for a in bundle["answers"]}) == 5
    assert download(page, exports.locator(hook("export", "xlsx")), tmp_path).read_bytes()[:2] == b"PK"
    assert download(page, exports.locator(hook("export", "pdf")), tmp_path).read_bytes()[:5] == b"%PDF-"

    assert not page.evaluate("() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented; }"), \
        "saved as a file: leaving loses nothing"
    page.click(hook("collect_clear"))
    assert COLLECT_KEY not in page.evaluate("Object.keys(sessionStorage)")


def _kept(page) -> dict:
    return json.loads(page.evaluate("k => sessionStorage.getItem(k)", COLLECT_KEY) or "null")


def test_a_respondent_cannot_see_or_delete_earlier_answers_without_the_code(page):
    page.on("dialog", lambda d: d.accept())
    page.goto("lomakkeet/palaute/")
    wait_python_ready(page)
    page.click(hook("collect_start"))
    assert page.locator(hook("chair_error")).is_visible(), "no round without the chair's code"
    assert page.locator(hook("collect_done")).is_hidden()
    start_round(page)
    for i, role in enumerate(ROLES[:2]):
        answer_on_page(page, i, role)
    before = _kept(page)
    assert len(before["answers"]) == 2 and CODE not in json.dumps(before), "the code is not beside the answers"
    # The next respondent: wrong codes (also one that differs only in case or a space) open nothing.
    for attempt in ("", "väärä", CODE.upper(), CODE + " ", " " + CODE):
        page.fill(CHAIR_CODE, attempt)
        page.click(hook("chair_open"))
        assert page.locator(hook("chair_actions")).is_hidden(), attempt
        assert page.locator(hook("chair_error")).is_visible()
    # ... and presses every button the page shows them, and the keys that might do something.
    for _ in range(2):
        for button in page.locator("main button:visible").all():
            try:
                button.click(timeout=2_000)
            except Exception:  # noqa: BLE001 - a button that went away meanwhile
                pass
            page.keyboard.press("Escape")
    for key in ("Enter", "Escape", "Control+s", "Control+p"):
        page.keyboard.press(key)
    page.wait_for_timeout(500)
    assert "Salainen vastaus" not in page.content(), "no earlier answer on the screen"
    assert page.locator(SUMMARY).count() == 0 and page.locator(hook("review")).is_hidden()
    after = _kept(page)
    assert [a["data"]["helped"] for a in after["answers"]] == [a["data"]["helped"] for a in before["answers"]], \
        "nothing deleted"
    assert not after.get("ended")
    # The chair, with the code, can.
    open_chair(page)
    assert page.locator(hook("collect_clear")).is_visible() and page.locator(hook("show_summary")).is_visible()
    page.click(hook("chair_lock"))
    assert page.locator(hook("chair_actions")).is_hidden()


def test_the_chairs_held_back_answer_is_nowhere(page, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from tests.support.exported_files import pdf_text

    secret = "Ystäväni masennus ja pikavippi"
    page.on("dialog", lambda d: d.accept())
    page.goto("lomakkeet/palaute/")
    wait_python_ready(page)
    start_round(page)
    for i, (role, text) in enumerate(zip(ROLES[2:], [secret, "Kahvi auttoi.", ""])):
        answer_on_page(page, i, role, text)
    open_chair(page)
    show_summary(page, hold_back=(secret,))
    assert page.locator(hook("review")).is_hidden()
    summary = page.locator(SUMMARY).inner_text()
    assert "Kahvi auttoi." in summary and "3 vastaajaa" in summary
    assert "jätti 1 avoimen vastauksen pois" in " ".join(summary.split())
    assert secret not in page.content() and secret not in json.dumps(_kept(page)), "the page and the tab's storage"
    exports = page.locator(f"{hook('collect')} {hook('summary_exports')}")
    texts = {}
    texts["csv"] = download(page, exports.locator(hook("export", "csv")), tmp_path).read_text("utf-8-sig")
    book = openpyxl.load_workbook(download(page, exports.locator(hook("export", "xlsx")), tmp_path))
    texts["xlsx"] = "\n".join(str(c) for sh in book.worksheets for r in sh.iter_rows(values_only=True) for c in r if c)
    texts["pdf"] = " ".join(pdf_text(download(page, exports.locator(hook("export", "pdf")), tmp_path).read_bytes()).split())
    texts["json"] = download(page, exports.locator(hook("export", "json")), tmp_path).read_text("utf-8")
    for fmt, text in texts.items():
        assert secret not in text, fmt
        assert "Kahvi auttoi." in text, fmt
    for fmt in ("csv", "xlsx", "pdf"):
        assert "jätti 1 avoimen vastauksen pois" in texts[fmt], fmt
    assert json.loads(texts["json"])["held_back"] == 1


def test_done_empties_the_form_at_once_and_the_next_tap_is_kept(page):
    page.on("dialog", lambda d: d.accept())
    page.goto("lomakkeet/palaute/")
    wait_python_ready(page)
    start_round(page)
    page.check(f'{PALAUTE} [name="role"][value="asiakas"]')
    for name in STATEMENTS:
        page.check(f'{PALAUTE} [name="{name}"][value="4"]')
    page.fill(f'{PALAUTE} [name="helped"]', "Ensimmäinen")
    # Pressed, and the next person taps at once, in the same task as the press.
    took = page.evaluate("""([palaute, next]) => {
        const form = document.querySelector(palaute);
        const t0 = performance.now();
        document.querySelector(next).click();
        const emptied = !form.querySelector('input:checked') && form.querySelector('[name=helped]').value === '';
        const took = performance.now() - t0;
        form.querySelector('[name=role][value=laheinen]').click();
        return emptied ? took : -1;
    }""", [PALAUTE, hook("collect_next")])
    assert 0 <= took <= 500, took
    page.fill(f'{PALAUTE} [name="helped"]', "Toinen alkoi heti")
    page.wait_for_timeout(1_500)  # Python's check of the first answer comes back meanwhile
    assert page.is_checked(f'{PALAUTE} [name="role"][value="laheinen"]'), "the tap is not lost"
    assert page.input_value(f'{PALAUTE} [name="helped"]') == "Toinen alkoi heti"
    kept = _kept(page)
    assert len(kept["answers"]) == 1 and kept["answers"][0]["data"]["helped"] == "Ensimmäinen"
    assert "1" in page.locator(f"{PALAUTE} > .form-notice, {hook('collected_count')}").first.inner_text()


def test_the_chairs_code_works_with_enter_and_the_start_notice_leaves_with_the_first_answer(page):
    from forms.language import messages

    words = messages("fi")
    page.goto("lomakkeet/palaute/")
    wait_python_ready(page)
    page.fill(CHAIR_CODE, CODE)
    page.press(CHAIR_CODE, "Enter")  # starts the round, as the button does
    page.locator(hook("collect_panel")).wait_for(state="visible")
    status = f"{hook('collect')} {hook('summary_status')}"
    wait_until(page, "([s, text]) => document.querySelector(s).textContent === text",
               [status, words("js.collect.started")])
    page.check(f'{PALAUTE} [name="role"][value="asiakas"]')
    wait_until(page, "s => document.querySelector(s).textContent === ''", status)
    # An empty code asks for the code rather than saying it is wrong.
    page.press(CHAIR_CODE, "Enter")
    assert page.locator(hook("chair_error")).inner_text() == words("js.chair.empty")
    page.fill(CHAIR_CODE, CODE)
    page.press(CHAIR_CODE, "Enter")
    page.locator(hook("chair_actions")).wait_for(state="visible")


def test_respondents_answer_in_ukrainian_and_somali_and_one_summary_counts_them(page):
    from forms.language import messages

    page.on("dialog", lambda d: d.accept())
    page.goto("lomakkeet/palaute/")
    wait_python_ready(page)
    start_round(page)
    form = page.locator(PALAUTE)
    # The language choice is labelled in every language offered.
    label = page.locator(f"label[for={page.get_attribute(hook('respondent_language'), 'id')}]").inner_text()
    assert all(messages(c)("feedback.respondent_language.label") in label for c in ("fi", "sv", "en", "uk", "so"))
    legend = form.locator("fieldset#palaute-role > legend")
    finnish = legend.inner_text()
    for i, code in enumerate(["uk", "so"]):
        words = messages(code)
        page.select_option(hook("respondent_language"), code)
        assert form.get_attribute("lang") == code
        assert legend.inner_text() == words("palaute.field.role.label")
        assert page.locator(hook("collect_next")).inner_text() == words("feedback.collect.next")
        page.check(f'{PALAUTE} [name="role"][value="laheinen"]')
        page.click(hook("collect_next"))  # not finished: the check speaks their language
        error = form.locator("#palaute-safe-error")
        error.wait_for(state="visible", timeout=PYTHON_TIMEOUT_MS)
        assert error.inner_text().endswith(words("palaute.field.safe.required_message"))
        answer_on_page(page, i, "laheinen", text=f"{code} vastaus")
        # "Answer kept, hand the device on" is said to them in their language.
        notice = form.locator(":scope > .form-notice")
        assert notice.get_attribute("lang") == code
        assert notice.inner_text() == words("js.collect.saved", n=i + 1)
        # The next person starts in the page's language.
        assert form.get_attribute("lang") == "fi" and legend.inner_text() == finnish
        assert page.input_value(hook("respondent_language")) == "fi"
    answer_on_page(page, 2, "laheinen", text="fi vastaus")
    open_chair(page)
    show_summary(page)
    summary = page.locator(SUMMARY)
    assert "3 vastaajaa" in summary.inner_text(), "one summary counts every language"
    roles = dict(r.split("\t") for r in summary.locator(f"table{hook('group', 'roles')} tbody tr").all_inner_texts())
    assert roles["Läheinen"] == "3"
    assert summary.locator("h2").first.inner_text() == "Palautteiden yhteenveto", "the summary in the chair's language"


def _file(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _with(data: bytes, **values) -> bytes:
    """A saved answer changed by hand: a value the form does not have, and a new id."""
    doc = json.loads(data)
    doc["data"].update(values)
    doc["id"] = "kasin" + "".join(values.values()).ljust(12, "x")
    return json.dumps(doc).encode()


def coordinator_files(tmp_path):
    good = []
    for i, role in enumerate(["asiakas", "tyontekija", "tyontekija", "tyontekija"]):
        state = dict(FIXTURES["FULL"]["palaute"], role=role, safe=str(i + 2))
        saved = handle({"op": "export", "form": "palaute", "lang": "fi", "format": "json", "state": state})["file"]["data"]
        good.append(_file(tmp_path, f"vastaus-{i}.json", saved))
    items = [{"id": f"nippu-{i:04d}", "saved": "2027-04-02T12:00:00+00:00",
              "data": dict(FIXTURES["FULL"]["palaute"], role="laheinen", safe="5", meeting_date="2.4.2027")} for i in range(3)]
    bundle = handle({"op": "feedback", "lang": "fi", "answers": items, "format": "json"})["file"]["data"]
    good.append(_file(tmp_path, "kokous.json", bundle))
    hostile = [
        _file(tmp_path, "kuva.json", bytes(range(256)) * 8),
        _file(tmp_path, "teksti.json", b"tama ei ole jsonia"),
        _file(tmp_path, "syva.json", b"[" * 50_000 + b"]" * 50_000),
        _file(tmp_path, "muistio.json", handle({"op": "export", "form": "muistio", "lang": "fi", "format": "json",
                                                "state": FIXTURES["FULL"]["muistio"]})["file"]["data"]),
        _file(tmp_path, "uudempi.json", json.dumps({"schema": "verkostokokous-lomake", "form": "palaute", "version": 7,
                                                    "lang": "fi", "data": {}}).encode()),
        _file(tmp_path, "katkennut.json", good[1].read_bytes()[:-40]),
        _file(tmp_path, "admin.json", _with(good[2].read_bytes(), role="admin")),
        _file(tmp_path, "yhdeksan.json", _with(good[3].read_bytes(), safe="9")),
        _file(tmp_path, "valtava.json", b" " * 5_000_001),
    ]
    duplicates = [_file(tmp_path, "kopio.json", good[0].read_bytes()), _file(tmp_path, "kokous-kopio.json", bundle)]
    return good, hostile, duplicates


def test_coordinator_reads_good_duplicate_and_hostile_files(page, tmp_path):
    good, hostile, duplicates = coordinator_files(tmp_path)
    page.goto("lomakkeet/yhteenveto/")
    wait_python_ready(page)
    page.set_input_files(hook("summary_files"), [*good, *hostile, *duplicates])
    wait_summary(page)
    summary = page.locator(SUMMARY)
    assert "7 vastaajaa" in summary.inner_text()
    rejected = page.locator(f"{hook('rejected_list')} li").all_inner_texts()
    assert sorted(r.split(":")[0] for r in rejected) == sorted(p.name for p in hostile)
    reasons = dict(r.split(": ", 1) for r in rejected)
    assert "muistio" in reasons["muistio.json"] and "uudemmalla" in reasons["uudempi.json"]
    assert "syvä" in reasons["syva.json"] and "JSON" in reasons["kuva.json"]
    assert "kesken" in reasons["katkennut.json"] and "liian suuri" in reasons["valtava.json"]
    assert "admin" in reasons["admin.json"] and "9" in reasons["yhdeksan.json"], "never counted"
    # Free text only when the coordinator ticks it; until then only how many.
    assert "Иван" not in summary.inner_text() and "jätetty pois" in summary.inner_text()
    page.check(hook("summary_free_text"))
    wait_summary(page, "Иван")
    assert page.locator(hook("duplicates")).get_attribute(attribute("duplicates")) == "4"
    # safe: 2, 3, 4, 5 from the single answers, 5, 5, 5 from the bundle: n 7, mean 4,14, median 5.
    first = summary.locator(f"{FIGURES}{hook('group', '')} tbody tr").first.locator("td").all_inner_texts()
    assert first[6:] == ["7", "4,14", "5"]
    assert summary.locator(f"table{hook('group', 'tyontekija')}").count() == 0, "one client: no role broken out"
    # A late file is added to the ones already read, not put in their place.
    late = handle({"op": "export", "form": "palaute", "lang": "fi", "format": "json",
                   "state": dict(FIXTURES["FULL"]["palaute"], role="asiakas")})["file"]["data"]
    page.set_input_files(hook("summary_files"), _file(tmp_path, "myohassa.json", late))
    wait_summary(page, "8 vastaajaa")
    assert summary.locator("img.summary-chart").count() >= 1
    page.check("#summary-period-quarter")
    wait_until(page, "s => document.querySelector(s).textContent.includes('Q2')", SUMMARY)


@pytest.mark.parametrize("code", site_languages())
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_feedback_pages_pass_axe(page, tmp_path, code, scheme):
    page.on("dialog", lambda d: d.accept())
    good, hostile, duplicates = coordinator_files(tmp_path)
    open_in_scheme(page, f"{prefix(code)}lomakkeet/yhteenveto/", scheme)
    wait_python_ready(page)
    page.set_input_files(hook("summary_files"), [*good, *hostile[:2], *duplicates])
    wait_summary(page)
    assert _axe(page) == []
    open_in_scheme(page, f"{prefix(code)}lomakkeet/palaute/", scheme)
    wait_python_ready(page)
    start_round(page)
    answer_on_page(page, 0, "asiakas")
    open_chair(page)
    page.click(hook("show_summary"))
    page.locator(hook("review")).wait_for(state="visible")
    assert _axe(page) == [], "the chair's review"
    page.click(f"button{hook('review_done')}")
    wait_summary(page)
    assert _axe(page) == []
