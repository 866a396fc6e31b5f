"""The build-time HTML is one accessible, Markdown-safe block."""
import re
from html.parser import HTMLParser

import pytest

pytest.importorskip("jinja2")  # build-time rendering (Jinja templates): not inside Pyodide

import forms
from forms.contracts import contracts
from forms.rendering import render_form
from forms.model import get_form

#: The DOM hooks' attributes (forms/contracts.toml): H["export"] is "data-export".
H = contracts().hooks


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []  # (tag, attrs dict, inside_template)
        self.depth_template = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs), self.depth_template > 0))
        if tag == "template":
            self.depth_template += 1

    def handle_endtag(self, tag):
        if tag == "template":
            self.depth_template -= 1


def parse(html):
    p = Collect()
    p.feed(html)
    return p.tags


def test_single_block_without_blank_lines(form_id):
    html = render_form(get_form(form_id))
    assert html.startswith(f'<form class="vk-form" {H["form"]}="{form_id}"')
    assert html.endswith(f'</form>\n<div class="print-area" {H["print_area"]} hidden></div>')
    assert html.count("<form") == 1
    assert all(line.strip() for line in html.split("\n"))
    assert not re.search(r"^\s{4}", html, re.M)  # no indented-code lines
    assert "{{" not in html and "{%" not in html and "{#" not in html
    assert "<h1" not in html


def test_labels_ids_and_describedby(form_id):
    tags = parse(render_form(get_form(form_id)))
    live = [(t, a) for t, a, tmpl in tags if not tmpl]
    ids = [a["id"] for t, a in live if "id" in a]
    assert len(ids) == len(set(ids)), "ids unique"
    assert all(i.startswith(form_id + "-") for i in ids)
    names = [a["name"] for t, a in live if "name" in a and a.get("type") != "radio"]
    assert len(names) == len(set(names)), "names unique"
    label_for = {a["for"] for t, a in live if t == "label"}
    for t, a in live:
        if t in ("input", "select", "textarea") and a.get("type") != "hidden":
            assert a["id"] in label_for, a
            if "name" in a and a.get("type") != "radio":
                described = a["aria-describedby"].split()
                assert f'{a["id"]}-error' in described
                assert all(d in ids for d in described)
    form = forms.get_form(form_id)
    assert any(t == "form" and "novalidate" in a and a[H["form"]] == form_id for t, a in live)
    summary = [a for t, a in live if H["error_summary"] in a]
    assert len(summary) == 1 and summary[0]["tabindex"] == "-1" and "hidden" in summary[0]
    # a named group (not an alert: focus moves to it, which is announced anyway)
    assert summary[0]["role"] == "group" and summary[0]["aria-labelledby"] == f"{form_id}-virheet-otsikko"
    for s in form.sections:
        heading = "h3" if s.export_options else "h2"  # export options sit in the actions area
        assert any(t == heading and a.get("id") == f"{form_id}-{s.id}" for t, a in live)


def test_optional_and_required_marking():
    html = render_form(get_form("kutsu"))
    assert ">Kokoontumisen tavoite (valinnainen)</label>" in html
    assert ">Asiakkaan etunimi</label>" in html
    assert "*" not in html
    tags = parse(html)
    by_name = {a.get("name"): a for t, a, tmpl in tags if not tmpl and "name" in a}
    assert by_name["client_name"]["aria-required"] == "true"
    assert "aria-required" not in by_name["aim"]
    hint = re.search(r'<label for="kutsu-date">Päivämäärä</label>\n<p class="form-hint" id="kutsu-date-hint">Esim\. 7\.3\.2027</p>\n<input ([^>]*)>', html)
    assert hint, "hint between label and input"
    attrs = hint.group(1)
    assert 'type="text"' in attrs and 'autocomplete="off"' in attrs
    # a number pad on phones: "decimal" has a separator ("," in Finnish, read as "."), "numeric" none
    assert 'inputmode="decimal"' in attrs and H["normalise"] in attrs
    for name in ("start_time", "end_time"):
        assert re.search(rf'<input [^>]*name="{name}"[^>]*inputmode="decimal"', html), name
    assert re.search(rf'<input [^>]*name="remote_link"[^>]*{H["normalise"]}', html)


