"""Form definitions as frozen dataclasses, loaded from ``forms/definitions/*.toml``.

The TOML files are the single source of truth for every form: sections in the order of the
meeting, fields with Finnish labels and hints, choices, length limits and the few
cross-field rules (``after``, ``not_before``, ``required_with``, ``required_if``).
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from functools import lru_cache

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
OPTIONAL_SUFFIX = " (valinnainen)"


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

    @property
    def is_group(self) -> bool:
        return self.type == "group"

    @property
    def display_label(self) -> str:
        """The label as shown on the form: optional fields end with " (valinnainen)"."""
        if self.optional and self.condition:
            return f"{self.label} ({self.condition})"
        return self.label + (OPTIONAL_SUFFIX if self.optional else "")

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
    #: Per-form button texts that replace the generic ones (``{"pdf": "Lataa kirje (PDF)"}``).
    export_labels: dict = dc_field(default_factory=dict, compare=False)
    #: Texts of the save-and-print area (see ``[actions]`` in a definition).
    actions: dict = dc_field(default_factory=dict, compare=False)
    #: The phone-call checklist (``[phone]``): title, what to say.
    phone: dict = dc_field(default_factory=dict, compare=False)
    #: Which row group holds the invitees' contacts and how they are invited (``[contacts]``).
    contacts: dict = dc_field(default_factory=dict, compare=False)
    #: The calendar event (``[calendar]``): which fields give its time, place and organiser.
    calendar: dict = dc_field(default_factory=dict, compare=False)
    #: The invitation letter's sentences (``[letter]``), for forms printed as a letter.
    letter: dict = dc_field(default_factory=dict, compare=False)
    #: The scale's words (``[scale]``): ``labels`` for 1…5 and ``dont_know``.
    scale: dict = dc_field(default_factory=dict, compare=False)
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

    def section_of(self, name: str) -> Section | None:
        for s in self.sections:
            if any(f.name == name for f in s.fields):
                return s
        return None


def scale_choices(scale: dict) -> tuple[Choice, ...]:
    """1–5 with their words ("4 = samaa mieltä") and "en osaa sanoa"."""
    labels = scale.get("labels", ())
    if len(labels) != len(SCALE_VALUES) or "dont_know" not in scale:
        raise ValueError("a form with scale fields needs [scale] labels (5) and dont_know")
    return tuple(Choice(v, f"{v} = {w}") for v, w in zip(SCALE_VALUES, labels)) + (
        Choice(DONT_KNOW, scale["dont_know"]),)


def _lookup(top: dict, path: str) -> dict:
    """``"letter.interpreters"`` → that table of the definition."""
    for key in path.split("."):
        top = top[key]
    return top


def _field(raw: dict, top: dict) -> Field:
    ftype = raw["type"]
    kw = dict(raw)
    scale = top.get("scale", {})
    if "suggestions" in raw:
        kw["suggestions"] = tuple(_lookup(top, raw["suggestions"]))
    kw["choices"] = tuple(Choice(c["value"], c["label"]) for c in raw.get("choices", ()))
    if ftype == "scale":
        kw["choices"] = scale_choices(scale)
    kw["fields"] = tuple(_field(f, top) for f in raw.get("fields", ()))
    kw["with_times"] = tuple(raw.get("with_times", ()))
    if "required_if" in raw:
        kw["required_if"] = tuple(raw["required_if"])
    kw.setdefault("max_length", DEFAULT_MAX.get(ftype, SHORT_MAX))
    if ftype == "group" and raw.get("min_rows", 0) == 0:
        kw.setdefault("optional", True)
    return Field(**kw)


def _load(form_id: str) -> FormDef:
    # Imported here, not at the top: in the browser they cost ~40 ms of the worker's start-up,
    # and the first definition is only needed at the first request (or the warm-up after it).
    import tomllib
    from importlib import resources

    text = resources.files("forms").joinpath("definitions", f"{form_id}.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    scale = raw.get("scale", {})
    sections = tuple(
        Section(
            id=s["id"], title=s["title"], intro=s.get("intro", ""), guide=s.get("guide", False),
            print_title=s.get("print_title"), export_options=s.get("export_options", False),
            fields=tuple(_field(f, raw) for f in s.get("fields", ())),
        )
        for s in raw["sections"]
    )
    return FormDef(
        id=raw["id"], version=int(raw["version"]), title=raw["title"], noun=raw["noun"],
        intro=raw.get("intro", ""), print_intro=raw.get("print_intro", ""),
        date_field=raw.get("date_field", ""), exports=tuple(raw["exports"]),
        main_export=raw.get("main_export", raw["exports"][0]),
        unique_file_names=raw.get("unique_file_names", False),
        export_labels=raw.get("export_labels", {}), actions=raw.get("actions", {}),
        phone=raw.get("phone", {}), contacts=raw.get("contacts", {}), calendar=raw.get("calendar", {}), letter=raw.get("letter", {}),
        scale=scale, sections=sections,
    )


@lru_cache(maxsize=None)
def get_form(form_id: str) -> FormDef:
    """Return the definition of ``form_id`` (one of :data:`FORM_IDS`); KeyError otherwise."""
    if form_id not in FORM_IDS:
        raise KeyError(form_id)
    return _load(form_id)
