"""Build-time HTML of a form: ``render_form(form) -> str`` (standard library only), in the
language of the resolved form (its ``messages``).

The result is one block of HTML with no blank lines (Markdown would end a raw-HTML block at a
blank line), meant to be inserted into a Markdown page by a MkDocs macro; the page supplies the
``h1``. Everything is escaped with :func:`html.escape`.

Conventions the browser script relies on:

* ``<form data-form="kutsu" novalidate>``; an empty error summary ``div[data-error-summary]``
  (``tabindex="-1"``, ``hidden``) at the top.
* Each field sits in ``div.form-field[data-field=name]``: ``<label for>``, hint ``p#<id>-hint``,
  the input, error ``p#<id>-error`` (empty, ``hidden``); ``aria-describedby`` names both.
  Ids are ``<form>-<name>`` (rows: ``<form>-<group>-<i>-<sub>``), so they are unique per page.
* Radio and scale fields are ``fieldset``s with a ``legend``; sections are ``section``s with an
  ``h2`` whose id is ``<form>-<section id>``.
* Row groups: ``div[data-rows=group]`` holding one ``fieldset[data-row]`` per row, a
  ``template[data-row-template=group]`` in which ``__i__`` stands for the 0-based row index and
  ``__n__`` for the 1-based row number, ``button[data-add-row=group]`` and per-row
  ``button[data-remove-row=group]``. Rows must stay numbered 0…n-1 (renumber after removal).
* Guide sections (the kutsu's preparation checklist) have class ``form-guide``: not printed.
  Export-option sections (what goes into a calendar file) sit inside the "other formats" group.
* Date and time inputs have ``inputmode="decimal"`` (a phone's number pad; its "," is read as
  "."); inputs whose canonical text Python may rewrite carry ``data-normalise``.
* Actions: the form's main export first (``button[data-export=<main>]``) and
  ``button[data-print]`` (prints the document: the letter, the memo); the other formats inside
  ``details.form-more`` (``button[data-export=fmt]``, ``a[data-export=email]``,
  ``button[data-print=blank]`` for the blank paper form); the worker's tools in
  ``section.form-tools`` (JSON save, ``input[type=file][data-import]``, ``button[data-clear]``);
  status ``div[data-status]``; the print area ``div[data-print-area]`` after the form's fields.
"""
from __future__ import annotations

from html import escape

from forms.model.formats import formats
from forms.language import Messages
from forms.model import Field, FormDef, Section

#: The save-and-print area's texts: ``actions.<key>`` in the catalogue, or the form's own
#: ``<form>.actions.<key>`` where it has one.
ACTION_TEXTS = ("title", "hint", "more", "tools_title", "draft", "confidential", "import",
                "import_hint", "clear")
INPUT_TYPES = {"text": "text", "email": "email", "tel": "tel", "url": "url", "date": "text", "time": "text"}


def _a(value) -> str:
    return escape(str(value), quote=True)


def _attrs(**kw) -> str:
    out = []
    for k, v in kw.items():
        if v is None or v is False:
            continue
        name = k.rstrip("_").replace("_", "-")
        out.append(f" {name}" if v is True else f' {name}="{_a(v)}"')
    return "".join(out)


def _ids(form_id: str, name: str) -> str:
    """``group.__i__.sub`` → ``kutsu-group-__i__-sub``."""
    return f"{form_id}-{name.replace('.', '-')}"


def _hint_and_error(fid: str, hint: str) -> tuple[list[str], list[str], str]:
    before = [f'<p class="form-hint" id="{fid}-hint">{escape(hint)}</p>'] if hint else []
    after = [f'<p class="form-error" id="{fid}-error" hidden></p>']
    described = (f"{fid}-hint " if hint else "") + f"{fid}-error"
    return before, after, described


