"""Build-time HTML of a form: ``render_form(form) -> str``, in the language of the resolved form
(its ``messages``).

The markup is in Jinja templates (``macros/templates/forms/``), which receive the resolved form,
its translation function ``t`` and what this module decides (ids, input attributes, which buttons
where). Rendering runs at build time only, where Jinja is installed; the worker never imports this
package. The result is one block of HTML with no blank lines (Markdown would end a raw-HTML block
at a blank line), meant to be inserted into a Markdown page by a MkDocs macro; the page supplies
the ``h1``. Everything is escaped (the templates autoescape).

Conventions the browser script relies on. The hooks are named by their ids in
``forms/contracts.toml`` (the templates write them as ``hooks.<id>``, this module with
``attribute(id)``, the page scripts find them with ``hook(id)``); ``<tag>[id=value]`` below is a
tag carrying a hook with that value, ``<tag>[id]`` one carrying it bare.

* ``form[form=kutsu]`` (``novalidate``); an empty error summary ``div[error_summary]``
  (``tabindex="-1"``, ``hidden``) at the top.
* Each field sits in ``div.form-field``: ``<label for>``, hint ``p#<id>-hint``, the input, error
  ``p#<id>-error`` (empty, ``hidden``); ``aria-describedby`` names both. Hook ``label`` holds the
  label without "(valinnainen)" (the room's shared screen, the feedback review); ``unprinted``
  marks a detail no paper shows. Ids are ``<form>-<name>`` (rows: ``<form>-<group>-<i>-<sub>``),
  so they are unique per page.
* Radio and scale fields are ``fieldset``s with a ``legend``; sections are ``section``s with an
  ``h2`` whose id is ``<form>-<section id>``.
* Row groups: ``div[group=group]`` around ``div[rows=group]`` holding one ``fieldset[row=i]`` per
  row, a ``template[row_template=group]`` in which ``__i__`` stands for the 0-based row index and
  ``__n__`` for the 1-based row number, ``button[add_row=group]`` and per-row
  ``button[remove_row=group]``. Rows must stay numbered 0…n-1 (renumber after removal).
* Guide sections (the kutsu's preparation checklist) have class ``form-guide``: not printed.
  Export-option sections (what goes into a calendar file) sit inside the "other formats" group,
  except the one holding the form's ``language_field``, which stands before the main buttons.
* Date and time inputs have ``inputmode="decimal"`` (a phone's number pad; its "," is read as
  "."); inputs whose canonical text Python may rewrite carry ``normalise``.
* A section with a follow-up: ``a[to_invitation][target=<form>]`` (the memo's next invitation).
* Actions: the form's main export first (``button[export=<main>]``, with ``export_name``) and
  ``button[print]`` (prints the document: the letter, the memo); the other formats inside
  ``details.form-more`` (``button[export=fmt]``, ``a[export=email]``, ``button[print=blank]``
  for the blank paper form); the worker's tools in ``section.form-tools`` (JSON save,
  ``input[type=file][import]``, ``button[clear]``); status ``div[status]``; the print area
  ``div[print_area]`` after the form.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from forms.contracts import attribute
from forms.language import Messages
from forms.model import Field, FormDef, Section
from forms.model.formats import formats

#: The save-and-print area's texts: ``actions.<key>`` in the catalogue, or the form's own
#: ``<form>.actions.<key>`` where it has one.
ACTION_TEXTS = ("title", "hint", "more", "tools_title", "draft", "confidential", "import",
                "import_hint", "clear")
INPUT_TYPES = {"text": "text", "email": "email", "tel": "tel", "url": "url", "date": "text", "time": "text"}
#: Rows of the blank paper form's table for writing a group's rows by hand.
BLANK_PRINT_ROWS = 5


def render(template: str, **context) -> str:
    """One template of ``macros/templates/`` as a Markdown-safe block (build time only)."""
    from macros.render import render_block

    return render_block(template, **context)


def ids(form_id: str, name: str) -> str:
    """``group.__i__.sub`` → ``kutsu-group-__i__-sub``: the one home of the id scheme."""
    return f"{form_id}-{name.replace('.', '-')}"


@dataclass(frozen=True)
class FieldView:
    """What the field template needs to know about one field at one name."""
    field: Field
    name: str
    id: str
    hint: str
    control: dict = dc_field(default_factory=dict)  # the input's, select's or textarea's attributes

    @property
    def described(self) -> str:
        return (f"{self.id}-hint " if self.hint else "") + f"{self.id}-error"

    @property
    def required(self) -> str | None:
        return None if self.field.optional else "true"


def field_view(form_id: str, f: Field, name: str, m: Messages, row: bool = False) -> FieldView:
    fid = ids(form_id, name)
    hint = f.hint
    if f.type in ("date", "time") and not hint:
        hint = m("field.example", example=m(f"field.{f.type}_example"))
    view = FieldView(f, name, fid, hint)
    if f.type in ("radio", "scale", "checkbox"):
        return view
    common = {"id": fid, "name": name, "aria-describedby": view.described, "aria-required": view.required,
              "autocomplete": f.autocomplete or "off"}
    if f.type == "textarea":
        control = {"rows": 3 if row else 5, **common}
    elif f.type == "select":
        control = common
    else:
        extra = {}
        if f.type in ("date", "time"):
            # "decimal", not "numeric": iOS's numeric keypad has no separator at all; the decimal
            # pad has "," (Finnish) or ".", and both are read (forms.language.dates).
            # A language that writes the month's name ("15 December 2026") needs a wider box.
            wide = f.type == "date" and "{month}" in m("date.format")
            extra = {"size": (18 if wide else 10) if f.type == "date" else 8, "inputmode": "decimal",
                     attribute("normalise"): True}
            common["autocomplete"] = "off"
        if f.type == "url":
            extra[attribute("normalise")] = True
        if f.suggestions:
            extra["list"] = f"{fid}-list"
        if f.type == "text" and f.max_length <= 60:
            extra["size"] = 30
        control = {"type": INPUT_TYPES[f.type], "value": f.default or None,
                   "spellcheck": "false" if f.type in ("email", "url", "tel") else None, **common, **extra}
    return FieldView(f, name, fid, hint, control)


@dataclass(frozen=True)
class Button:
    """A format's button (its text from formats.toml, or the form's own), with the name the page
    announces when the file is ready (hook ``export_name``); e-mail is a link (a mailto draft)."""
    label: str
    attrs: dict
    link: bool = False


def button(form: FormDef, fmt: str, primary: bool = False) -> Button:
    spec = formats()[fmt]
    label = form.optional_text(f"export_labels.{fmt}") or spec.label(form.messages)
    cls = "form-primary" if primary else None
    if spec.link:
        return Button(label, {"href": "#", attribute("export"): fmt, "class": cls}, link=True)
    if spec.printed:  # the document is the print hook's default: the bare attribute
        return Button(label, {"type": "button", "class": cls,
                              attribute("print"): spec.printed == "document" or spec.printed})
    return Button(label, {"type": "button", "class": cls, attribute("export"): fmt,
                          attribute("export_name"): spec.name(form.messages)})


@dataclass(frozen=True)
class Actions:
    """The save-and-print area: one main export and print; the rest in one group; the worker's
    tools (save to a file, open, clear) in a section of their own."""
    text: dict
    main_options: list[Section]
    main: list[Button]
    more: list[Button]
    more_options: list[Section]
    json: Button | None


def actions(form: FormDef) -> Actions:
    text = {k: form.optional_text(f"actions.{k}") or form.messages(f"actions.{k}") for k in ACTION_TEXTS}
    # The language of every export (the form's `language_field`) stands before the main buttons,
    # in view: it changes the PDF and the print too. Other options sit with the other formats.
    main_options = [s for s in form.sections if s.export_options and form.language_field
                    and any(f.name == form.language_field for f in s.fields)]
    others = [fmt for fmt in form.exports if fmt not in (form.main_export, "json")]
    return Actions(
        text=text,
        main_options=main_options,
        main=[button(form, form.main_export, primary=True), button(form, "print")],
        more=[*(button(form, fmt) for fmt in others), button(form, "blank")],
        more_options=[s for s in form.sections if s.export_options and s not in main_options],
        json=button(form, "json") if "json" in form.exports else None,
    )


def render_form(form: FormDef, href=None, questions_only: bool = False) -> str:
    """The accessible HTML ``<form>`` of the resolved ``form`` as one Markdown-safe block.
    ``href(form_id)`` (from the page) gives the link to another form's page; without it the
    follow-up links are left out. ``questions_only``: without the file and print buttons (the
    feedback's respondent's words in another language, ``forms/rendering/feedback.py``)."""
    m = form.messages
    return render(
        "forms/form.html", form=form, t=m, href=href, questions_only=questions_only,
        sections=[s for s in form.sections if not s.export_options],  # the rest: with the exports
        field=lambda f, name, row=False: field_view(form.id, f, name, m, row),
        ids=ids, blank_rows=BLANK_PRINT_ROWS,
        actions=None if questions_only else actions(form),
    )

