"""A feedback summary (``summary.py``) as the page shows it and as files: HTML (tables, and
charts with their data tables), CSV that Excel opens right (UTF-8 with BOM, semicolons, the
language's decimal mark), XLSX (xlsxwriter) and PDF (the shared document model).

Charts: the distribution is the page's own text (each statement's words, wrapping on any screen)
over a small SVG bar each; the trend is pygal's (pure Python, so it runs in Pyodide; SVG out, no
JavaScript needed) with its legend as the page's text under it, so no legend is ever cut. Every
drawing is an ``<img>`` of its SVG as a data: URL, so the page's CSP (no inline styles or
scripts) holds and nothing in it can run; the figures are in the tables next to them.
"""
from __future__ import annotations

import base64
import csv
import io
import xml.etree.ElementTree as ET

from forms.feedback.summary import Group, Summary, role_label
from forms.language import Messages
from forms.model import SCALE_VALUES, FormDef
from forms.contracts import attribute
from forms.settings import theme_color


#: The scale's colours, 1 (red) to 5 (the site's colour, extra.theme_color of mkdocs.yml), in the
#: charts and the PDF's bars.
SCALE_COLOURS = ("#b3261e", "#e8875a", "#c9c9c9", "#6aa99f", theme_color())
#: One colour per statement in the trend chart (page and PDF), told apart also in grey print.
TREND_COLOURS = (theme_color(), "#b3261e", "#1f5fbf", "#e8875a", "#6a3d9a", "#8c6d1f", "#444444", "#2e9fd4")


def number(value, m: Messages) -> str:
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", m("feedback.decimal"))


def columns(form: FormDef) -> list[str]:
    """The statement table's headings: the statement, 1–5 in words, "don't know", n, mean, median."""
    m = form.messages
    scale = [m(f"{form.id}.scale.labels.{v}") for v in SCALE_VALUES]
    return [m("feedback.col.statement"), *[f"{v} {w}" for v, w in zip(SCALE_VALUES, scale)],
            m(f"{form.id}.scale.dont_know"), "n", m("feedback.col.mean"), m("feedback.col.median")]


def rows(g: Group, m: Messages) -> list[list]:
    return [[s.label, *[s.counts[v] for v in SCALE_VALUES], s.dont_know, s.n, s.mean, s.median] for s in g.statements]


def groups(summary: Summary) -> list[Group]:
    return [summary.overall, *summary.by_role, *summary.by_period]


def free_text_notes(summary: Summary, m: Messages) -> list[str]:
    """What the summary says about the free-text answers it does not show (held back by a
    chair, or not chosen by the coordinator): how many, never what."""
    notes = []
    if summary.held_back:
        notes.append(m.plural("feedback.summary.held_back", summary.held_back))
    if summary.free_text_left_out:
        notes.append(m.plural("feedback.summary.free_text_left_out", summary.free_text_left_out))
    return notes


# --- HTML ------------------------------------------------------------------------------------
# Built as ElementTree elements and written by ElementTree's HTML serialiser: every text and value
# escaped, no markup spelled in strings (the same way as forms.exports.print_html).

def _el(parent: ET.Element | None, tag: str, text: str = "", /, **attrs) -> ET.Element:
    """An element (a child of ``parent`` when given) holding ``text``; attribute names are
    written with ``-`` for ``_`` (``aria_label``), and a ``True`` value as the name alone."""
    attrib = {k.rstrip("_").replace("_", "-"): "" if v is True else str(v) for k, v in attrs.items()
              if v is not None and v is not False}
    el = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    el.text = text or None
    return el


def _table(parent: ET.Element, caption: str, group: str, head: list[str], body: list[list[str]]) -> None:
    """A table of figures, each row headed by its first cell. A wide table scrolls sideways on a
    phone: its box can be reached and scrolled by keyboard."""
    box = _el(parent, "div", class_="summary-table", tabindex="0", role="region", aria_label=caption)
    table = _el(box, "table", class_="summary-figures", **{attribute("summary_table"): True, attribute("group"): group})
    _el(table, "caption", caption)
    tr = _el(_el(table, "thead"), "tr")
    for c in head:
        _el(tr, "th", c, scope="col")
    tbody = _el(table, "tbody")
    for first, *cells in body:
        tr = _el(tbody, "tr")
        _el(tr, "th", first, scope="row")
        for c in cells:
            _el(tr, "td", c)


