"""A small, format-neutral document built from a form and its state.

The PDF, DOCX and plain-text exporters all render this same structure, so what is printed
(and what is left out, such as the worker's preparation checklist) is decided once, here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import finnish
from .model import Field, FormDef, get_form
from .state import clean_state

CONFIDENTIAL = "Salassa pidettävä"
CHECKED, UNCHECKED = "\u2611", "\u2610"


@dataclass
class Heading:
    text: str


@dataclass
class Para:
    text: str


@dataclass
class Pairs:
    """Label–value lines. An empty label prints the value alone."""
    items: list[tuple[str, str]]


@dataclass
class Table:
    """Rows of a repeatable group. ``title`` is the group's label."""
    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Checklist:
    items: list[tuple[bool, str]]


@dataclass
class Document:
    title: str
    blocks: list = field(default_factory=list)
    confidential: str = CONFIDENTIAL


def _value_text(f: Field, v) -> str:
    if f.type == "checkbox":
        return "Kyllä" if v else ""
    if not isinstance(v, str):
        return ""
    v = v.strip()
    if not v:
        return ""
    if f.type == "date":
        return finnish.normalise_date_text(v)
    if f.type == "time":
        return finnish.normalise_time_text(v)
    if f.type in ("select", "radio", "scale"):
        return f.choice_label(v)
    return v


def _when(form: FormDef, f: Field, state: dict) -> str:
    d = finnish.try_date(state.get(f.name, ""))
    times = [finnish.try_time(state.get(n, "")) for n in f.with_times]
    start = times[0] if times else None
    end = times[1] if len(times) > 1 else None
    if d is None:
        return finnish.format_time_range(start, end)
    return finnish.format_when(d, start, end)


def build_document(form_id: str, state: dict) -> Document:
    """The printable document of a form: guide sections and ``print = false`` fields left out."""
    form = get_form(form_id)
    st = clean_state(form_id, state)
    doc = Document(title=form.title)
    if form.print_intro:
        doc.blocks.append(Para(form.print_intro))
    consumed: set[str] = set()
    for f in form.fields():
        consumed.update(f.with_times)
    for section in form.sections:
        if section.guide:
            continue
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

        for f in section.fields:
            if not f.print or f.name in consumed:
                continue
            if f.is_group:
                flush()
                subs = [s for s in f.fields if s.print]
                rows = [[_value_text(s, row.get(s.name, "")) for s in subs] for row in st[f.name]]
                if rows:
                    blocks.append(Table(f.label, [s.output_label for s in subs], rows))
                continue
            if f.type == "checkbox":
                if st[f.name]:
                    checks.append((True, f.label))
                continue
            text = _when(form, f, st) if f.with_times else _value_text(f, st[f.name])
            if text:
                if checks:
                    flush()
                pairs.append((f.output_label, text))
        flush()
        if blocks:
            doc.blocks.append(Heading(section.output_title))
            doc.blocks.extend(blocks)
    return doc


def build_phone_checklist(form_id: str, state: dict) -> Document:
    """The phone-call checklist of the invitation: what to say, and whom to call."""
    form = get_form(form_id)
    st = clean_state(form_id, state)
    doc = Document(title=form.phone_title or "Puhelukutsun muistilista")
    doc.blocks.append(Checklist([(False, item) for item in form.phone_checklist]))
    facts = build_document(form_id, state)
    doc.blocks.append(Heading("Kerrottavat tiedot"))
    for b in facts.blocks:
        if isinstance(b, Pairs):
            doc.blocks.append(b)
    group = form.field("invitees")
    if group is not None:
        callees = [r for r in st["invitees"] if r.get("how") == "puhelu"]
        if callees:
            doc.blocks.append(Heading("Soitettavat"))
            rel = group.subfield("relation")
            doc.blocks.append(Checklist([
                (False, ", ".join(x for x in (r.get("name", "").strip(),
                                              rel.choice_label(r.get("relation", "")) if rel else "",
                                              r.get("organisation", "").strip()) if x))
                for r in callees
            ]))
    return doc
