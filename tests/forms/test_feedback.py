"""Feedback answers read from many files and summarised (forms/feedback/): duplicates counted
once, hostile files refused with a reason, the figures equal to a plain independent computation
(Hypothesis), and the CSV, XLSX and PDF holding them. Runs in CPython and inside Pyodide."""
import csv
import io
import json
import re
import statistics
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import feedback
from forms.api import handle
from forms.contracts import attribute
from forms.exports import export
from forms.feedback import Answer, read_files
from forms.feedback.report import text_cell, to_csv, to_html, to_pdf, to_xlsx
from forms.feedback.summary import SMALL, summarise
from forms.language import messages
from forms.model import DONT_KNOW, SCALE_VALUES, get_form

FIXTURES = json.loads((Path(__file__).parent / "fixtures.json").read_text("utf-8"))
FORM = get_form("palaute")
STATEMENTS = [f.name for f in FORM.fields() if f.type == "scale"]
ROLES = [c.value for c in FORM.field("role").choices]


def answer(**values):
    return dict(FIXTURES["FULL"]["palaute"], **values)


def single(state, lang="fi"):
    return export(get_form("palaute", lang), "json", state).data


def bundle_of(states, ids=None):
    items = [{"id": (ids[i] if ids else f"answer-{i:04d}"), "saved": "2027-03-07T12:00:00+00:00", "data": s}
             for i, s in enumerate(states)]
    return feedback.bundle(FORM, items)


def test_single_answers_and_bundles_mix_and_duplicates_count_once():
    a, b = single(answer(role="asiakas")), single(answer(role="laheinen"))
    pack = bundle_of([answer(role="tyontekija"), answer(role="tyontekija", safe="1")])
    reading = read_files(FORM, [("a.json", a), ("b.json", b), ("pack.json", pack), ("a-copy.json", a),
                                ("pack-again.json", pack)])
    assert len(reading.answers) == 4 and reading.rejected == []
    assert reading.duplicates == [("a-copy.json", 1), ("pack-again.json", 2)]


def test_every_saved_answer_has_its_own_id():
    first, second = json.loads(single(answer())), json.loads(single(answer()))
    assert first["id"] != second["id"] and len(first["id"]) == 32


def test_older_files_without_an_id_are_told_apart_by_content():
    doc = json.loads(single(answer()))
    del doc["id"]
    same = json.dumps(doc).encode()
    other = json.dumps(dict(doc, saved="2027-04-01T10:00:00+00:00")).encode()
    reading = read_files(FORM, [("1.json", same), ("2.json", same), ("3.json", other)])
    assert len(reading.answers) == 2 and reading.duplicates == [("2.json", 1)]


HOSTILE = {
    "not-json.txt": b"hello, not json",
    "random.bin": bytes(range(256)) * 4,
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "memo.json": export(get_form("muistio"), "json", FIXTURES["FULL"]["muistio"]).data,
    "newer.json": json.dumps({"schema": "verkostokokous-lomake", "form": "palaute", "version": 99, "lang": "fi",
                              "data": {}}).encode(),
    "newer-bundle.json": json.dumps({"schema": feedback.BUNDLE, "version": 9, "lang": "fi", "answers": []}).encode(),
    "huge.json": b" " * 5_000_001,
    "list.json": b"[1, 2, 3]",
    "broken-bundle.json": json.dumps({"schema": feedback.BUNDLE, "version": 1, "lang": "fi", "answers": [1]}).encode(),
}


def test_hostile_files_are_listed_with_reasons_and_the_rest_still_count():
    files = [("good.json", single(answer()))] + list(HOSTILE.items())
    reading = read_files(FORM, files)
    assert len(reading.answers) == 1
    reasons = dict(reading.rejected)
    assert set(reasons) == set(HOSTILE)
    assert "JSON" in reasons["not-json.txt"] and "JSON" in reasons["random.bin"]
    assert "syvä" in reasons["deep.json"]
    assert "muistio" in reasons["memo.json"]
    assert "uudemmalla" in reasons["newer.json"] and "uudemmalla" in reasons["newer-bundle.json"]
    assert "liian suuri" in reasons["huge.json"]
    assert "vioittunut" in reasons["broken-bundle.json"]


def _raw_single(**data):
    doc = json.loads(single(answer()))
    doc["data"].update(data)
    return json.dumps(doc, ensure_ascii=False).encode()


def _outside_cases():
    """A value outside the definition for every field that has choices, from the definition."""
    cases = {}
    for f in FORM.fields():
        if f.choices:
            cases[f"{f.name}-unknown.json"] = (f, "admin" if f.name == "role" else "9")
            cases[f"{f.name}-number.json"] = (f, 5)
    return cases