def _figures(parent: ET.Element, form: FormDef, g: Group, caption: str) -> None:
    m = form.messages
    _table(parent, caption, g.key, columns(form), [[r[0], *(number(x, m) for x in r[1:])] for r in rows(g, m)])


def _data_url(svg) -> str:
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _svg(view_box: str, **attrs) -> ET.Element:
    return _el(None, "svg", xmlns="http://www.w3.org/2000/svg", viewBox=view_box, **attrs)


def _drawing(parent: ET.Element, svg: ET.Element, cls: str) -> None:
    """A drawing without words (its figures are in the text or a table beside it)."""
    _el(parent, "img", class_=cls, src=_data_url(ET.tostring(svg, encoding="unicode")), alt="")


def _pygal():
    """pygal, ready to draw. It reads its CSS files by path, which fails when it is imported
    from a wheel file (a zip on sys.path, as in the browser's worker): there they are copied
    once to a real folder and pygal is pointed at it."""
    import os

    import pygal
    import pygal.svg

    if not os.path.isdir(os.path.join(os.path.dirname(pygal.svg.__file__), "css")):
        import tempfile
        from importlib import resources

        target = tempfile.mkdtemp(prefix="pygal-")
        os.mkdir(os.path.join(target, "css"))
        for name in ("base.css", "graph.css", "style.css"):
            with open(os.path.join(target, "css", name), "wb") as f:
                f.write(resources.files("pygal").joinpath("css", name).read_bytes())
        pygal.svg.__file__ = os.path.join(target, "svg.py")
    return pygal


def legend(parent: ET.Element, items: list[tuple[str, str]]) -> None:
    """A chart's legend as text beside colour swatches: it wraps on any screen, never cut."""
    ul = _el(parent, "ul", class_="summary-legend")
    for words, colour in items:
        li = _el(ul, "li")
        swatch = _svg("0 0 10 10")
        _el(swatch, "rect", width="10", height="10", fill=colour)
        _drawing(li, swatch, "summary-swatch")
        li[-1].tail = words


def distribution(parent: ET.Element, form: FormDef, g: Group) -> None:
    """Each statement's answers 1–5 as one stacked bar (per cent of its answers) under the
    statement's words, which wrap like any text: readable on a phone as on a laptop. The bars are
    drawings without words (their figures are in the table after them)."""
    m = form.messages
    figure = _el(parent, "figure", class_="summary-bars", **{attribute("summary_chart"): "distribution"})
    _el(figure, "figcaption", m("feedback.summary.chart_title"))
    ul = _el(figure, "ul", class_="summary-bar-rows")
    for st in g.statements:
        bar = _svg("0 0 100 10", preserveAspectRatio="none")
        _el(bar, "rect", width="100", height="10", fill="#f2f2f2")
        x = 0.0
        for v, colour in zip(SCALE_VALUES, SCALE_COLOURS):
            share = 100 * st.counts[v] / st.n if st.n else 0
            if share:
                _el(bar, "rect", x=f"{x:.2f}", width=f"{share:.2f}", height="10", fill=colour)
            x += share
        li = _el(ul, "li")
        _el(li, "span", st.label, class_="summary-bar-label")
        _drawing(li, bar, "summary-bar")
    legend(figure, [(f"{v} {m(f'{form.id}.scale.labels.{v}')}", c) for v, c in zip(SCALE_VALUES, SCALE_COLOURS)])


def trend_chart(form: FormDef, summary: Summary) -> bytes:
    """Each statement's mean, period by period."""
    pygal = _pygal()
    from pygal.style import Style

    style = Style(background="white", plot_background="white", foreground="#222", font_family="sans-serif",
                  colors=TREND_COLOURS, label_font_size=18, major_label_font_size=18, stroke_width=3)
    # The legend is the page's own text under the chart (legend): whole on any screen. A
    # narrow drawing with large labels: a phone shrinks it less, so its labels stay readable.
    chart = pygal.Line(style=style, js=[], disable_xml_declaration=True, width=640, height=400, range=(1, 5),
                       show_legend=False, allow_interruptions=True, margin_right=44)
    chart.x_labels = [g.label for g in summary.by_period]
    for i, _ in enumerate(summary.overall.statements):
        chart.add(summary.overall.statements[i].label, [g.statements[i].mean for g in summary.by_period])
    return chart.render()


