"""A small, format-neutral document built from a form and its state.

The PDF, DOCX, plain-text and print (HTML) renderers all render this same structure, so what is
printed, and what is left out (the worker's preparation checklist, hints, labels meant for the
worker), is decided once, here:

* :func:`build_record` – the filled form as a record (the memo, a feedback answer): every
  section with its heading, every row group as a table with its caption.
* :func:`build_letter` – the invitation as a letter to the invitee, from the sentences
  ``<form>.letter.*`` of the catalogue of the letter's language (the invitee's).
* :func:`letters` – the invitation's letters: one for each reader invited by post (with their
  name and address for a window envelope), one per language for the others.
* :func:`documents_for` – what a form prints: its record, or its letters (all of them, one, or
  the letter in one language).
* :func:`build_phone_checklist` – what to say and whom to call, with their numbers.

Builders take the resolved :class:`~forms.model.FormDef` (whose ``messages`` are the page's
language), a state that has been cleaned and normalised once at the API's edge
(:func:`forms.model.state.clean_state`, :func:`forms.validation.normalise.normalise_state`) and, for what the
invitee reads, the :class:`~forms.language.Messages` of the letter's language.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field

from forms.language import dates
from forms.language import Messages, languages, messages
from forms.model import Field, FormDef
from forms.settings import confidential_mark

CHECKED, UNCHECKED = "\u2611", "\u2610"


@dataclass
class Heading:
    text: str
    #: 1: a section; 2: a part of one (a record's text field, under its section).
    level: int = 1


@dataclass
class Para:
    text: str
    #: Never split across pages (the letter's closing and signature).
    keep: bool = False
    #: The text's language when it is not the document's (the note-taker's text, as typed).
    lang: str = ""


@dataclass
class Pairs:
    """Label–value lines. An empty label prints the value alone (see :func:`label_text`)."""
    items: list[tuple[str, str]]
    #: The values' language when it is not the document's (the worker's text quoted as typed).
    lang: str = ""


@dataclass
class Table:
    """Rows of a repeatable group. ``title`` is its caption, printed in every format."""
    title: str
    headers: list[str]
    rows: list[list[str]]
    #: The first column stands without its header (a name); else every cell is labelled.
    bare_first: bool = True
    #: The cells' language when it is not the document's (typed names and roles, as typed).
    lang: str = ""


@dataclass
class Bullets:
    """A plain list; it always follows a :class:`Heading` that says what it lists."""
    items: list[str]
    #: Each item's language when it is not the document's ("" for the document's): text the
    #: worker typed, as typed. Empty: every item in the document's language.
    langs: list[str] = field(default_factory=list)

    def lang_of(self, i: int) -> str:
        return self.langs[i] if i < len(self.langs) else ""


@dataclass
class Checklist:
    items: list[tuple[bool, str]]


@dataclass
class Bars:
    """A chart of shares: each row's parts (per cent) as one stacked bar, coloured as the legend
    says. Drawn by the PDF only (the feedback summary's report); its figures are always in a
    Table beside it, which every format has."""
    title: str
    rows: list[tuple[str, list[float]]]
    #: (words, "#rrggbb") for each part, in order
    legend: list[tuple[str, str]]
    #: What the chart shows, for a reader who cannot see it (the tagged PDF's /Alt; the title
    #: without one).
    alt: str = ""


@dataclass
class Lines:
    """A chart of values over time: each series (words, values per x label, None where there is
    no value) as one line on a scale from ``low`` to ``high``. Drawn by the PDF only (the feedback
    summary's trend); its figures are always in Tables beside it."""
    title: str
    x_labels: list[str]
    series: list[tuple[str, list[float | None]]]
    colours: list[str]
    low: float = 1
    high: float = 5
    #: What the chart shows, for a reader who cannot see it (the tagged PDF's /Alt; the title
    #: without one).
    alt: str = ""


@dataclass
class KeyFacts:
    """The letter's opening box in plain language: the few facts that matter most, the most
    important first (what, when, where, what to do by when, to whom and how). Every format
    draws it as a framed list of short label–value lines before anything else."""
    title: str
    items: list[tuple[str, str]]
    #: Each value's language when it is not the document's ("" for the document's): the place
    #: the worker typed, as typed. Empty: every value in the document's language.
    langs: list[str] = field(default_factory=list)

    def lang_of(self, i: int) -> str:
        return self.langs[i] if i < len(self.langs) else ""


@dataclass
class Aside:
    """Background the reader can do without (what a network meeting is): a heading and its
    paragraphs. A posted letter's PDF leaves it out when nothing else keeps it on one page."""
    title: str
    paragraphs: list[str]


def expanded(blocks: list) -> list:
    """The blocks with each :class:`Aside` as its :class:`Heading` and :class:`Para` s (how every
    format but the PDF prints one)."""
    out: list = []
    for b in blocks:
        out += [Heading(b.title), *(Para(x) for x in b.paragraphs)] if isinstance(b, Aside) else [b]
    return out


@dataclass
class Address:
    """A posted letter's sender and recipient, each a list of lines. The PDF and the print put
    the recipient where a C5/C4 window envelope shows it (:data:`WINDOW`), the sender above."""
    sender: list[str]
    recipient: list[str]
    #: The lines' language when it is not the document's: the worker typed them (titles,
    #: organisation, street names) in the page's language.
    lang: str = ""


#: The address field of the Finnish letter standard (SFS 2487) as a window envelope (C5, C4)
#: shows it, in millimetres from the sheet's top-left corner: the sender's lines start at
#: ``sender_top``, the recipient's at ``top``; the window is ``width`` x ``height``.
WINDOW = {"left": 20, "sender_top": 24, "top": 47, "width": 90, "height": 40}


@dataclass
class Document:
    title: str
    #: The catalogue of the document's language: its marks (confidential, page numbers).
    messages: Messages
    blocks: list = field(default_factory=list)
    #: A letter posted to one reader: their name and address for a window envelope.
    address: Address | None = None
    #: A letter: one page if it can be (the PDF makes its text a little smaller, then leaves out
    #: its asides, before it takes a second page).
    one_page: bool = False

    @property
    def lang(self) -> str:
        return self.messages.code

    @property
    def confidential(self) -> str:
        """"Salassa pidettävä (JulkL 24.1 § 25 k)": the mark with its legal basis (a setting)."""
        return confidential_mark(self.messages)

    @property
    def confidential_heading(self) -> str:
        """The mark as the top of each page prints it: "SALASSA PIDETTÄVÄ (JulkL 24.1 § 25 k)"."""
        return confidential_mark(self.messages, upper=True)


def label_text(label: str) -> str:
    """"Paikka" → "Paikka:"; a label that is a sentence or a question keeps its own mark."""
    return label if label[-1:] in ".?!:" else label + ":"


def value_below(label: str, value: str) -> bool:
    """Print the value on its own line(s): it has several, or the label is a whole sentence."""
    return "\n" in value.strip("\n") or label[-1:] in ".?!"


def _value_text(f: Field, v, m: Messages, choice=None) -> str:
    if f.type == "checkbox":
        return m("document.yes") if v else ""
    if not isinstance(v, str):
        return ""
    v = v.strip()
    if not v:
        return ""
    if f.type in ("select", "radio", "scale"):
        return choice(v) if choice else f.choice_label(v)
    return v


def _when(f: Field, state: dict, m: Messages) -> str:
    d = dates.try_date(state.get(f.name, ""))
    times = [dates.try_time(state.get(n, "")) for n in f.with_times]
    start = times[0] if times else None
    end = times[1] if len(times) > 1 else None
    return dates.format_when(d, start, end, m)


def _printed_fields(form: FormDef):
    consumed = {n for f in form.fields() for n in f.with_times}
    for section in form.sections:
        if section.guide or section.export_options:
            continue
        yield section, [f for f in section.fields if f.print and f.name not in consumed]


class RecordWords:
    """A record's fixed words (title, section headings, labels, choices) in the language of
    ``L``: the form's own catalogue ids (``<form>.field.<path>.print_label`` or ``.label``, …),
    looked up in ``L``. A form whose paper can be in any letter language (``language_field`` in
    its definition) has them in every catalogue (:func:`forms.model.record_ids`)."""

    def __init__(self, form: FormDef, L: Messages):
        self.form, self.L = form, L

    def _field_id(self, path: str) -> str:
        return f"{self.form.id}.field.{path}"

    @property
    def title(self) -> str:
        return self.L(f"{self.form.id}.title")

    @property
    def intro(self) -> str:
        return self.L.get(f"{self.form.id}.print_intro") or ""

    def section(self, s) -> str:
        base = f"{self.form.id}.section.{s.id}"
        return self.L.get(f"{base}.print_title") or self.L(f"{base}.title")

    def label(self, path: str, f: Field) -> str:
        if f.print_label == "" and f.print_label_hidden:
            return ""
        base = self._field_id(path)
        return self.L.get(f"{base}.print_label") or self.L(f"{base}.label")

    def choice(self, path: str, f: Field):
        """A choice's words: the field's own (the page's language), or its id in ``L``."""
        if self.L.code == self.form.lang:
            return f.choice_label
        return lambda value: self.L.get(f"{self._field_id(path)}.choice.{value}") or f.choice_label(value)


def _table(words: RecordWords, f: Field, rows: list[dict]) -> Table | None:
    """A row group as a table: its printed columns that hold anything, with their headers."""
    subs = [s for s in f.fields if s.print]
    cells = [[_value_text(s, row.get(s.name, ""), words.L, words.choice(f"{f.name}.{s.name}", s)) for s in subs]
             for row in rows]
    cells = [r for r in cells if any(c.strip() for c in r)]
    if not cells:
        return None
    keep = [i for i in range(len(subs)) if any(r[i].strip() for r in cells)]
    return Table(words.label(f.name, f), [words.label(f"{f.name}.{subs[i].name}", subs[i]) for i in keep],
                 [[r[i] for i in keep] for r in cells], f.bare_first)


def record_language(form: FormDef, st: dict) -> Messages:
    """The language of the record chosen beside the export buttons (``language_field``), else
    the page's. The state was checked at the API's edge, so the code is a known one."""
    code = st.get(form.language_field) if form.language_field else ""
    return messages(code) if code else form.messages


def build_record(form: FormDef, st: dict, L: Messages | None = None) -> Document:
    """The filled form as a record, its fixed words in ``L``'s language (the page's without
    one; what was typed stays as typed, and a record in another language says so first).
    Guide sections, export options and ``print = false`` fields are left out; every row group is
    a captioned table of its columns that hold anything; a text field of several lines (a
    textarea) is a paragraph under its own heading, or under its section's heading alone when it
    is the section's only field."""
    L = L or form.messages
    words = RecordWords(form, L)
    doc = Document(title=words.title, messages=L)
    if L.code != form.lang:
        doc.blocks.append(Para(L(f"document.record.written_in.{form.lang}")))
    if words.intro:
        doc.blocks.append(Para(words.intro))
    typed = "" if L.code == form.lang else form.lang
    for section, fields in _printed_fields(form):
        blocks: list = []
        pairs: list[tuple[str, str, str]] = []  # (label, value, the value's language if not L's)
        checks: list[tuple[bool, str]] = []

        def flush():
            run: list[tuple[str, str]] = []
            for i, (label, value, lang) in enumerate(pairs):
                run.append((label, value))
                if i + 1 == len(pairs) or pairs[i + 1][2] != lang:
                    blocks.append(Pairs(run, lang=lang))
                    run = []
            pairs.clear()
            if checks:
                blocks.append(Checklist(list(checks)))
                checks.clear()

        for f in fields:
            if f.is_group:
                flush()
                table = _table(words, f, st[f.name])
                if table:
                    table.lang = typed
                    blocks.append(table)
                continue
            if f.type == "checkbox":
                if st[f.name]:
                    checks.append((True, words.label(f.name, f)))
                continue
            if f.with_times:
                text = _when(f, st, L)
            else:
                text = _value_text(f, st[f.name], L, words.choice(f.name, f))
            if not text:
                continue
            if checks:
                flush()
            if f.type == "textarea":
                flush()
                if len(fields) > 1:
                    blocks.append(Heading(words.label(f.name, f), level=2))
                blocks.append(Para(text, lang=typed))
            else:
                # Dates and choices are written in the record's language; typed text as typed.
                written = f.type in ("date", "select", "radio", "scale")
                pairs.append((words.label(f.name, f), text, "" if written else typed))
        flush()
        if blocks:
            doc.blocks.append(Heading(words.section(section)))
            legend = L.get(f"{form.id}.scale.legend")
            if legend and any(f.type == "scale" for f in fields):
                doc.blocks.append(Para(legend))
            doc.blocks.extend(blocks)
    return doc


class _Blanks(dict):
    def __missing__(self, key):
        return ""


def fill(template: str, **values) -> str:
    """A sentence of the letter, or "" when any placeholder it uses is empty."""
    values = {k: (v or "").strip() for k, v in values.items()}
    used = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    if any(not values.get(name) for name in used):
        return ""
    return template.format_map(_Blanks(values))


def _joined(parts) -> str:
    return ", ".join(p.strip() for p in parts if p and p.strip())


def invitee_rows(form: FormDef, st: dict) -> list[dict]:
    """The invitees in the handbook's order: close ones first, then workers, then the rest."""
    c = form.contacts
    rows = st.get(c.get("group", ""), []) if c else []
    order = {v: i for i, v in enumerate(c.get("relation_order", ()))}
    return sorted(rows, key=lambda r: order.get(r.get(c.get("relation", ""), ""), len(order)))


def invitee_line(form: FormDef, row: dict, L: Messages | None = None) -> str:
    """"Maria Virtanen, Ainon äiti": the name and who they are, as the worker wrote it; with
    ``L``, a role the letter names (``letter`` in ``forms/phases.toml``, the interpreter) follows
    the name in ``L``'s language: "Iryna Tulkki, перекладач"."""
    from forms.meeting import role as role_def, role_word_id

    relation = role_def(row.get(form.contacts.get("relation", ""), "") or "")
    word = L(role_word_id(relation.id)) if L is not None and relation is not None and relation.letter else ""
    return _joined([row.get("name", ""), word, row.get(form.contacts.get("describe", ""), "")])


def invitee_lines(form: FormDef, st: dict, L: Messages) -> Bullets:
    """The invitees' lines in ``L``'s letter; a line holding what the worker typed about the
    person (in the page's language) is marked with that language in a letter in another."""
    rows = invitee_rows(form, st)
    typed = "" if L.code == form.lang else form.lang
    describe = form.contacts.get("describe", "")
    return Bullets([invitee_line(form, r, L) for r in rows],
                   [typed if (r.get(describe) or "").strip() else "" for r in rows])


def phone_text(number: str, L: Messages) -> str:
    """"puh. 040 123 4567", or "" without a number."""
    return fill(L("document.phone"), phone=number)


def worker_contact(st: dict, L: Messages) -> str:
    return _joined([st.get("worker_name", ""), phone_text(st.get("worker_phone", ""), L),
                    st.get("worker_email", "")])


def meeting_when(st: dict, m: Messages) -> tuple[str, str]:
    """("tiistaina 15.12.2026 klo 14.00–15.30", "1 tunti 30 minuuttia") in ``m``'s language."""
    day = dates.try_date(st.get("date", ""))
    start, end = dates.try_time(st.get("start_time", "")), dates.try_time(st.get("end_time", ""))
    when = dates.format_when(day, start, end, m)
    length = dates.format_duration(dates.minutes_between(start, end), m) if start and end and end > start else ""
    return when, length


def letter_text(form: FormDef, L: Messages, key: str) -> str:
    return L(f"{form.id}.letter.{key}")


def interpreter_code(form: FormDef, typed: str) -> str | None:
    """The interpreter language the worker typed, by its name in any site language ("arabia",
    "arabiska", "Arabic" → "ar"); None for another language."""
    typed = typed.strip().casefold()
    for code in form.letter.get("interpreters", ()):
        for site in languages().values():
            if site.site and messages(site.code)(f"language.{code}").casefold() == typed:
                return code
    return None


def interpreter_sentence(form: FormDef, st: dict, L: Messages) -> str:
    if not st.get("interpreter"):
        return ""
    language = st.get("interpreter_language", "").strip()
    code = interpreter_code(form, language)
    if code:
        return fill(letter_text(form, L, "interpreter"), interpreter=letter_text(form, L, f"interpreter.{code}"))
    return fill(letter_text(form, L, "interpreter_other"), language=language) or letter_text(form, L, "interpreter_unknown")


def time_and_place(form: FormDef, st: dict, L: Messages, arrival: str | None = None) -> list:
    """The letter's time-and-place pairs (also what the phone checklist tells). ``arrival``:
    the arrival text in ``L``'s language ("" when there is none), else the one typed."""
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    when, length = meeting_when(st, L)
    if length:
        when += ". " + fill(t("length"), length=length)
    arrival = st.get("arrival", "").strip() if arrival is None else arrival
    pairs = [(t("time_label"), when), (t("place_label"), st.get("place", "").strip()),
             (t("remote_label"), st.get("remote_link", "").strip()),
             (t("arrival_label"), arrival)]
    return [Pairs([(k, v) for k, v in pairs if v])]


# --- one letter per reader -----------------------------------------------------------------------

@dataclass(frozen=True)
class Letter:
    """One letter of the invitation: for everyone reading ``lang`` who is not sent a letter by
    post (``id`` is the language's code, "sv"), or for one reader invited by post (``id``
    "post-<i>", ``row`` their row: the letter carries their name and address)."""
    id: str
    lang: str
    row: dict | None = None


def row_language(form: FormDef, row: dict) -> str:
    """A reader's letter language: the row's, or the page's (a file saved before languages existed)."""
    code = (row.get(form.contacts.get("language", "")) or "").strip()
    return code if code in languages() else form.lang


def _posted(form: FormDef, row: dict) -> bool:
    c = form.contacts
    return bool(c.get("address_value")) and row.get(c.get("how", "")) == c["address_value"]


def letters(form: FormDef, st: dict) -> list[Letter]:
    """Every letter the invitation needs, in the order of the rows as typed: each reader invited
    by post their own, the others one per language (the page's language when nobody is invited)."""
    c = form.contacts
    out: list[Letter] = []
    for i, row in enumerate(st.get(c.get("group", ""), []) if c else []):
        code = row_language(form, row)
        if _posted(form, row):
            out.append(Letter(f"post-{i}", code, row))
        elif code not in [x.id for x in out]:
            out.append(Letter(code, code))
    return out or [Letter(form.lang, form.lang)]


def unknown_letter_languages(form: FormDef, st: dict) -> list[tuple[str, str]]:
    """Letter languages the registry does not know (a hand-edited or foreign file), as (input
    name, code), each replaced in ``st`` by the page's language, so that the page can show the
    row and say what was replaced."""
    found = []
    columns = [(form.contacts.get("group", ""), form.contacts.get("language", "")), (form.letter.get("translations", ""), "language")]
    for group, column in columns:
        for i, row in enumerate(st.get(group, []) if group and column else []):
            code = row.get(column, "")
            if isinstance(code, str) and code.strip() and code.strip() not in languages():
                found.append((f"{group}.{i}.{column}", code.strip()[:20]))
                row[column] = form.lang
    return found


def find_letter(form: FormDef, st: dict, letter_id: str) -> Letter | None:
    return next((x for x in letters(form, st) if x.id == letter_id), None)


#: Cyrillic letters in file names (Ukrainian and Russian names), as Finnish passports spell them.
_CYRILLIC = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёъыэ",
                     ["a", "b", "v", "h", "g", "d", "e", "je", "zh", "z", "y", "i", "ji", "i", "k", "l", "m", "n",
                      "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "ju", "ja", "jo", "",
                      "y", "e"]))


