"""Shared fixtures for the forms tests.

Fixture states live in ``fixtures.json`` next to this file (read relative to it, so the tests
also run inside Pyodide against the installed ``forms`` package). No ``__init__.py`` here on
purpose: a ``tests/forms`` package could shadow the real ``forms`` package.
"""
import copy
import io
import json
from pathlib import Path

import pytest

import forms

FIXTURES = json.loads((Path(__file__).parent / "fixtures.json").read_text("utf-8"))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


@pytest.fixture
def pdf_text():
    return _pdf_text


@pytest.fixture
def states():
    """{"FULL": {form: state}, "MINIMAL": {form: state}} (a fresh copy per test)."""
    return copy.deepcopy(FIXTURES)


@pytest.fixture(params=list(forms.FORM_IDS))
def form_id(request):
    return request.param


@pytest.fixture(params=["FULL", "MINIMAL"])
def filled(request, form_id):
    return form_id, copy.deepcopy(FIXTURES[request.param][form_id])
