"""The tests tree keeps its helpers apart from its tests: no test module imports another test
module (what two of them share lives in tests/support/, or, for tests/forms, which runs inside
Pyodide with only its own folder mounted, in a helper module beside them), so running, moving or
deleting one test file never runs or breaks another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.sitebuild import ROOT

TESTS = ROOT / "tests"


def is_test_module(name: str) -> bool:
    """A module pytest collects: ``test_*.py`` (a dotted name's last part)."""
    return name.rpartition(".")[2].startswith("test_")


def imported_modules(source: str, folder: Path) -> list[str]:
    """Every module a Python source imports, as written (``tests.browser.test_pages``,
    ``test_letters``); ``from package import name`` gives ``package.name`` too, since the name
    may be a module (``from tests.browser import test_pages``), and a relative import is
    resolved against ``folder`` within the tests tree."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = folder
                for _ in range(node.level - 1):
                    here = here.parent
                package = ".".join(here.relative_to(ROOT).parts)
                base = f"{package}.{base}" if base else package
            found.append(base)
            found += [f"{base}.{alias.name}" if base else alias.name for alias in node.names]
    return found


def imported_test_modules(source: str, folder: Path) -> list[str]:
    """The test modules among what ``source`` imports. Only a module path with a test module in
    it counts (``a.test_b.c`` imports a.test_b); ``from tests.support.x import test_value``
    names a value, not a module."""
    def imports_a_test_module(name: str) -> bool:
        parts = name.split(".")
        return any(map(is_test_module, parts[:-1])) or (is_test_module(name) and parts[:2] != ["tests", "support"])

    return sorted({m for m in imported_modules(source, folder) if imports_a_test_module(m)})



def test_every_way_of_importing_a_test_module_is_seen_and_a_helper_is_not():
    source = "\n".join([
        "import tests.browser.test_pages",
        "from tests.browser.test_forms import file_text",
        "from tests.browser import test_meeting",
        "from test_letters import read_as",
        "from . import test_flow",
        "from .test_handout import found",
        "from tests.support.browser import WCAG_TAGS",
        "from tests.support.values import test_value",
        "import letter_reading",
        "def f():\n    from tests.browser.test_documents import printed_pages",
    ])
    assert imported_test_modules(source, TESTS / "unit") == sorted([
        "tests.browser.test_pages", "tests.browser.test_forms", "tests.browser.test_forms.file_text",
        "tests.browser.test_meeting", "test_letters", "test_letters.read_as", "tests.unit.test_flow",
        "tests.unit.test_handout", "tests.unit.test_handout.found", "tests.browser.test_documents",
        "tests.browser.test_documents.printed_pages"])


def python_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_module_imports_another(path):
    bad = imported_test_modules(path.read_text("utf-8"), path.parent)
    assert bad == [], f"{path.relative_to(ROOT)} imports test modules; move what it needs to tests/support/"