def _ascii_words(text: str) -> list[str]:
    import unicodedata

    text = "".join(_CYRILLIC.get(ch, ch) for ch in text.casefold())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return [w for w in "".join(ch if ch.isalnum() else " " for ch in text).split() if w]


def letter_slug(form: FormDef, st: dict, letter: Letter) -> str:
    """What a letter's file name says: its language ("sv"), or whose it is for a letter posted to
    one reader ("olena-kovalenko"; the row's number when the name gives no letters). Never the
    client's name: a word of it is left out of a reader's name."""
    if letter.row is None:
        return letter.id
    client = set(_ascii_words(st.get("client_name", "")))
    words = [w for w in _ascii_words(letter.row.get("name", "")) if w not in client]
    return "-".join(words)[:40].strip("-") or letter.id


def letter_choices(form: FormDef, st: dict) -> dict:
    """The page's per-letter buttons, in the page's language: a PDF for each letter (and its
    HTML copy when the form offers that format), and an e-mail draft for each language of the
    readers invited by e-mail."""
    from forms.exports import filename
    from forms.model.formats import formats

    m = form.messages
    language = lambda code: m(f"language.{code}")  # noqa: E731

    def each(fmt: str, post: str, by_language: str) -> list[dict]:
        """``post``, ``by_language``: the label's id for a posted reader's letter and for a
        language's letter."""
        return [{"letter": x.id, "lang": x.lang,
                 "label": form.text(post, name=x.row.get("name", "").strip(), language=language(x.lang))
                 if x.row is not None else form.text(by_language, language=language(x.lang)),
                 "file": filename(form, st, formats()[fmt].extension, letter_slug(form, st, x))}
                for x in letters(form, st)]

    pdfs = each("pdf", "actions.letters_post", "actions.letters_language")
    htmls = (each("html", "actions.letters_post_html", "actions.letters_language_html")
             if "html" in form.exports else [])
    if len(pdfs) == 1:
        pdfs = htmls = []  # the one letter is the whole file: the main buttons give it
    email_langs: list[str] = []
    for row in contact_rows(form, st, "email"):
        code = row_language(form, row)
        if code not in email_langs:
            email_langs.append(code)
    mails = [{"lang": code, "label": form.text("actions.letters_email", language=language(code))} for code in email_langs]
    # The row group of texts for other letter languages, and the languages it is for now (the page
    # shows the group only when one is in use).
    others = [code for code in dict.fromkeys(x.lang for x in letters(form, st)) if code != form.lang]
    return {"title": form.text("actions.letters_title"), "hint": form.text("actions.letters_hint"), "pdf": pdfs, "html": htmls, "email": mails,
            "translations": {"group": form.letter.get("translations", ""), "languages": others}}


