"""Plain text: for e-mail bodies and for pasting into a client information system.

Clean lines, no Markdown, "\\n" line ends; a heading is a plain line after a blank line, the text
under it follows at once; a table is its caption and one "- " line a row.
"""
from __future__ import annotations

import re

from forms.exports.document import (Bullets, Checklist, Document, Heading, KeyFacts, Pairs, Para, Table,
                                    build_phone_checklist, chosen_language, documents_for, expanded, label_text,
                                    value_below)
from forms.model import FormDef

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def plain(text: str) -> str:
    """Normalise line ends, expand tabs, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


#: A table whose rows fit in this many characters is printed in aligned columns.
TABLE_WIDTH = 100


def table_lines(b: Table) -> list[str]:
    """A table's header and rows. Short cells in aligned columns under the header, ruled; rows
    too wide for that one line each, the cells in the header's order between " | "; a table
    whose every cell is labelled (``bare_first = False``: long texts) one "- " line a row,
    each cell after its header."""
    rows = [[" ".join(plain(c).split()) for c in r] for r in b.rows]
    if not b.bare_first:
        return ["- " + "; ".join(f"{label_text(h)} {c}" if h else c for h, c in zip(b.headers, r) if c)
                for r in rows]
    rows = [[c or "–" for c in r] for r in rows]
    headers = [plain(h) for h in b.headers]
    widths = [max(len(x) for x in column) for column in zip(headers, *rows)]
    if sum(widths) + 2 * (len(widths) - 1) <= TABLE_WIDTH:
        line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths))  # noqa: E731
        return [line(headers), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
    return [" | ".join(headers)] + ["- " + " | ".join(r) for r in rows]


def render_text(doc: Document, header: bool = True, title: bool = True) -> str:
    """The document as plain text; ``title=False`` for an e-mail body (the subject says it)."""
    lines: list[str] = ([doc.confidential] + ([doc.title] if title else [])) if header else []
    after_heading, previous = False, None
    for b in expanded(doc.blocks):
        # Nothing between a heading and its text, nor between label lines split by language.
        gap = [] if after_heading or (isinstance(b, Pairs) and isinstance(previous, Pairs)) else [""]
        after_heading, previous = isinstance(b, Heading), b
        if isinstance(b, Heading):
            lines += gap + [plain(b.text)]
        elif isinstance(b, Para):
            lines += gap + [plain(b.text).strip("\n")]
        elif isinstance(b, KeyFacts):
            # The letter's opening box: framed by rules, its lines short and first.
            rule = "-" * 40
            lines += gap + [rule, plain(b.title)]
            lines += [f"{label_text(label)} {plain(value).strip()}".replace("\n", " ") for label, value in b.items]
            lines.append(rule)
        elif isinstance(b, Pairs):
            lines += gap
            for label, value in b.items:
                value = plain(value).strip("\n")
                if not label:
                    lines.append(value)
                elif value_below(label, value):
                    lines += [label_text(label), value]
                else:
                    lines.append(f"{label_text(label)} {value}")
        elif isinstance(b, Table):
            lines += gap + [plain(b.title)] + table_lines(b)
        elif isinstance(b, Bullets):
            lines += gap + ["- " + plain(item).replace("\n", " ") for item in b.items]
        elif isinstance(b, Checklist):
            # A multi-line item (an address) continues indented under its box.
            lines += gap + [("[x] " if checked else "[ ] ") + plain(text).replace("\n", "\n    ")
                            for checked, text in b.items]
    if header:
        lines += ["", doc.confidential]
    return "\n".join(line.rstrip() for line in lines).lstrip("\n") + "\n"


def text_of(form: FormDef, state: dict) -> str:
    """The record, or the letter in the language chosen beside the export buttons."""
    return "\n".join(render_text(d) for d in documents_for(form, state, chosen_language(form, state) if form.letter else None))


def export_text(form: FormDef, state: dict) -> bytes:
    return text_of(form, state).encode("utf-8")


def export_phone_checklist(form: FormDef, state: dict) -> bytes:
    return render_text(build_phone_checklist(form, state, chosen_language(form, state))).encode("utf-8")
