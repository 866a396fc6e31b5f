"""Form definitions as frozen dataclasses: the structure from ``forms/definitions/*.toml``, the
words from a language's catalogue (``forms/language/``).

The TOML files are the single source of truth for every form's structure: sections in the order
of the meeting, fields, choices' values, length limits and the few cross-field rules (``after``,
``not_before``, ``required_with``, ``required_if``). Each text a definition has (a label, a hint,
a choice's words, an error message of its own) is in the catalogues under an id made from its
place: ``<form>.field.<name>.label``, ``<form>.field.<group>.<name>.hint``,
``<form>.field.<name>.choice.<value>``, ``<form>.section.<id>.title``, ``<form>.title``.
``get_form(form_id, lang)`` joins the two once; everything downstream gets that object.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from functools import lru_cache

from forms.language import Messages, UnknownLanguage, default_language, languages, messages

def _discover() -> tuple[str, ...]:
    """The forms are the definitions in ``forms/definitions/``: a new ``<id>.toml`` is a new
    form. Their names sort in the order of the meeting (kutsu, muistio, palaute)."""
    from importlib import resources

    folder = resources.files("forms").joinpath("definitions")
    return tuple(sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml")))


FORM_IDS: tuple[str, ...] = _discover()

#: Field types a definition may use.
FIELD_TYPES = frozenset(
    {"text", "textarea", "date", "time", "email", "tel", "url", "select", "radio", "checkbox",
     "scale", "group"}
)
#: Default maximum lengths when a definition gives none.
DEFAULT_MAX = {"textarea": 5000, "url": 500}
SHORT_MAX = 200
#: The feedback scale's values: 1–5 and "en osaa sanoa"; their words are in the definition.
SCALE_VALUES = ("1", "2", "3", "4", "5")
DONT_KNOW = "eos"
#: A field's texts in the catalogue (``<form>.field.<name>.<attribute>``).
FIELD_TEXTS = ("label", "hint", "example", "condition", "print_label", "required_message",
               "after_message", "not_before_message", "row_label", "add_label", "remove_label",
               "noun", "legend", "default")
SECTION_TEXTS = ("title", "intro", "print_title")
FORM_TEXTS = ("title", "noun", "intro", "print_intro")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    hint: str = ""
    optional: bool = False
    max_length: int = SHORT_MAX
    choices: tuple[Choice, ...] = ()
    default: str = ""
    noun: str = ""
    print: bool = True
    print_label: str | None = None
    required_message: str = ""
    autocomplete: str = ""
    after: str = ""
    after_message: str = ""
    not_before: str = ""
    not_before_message: str = ""
    required_with: str = ""
    required_if: tuple[str, str] | None = None
    with_times: tuple[str, ...] = ()
    #: The example a format error gives (the field's own, e.g. an end time "15.30").
    example: str = ""
    #: Shown instead of "valinnainen" when a rule can make the field required ("pakollinen, jos …").
    condition: str = ""
    #: Values offered as the user types (an HTML datalist); free text is still allowed.
    suggestions: tuple[str, ...] = ()
    # Row groups only.
    fields: tuple["Field", ...] = ()
    row_label: str = ""
    add_label: str = ""
    remove_label: str = ""
    min_rows: int = 0
    max_rows: int = 50
    #: Printed rows start with the first column's value alone (a name, what was agreed).
    bare_first: bool = True
    print_label_hidden: bool = False
    #: A column of the blank paper form's table of rows (``blank = false``: not on paper).
    blank: bool = True

    @property
    def is_group(self) -> bool:
        return self.type == "group"

    #: The label as shown on the form: an optional field's says so ("Puhelin (valinnainen)").
    display_label: str = ""

    @property
    def output_label(self) -> str:
        return self.label if self.print_label is None else self.print_label

    def choice_label(self, value: str) -> str:
        for c in self.choices:
            if c.value == value:
                return c.label
        return value

    def subfield(self, name: str) -> "Field | None":
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""
    guide: bool = False
    print_title: str | None = None
    #: Rendered beside the export buttons (e.g. what goes into a calendar file); never printed.
    export_options: bool = False
    #: A form this section's answers start (the memo's follow-up meeting → a new invitation):
    #: its page offers the carry-over (``forms/meeting/papers.py``) here.
    followup: str = ""
    id_prefix: str = dc_field(default="", compare=False, repr=False)

    @property
    def output_title(self) -> str:
        return self.print_title or self.title


@dataclass(frozen=True)
class FormDef:
    id: str
    version: int
    title: str
    noun: str
    intro: str
    sections: tuple[Section, ...]
    exports: tuple[str, ...]
    print_intro: str = ""
    date_field: str = ""
    #: One file per respondent: file names get a random part so answers never overwrite each other.
    unique_file_names: bool = False
    #: The one export offered first; the others sit under "other formats".
    main_export: str = "pdf"
    #: Which row group holds the invitees' contacts and how they are invited (``[contacts]``).
    contacts: dict = dc_field(default_factory=dict, compare=False)
    #: The calendar event (``[calendar]``): which fields give its time, place and organiser.
    calendar: dict = dc_field(default_factory=dict, compare=False)
    #: The invitation letter's data (``[letter]``); its sentences are ``<form>.letter.*`` in the
    #: catalogue of the language each letter is written in.
    letter: dict = dc_field(default_factory=dict, compare=False)
    #: Likely typos pointed out beside fields (``[warnings]``: field → checks of ``forms/warnings.toml``).
    warnings: dict = dc_field(default_factory=dict, compare=False)
    #: The field beside the export buttons that chooses the language of the record's fixed
    #: words (the memo: any letter language); see :func:`record_ids`.
    language_field: str = ""
    #: The catalogue of the page's language: the form's words and everything it says.
    messages: Messages | None = dc_field(default=None, compare=False, repr=False)
    _index: dict = dc_field(default_factory=dict, compare=False, repr=False)

    def fields(self):
        """All top-level fields (groups included) in order."""
        for s in self.sections:
            yield from s.fields

    def field(self, name: str) -> Field | None:
        if not self._index:
            for f in self.fields():
                self._index[f.name] = f
        return self._index.get(name)

    @property
    def lang(self) -> str:
        return self.messages.code

    def text(self, key: str, /, **values) -> str:
        """The form's own text ``<form>.<key>`` (``export_labels.pdf``, ``actions.title``)."""
        return self.messages(f"{self.id}.{key}", **values)

    def optional_text(self, key: str) -> str:
        """Like :meth:`text`, "" when the form has no such text."""
        return self.messages.get(f"{self.id}.{key}") or ""

    def section_of(self, name: str) -> Section | None:
        for s in self.sections:
            if any(f.name == name for f in s.fields):
                return s
        return None