def to_html(form: FormDef, summary: Summary, charts: bool = True) -> str:
    """The summary as one block of escaped HTML. Its root, its tables (with the group they show)
    and its charts carry the hooks ``feedback_summary``, ``summary_table``, ``group`` and
    ``summary_chart`` of forms/contracts.toml."""
    m = form.messages
    root = _el(None, "section", class_="feedback-summary", **{attribute("feedback_summary"): True},
               aria_labelledby="summary-title")
    _el(root, "h2", m("feedback.summary.title"), id="summary-title")
    _el(root, "p", m.plural("feedback.summary.respondents", summary.respondents), class_="summary-total")
    role_field = form.field("role")
    roles = [[role_label(form, c.value), str(summary.roles[c.value])] for c in role_field.choices]
    if summary.no_role:  # the rows always add up to the total
        roles.append([m("feedback.summary.no_role"), str(summary.no_role)])
    _table(root, m("feedback.summary.roles"), "roles", [role_field.label, m("feedback.col.respondents")], roles)
    if summary.small_roles:
        _el(root, "p", m("feedback.summary.small", roles=", ".join(summary.small_roles)), class_="summary-note")
    if summary.respondents:
        _statements(root, form, summary, charts)
    return ET.tostring(root, encoding="unicode", method="html")


def _statements(root: ET.Element, form: FormDef, summary: Summary, charts: bool) -> None:
    m = form.messages
    _el(root, "h3", m("feedback.summary.statements"))
    if charts:
        distribution(root, form, summary.overall)
    _figures(root, form, summary.overall, m("feedback.summary.all_caption", n=summary.respondents))
    for g in summary.by_role:
        _figures(root, form, g, m("feedback.summary.role_caption", role=g.label, n=g.respondents))
    if summary.periods_hidden:
        _el(root, "p", m("feedback.summary.periods_hidden"), class_="summary-note")
    if summary.by_period:
        _el(root, "h3", m(f"feedback.summary.by_{summary.period}"))
        if charts and len(summary.by_period) > 1:
            figure = _el(root, "figure", class_="summary-trend", **{attribute("summary_chart"): "trend"})
            _el(figure, "img", class_="summary-chart", src=_data_url(trend_chart(form, summary)),
                alt=m("feedback.summary.trend_alt"))
            legend(figure, [(st.label, c) for st, c in zip(summary.overall.statements, TREND_COLOURS)])
        for g in summary.by_period:
            _figures(root, form, g, m("feedback.summary.period_caption", period=g.label, n=g.respondents))
    _el(root, "h3", m("feedback.summary.free_text"))
    for note in free_text_notes(summary, m):
        _el(root, "p", note, class_="summary-note")
    for question, answers in summary.free_text:
        if summary.free_text_left_out:
            break
        _el(root, "h4", question)
        if answers:
            ul = _el(root, "ul", class_="summary-free")
            for a in answers:
                _el(ul, "li", a)
        else:
            _el(root, "p", m("feedback.summary.no_free_text"))


# --- CSV and XLSX ----------------------------------------------------------------------------

def _table_rows(form: FormDef, summary: Summary) -> list[list]:
    """One table: the group (all, a role, a period), its respondents, then a statement's figures."""
    m = form.messages
    head = [m("feedback.col.group"), m("feedback.col.respondents"), *columns(form)]
    out = [head]
    for g in groups(summary):
        out += [[g.label, g.respondents, *r] for r in rows(g, m)]
    return out


#: A spreadsheet reads a cell that begins with one of these as a formula (or a command).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """Text as a spreadsheet shows it and never runs it: a leading apostrophe, the usual way."""
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(form: FormDef, summary: Summary) -> bytes:
    m = form.messages
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    for row in _table_rows(form, summary):
        writer.writerow([number(x, m) if isinstance(x, (int, float)) or x is None else text_cell(x) for x in row])
    writer.writerow([])
    writer.writerow([m("feedback.col.question"), m("feedback.col.answer")])
    for note in free_text_notes(summary, m):
        writer.writerow([text_cell(note)])
    for question, answers in summary.free_text:
        for a in answers:
            writer.writerow([text_cell(question), text_cell(a)])
    # The BOM makes Excel read UTF-8 (ä, ö, Cyrillic) instead of the system's code page.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(form: FormDef, summary: Summary) -> bytes:
    import xlsxwriter

    m = form.messages
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(m("feedback.sheet.figures")[:31])
    for r, row in enumerate(_table_rows(form, summary)):
        for c, value in enumerate(row):
            if r == 0:
                sheet.write_string(r, c, str(value), bold)
            elif value is None:
                sheet.write_blank(r, c, None)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value), wrap)
    sheet.set_column(0, 0, 16)
    sheet.set_column(2, 2, 44)
    sheet.freeze_panes(1, 0)
    texts = book.add_worksheet(m("feedback.sheet.free_text")[:31])
    texts.write_string(0, 0, m("feedback.col.question"), bold)
    texts.write_string(0, 1, m("feedback.col.answer"), bold)
    r = 1
    for note in free_text_notes(summary, m):
        texts.write_string(r, 0, note, wrap)
        r += 1
    for question, answers in summary.free_text:
        for a in answers:
            texts.write_string(r, 0, question, wrap)
            texts.write_string(r, 1, a, wrap)
            r += 1
    texts.set_column(0, 0, 40)
    texts.set_column(1, 1, 80)
    book.close()
    return buf.getvalue()