def translation(form: FormDef, st: dict, code: str) -> dict:
    """The worker's texts written for a letter language (the definition's ``[letter]
    translations`` row of ``code``); {} for the page's own language or when there is none."""
    group = form.letter.get("translations", "")
    if code == form.lang or not group:
        return {}
    for row in st.get(group, []):
        if row.get("language") == code and any(v.strip() for k, v in row.items() if k != "language"):
            return {k: v.strip() for k, v in row.items() if k != "language" and v.strip()}
    return {}


def worker_texts(form: FormDef, st: dict, L: Messages) -> tuple[dict, dict]:
    """The worker's own texts for a letter in ``L``'s language: (those in ``L``'s language, those
    only in the page's language). A letter in the page's language has them all as typed; another
    letter has what was written for its language, and quotes the rest as typed (saying so)."""
    typed = {name: st.get(name, "").strip() for name in form.letter.get("worker_texts", ())}
    message = st.get("message", "").strip()
    default = form.field("message").default.strip() if form.field("message") else ""
    if message and message != default:
        typed["message"] = message
    typed = {k: v for k, v in typed.items() if v}
    if L.code == form.lang:
        return typed, {}
    own = translation(form, st, L.code)
    return ({k: v for k, v in own.items() if k in typed or k in form.letter.get("worker_texts", ())},
            {k: v for k, v in typed.items() if k not in own})


