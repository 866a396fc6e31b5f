"""Plain text: for e-mail bodies and for pasting into a client information system.

Clean lines, no Markdown, "\\n" line ends; headings as plain lines between blank lines.
"""
from __future__ import annotations

import re

from .document import Checklist, Document, Heading, Pairs, Para, Table, build_document, build_phone_checklist
from .exports import MIME, ExportFile, filename

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def plain(text: str) -> str:
    """Normalise line ends, expand tabs, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def render_text(doc: Document) -> str:
    lines: list[str] = [doc.confidential, doc.title]
    for b in doc.blocks:
        if isinstance(b, Heading):
            lines += ["", plain(b.text)]
        elif isinstance(b, Para):
            lines += ["", plain(b.text)]
        elif isinstance(b, Pairs):
            for label, value in b.items:
                value = plain(value).strip("\n")
                if not label:
                    lines.append(value)
                elif "\n" in value:
                    lines += [f"{label}:", value]
                else:
                    lines.append(f"{label}: {value}")
        elif isinstance(b, Table):
            for row in b.rows:
                cells = [f"{h}: {plain(v)}" if h else plain(v)
                         for h, v in zip(b.headers, row) if v.strip()]
                lines.append("- " + "; ".join(c.replace("\n", " ") for c in cells))
        elif isinstance(b, Checklist):
            for checked, text in b.items:
                lines.append(("[x] " if checked else "[ ] ") + plain(text))
    lines += ["", doc.confidential]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def text_of(form_id: str, state: dict) -> str:
    return render_text(build_document(form_id, state))


def export_text(form_id: str, state: dict) -> ExportFile:
    return ExportFile(filename(form_id, state, "txt"), MIME["txt"], text_of(form_id, state).encode("utf-8"))


def export_phone_checklist(form_id: str, state: dict) -> ExportFile:
    text = render_text(build_phone_checklist(form_id, state))
    return ExportFile(filename(form_id, state, "txt", "puhelulista"), MIME["phone"], text.encode("utf-8"))
