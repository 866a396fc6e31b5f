"""Plain text: for e-mail bodies and for pasting into a client information system.

Clean lines, no Markdown, "\\n" line ends; a heading is a plain line after a blank line, the text
under it follows at once; a table is its caption and one "- " line a row.
"""
from __future__ import annotations

import re

from forms.exports.document import (Bullets, Checklist, Document, Heading, Pairs, Para, Table, build_phone_checklist,
                       chosen_language, documents_for, label_text, value_below)
from forms.model import FormDef

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def plain(text: str) -> str:
    """Normalise line ends, expand tabs, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def render_text(doc: Document, header: bool = True, title: bool = True) -> str:
    """The document as plain text; ``title=False`` for an e-mail body (the subject says it)."""
    lines: list[str] = ([doc.confidential] + ([doc.title] if title else [])) if header else []
    after_heading = False
    for b in doc.blocks:
        gap = [] if after_heading else [""]
        after_heading = isinstance(b, Heading)
        if isinstance(b, Heading):
            lines += ["", plain(b.text)]
        elif isinstance(b, Para):
            lines += gap + [plain(b.text).strip("\n")]
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
            lines += gap + [plain(b.title)]
            for row in b.rows:
                # The first column (a name, what was agreed) stands bare, as in the PDF.
                cells = [f"{label_text(h)} {plain(v)}" if h and (i or not b.bare_first) else plain(v)
                         for i, (h, v) in enumerate(zip(b.headers, row)) if v.strip()]
                lines.append("- " + "; ".join(c.replace("\n", " ") for c in cells))
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