def reply_facts(form: FormDef, st: dict, L: Messages) -> list[tuple[str, str]]:
    """What to do, by when, to whom and how (with the number): the lines of the opening box.
    The ways are the definition's ``[letter.reply]`` ways the worker ticked, each with the
    worker's contact it uses; none ticked (a file saved before they existed): the phone and
    e-mail given."""
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    reply = form.letter.get("reply", {})
    by = dates.try_date(st.get(reply.get("date", ""), ""))
    todo = fill(t("box_reply_by"), date=dates.format_date(by, L, weekday=True)) if by else t("box_reply")
    worker = fill(t("signature_worker"), worker=st.get("worker_name"), title=st.get("worker_title")) or st.get("worker_name", "").strip()
    facts = [(t("box_todo_label"), todo), (t("box_to_label"), worker)]
    ways = reply.get("ways", ())
    chosen = [w for w in ways if st.get(w["field"]) is True] or [w for w in ways if w["field"] in reply.get("fallback", ())]
    # Ways with the same contact share a line: "Soita tai lähetä tekstiviesti: 040 123 4567".
    by_contact: dict[str, list[str]] = {}
    for way in chosen:
        contact = st.get(way["contact"], "").strip()
        if contact:
            by_contact.setdefault(contact, []).append(t(way["field"]))
    for contact, labels in by_contact.items():
        label = labels[0]
        for other in labels[1:]:
            label = t("box_or").format(first=label, second=other[:1].lower() + other[1:])
        facts.append((label, contact))
    return [(k, v) for k, v in facts if v]