def test_values_outside_the_definition_are_refused_with_the_file_and_the_field_named():
    cases = _outside_cases()
    files = [("good.json", single(answer(role="asiakas")))]
    files += [(name, _raw_single(**{f.name: value})) for name, (f, value) in cases.items()]
    files.append(("long.json", _raw_single(helped="x" * (FORM.field("helped").max_length + 1))))
    reading = read_files(FORM, files)
    assert len(reading.answers) == 1, "never counted"
    reasons = dict(reading.rejected)
    assert set(reasons) == set(cases) | {"long.json"}
    for name, (f, value) in cases.items():
        assert f.label in reasons[name] and str(value) in reasons[name], (name, reasons[name])
    summary = summarise(FORM, reading.answers)
    assert summary.respondents == sum(summary.roles.values()) + summary.no_role == 1


def test_a_bundle_keeps_its_good_answers_and_names_each_bad_one():
    items = [{"id": f"good-{i:04d}", "saved": "2027-03-07T12:00:00+00:00", "data": answer(role="tyontekija")}
             for i in range(3)]
    items.insert(1, {"id": "bad-00001", "saved": "2027-03-07T12:00:00+00:00", "data": answer(role="admin")})
    items.append({"id": "bad-00002", "saved": "2027-03-07T12:00:00+00:00", "data": answer(safe="9")})
    doc = {"schema": feedback.BUNDLE, "version": 1, "form": "palaute", "lang": "fi", "answers": items}
    reading = read_files(FORM, [("pack.json", json.dumps(doc).encode())])
    assert [a.id for a in reading.answers] == ["good-0000", "good-0001", "good-0002"]
    assert [name for name, _ in reading.rejected] == ["pack.json", "pack.json"]
    assert reading.rejected[0][1].startswith("vastaus 2:") and "admin" in reading.rejected[0][1]
    assert reading.rejected[1][1].startswith("vastaus 5:") and FORM.field("safe").label in reading.rejected[1][1]


@pytest.mark.parametrize("cut", [1, 10, 200, 0.5])
def test_a_cut_short_file_is_called_cut_short(cut):
    whole = single(answer(helped="Hyvä kokous, \"kiitos\"."))
    data = whole[: int(len(whole) * cut)] if isinstance(cut, float) else whole[:-cut]
    ((name, reason),) = read_files(FORM, [("cut.json", data)]).rejected
    assert "kesken" in reason, reason
    pack = bundle_of([answer()] * 3)
    assert "kesken" in read_files(FORM, [("p.json", pack[:-5])]).rejected[0][1]
    assert "JSON" in read_files(FORM, [("x.pdf", b"%PDF-1.7 ...")]).rejected[0][1]


def test_csv_cells_that_a_spreadsheet_would_run_are_text():
    hostile = ["=HYPERLINK(\"http://x.test\";\"klik\")", "+1+1", "-2", "@SUM(A1)", "\tkaava", "\rkaava"]
    states = [answer(helped=h) for h in hostile] + [answer(helped="Ihan tavallinen.")]
    data = to_csv(FORM, summarise(FORM, read_files(FORM, [("p.json", bundle_of(states))]).answers))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = [c for r in rows for c in r]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], "a formula left as it is"
    for h in hostile:
        shown = h.strip()  # the summary trims free text: a tab or return at the start goes there
        assert ("'" + shown if shown[0] in "=+-@" else shown) in cells, h
    assert "Ihan tavallinen." in cells
    assert [text_cell(h) for h in hostile] == ["'" + h for h in hostile]


def test_the_groups_shown_add_up_to_the_total():
    """Answers without a role are counted as a group of their own, in every table."""
    for roles, no_role in [((3, 3, 3), 3), ((3, 0, 4), 1), ((1, 0, 0), 2), ((5, 5, 5), 0)]:
        states = [answer(role=r) for r, n in zip(ROLES, roles) for _ in range(n)] + [answer(role="")] * no_role
        summary = summarise(FORM, read_files(FORM, [("p.json", bundle_of(states))]).answers)
        total = len(states)
        assert sum(summary.roles.values()) + summary.no_role == summary.respondents == total
        html = to_html(FORM, summary)
        roles_table = html.split(f'{attribute("group")}="roles"')[1].split("</table>")[0]
        assert sum(int(x) for x in re.findall(r"<td>(\d+)</td>", roles_table)) == total
        if summary.by_role:
            assert sum(g.respondents for g in summary.by_role) == total
        elif len([n for n in (*roles, no_role) if n]) > 1:
            assert "alle kolme" in html, "the page says why the groups are pooled"