def _field(form_id: str, f: Field, name: str, m: Messages, row: bool = False) -> list[str]:
    fid = _ids(form_id, name)
    label = escape(f.display_label)
    required = None if f.optional else "true"
    hint = f.hint
    if f.type in ("date", "time") and not hint:
        hint = m("field.example", example=m(f"field.{f.type}_example"))
    before, after, described = _hint_and_error(fid, hint)
    cls = f"form-field form-field-{f.type}"
    # data-label: the label without "(valinnainen)", for the room's shared screen (meeting-screen.mjs);
    # data-unprinted: a worker's detail that no paper shows (contacts, options): nor does the room's screen.
    out = [f'<div class="{cls}"{_attrs(data_field=name, data_label=f.label, data_unprinted=not f.print)}>']
    if f.type in ("radio", "scale"):
        out.append(f'<fieldset{_attrs(id=fid, aria_describedby=described, aria_required=required, role="radiogroup")}>')
        out.append(f"<legend>{label}</legend>")
        out += before + after
        # Scale choices carry their words ("4 = samaa mieltä"): clear on screen, on paper and
        # to a screen reader alike.
        out.append(f'<div class="form-choices form-choices--{f.type}">')
        for i, c in enumerate(f.choices):
            cid = f"{fid}-{i}"
            out.append(f'<div class="form-choice"><input{_attrs(type="radio", id=cid, name=name, value=c.value)}>'
                       f'<label for="{cid}">{escape(c.label)}</label></div>')
        out.append("</div></fieldset></div>")
        return out
    if f.type == "checkbox":
        out.append(f'<input{_attrs(type="checkbox", id=fid, name=name, value="on", aria_describedby=described, aria_required=required)}>')
        out.append(f'<label for="{fid}">{label}</label>')
        out += before + after
        out.append("</div>")
        return out
    out.append(f'<label for="{fid}">{label}</label>')
    out += before
    common = dict(id=fid, name=name, aria_describedby=described, aria_required=required,
                  autocomplete=f.autocomplete or "off")
    if f.type == "textarea":
        rows = 3 if row else 5
        # Newlines inside the default would be lines in the Markdown block: use &#10;.
        default = escape(f.default).replace("\n", "&#10;")
        out.append(f"<textarea{_attrs(rows=rows, **common)}>{default}</textarea>")
    elif f.type == "select":
        out.append(f"<select{_attrs(**common)}>")
        if not f.default:
            out.append(f'<option value="">{escape(m("field.choose"))}</option>')
        out += [f'<option value="{_a(c.value)}"{" selected" if c.value == f.default else ""}>{escape(c.label)}</option>'
                for c in f.choices]
        out.append("</select>")
        # Paper: a blank printed form shows the choices as boxes to tick by hand.
        out.append('<span class="form-print-choices" aria-hidden="true">'
                   + " ".join(f"☐ {escape(c.label)}" for c in f.choices) + "</span>")
    else:
        extra = {}
        if f.type in ("date", "time"):
            # "decimal", not "numeric": iOS's numeric keypad has no separator at all; the decimal
            # pad has "," (Finnish) or ".", and both are read (forms.language.dates).
            # A language that writes the month's name ("15 December 2026") needs a wider box.
            wide = f.type == "date" and "{month}" in m("date.format")
            extra = dict(size=(18 if wide else 10) if f.type == "date" else 8, inputmode="decimal",
                         data_normalise=True)
            common["autocomplete"] = "off"
        if f.type == "url":
            extra["data_normalise"] = True
        if f.suggestions:
            extra["list"] = f"{fid}-list"
        if f.type == "text" and f.max_length <= 60:
            extra["size"] = 30
        out.append(f"<input{_attrs(type=INPUT_TYPES[f.type], value=f.default or None, spellcheck='false' if f.type in ('email', 'url', 'tel') else None, **common, **extra)}>")
        if f.suggestions:
            out.append(f'<datalist id="{fid}-list">'
                       + "".join(f'<option value="{_a(v)}"></option>' for v in f.suggestions) + "</datalist>")
    out += after
    out.append("</div>")
    return out


def _row(form_id: str, g: Field, index: str, number: str, m: Messages) -> list[str]:
    out = [f'<fieldset class="form-row"{_attrs(data_row=index)}>',
           f"<legend>{escape(g.row_label)} {escape(number)}</legend>"]
    for s in g.fields:
        out += _field(form_id, s, f"{g.name}.{index}.{s.name}", m, row=True)
    out.append(f'<button type="button" class="form-remove-row"{_attrs(data_remove_row=g.name)}>'
               f"{escape(g.remove_label)} {escape(number)}</button>")
    out.append("</fieldset>")
    return out