def scale_choices(form_id: str, m: Messages) -> tuple[Choice, ...]:
    """1–5 with their words ("4 = samaa mieltä") and "en osaa sanoa"."""
    words = m.items(f"{form_id}.scale.labels")
    if len(words) != len(SCALE_VALUES):
        raise ValueError(f"{m.code}: a form with scale fields needs {form_id}.scale.labels.1–5")
    return tuple(Choice(v, m("scale.choice", value=v, words=w)) for v, w in zip(SCALE_VALUES, words)) + (
        Choice(DONT_KNOW, m(f"{form_id}.scale.dont_know")),)


def language_choices(m: Messages) -> tuple[Choice, ...]:
    """Every language a letter can be in, named in the page's language and in its own
    ("ruotsi – Svenska"), so that an invitee can point at theirs."""
    out = []
    for code, lang in languages().items():
        name = m(f"language.{code}")
        label = name if name.casefold() == lang.name.casefold() else m("language.choice", name=name, own=lang.name)
        out.append(Choice(code, label))
    return tuple(out)


def _texts(m: Messages, prefix: str, names: tuple[str, ...]) -> dict[str, str]:
    return {n: t for n in names if (t := m.get(f"{prefix}.{n}")) is not None}


def _display_label(m: Messages, label: str, optional: bool, condition: str) -> str:
    if optional and condition:
        return m("field.label_with_condition", label=label, condition=condition)
    return m("field.label_optional", label=label) if optional else label


def _field(raw: dict, top: dict, m: Messages, prefix: str) -> Field:
    ftype = raw["type"]
    prefix = f"{prefix}.{raw['name']}"
    kw = dict(raw)
    kw.update(_texts(m, prefix, FIELD_TEXTS))
    kw["label"] = m(f"{prefix}.label")
    if "default_text" in kw:
        kw["default"] = m(f"{top['id']}.{kw.pop('default_text')}")
    if raw.get("print_label_hidden"):
        kw["print_label"] = ""
    if "suggestions" in raw:
        kw["suggestions"] = tuple(m(f"language.{code}") for code in _lookup(top, raw["suggestions"]))
    kw["choices"] = tuple(Choice(c["value"], m(f"{prefix}.choice.{c['value']}")) for c in raw.get("choices", ()))
    source = kw.pop("choices_from", None)
    if source == "languages":
        kw["choices"] = language_choices(m)
        kw.setdefault("default", m.code)
    elif source == "roles":  # the meeting's roles (forms/phases.toml), as the chair's view names them
        from forms.meeting import ROLES

        kw["choices"] = tuple(Choice(r, m(f"meeting.role_choice.{r}")) for r in ROLES)
    if ftype == "scale":
        kw["choices"] = scale_choices(top["id"], m)
    kw["fields"] = tuple(_field(f, top, m, prefix) for f in raw.get("fields", ()))
    kw["with_times"] = tuple(raw.get("with_times", ()))
    if "required_if" in raw:
        kw["required_if"] = tuple(raw["required_if"])
    kw.setdefault("max_length", DEFAULT_MAX.get(ftype, SHORT_MAX))
    if ftype == "group" and raw.get("min_rows", 0) == 0:
        kw.setdefault("optional", True)
    kw["display_label"] = _display_label(m, kw["label"], kw.get("optional", False), kw.get("condition", ""))
    return Field(**kw)