def test_rows_and_template():
    html = render_form(get_form("kutsu"))
    assert html.count(f'{H["rows"]}="invitees"') == 1
    assert html.count(f'{H["row_template"]}="invitees"') == 1
    assert f'<button type="button" class="form-add-row" {H["add_row"]}="invitees">Lisää kutsuttava</button>' in html
    tags = parse(html)
    live_rows = [a for t, a, tmpl in tags if not tmpl and H["row"] in a]
    assert len(live_rows) == len([f for f in get_form("kutsu").fields() if f.is_group])  # one for each row group
    tmpl_names = [a["name"] for t, a, tmpl in tags if tmpl and "name" in a]
    assert "invitees.__i__.name" in tmpl_names
    assert all("__i__" in n for n in tmpl_names)
    assert any(tmpl and H["remove_row"] in a for t, a, tmpl in tags)
    assert 'name="invitees.0.name"' in html and 'id="kutsu-invitees-0-name"' in html
    muistio = render_form(get_form("muistio"))
    for g in ("present", "absent", "actions"):
        assert f'{H["row_template"]}="{g}"' in muistio


def test_guide_and_actions():
    html = render_form(get_form("kutsu"))
    assert re.search(r'<section class="form-section form-guide"[^>]*>\n<h2 id="kutsu-valmistelut">', html)
    # One main export and print first; the rest in one group; the worker's tools apart.
    main = html[html.index('class="form-buttons form-buttons--main"'):html.index("<details")]
    assert main.count("<button") == 2
    assert (f'<button type="button" class="form-primary" {H["export"]}="pdf" {H["export_name"]}="PDF-tiedosto">'
            'Lataa kirje (PDF)</button>') in main
    assert f'<button type="button" {H["print"]}>Tulosta kirje</button>' in main
    more = html[html.index("<details"):html.index("</details>")]
    for fmt, text in [("docx", "Lataa kirje Word-tiedostona"), ("txt", "Lataa kirje tekstinä"),
                      ("ics", "Lataa kalenteritiedosto (.ics)"), ("phone", "Lataa kutsujen muistilista (puhelut ja kirjeet)")]:
        assert re.search(rf'<button type="button" {H["export"]}="{fmt}" {H["export_name"]}="[^"]+">{re.escape(text)}</button>',
                         more)
    assert f'<a href="#" {H["export"]}="email">Avaa sähköpostiluonnos</a>' in more
    assert f'{H["print"]}="blank"' in more and 'name="calendar_details"' in more
    tools = html[html.index('<section class="form-tools"'):]
    assert (f'<button type="button" {H["export"]}="json" {H["export_name"]}="JSON-tiedosto">Tallenna tiedostoksi (JSON)'
            '</button>') in tools
    assert f'{H["clear"]}>Tyhjennä lomake</button>' in tools
    assert f'accept=".json,application/json" {H["import"]}' in tools
    assert "välilehdessä" in tools and "Tiedot pysyvät tällä laitteella" not in html
    assert f'{H["status"]} aria-live="polite"' in html
    palaute = render_form(get_form("palaute"))
    assert f'{H["export"]}="docx"' not in palaute and f'{H["export"]}="email"' not in palaute
    assert ">Työntekijälle</h3>" in palaute


def test_radio_and_scale_fieldsets():
    html = render_form(get_form("palaute"))
    assert html.count("<fieldset") == 8  # role + 7 statements
    assert html.count("<legend>") == 8
    assert html.count('value="eos"') == 7
    assert "En osaa sanoa" in html
    assert 'name="name"' not in html  # anonymous


def test_everything_escaped(monkeypatch):
    import dataclasses

    from forms import rendering as html_mod

    form = forms.get_form("palaute")
    bad = dataclasses.replace(form.sections[0].fields[0], label='<script>alert("x")</script>',
                              display_label='<script>alert("x")</script>')
    section = dataclasses.replace(form.sections[0], fields=(bad,))
    evil = dataclasses.replace(form, sections=(section,), intro="<b>&</b>", _index={})
    out = html_mod.render_form(evil)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;b&gt;&amp;&lt;/b&gt;" in out


def test_export_buttons_come_from_the_one_format_list():
    """Every format a form offers has its button, text and announced name from formats.toml."""
    from forms.model.formats import ALWAYS, formats

    for form_id in forms.FORM_IDS:
        form = forms.get_form(form_id)
        html = render_form(get_form(form_id))
        assert set(form.exports) <= set(formats()), form_id
        for fmt in form.exports + ALWAYS:
            spec = formats()[fmt]
            label = form.optional_text(f"export_labels.{fmt}") or spec.label(form.messages)
            assert f">{label}</" in html, (form_id, fmt)
            if spec.is_file:
                assert f'{H["export"]}="{fmt}" {H["export_name"]}="{spec.name(form.messages)}"' in html, (form_id, fmt)