def key_facts(form: FormDef, st: dict, L: Messages) -> KeyFacts:
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    when, _ = meeting_when(st, L)
    # The place is typed in the page's language: marked so in a letter in another.
    typed = "" if L.code == form.lang else form.lang
    items = [(t("box_what_label"), fill(t("box_what"), client=st.get("client_name"), worker=st.get("worker_name"))
              or t("title"), ""),
             (t("box_when_label"), when, ""), (t("box_where_label"), st.get("place", "").strip(), typed),
             (t("remote_label"), st.get("remote_link", "").strip(), "")]
    items = [x for x in items if x[1]] + [(k, v, "") for k, v in reply_facts(form, st, L)]
    return KeyFacts(t("box_title"), [(k, v) for k, v, _ in items], [lang for _, _, lang in items])


def address_of(form: FormDef, st: dict, row: dict, L: Messages | None = None) -> Address:
    """The sender (the worker and their organisation) and the reader's name and address, marked
    with the page's language in a letter in ``L``'s other language."""
    sender = [_joined([st.get("worker_name", ""), st.get("worker_title", "")]), st.get("worker_org", "").strip()]
    typed = row.get(form.contacts.get("address", ""), "")
    recipient = [row.get("name", "").strip()] + [x.strip() for x in typed.replace("\r", "").split("\n") if x.strip()]
    return Address([x for x in sender if x], [x for x in recipient if x],
                   "" if L is None or L.code == form.lang else form.lang)


