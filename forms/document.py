"""A small, format-neutral document built from a form and its state.

The PDF, DOCX, plain-text and print (HTML) renderers all render this same structure, so what is
printed, and what is left out (the worker's preparation checklist, hints, labels meant for the
worker), is decided once, here:

* :func:`build_record` – the filled form as a record (the memo, a feedback answer): every
  section with its heading, every row group as a table with its caption.
* :func:`build_letter` – the invitation as a letter to the invitee, from the sentences in the
  definition's ``[letter]`` table.
* :func:`document_for` – the one a form prints: the letter when it has one, else the record.
* :func:`build_phone_checklist` – what to say and whom to call, with their numbers.

Builders take the resolved :class:`~forms.model.FormDef` and a state that has been cleaned and
normalised once at the API's edge (:func:`forms.state.clean_state`,
:func:`forms.normalise.normalise_state`).
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field

from . import finnish
from .model import Field, FormDef

CONFIDENTIAL = "Salassa pidettävä"
CHECKED, UNCHECKED = "\u2611", "\u2610"
YES = "Kyllä"


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
class Document:
    title: str
    blocks: list = field(default_factory=list)
    confidential: str = CONFIDENTIAL


def label_text(label: str) -> str:
    """"Paikka" → "Paikka:"; a label that is a sentence or a question keeps its own mark."""
    return label if label[-1:] in ".?!:" else label + ":"


def value_below(label: str, value: str) -> bool:
    """Print the value on its own line(s): it has several, or the label is a whole sentence."""
    return "\n" in value.strip("\n") or label[-1:] in ".?!"


def _value_text(f: Field, v) -> str:
    if f.type == "checkbox":
        return YES if v else ""
    if not isinstance(v, str):
        return ""
    v = v.strip()
    if not v:
        return ""
    if f.type in ("select", "radio", "scale"):
        return f.choice_label(v)
    return v


def _when(f: Field, state: dict) -> str:
    d = finnish.try_date(state.get(f.name, ""))
    times = [finnish.try_time(state.get(n, "")) for n in f.with_times]
    start = times[0] if times else None
    end = times[1] if len(times) > 1 else None
    if d is None:
        return finnish.format_time_range(start, end)
    return finnish.format_when(d, start, end)


def _printed_fields(form: FormDef):
    consumed = {n for f in form.fields() for n in f.with_times}
    for section in form.sections:
        if section.guide or section.export_options:
            continue
        yield section, [f for f in section.fields if f.print and f.name not in consumed]


def build_record(form: FormDef, st: dict) -> Document:
    """The filled form as a record: guide sections, export options and ``print = false``
    fields left out; every row group a captioned table, even when it is the only one."""
    doc = Document(title=form.title)
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
                rows = [[_value_text(s, row.get(s.name, "")) for s in subs] for row in st[f.name]]
                if rows:
                    blocks.append(Table(f.label, [s.output_label for s in subs], rows, f.bare_first))
                continue
            if f.type == "checkbox":
                if st[f.name]:
                    checks.append((True, f.label))
                continue
            text = _when(f, st) if f.with_times else _value_text(f, st[f.name])
            if text:
                if checks:
                    flush()
                pairs.append((f.output_label, text))
        flush()
        if blocks:
            doc.blocks.append(Heading(section.output_title))
            if form.scale.get("legend") and any(f.type == "scale" for f in fields):
                doc.blocks.append(Para(form.scale["legend"]))
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


def phone_text(form: FormDef, number: str) -> str:
    """"puh. 040 123 4567" (the wording is the definition's), or "" without a number."""
    return fill(form.letter["phone"], phone=number)


def worker_contact(form: FormDef, st: dict) -> str:
    return _joined([st.get("worker_name", ""), phone_text(form, st.get("worker_phone", "")),
                    st.get("worker_email", "")])


def meeting_when(st: dict) -> tuple[str, str]:
    """("tiistaina 15.12.2026 klo 14.00–15.30", "1 tunti 30 minuuttia")."""
    day = finnish.try_date(st.get("date", ""))
    start, end = finnish.try_time(st.get("start_time", "")), finnish.try_time(st.get("end_time", ""))
    when = finnish.format_when(day, start, end)
    length = finnish.format_duration(finnish.minutes_between(start, end)) if start and end and end > start else ""
    return when, length


def interpreter_sentence(form: FormDef, st: dict) -> str:
    if not st.get("interpreter"):
        return ""
    L = form.letter
    language = st.get("interpreter_language", "").strip()
    phrase = L.get("interpreters", {}).get(language.lower())
    if phrase:
        return fill(L["interpreter"], interpreter=phrase)
    return fill(L["interpreter_other"], language=language) or L["interpreter_unknown"]


def time_and_place(form: FormDef, st: dict) -> list:
    """The letter's time-and-place pairs (also what the phone checklist tells)."""
    L = form.letter
    when, length = meeting_when(st)
    if length:
        when += ". " + fill(L["length"], length=length)
    pairs = [(L["time_label"], when), (L["place_label"], st.get("place", "").strip()),
             (L["remote_label"], st.get("remote_link", "").strip()),
             (L["arrival_label"], st.get("arrival", "").strip())]
    return [Pairs([(k, v) for k, v in pairs if v])]


def build_letter(form: FormDef, st: dict) -> Document:
    """The invitation as a plain-language letter from the client and the worker (see ``[letter]``).

    Reply first (after what the meeting is about), then time and place, who else is invited,
    arrangements as sentences, what a network meeting is, and the inviters' signature.
    """
    L = form.letter
    when, _ = meeting_when(st)
    doc = Document(title=L["title"])
    b = doc.blocks
    b.append(Para(L["greeting"]))
    b.append(Para(fill(L["opening"], client=st.get("client_name"), worker=st.get("worker_name"), when=when)))
    topic = st.get("topic", "").strip()
    if topic:
        b.append(Heading(L["topic_heading"]))
        b.append(Para(topic))
        aim = fill(L["aim"], aim=st.get("aim"))
        if aim:
            b.append(Para(aim))
    message = st.get("message", "").strip()
    if message:
        b.append(Para(message))
    b.append(Heading(L["reply_heading"]))
    if st.get("rsvp", "").strip():
        b.append(Para(st["rsvp"].strip()))
    contact = fill(L["contact"], contact=worker_contact(form, st))
    if contact:
        b.append(Para(contact))
    b.append(Heading(L["time_heading"]))
    b.extend(time_and_place(form, st))
    b.append(Para(L["together"]))
    invited = [invitee_line(form, r) for r in invitee_rows(form, st)]
    if invited:
        b.append(Heading(L["invited_heading"]))
        b.append(Bullets(invited))
    arrangements = [s for s in (interpreter_sentence(form, st),
                                L["children"] if st.get("children") else "") if s]
    if arrangements:
        b.append(Heading(L["arrangements_heading"]))
        b.extend(Para(s) for s in arrangements)
    b.append(Heading(L["about_heading"]))
    b.extend(Para(fill(p, client=st.get("client_name")) or p) for p in L["about"])
    # The contact details stand under "how to reply" already.
    signature = [L["welcome"], *inviters(form, st), st.get("worker_org", "").strip()]
    b.append(Para("\n".join(s for s in signature if s), keep=True))
    return doc


def inviters(form: FormDef, st: dict) -> list[str]:
    """The letter's signers: the client on a line of their own, so the worker's title
    ("Tiina Työntekijä, sosiaaliohjaaja") is not read as theirs too."""
    worker = st.get("worker_name", "").strip()
    lines = [st.get("client_name", "").strip(),
             fill(form.letter["signature_worker"], worker=worker, title=st.get("worker_title")) or worker]
    return [x for x in lines if x]


def document_for(form: FormDef, st: dict) -> Document:
    """What the form prints and exports as PDF, DOCX and text: its letter, or its record."""
    return build_letter(form, st) if form.letter else build_record(form, st)


def contact_rows(form: FormDef, st: dict, how: str) -> list[dict]:
    """Invitee rows invited by ``how`` ("phone" or "email", named in ``[contacts]``)."""
    c = form.contacts
    wanted = c.get(f"{how}_value")
    return [r for r in invitee_rows(form, st) if wanted and r.get(c["how"]) == wanted]


def build_phone_checklist(form: FormDef, st: dict) -> Document:
    """The phone-call checklist of the invitation: what to say, the facts, whom to call."""
    P, L = form.phone, form.letter
    doc = Document(title=P["title"])
    doc.blocks.append(Heading(P["say_heading"]))
    doc.blocks.append(Checklist([(False, item) for item in P["checklist"]]))
    doc.blocks.append(Heading(P["facts_heading"]))
    facts = [(form.field("topic").output_label, st.get("topic", "").strip()),
             (form.field("aim").output_label, st.get("aim", "").strip())]
    facts += [(P["reply_label"], st.get("rsvp", "").strip()),
              (P["arrangements_label"], " ".join(s for s in (interpreter_sentence(form, st),
                                                             L["children"] if st.get("children") else "") if s))]
    doc.blocks.append(Pairs([(k, v) for k, v in facts if v]))
    doc.blocks.extend(time_and_place(form, st))
    invited = [invitee_line(form, r) for r in invitee_rows(form, st)]
    if invited:
        doc.blocks.append(Heading(L["invited_heading"]))
        doc.blocks.append(Bullets(invited))
    callees = contact_rows(form, st, "phone")
    if callees:
        doc.blocks.append(Heading(P["callees_heading"]))
        phone = form.contacts["phone"]
        calls = [(False, P["interpreter_call"])] if st.get("interpreter") else []
        doc.blocks.append(Checklist(calls + [
            (False, _joined([invitee_line(form, r), phone_text(form, r.get(phone, "")) or P["no_phone"]]))
            for r in callees
        ]))
    letters = contact_rows(form, st, "address")
    if letters:
        doc.blocks.append(Heading(P["letters_heading"]))
        address = form.contacts["address"]
        doc.blocks.append(Checklist([
            # The address as typed, line by line under the name: ready for an envelope.
            (False, invitee_line(form, r) + "\n" + (r.get(address, "").strip() or P["no_address"]))
            for r in letters
        ]))
    return doc
