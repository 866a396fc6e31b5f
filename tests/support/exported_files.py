"""What an exported file says: the text of a PDF, a Word file or a text file the forms wrote,
and which of a form's formats are files (every export but the e-mail draft, which opens the
mail program instead)."""

from __future__ import annotations

import io
import zipfile

import forms as forms_package
from forms.model import get_form

#: Form id -> the formats whose export is a downloaded file.
FILE_FORMATS = {f: [x for x in get_form(f).exports if x != "email"] for f in forms_package.FORM_IDS}


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    margins = [p.text for s in doc.sections for part in (s.header, s.footer) for p in part.paragraphs]
    return "\n".join(margins + [p.text for p in doc.paragraphs] + cells)


def file_text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        assert data.startswith(b"%PDF-")
        return pdf_text(data)
    if fmt == "docx":
        assert zipfile.is_zipfile(io.BytesIO(data))
        return docx_text(data)
    return data.decode("utf-8")