def build_letter(form: FormDef, st: dict, L: Messages, reader: dict | None = None) -> Document:
    """The invitation as a plain-language letter from the client and the worker, in ``L``'s
    language (what the worker typed stays as typed); ``reader``: the row of a reader invited
    by post, whose name and address the letter carries for a window envelope.

    The opening box first (what, when, where, what to do by when and how), then the greeting,
    what the meeting is about, time and place, who else is invited, arrangements as sentences,
    the worker's texts not written in ``L``'s language (said to be in the page's language), what
    a network meeting is, and the inviters' signature.
    """
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    own, quoted = worker_texts(form, st, L)
    doc = Document(title=t("title"), messages=L, one_page=True)
    if reader is not None:
        doc.address = address_of(form, st, reader, L)
    b = doc.blocks
    b.append(key_facts(form, st, L))  # who invites, when and where: not repeated below
    b.append(Para(t("greeting")))
    if own.get("message"):
        b.append(Para(own["message"]))
    elif "message" not in quoted and st.get("message", "").strip():
        b.append(Para(t("participation")))  # the standard sentence: in the letter's language
    # The practical details after the box: how long, come early, the arrangements (an
    # interpreter, children), how to get in.
    b.append(Heading(t("arrangements_heading")))
    _, length = meeting_when(st, L)
    b.append(Para(" ".join(x for x in (fill(t("length"), length=length), t("together"),
                                       interpreter_sentence(form, st, L),
                                       t("children") if st.get("children") else "") if x)))
    if own.get("arrival"):
        b.append(Pairs([(t("arrival_label"), own["arrival"])]))
    previous = dates.try_date(st.get(form.letter.get("followup_of", ""), ""))
    followup = fill(t("followup"), date=dates.format_date(previous, L)) if previous else ""
    if own.get("topic") or followup:
        b.append(Heading(t("topic_heading")))
        b.extend(Para(x) for x in (own.get("topic", ""), fill(t("aim"), aim=own.get("aim")), followup) if x)
    if own.get("rsvp"):
        b.append(Heading(t("reply_heading")))
        b.append(Para(own["rsvp"]))
    invited = invitee_lines(form, st, L)
    if invited.items:
        b.append(Heading(t("invited_heading")))
        b.append(invited)
    if quoted:
        # Never silent: the reader is told which language the next lines are in and who can
        # explain them.
        b.append(Heading(t("quoted_heading")))
        said = t(".".join(("written_in", form.lang)))  # kutsu.letter.written_in.<the page's language>
        b.append(Para(fill(said, worker=st.get("worker_name")) or said))
        labels = {"topic": t("topic_heading"), "aim": t("aim_label"), "arrival": t("arrival_label"),
                  "rsvp": t("note_label"), "message": t("message_label")}
        b.append(Pairs([(labels[k], v) for k, v in quoted.items() if k in labels], lang=form.lang))
    b.append(Aside(t("about_heading"), [fill(p, client=st.get("client_name")) or p for p in L.items(f"{form.id}.letter.about")]))
    # The contact details stand in the opening box already; a posted letter's sender block
    # names the organisation.
    signature = [t("welcome"), *inviters(form, st, L), "" if reader is not None else st.get("worker_org", "").strip()]
    b.append(Para("\n".join(s for s in signature if s), keep=True))
    return doc