# --- The figures, against a plain computation ---------------------------------------------------

ANSWER = st.fixed_dictionaries({
    "role": st.sampled_from(ROLES + [""]),
    **{name: st.sampled_from(list(SCALE_VALUES) + [DONT_KNOW, ""]) for name in STATEMENTS},
    "helped": st.sampled_from(["", "Kuunteleminen.", "  ", "Kahvi"]),
    "meeting_date": st.sampled_from(["", "7.3.2027", "15.4.2027", "1.1.2028"]),
})


def plain(states, name):
    numbers = [int(s[name]) for s in states if s.get(name) in SCALE_VALUES]
    counts = [sum(1 for s in states if s.get(name) == v) for v in SCALE_VALUES]
    return counts, len(numbers), (round(sum(numbers) / len(numbers), 2) if numbers else None), (
        statistics.median(numbers) if numbers else None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANSWER, max_size=25), st.integers(min_value=0, max_value=5), st.sampled_from(["month", "quarter"]))
def test_summary_equals_a_plain_computation(states, repeats, period):
    files = [(f"{i}.json", bundle_of([s], ids=[f"id-{i:06d}"])) for i, s in enumerate(states)]
    files += files[:repeats]  # the same answers again: counted once
    reading = read_files(FORM, files)
    summary = summarise(FORM, reading.answers, period)
    kept = [a.state for a in reading.answers]
    assert summary.respondents == len(states) == len(kept)
    assert sum(n for _, n in reading.duplicates) == min(repeats, len(states))
    for i, name in enumerate(STATEMENTS):
        got = summary.overall.statements[i]
        counts, n, mean, median = plain(kept, name)
        assert ([got.counts[v] for v in SCALE_VALUES], got.n, got.mean, got.median) == (counts, n, mean, median)
        assert got.dont_know == sum(1 for s in kept if s.get(name) == DONT_KNOW)
    sizes = [sum(1 for s in kept if s.get("role") == role) for role in ROLES]
    sizes.append(len(kept) - sum(sizes))  # answers without a role are a group too
    with_answers = [n for n in sizes if n]
    # Broken out only when no group with answers is small: else total minus the others tells it.
    split = len(with_answers) > 1 and min(with_answers) >= SMALL
    for role, n_role in zip(ROLES, sizes):
        assert summary.roles[role] == n_role
        broken_out = [g for g in summary.by_role if g.key == role]
        assert bool(broken_out) == (split and n_role > 0)
        if broken_out:
            mine = [s for s in kept if s.get("role") == role]
            assert broken_out[0].statements[0].mean == plain(mine, STATEMENTS[0])[2]
    assert sum(summary.roles.values()) + summary.no_role == len(kept)
    if summary.by_role:
        assert sum(g.respondents for g in summary.by_role) == len(kept), "the groups add up to the total"
    if summary.by_period:
        assert sum(g.respondents for g in summary.by_period) == len(kept)
        assert all(g.respondents >= SMALL for g in summary.by_period), "no period shows fewer than three"
        assert len(summary.by_period) > 1 or summary.by_period[0].key == "other"
    helped_all = dict(summary.free_text)[FORM.field("helped").label]
    assert helped_all == sorted(helped_all, key=str.casefold), "free text not in the order people answered"
    helped = dict(summary.free_text)[FORM.field("helped").label]
    assert sorted(helped) == sorted(s["helped"].strip() for s in kept if s["helped"].strip())


# --- The files ---------------------------------------------------------------------------------

def _summary():
    states = [answer(role="asiakas", safe="5"), answer(role="laheinen", safe="2", helped="Ääni kuului."),
              answer(role="tyontekija", safe="4"), answer(role="tyontekija", safe="3"),
              answer(role="tyontekija", safe=DONT_KNOW, meeting_date="2.5.2027")]
    return summarise(FORM, read_files(FORM, [("p.json", bundle_of(states))]).answers)


def test_csv_opens_in_excel_and_holds_the_figures():
    data = to_csv(FORM, _summary())
    assert data.startswith("\ufeff".encode("utf-8")), "a BOM, so Excel reads UTF-8"
    rows = [r for r in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";") if r]
    head = rows[0]
    safe = next(r for r in rows if r[0] == "Kaikki" and r[2] == FORM.field("safe").label)
    figures = dict(zip(head, safe))
    assert figures["n"] == "4" and figures["Keskiarvo"] == "3,5" and figures["Mediaani"] == "3,5"
    assert figures["En osaa sanoa"] == "1" and figures["Vastaajia"] == "5"
    assert not [r for r in rows if r[0] in ("Asiakas", "Läheinen", "Työntekijä")], \
        "one client and one close one: no role is broken out, not even the workers (subtraction)"
    assert [FORM.field("helped").label, "Ääni kuului."] in rows


