"""A small, format-neutral document built from a form and its state.

The PDF, DOCX, plain-text and print (HTML) renderers all render this same structure, so what is
printed, and what is left out (the worker's preparation checklist, hints, labels meant for the
worker), is decided once, here:

* :func:`build_record` – the filled form as a record (the memo, a feedback answer): every
  section with its heading, every row group as a table with its caption.
* :func:`build_letter` – the invitation as a letter to the invitee, from the sentences
  ``<form>.letter.*`` of the catalogue of the letter's language (the invitee's).
* :func:`documents_for` – what a form prints: its record, or its letter in each invitee's
  language (one letter per language in use, in the order of first use).
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

CHECKED, UNCHECKED = "\u2611", "\u2610"


@dataclass
class Heading:
    text: str


@dataclass
class Para:
    text: str
    #: Never split across pages (the letter's closing and signature).
    keep: bool = False


@dataclass
class Pairs:
    """Label–value lines. An empty label prints the value alone (see :func:`label_text`)."""
    items: list[tuple[str, str]]


@dataclass
class Table:
    """Rows of a repeatable group. ``title`` is its caption, printed in every format."""
    title: str
    headers: list[str]
    rows: list[list[str]]
    #: The first column stands without its header (a name); else every cell is labelled.
    bare_first: bool = True


@dataclass
class Bullets:
    """A plain list; it always follows a :class:`Heading` that says what it lists."""
    items: list[str]


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


@dataclass
class Document:
    title: str
    #: The catalogue of the document's language: its marks (confidential, page numbers).
    messages: Messages
    blocks: list = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.messages.code

    @property
    def confidential(self) -> str:
        return self.messages("document.confidential")


def label_text(label: str) -> str:
    """"Paikka" → "Paikka:"; a label that is a sentence or a question keeps its own mark."""
    return label if label[-1:] in ".?!:" else label + ":"


def value_below(label: str, value: str) -> bool:
    """Print the value on its own line(s): it has several, or the label is a whole sentence."""
    return "\n" in value.strip("\n") or label[-1:] in ".?!"


def _value_text(f: Field, v, m: Messages) -> str:
    if f.type == "checkbox":
        return m("document.yes") if v else ""
    if not isinstance(v, str):
        return ""
    v = v.strip()
    if not v:
        return ""
    if f.type in ("select", "radio", "scale"):
        return f.choice_label(v)
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


def build_record(form: FormDef, st: dict) -> Document:
    """The filled form as a record: guide sections, export options and ``print = false``
    fields left out; every row group a captioned table, even when it is the only one."""
    m = form.messages
    doc = Document(title=form.title, messages=m)
    if form.print_intro:
        doc.blocks.append(Para(form.print_intro))
    for section, fields in _printed_fields(form):
        blocks: list = []
        pairs: list[tuple[str, str]] = []
        checks: list[tuple[bool, str]] = []

        def flush():
            if pairs:
                blocks.append(Pairs(list(pairs)))
                pairs.clear()
            if checks:
                blocks.append(Checklist(list(checks)))
                checks.clear()

        for f in fields:
            if f.is_group:
                flush()
                subs = [s for s in f.fields if s.print]
                rows = [[_value_text(s, row.get(s.name, ""), m) for s in subs] for row in st[f.name]]
                if rows:
                    blocks.append(Table(f.label, [s.output_label for s in subs], rows, f.bare_first))
                continue
            if f.type == "checkbox":
                if st[f.name]:
                    checks.append((True, f.label))
                continue
            text = _when(f, st, m) if f.with_times else _value_text(f, st[f.name], m)
            if text:
                if checks:
                    flush()
                pairs.append((f.output_label, text))
        flush()
        if blocks:
            doc.blocks.append(Heading(section.output_title))
            legend = form.optional_text("scale.legend")
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


def invitee_line(form: FormDef, row: dict) -> str:
    """"Maria Virtanen, Ainon äiti": the name and who they are, as the worker wrote it."""
    return _joined([row.get("name", ""), row.get(form.contacts.get("describe", ""), "")])


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


def time_and_place(form: FormDef, st: dict, L: Messages) -> list:
    """The letter's time-and-place pairs (also what the phone checklist tells)."""
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    when, length = meeting_when(st, L)
    if length:
        when += ". " + fill(t("length"), length=length)
    pairs = [(t("time_label"), when), (t("place_label"), st.get("place", "").strip()),
             (t("remote_label"), st.get("remote_link", "").strip()),
             (t("arrival_label"), st.get("arrival", "").strip())]
    return [Pairs([(k, v) for k, v in pairs if v])]