def inviters(form: FormDef, st: dict, L: Messages) -> list[str]:
    """The letter's signers: the client on a line of their own, so the worker's title
    ("Tiina Työntekijä, sosiaaliohjaaja") is not read as theirs too."""
    worker = st.get("worker_name", "").strip()
    lines = [st.get("client_name", "").strip(),
             fill(letter_text(form, L, "signature_worker"), worker=worker, title=st.get("worker_title")) or worker]
    return [x for x in lines if x]


def letter_languages(form: FormDef, st: dict) -> list[str]:
    """The invitees' languages in the order of first use (the page's language for a row
    without one, and when nobody is invited yet)."""
    c = form.contacts
    found: list[str] = []
    for row in st.get(c.get("group", ""), []) if c else []:
        code = row_language(form, row)
        if code not in found:
            found.append(code)
    return found or [form.lang]


def chosen_language(form: FormDef, st: dict) -> Messages:
    """The letter language chosen beside the export buttons (DOCX, text, e-mail, .ics), else the
    page's. The state was checked at the API's edge, so the code is a known one."""
    field = form.letter.get("language_field", "")
    return messages(st.get(field) or form.lang) if field else form.messages


def documents_for(form: FormDef, st: dict, L: Messages | None = None, letter: Letter | None = None) -> list[Document]:
    """What the form prints and exports: its record; or its letter in ``L``'s language; or the
    one ``letter``; or without either, every letter (:func:`letters`: the PDF and the print)."""
    if not form.letter:
        return [build_record(form, st, L or record_language(form, st))]
    if L is not None:
        return [build_letter(form, st, L)]
    chosen = [letter] if letter else letters(form, st)
    return [build_letter(form, st, messages(x.lang), x.row) for x in chosen]