def test_xlsx_opens_with_openpyxl_and_holds_the_same_figures():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(FORM, _summary())))
    sheet = book.worksheets[0]
    head = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Kaikki" and r[2] == FORM.field("safe").label)
    figures = dict(zip(head, row))
    assert (figures["n"], figures["Keskiarvo"], figures["Mediaani"], figures["Vastaajia"]) == (4, 3.5, 3.5, 5)
    texts = [r for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert any(r[1] == "Ääni kuului." for r in texts)


def test_pdf_holds_the_figures(pdf_text):
    text = pdf_text(to_pdf(FORM, _summary()))
    for expected in ("Palautteiden yhteenveto", "5 vastaajaa", "3,5", "Työntekijä", "Ääni kuului.", "alle kolme",
                     "Vastausten jakauma", "5 täysin samaa mieltä"):  # the chart and its legend
        assert expected in text, expected


def test_summary_through_the_api_with_collected_answers_and_files():
    items = [{"id": f"x{i:08d}", "saved": "2027-03-07T12:00:00+00:00", "data": answer(role="tyontekija")} for i in range(3)]
    data = single(answer(role="asiakas"))
    response = handle({"op": "feedback", "lang": "sv", "answers": items, "files": [{"name": "a.json", "size": len(data)}],
                       "data": data, "format": "json"})
    assert response["errors"] == [] and response["respondents"] == 4
    assert attribute("feedback_summary") in response["html"] and attribute("summary_table") in response["html"]
    again = read_files(FORM, [("bundle.json", response["file"]["data"])])
    assert len(again.answers) == 3, "the collected answers as one bundle, ids kept"
    assert handle({"op": "feedback", "lang": "fi", "format": "exe"})["errors"]


def test_a_files_name_has_the_readers_time_so_two_meetings_of_a_day_differ():
    items = [{"id": "x00000001", "saved": "2027-03-07T12:00:00+00:00", "data": answer()}]
    name = lambda **extra: handle({"op": "feedback", "lang": "sv", "answers": items, "format": "json", **extra})["file"]["name"]  # noqa: E731
    stem = messages("sv")("feedback.file_stem_bundle")
    assert name(now="2027-03-07T09:05") == f"{stem}-2027-03-07-0905.json"
    assert name(now="2027-03-07T14:30") == f"{stem}-2027-03-07-1430.json"
    # Without the reader's time, or with something else, the name has the date.
    assert re.fullmatch(rf"{stem}-\d{{4}}-\d\d-\d\d\.json", name(now="14.30"))
    assert re.fullmatch(rf"{stem}-\d{{4}}-\d\d-\d\d\.json", name())


# --- Free text: held back by the chair, chosen by the coordinator -------------------------------

SECRET = "Virtanen keskeytti koko ajan."


def _all_formats(request, pdf_text):
    """What each format says, as text: the page's HTML, CSV, XLSX (every cell) and PDF."""
    openpyxl = pytest.importorskip("openpyxl")
    out = {"html": handle(request)["html"]}
    for fmt in ("csv", "xlsx", "pdf", "json"):
        data = handle(dict(request, format=fmt))["file"]["data"]
        if fmt == "csv":
            out[fmt] = data.decode("utf-8-sig")
        elif fmt == "xlsx":
            book = openpyxl.load_workbook(io.BytesIO(data))
            out[fmt] = "\n".join(str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                                 for c in row if c is not None)
        elif fmt == "pdf":
            out[fmt] = pdf_text(data)
        else:
            out[fmt] = data.decode("utf-8")
    return out


def test_the_coordinator_gets_free_text_only_when_ticked(pdf_text):
    states = [answer(role="tyontekija", helped=SECRET), answer(role="tyontekija", helped="Kahvi."),
              answer(role="tyontekija", differently="")]
    data = bundle_of(states)
    request = {"op": "feedback", "lang": "fi", "files": [{"name": "p.json", "size": len(data)}], "data": data}
    texts = sum(1 for s in states for f in FORM.fields() if f.type == "textarea" and s.get(f.name, "").strip())
    without = _all_formats(dict(request, free_text=False), pdf_text)
    for fmt in ("html", "csv", "xlsx", "pdf"):
        assert SECRET not in without[fmt] and "Kahvi." not in without[fmt], fmt
        assert f"{texts} avointa vastausta on jätetty pois" in " ".join(without[fmt].split()), fmt
    ticked = _all_formats(dict(request, free_text=True), pdf_text)
    for fmt in ("html", "csv", "xlsx", "pdf"):
        assert "Kahvi." in ticked[fmt] and "jätetty pois" not in ticked[fmt], fmt


def test_a_held_back_answer_is_only_counted_in_every_format_and_the_bundle(pdf_text):
    # The page deletes the held-back text before anything is sent: what Python gets has no trace of it.
    items = [{"id": f"held{i:06d}", "saved": "2027-03-07T12:00:00+00:00", "data": answer(role="laheinen", helped=text)}
             for i, text in enumerate(["", "Kahvi.", ""])]
    request = {"op": "feedback", "lang": "fi", "answers": items, "held_back": 1}
    out = _all_formats(request, pdf_text)
    for fmt in ("html", "csv", "xlsx", "pdf"):
        assert "jätti 1 avoimen vastauksen pois" in " ".join(out[fmt].split()), fmt
        assert "Kahvi." in out[fmt]
    doc = json.loads(out["json"])
    assert doc["held_back"] == 1
    # The bundle read again (twice) by the coordinator: still one held back.
    data = out["json"].encode()
    reading = read_files(FORM, [("a.json", data), ("b.json", data)])
    assert reading.held_back == 1 and len(reading.answers) == 3
    again = handle({"op": "feedback", "lang": "fi", "files": [{"name": "a.json", "size": len(data)}], "data": data})
    assert "jätti 1 avoimen vastauksen pois" in again["html"]


def test_older_bundles_without_a_held_back_count_still_read():
    doc = json.loads(bundle_of([answer()]))
    del doc["held_back"]
    reading = read_files(FORM, [("old.json", json.dumps(doc).encode())])
    assert len(reading.answers) == 1 and reading.held_back == 0 and reading.rejected == []


# --- Every respondent in their own language ---------------------------------------------------

from forms.model import fill_languages  # noqa: E402
from forms.rendering import render_form  # noqa: E402
from forms.rendering.feedback import render_collect  # noqa: E402

MARKS = ("<h2", "<legend", "<label", 'class="form-hint"', 'class="form-intro"', 'class="form-section-intro"',
         f'{attribute("label")}=', 'name="', 'value="')


def test_the_feedback_form_is_the_same_form_in_every_language():
    """The page swaps only the words, element for element: every language's form has the same
    elements, names and values (so one summary counts every answer)."""
    pytest.importorskip("jinja2")  # build-time rendering: not inside Pyodide
    codes = fill_languages("palaute")
    assert set(codes) >= {"fi", "sv", "en", "et", "ru", "uk", "so"}
    base = render_form(get_form("palaute", "fi"), questions_only=True)
    names = re.findall(r'(?:name|value)="([^"]*)"', base)
    for code in codes:
        html = render_form(get_form("palaute", code), questions_only=True)
        assert [html.count(mark) for mark in MARKS] == [base.count(mark) for mark in MARKS], code
        assert re.findall(r'(?:name|value)="([^"]*)"', html) == names, code
        assert f'lang="{code}"' in html
    page = render_collect(get_form("palaute", "sv"))
    assert [code for code in codes if f'<template {attribute("respondent_form")} lang="{code}">' in page] == \
        [c for c in codes if c != "sv"]
    select = attribute("respondent_language")
    assert page.count(f"{select} ") + page.count(f"{select}>") == 1


@pytest.mark.parametrize("code", [c for c in fill_languages("palaute") if c not in ("fi", "sv", "en")])
def test_a_respondent_gets_the_checks_in_their_language(code):
    response = handle({"op": "validate", "form": "palaute", "lang": code, "state": {"role": "asiakas"}})
    messages_ = {e["field"]: e["message"] for e in response["errors"]}
    form = get_form("palaute", code)
    assert messages_["safe"] == form.messages("palaute.field.safe.required_message")
    assert messages_["safe"] != get_form("palaute", "fi").messages("palaute.field.safe.required_message")
    assert handle({"op": "validate", "form": "kutsu", "lang": code, "state": {}})["errors"][0]["field"] == "", \
        "only the feedback is filled in a letter language"
    # The answer's values are the same as in Finnish: a summary counts them together.
    answers = [Answer(f"a{i}", dict(answer(), role="laheinen"), None) for i in range(2)]
    assert summarise(FORM, answers).roles["laheinen"] == 2