def pdf_columns(form: FormDef) -> list[str]:
    """The PDF's table headings: the scale's values as numbers (their words are in the legend
    above the tables), so the statements have the width."""
    m = form.messages
    return [m("feedback.col.statement"), *SCALE_VALUES, m("feedback.col.dont_know_short"), "n",
            m("feedback.col.mean"), m("feedback.col.median")]


def to_pdf(form: FormDef, summary: Summary) -> bytes:
    from forms.exports.document import Bars, Bullets, Document, Heading, Lines, Para, Table
    from forms.exports.pdf import render_pdf

    m = form.messages
    doc = Document(title=m("feedback.summary.title"), messages=m)
    doc.blocks.append(Para(m.plural("feedback.summary.respondents", summary.respondents)))
    role_field = form.field("role")
    doc.blocks.append(Table(m("feedback.summary.roles"), [m("feedback.col.role"), m("feedback.col.respondents")],
                            [[role_label(form, c.value), str(summary.roles[c.value])] for c in role_field.choices]
                            + ([[m("feedback.summary.no_role"), str(summary.no_role)]] if summary.no_role else [])))
    if summary.small_roles:
        doc.blocks.append(Para(m("feedback.summary.small", roles=", ".join(summary.small_roles))))
    if summary.periods_hidden:
        doc.blocks.append(Para(m("feedback.summary.periods_hidden")))
    heads = pdf_columns(form)
    if summary.respondents:
        legend = [(f"{v} {m(f'{form.id}.scale.labels.{v}')}", c) for v, c in zip(SCALE_VALUES, SCALE_COLOURS)]
        doc.blocks.append(Bars(m("feedback.summary.chart_title"), [
            (s.label, [100 * s.counts[v] / s.n if s.n else 0 for v in SCALE_VALUES]) for s in summary.overall.statements],
            legend, alt=m("feedback.summary.chart_alt")))
        doc.blocks.append(Heading(m("feedback.summary.statements")))
        doc.blocks.append(Para(m("feedback.summary.pdf_scale", scale=m(f"{form.id}.scale.legend"),
                                 dont_know=m(f"{form.id}.scale.dont_know"), short=m("feedback.col.dont_know_short"))))
    for g in groups(summary) if summary.respondents else []:
        if summary.by_period and g is summary.by_period[0]:
            if len(summary.by_period) == 1:
                doc.blocks.append(Heading(m(f"feedback.summary.by_{summary.period}")))
            else:  # the trend the page shows, above the periods' tables (its title their heading)
                doc.blocks.append(Lines(m("feedback.summary.trend_title"), [p.label for p in summary.by_period],
                                        [(s.label, [p.statements[i].mean for p in summary.by_period])
                                         for i, s in enumerate(summary.overall.statements)], list(TREND_COLOURS),
                                        alt=m("feedback.summary.trend_alt")))
        caption = f"{g.label} ({m.plural('feedback.summary.respondents', g.respondents)})"
        doc.blocks.append(Table(caption, heads, [[r[0], *[number(x, m) for x in r[1:]]] for r in rows(g, m)], bare_first=True))
    doc.blocks.append(Heading(m("feedback.summary.free_text")))
    doc.blocks += [Para(note) for note in free_text_notes(summary, m)]
    for question, answers in summary.free_text:
        if summary.free_text_left_out:
            break
        doc.blocks.append(Heading(question))
        doc.blocks.append(Bullets(answers) if answers else Para(m("feedback.summary.no_free_text")))
    return render_pdf(doc)