BLANK_PRINT_ROWS = 5


def _print_blank_rows(g: Field) -> list[str]:
    """Paper only: a table with room to write rows by hand (shown when the form is blank)."""
    columns = [s for s in g.fields if s.blank]
    head = "".join(f"<th>{escape(s.label)}</th>" for s in columns)
    cells = "".join("<td></td>" for _ in columns)
    body = "".join(f"<tr>{cells}</tr>" for _ in range(BLANK_PRINT_ROWS))
    return [f'<table class="form-print-blank" aria-hidden="true"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"]


def _group(form_id: str, g: Field, m: Messages) -> list[str]:
    gid = _ids(form_id, g.name)
    out = [f'<div class="form-group"{_attrs(data_group=g.name, id=gid)}>',
           f'<h3 id="{gid}-title">{escape(g.display_label)}</h3>']
    if g.hint:
        out.append(f'<p class="form-hint">{escape(g.hint)}</p>')
    out.append(f'<div class="form-rows"{_attrs(data_rows=g.name)}>')
    out += _row(form_id, g, "0", "1", m)
    out.append("</div>")
    out.append(f'<template{_attrs(data_row_template=g.name)}>')
    out += _row(form_id, g, "__i__", "__n__", m)
    out.append("</template>")
    out.append(f'<button type="button" class="form-add-row"{_attrs(data_add_row=g.name)}>{escape(g.add_label)}</button>')
    out += _print_blank_rows(g)
    out.append("</div>")
    return out


def _button(form: FormDef, fmt: str, primary: bool = False) -> str:
    """A format's button (its text from formats.toml, or the form's own), with the name the
    page announces when the file is ready (``data-export-name``)."""
    spec = formats()[fmt]
    label = escape(form.optional_text(f"export_labels.{fmt}") or spec.label(form.messages))
    cls = ' class="form-primary"' if primary else ""
    if fmt == "email":
        return f'<a href="#" data-export="email"{cls}>{label}</a>'
    if fmt in ("print", "blank"):
        return f'<button type="button"{cls}{_attrs(data_print="blank" if fmt == "blank" else True)}>{label}</button>'
    return f'<button type="button"{cls}{_attrs(data_export=fmt, data_export_name=spec.name(form.messages))}>{label}</button>'


def _export_options(form: FormDef, s: Section) -> list[str]:
    """A section of choices that apply to the exports (a calendar file's details, a language)."""
    out = [f'<div class="form-export-options"{_attrs(aria_labelledby=f"{form.id}-{s.id}")}>',
           f'<h3 id="{form.id}-{s.id}">{escape(s.title)}</h3>']
    for f in s.fields:
        out += _field(form.id, f, f.name, form.messages)
    out.append("</div>")
    return out


def _actions(form: FormDef) -> list[str]:
    """The save-and-print area: one main export and print; the rest in one group; the worker's
    tools (save to a file, open, clear) in a section of their own."""
    text = {k: form.optional_text(f"actions.{k}") or form.messages(f"actions.{k}") for k in ACTION_TEXTS}
    out = ['<div class="form-actions">', f'<h2 id="{form.id}-tallenna">{escape(text["title"])}</h2>']
    if text["hint"]:
        out.append(f'<p class="form-hint">{escape(text["hint"])}</p>')
    # The language of every export (the form's `language_field`) stands before the main buttons,
    # in view: it changes the PDF and the print too. Other options sit with the other formats.
    main_options = [s for s in form.sections if s.export_options and form.language_field
                    and any(f.name == form.language_field for f in s.fields)]
    for s in main_options:
        out += _export_options(form, s)
    out.append('<div class="form-buttons form-buttons--main">')
    out.append(_button(form, form.main_export, primary=True))
    out.append(_button(form, "print"))
    out.append("</div>")
    others = [fmt for fmt in form.exports if fmt not in (form.main_export, "json")]
    out.append(f'<details class="form-more"><summary>{escape(text["more"])}</summary>')
    out.append('<div class="form-buttons">')
    out += [_button(form, fmt) for fmt in others]
    out.append(_button(form, "blank"))
    out.append("</div>")
    for s in form.sections:
        if s.export_options and s not in main_options:
            out += _export_options(form, s)
    out.append("</details>")
    out.append('<div class="form-status" data-status aria-live="polite"></div>')
    tid = f"{form.id}-tyokalut"
    out.append(f'<section class="form-tools"{_attrs(aria_labelledby=tid)}>')
    out.append(f'<h3 id="{tid}">{escape(text["tools_title"])}</h3>')
    out.append(f'<p class="form-hint">{escape(text["draft"])} {escape(text["confidential"])}</p>')
    if "json" in form.exports:
        out.append(f'<div class="form-buttons">{_button(form, "json")}</div>')
    iid = f"{form.id}-import"
    out.append('<div class="form-import">')
    out.append(f'<label for="{iid}">{escape(text["import"])}</label>')
    out.append(f'<p class="form-hint" id="{iid}-hint">{escape(text["import_hint"])}</p>')
    out.append(f'<input{_attrs(type="file", id=iid, accept=".json,application/json", data_import=True, aria_describedby=f"{iid}-hint")}>')
    out.append("</div>")
    out.append(f'<button type="button" class="form-clear" data-clear>{escape(text["clear"])}</button>')
    out.append("</section>")
    out.append("</div>")
    return out


def _followup(form: FormDef, target: str, href) -> list[str]:
    """The link that carries this section's answers into a new ``target`` form (the page does
    the carrying in Python and opens the target's page filled; ``a[data-to-invitation]``)."""
    return ['<div class="form-followup">',
            f'<a class="form-followup__link" href="{_a(href(target))}" data-to-invitation data-target="{_a(target)}">'
            f'{escape(form.text(f"followup.{target}.label"))}</a>',
            f'<p class="form-hint">{escape(form.text(f"followup.{target}.hint"))}</p>',
            "</div>"]


def render_form(form: FormDef, href=None, questions_only: bool = False) -> str:
    """The accessible HTML ``<form>`` of the resolved ``form`` as one Markdown-safe block.
    ``href(form_id)`` (from the page) gives the link to another form's page; without it the
    follow-up links are left out. ``questions_only``: without the file and print buttons (the
    feedback's respondent's words in another language, ``forms/rendering/feedback.py``)."""
    m = form.messages
    out = [f'<form class="vk-form"{_attrs(data_form=form.id, id=f"{form.id}-form", novalidate=True, lang=form.lang)}>',
           f'<div class="form-error-summary"{_attrs(data_error_summary=True, tabindex="-1", id=f"{form.id}-virheet", role="group", aria_labelledby=f"{form.id}-virheet-otsikko")} hidden></div>']
    if form.intro:
        out.append(f'<p class="form-intro">{escape(form.intro)}</p>')
    out.append(f'<p class="form-hint">{escape(m("form.required_note"))}</p>')
    for s in form.sections:
        if s.export_options:
            continue  # rendered with the exports (_actions)
        sid = f"{form.id}-{s.id}"
        cls = "form-section form-guide" if s.guide else "form-section"
        out.append(f'<section class="{cls}"{_attrs(aria_labelledby=sid)}>')
        out.append(f'<h2 id="{sid}">{escape(s.title)}</h2>')
        if s.intro:
            out.append(f'<p class="form-section-intro">{escape(s.intro)}</p>')
        for f in s.fields:
            out += _group(form.id, f, m) if f.is_group else _field(form.id, f, f.name, m)
        if s.followup and href:
            out += _followup(form, s.followup, href)
        out.append("</section>")
    if questions_only:
        return "\n".join(line for line in [*out, "</form>"] if line.strip())
    out += _actions(form)
    out.append("</form>")
    # Filled by the page with the printable document just before it prints (see form-ui.mjs).
    out.append('<div class="print-area" data-print-area hidden></div>')
    return "\n".join(line for line in out if line.strip())