def named_by(form: FormDef, st: dict, docs: list[Document]) -> Document:
    """The document whose title and language name a file of ``docs``: the one document's, or
    for letters in several languages the letter in the page's language (each letter keeps its
    own language inside the file)."""
    if len({d.lang for d in docs}) == 1:
        return docs[0]
    return documents_for(form, st, L=form.messages)[0]


def contact_rows(form: FormDef, st: dict, how: str) -> list[dict]:
    """Invitee rows invited by ``how`` ("phone" or "email", named in ``[contacts]``)."""
    c = form.contacts
    wanted = c.get(f"{how}_value")
    return [r for r in invitee_rows(form, st) if wanted and r.get(c["how"]) == wanted]


def build_phone_checklist(form: FormDef, st: dict, L: Messages) -> Document:
    """The phone-call checklist of the invitation: what to say, the facts, whom to call."""
    t = lambda key: L(f"{form.id}.phone.{key}")  # noqa: E731
    doc = Document(title=t("title"), messages=L)
    doc.blocks.append(Heading(t("say_heading")))
    doc.blocks.append(Checklist([(False, item) for item in L.items(f"{form.id}.phone.checklist")]))
    doc.blocks.append(Heading(t("facts_heading")))
    facts = [(t("topic_label"), st.get("topic", "").strip()),
             (t("aim_label"), st.get("aim", "").strip())]
    # How to reply, as the letter's opening box says it (by when, to whom, how, the number).
    facts += reply_facts(form, st, L)
    facts += [(t("reply_label"), st.get("rsvp", "").strip()),
              (t("arrangements_label"), " ".join(s for s in (interpreter_sentence(form, st, L),
                                                             letter_text(form, L, "children") if st.get("children") else "") if s))]
    doc.blocks.append(Pairs([(k, v) for k, v in facts if v]))
    doc.blocks.extend(time_and_place(form, st, L))
    invited = invitee_lines(form, st, L)
    if invited.items:
        doc.blocks.append(Heading(letter_text(form, L, "invited_heading")))
        doc.blocks.append(invited)
    callees = contact_rows(form, st, "phone")
    if callees:
        doc.blocks.append(Heading(t("callees_heading")))
        phone = form.contacts["phone"]
        calls = [(False, t("interpreter_call"))] if st.get("interpreter") else []
        doc.blocks.append(Checklist(calls + [
            (False, _joined([invitee_line(form, r, L), phone_text(r.get(phone, ""), L) or t("no_phone")]))
            for r in callees
        ]))
    letters = contact_rows(form, st, "address")
    if letters:
        doc.blocks.append(Heading(t("letters_heading")))
        address = form.contacts["address"]
        doc.blocks.append(Checklist([
            # The address as typed, line by line under the name: ready for an envelope.
            (False, invitee_line(form, r, L) + "\n" + (r.get(address, "").strip() or t("no_address")))
            for r in letters
        ]))
    return doc