def _lookup(top: dict, path: str):
    """``"letter.interpreters"`` → that value of the definition."""
    for key in path.split("."):
        top = top[key]
    return top


@lru_cache(maxsize=None)
def _raw(form_id: str) -> dict:
    # Imported here, not at the top: in the browser they cost ~40 ms of the worker's start-up,
    # and the first definition is only needed at the first request (or the warm-up after it).
    import tomllib
    from importlib import resources

    return tomllib.loads(resources.files("forms").joinpath("definitions", f"{form_id}.toml").read_text("utf-8"))


def _load(form_id: str, m: Messages) -> FormDef:
    raw = _raw(form_id)
    fid = raw["id"]
    sections = tuple(
        Section(
            id=s["id"], guide=s.get("guide", False), export_options=s.get("export_options", False),
            followup=s.get("followup", ""),
            title=m(f"{fid}.section.{s['id']}.title"), intro=m.get(f"{fid}.section.{s['id']}.intro") or "",
            print_title=m.get(f"{fid}.section.{s['id']}.print_title"),
            fields=tuple(_field(f, raw, m, f"{fid}.field") for f in s.get("fields", ())),
        )
        for s in raw["sections"]
    )
    texts = _texts(m, fid, FORM_TEXTS)
    return FormDef(
        id=fid, version=int(raw["version"]), title=texts["title"], noun=texts["noun"],
        intro=texts.get("intro", ""), print_intro=texts.get("print_intro", ""),
        date_field=raw.get("date_field", ""), exports=tuple(raw["exports"]),
        main_export=raw.get("main_export", raw["exports"][0]),
        unique_file_names=raw.get("unique_file_names", False),
        contacts=raw.get("contacts", {}), calendar=raw.get("calendar", {}), letter=raw.get("letter", {}),
        language_field=raw.get("language_field", ""),
        warnings=raw.get("warnings", {}),
        sections=sections, messages=m,
    )


@lru_cache(maxsize=None)
def get_form(form_id: str, lang: str | None = None) -> FormDef:
    """The form ``form_id`` (one of :data:`FORM_IDS`; KeyError otherwise) in ``lang`` (a site
    language, or any language for a form its definition fills in any (:func:`fill_languages`);
    the root language without one; UnknownLanguage otherwise)."""
    if form_id not in FORM_IDS:
        raise KeyError(form_id)
    m = messages(lang or default_language())
    if not m.language.site and not _raw(form_id).get("any_language"):
        raise UnknownLanguage(m.code)
    return _load(form_id, m)


def fill_languages(form_id: str) -> tuple[str, ...]:
    """The languages ``form_id`` can be filled in: the site's, and every language of
    forms/languages.toml when its definition says ``any_language`` (the feedback form: each
    respondent in their own)."""
    from forms.language import languages, site_languages

    return tuple(languages()) if _raw(form_id).get("any_language") else tuple(site_languages())


@lru_cache(maxsize=None)
def record_ids(form_id: str) -> frozenset[str]:
    """The catalogue ids a reader of the form's record sees when its definition lets the record
    be in any letter language (``language_field``): its title, the printed sections' titles and
    the printed fields' labels and choices (each under every id it may use; the catalogue check
    keeps those Finnish has). Read from the definition alone, so the catalogue check can ask."""
    raw = _raw(form_id)
    if not raw.get("language_field"):
        return frozenset()
    fid = raw["id"]
    out = {f"{fid}.title", f"{fid}.print_intro"}

    def add(fields, prefix):
        consumed = {n for f in fields for n in f.get("with_times", ())}
        for f in fields:
            if f.get("print", True) is False or f["name"] in consumed:
                continue
            base = f"{prefix}.{f['name']}"
            out.update({f"{base}.label", f"{base}.print_label"})
            out.update(f"{base}.choice.{c['value']}" for c in f.get("choices", ()))
            add(f.get("fields", ()), base)

    for s in raw["sections"]:
        if s.get("guide") or s.get("export_options"):
            continue
        out.update({f"{fid}.section.{s['id']}.title", f"{fid}.section.{s['id']}.print_title"})
        add(s.get("fields", ()), f"{fid}.field")
    return frozenset(out)