def build_letter(form: FormDef, st: dict, L: Messages) -> Document:
    """The invitation as a plain-language letter from the client and the worker, in ``L``'s
    language (what the worker typed stays as typed).

    Reply first (after what the meeting is about), then time and place, who else is invited,
    arrangements as sentences, what a network meeting is, and the inviters' signature.
    """
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    when, _ = meeting_when(st, L)
    doc = Document(title=t("title"), messages=L)
    b = doc.blocks
    b.append(Para(t("greeting")))
    b.append(Para(fill(t("opening"), client=st.get("client_name"), worker=st.get("worker_name"), when=when)))
    topic = st.get("topic", "").strip()
    if topic:
        b.append(Heading(t("topic_heading")))
        b.append(Para(topic))
        aim = fill(t("aim"), aim=st.get("aim"))
        if aim:
            b.append(Para(aim))
    message = st.get("message", "").strip()
    if message and message == form.field("message").default.strip():
        message = t("participation")  # the standard sentence, untouched: in the letter's language
    if message:
        b.append(Para(message))
    b.append(Heading(t("reply_heading")))
    if st.get("rsvp", "").strip():
        b.append(Para(st["rsvp"].strip()))
    contact = fill(t("contact"), contact=worker_contact(st, L))
    if contact:
        b.append(Para(contact))
    b.append(Heading(t("time_heading")))
    b.extend(time_and_place(form, st, L))
    b.append(Para(t("together")))
    invited = [invitee_line(form, r) for r in invitee_rows(form, st)]
    if invited:
        b.append(Heading(t("invited_heading")))
        b.append(Bullets(invited))
    arrangements = [s for s in (interpreter_sentence(form, st, L),
                                t("children") if st.get("children") else "") if s]
    if arrangements:
        b.append(Heading(t("arrangements_heading")))
        b.extend(Para(s) for s in arrangements)
    b.append(Heading(t("about_heading")))
    b.extend(Para(fill(p, client=st.get("client_name")) or p) for p in L.items(f"{form.id}.letter.about"))
    # The contact details stand under "how to reply" already.
    signature = [t("welcome"), *inviters(form, st, L), st.get("worker_org", "").strip()]
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
    column = c.get("language", "")
    found: list[str] = []
    for row in st.get(c.get("group", ""), []) if c else []:
        code = (row.get(column) or "").strip() or form.lang
        if code not in found:
            found.append(code)
    return found or [form.lang]


def chosen_language(form: FormDef, st: dict) -> Messages:
    """The letter language chosen beside the export buttons (DOCX, text, e-mail, .ics), else the
    page's. The state was checked at the API's edge, so the code is a known one."""
    field = form.letter.get("language_field", "")
    return messages(st.get(field) or form.lang) if field else form.messages


def documents_for(form: FormDef, st: dict, L: Messages | None = None) -> list[Document]:
    """What the form prints and exports: its record; or its letter in ``L``'s language, or
    without one, one letter per invitee language (the PDF and the print)."""
    if not form.letter:
        return [build_record(form, st)]
    langs = [L] if L else [messages(code) for code in letter_languages(form, st)]
    return [build_letter(form, st, m) for m in langs]


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
    facts += [(t("reply_label"), st.get("rsvp", "").strip()),
              (t("arrangements_label"), " ".join(s for s in (interpreter_sentence(form, st, L),
                                                             letter_text(form, L, "children") if st.get("children") else "") if s))]
    doc.blocks.append(Pairs([(k, v) for k, v in facts if v]))
    doc.blocks.extend(time_and_place(form, st, L))
    invited = [invitee_line(form, r) for r in invitee_rows(form, st)]
    if invited:
        doc.blocks.append(Heading(letter_text(form, L, "invited_heading")))
        doc.blocks.append(Bullets(invited))
    callees = contact_rows(form, st, "phone")
    if callees:
        doc.blocks.append(Heading(t("callees_heading")))
        phone = form.contacts["phone"]
        calls = [(False, t("interpreter_call"))] if st.get("interpreter") else []
        doc.blocks.append(Checklist(calls + [
            (False, _joined([invitee_line(form, r), phone_text(r.get(phone, ""), L) or t("no_phone")]))
            for r in callees
        ]))
    letters = contact_rows(form, st, "address")
    if letters:
        doc.blocks.append(Heading(t("letters_heading")))
        address = form.contacts["address"]
        doc.blocks.append(Checklist([
            # The address as typed, line by line under the name: ready for an envelope.
            (False, invitee_line(form, r) + "\n" + (r.get(address, "").strip() or t("no_address")))
            for r in letters
        ]))
    return doc
