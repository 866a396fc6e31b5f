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
from html import escape

from forms.feedback.summary import Group, Summary, role_label
from forms.language import Messages
from forms.model import SCALE_VALUES, FormDef


#: The scale's colours, 1 (red) to 5 (the site's green), in the charts and the PDF's bars.
SCALE_COLOURS = ("#b3261e", "#e8875a", "#c9c9c9", "#6aa99f", "#00695c")
#: One colour per statement in the trend chart (page and PDF), told apart also in grey print.
TREND_COLOURS = ("#00695c", "#b3261e", "#1f5fbf", "#e8875a", "#6a3d9a", "#8c6d1f", "#444444", "#2e9fd4")


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

def _table(form: FormDef, g: Group, caption: str) -> str:
    m = form.messages
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns(form))
    body = "".join("<tr>" + f'<th scope="row">{escape(r[0])}</th>'
                   + "".join(f"<td>{escape(number(x, m))}</td>" for x in r[1:]) + "</tr>" for r in rows(g, m))
    return (f'{_scroller(caption)}<table class="summary-figures" data-summary-table data-group="{escape(g.key, quote=True)}">'
            f"<caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def _scroller(caption: str) -> str:
    """A wide table scrolls sideways on a phone: its box can be reached and scrolled by keyboard."""
    return f'<div class="summary-table" tabindex="0" role="region" aria-label="{escape(caption, quote=True)}">'


def _chart(svg, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8") if isinstance(svg, str) else svg).decode("ascii")
    return f'<img class="summary-chart" src="data:image/svg+xml;base64,{data}" alt="{escape(alt, quote=True)}">'


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


def _svg_img(svg: str, cls: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="{cls}" src="data:image/svg+xml;base64,{data}" alt="">'


def _swatch(colour: str) -> str:
    return _svg_img(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" '
                    f'fill="{colour}"/></svg>', "summary-swatch")


def legend_html(items: list[tuple[str, str]]) -> str:
    """A chart's legend as text beside colour swatches: it wraps on any screen, never cut."""
    return ('<ul class="summary-legend">' + "".join(f"<li>{_swatch(c)}{escape(words)}</li>" for words, c in items)
            + "</ul>")


def distribution_html(form: FormDef, g: Group) -> str:
    """Each statement's answers 1–5 as one stacked bar (per cent of its answers) under the
    statement's words, which wrap like any text: readable on a phone as on a laptop. The bars are
    drawings without words (their figures are in the table after them)."""
    m = form.messages
    rows = []
    for st in g.statements:
        x, rects = 0.0, []
        for v, colour in zip(SCALE_VALUES, SCALE_COLOURS):
            share = 100 * st.counts[v] / st.n if st.n else 0
            if share:
                rects.append(f'<rect x="{x:.2f}" width="{share:.2f}" height="10" fill="{colour}"/>')
            x += share
        bar = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" preserveAspectRatio="none">'
               '<rect width="100" height="10" fill="#f2f2f2"/>' + "".join(rects) + "</svg>")
        rows.append(f'<li><span class="summary-bar-label">{escape(st.label)}</span>{_svg_img(bar, "summary-bar")}</li>')
    legend = [(f"{v} {m(f'{form.id}.scale.labels.{v}')}", c) for v, c in zip(SCALE_VALUES, SCALE_COLOURS)]
    return (f'<figure class="summary-bars" data-summary-chart="distribution"><figcaption>{escape(m("feedback.summary.chart_title"))}'
            f'</figcaption><ul class="summary-bar-rows">{"".join(rows)}</ul>{legend_html(legend)}</figure>')


def trend_chart(form: FormDef, summary: Summary) -> bytes:
    """Each statement's mean, period by period."""
    pygal = _pygal()
    from pygal.style import Style

    style = Style(background="white", plot_background="white", foreground="#222", font_family="sans-serif",
                  colors=TREND_COLOURS, label_font_size=18, major_label_font_size=18, stroke_width=3)
    # The legend is the page's own text under the chart (legend_html): whole on any screen. A
    # narrow drawing with large labels: a phone shrinks it less, so its labels stay readable.
    chart = pygal.Line(style=style, js=[], disable_xml_declaration=True, width=640, height=400, range=(1, 5),
                       show_legend=False, allow_interruptions=True, margin_right=44)
    chart.x_labels = [g.label for g in summary.by_period]
    for i, _ in enumerate(summary.overall.statements):
        chart.add(summary.overall.statements[i].label, [g.statements[i].mean for g in summary.by_period])
    return chart.render()


def to_html(form: FormDef, summary: Summary, charts: bool = True) -> str:
    """The summary as one block of escaped HTML (root ``[data-feedback-summary]``)."""
    m = form.messages
    out = ['<section class="feedback-summary" data-feedback-summary aria-labelledby="summary-title">',
           f'<h2 id="summary-title">{escape(m("feedback.summary.title"))}</h2>',
           f'<p class="summary-total">{escape(m.plural("feedback.summary.respondents", summary.respondents))}</p>']
    role_field = form.field("role")
    roles = "".join(f"<tr><th scope=\"row\">{escape(role_label(form, c.value))}</th><td>{summary.roles[c.value]}</td></tr>"
                    for c in role_field.choices)
    if summary.no_role:  # the rows always add up to the total
        roles += f'<tr><th scope="row">{escape(m("feedback.summary.no_role"))}</th><td>{summary.no_role}</td></tr>'
    out.append(f'{_scroller(m("feedback.summary.roles"))}<table class="summary-figures" data-summary-table data-group="roles"><caption>'
               f'{escape(m("feedback.summary.roles"))}</caption><thead><tr><th scope="col">{escape(role_field.label)}</th>'
               f'<th scope="col">{escape(m("feedback.col.respondents"))}</th></tr></thead><tbody>{roles}</tbody></table></div>')
    if summary.small_roles:
        out.append(f'<p class="summary-note">{escape(m("feedback.summary.small", roles=", ".join(summary.small_roles)))}</p>')
    if summary.respondents == 0:
        out.append("</section>")
        return "".join(out)
    out.append(f'<h3>{escape(m("feedback.summary.statements"))}</h3>')
    if charts:
        out.append(distribution_html(form, summary.overall))
    out.append(_table(form, summary.overall, m("feedback.summary.all_caption", n=summary.respondents)))
    for g in summary.by_role:
        out.append(_table(form, g, m("feedback.summary.role_caption", role=g.label, n=g.respondents)))
    if summary.periods_hidden:
        out.append(f'<p class="summary-note">{escape(m("feedback.summary.periods_hidden"))}</p>')
    if summary.by_period:
        out.append(f'<h3>{escape(m(f"feedback.summary.by_{summary.period}"))}</h3>')
        if charts and len(summary.by_period) > 1:
            out.append('<figure class="summary-trend" data-summary-chart="trend">'
                       + _chart(trend_chart(form, summary), m("feedback.summary.trend_alt"))
                       + legend_html([(st.label, c) for st, c in zip(summary.overall.statements, TREND_COLOURS)])
                       + "</figure>")
        for g in summary.by_period:
            out.append(_table(form, g, m("feedback.summary.period_caption", period=g.label, n=g.respondents)))
    out.append(f'<h3>{escape(m("feedback.summary.free_text"))}</h3>')
    out += [f'<p class="summary-note" data-free-text-note>{escape(note)}</p>' for note in free_text_notes(summary, m)]
    for question, answers in summary.free_text:
        if summary.free_text_left_out:
            break
        out.append(f"<h4>{escape(question)}</h4>")
        if answers:
            out.append('<ul class="summary-free">' + "".join(f"<li>{escape(a)}</li>" for a in answers) + "</ul>")
        else:
            out.append(f'<p>{escape(m("feedback.summary.no_free_text"))}</p>')
    out.append("</section>")
    return "".join(out)


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
