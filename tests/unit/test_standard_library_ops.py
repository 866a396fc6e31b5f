"""The worker answers `validate`, `import` and `carry` before the export libraries' wheels are
there (STANDARD_LIBRARY_OPS in overrides/assets/js/python-worker.mjs): they must not need them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
WORKER = ROOT / "overrides" / "assets" / "js" / "python-worker.mjs"
LIBRARIES = ["fpdf", "fontTools", "icalendar", "dateutil", "xlsxwriter", "pygal", "defusedxml",
             "tzdata", "importlib_metadata", "zipp"]

SCRIPT = """
import json, sys
from tests.browser.formdriver import FIXTURES
kutsu = FIXTURES["FULL"]["kutsu"]
from forms.api import handle
draft = handle({"op": "export", "form": "kutsu", "lang": "fi", "format": "json", "state": kutsu})["file"]["data"]
for name in %r:
    sys.modules[name] = None          # importing any of them now raises ImportError
ops = {
    "validate": {"op": "validate", "form": "kutsu", "lang": "fi", "state": kutsu},
    "import": {"op": "import", "form": "kutsu", "lang": "fi", "data": draft},
    "carry": {"op": "carry", "lang": "fi", "to": "meeting", "invitation": kutsu},
}
for op in %r:
    response = handle(ops[op])
    assert response["errors"] == [], (op, response)
    print(op, "ok")
"""


def test_the_standard_library_ops_run_without_the_export_libraries():
    ops = sorted(re.search(r"STANDARD_LIBRARY_OPS = new Set\(\[([^\]]*)\]\)", WORKER.read_text("utf-8"))
                 .group(1).replace('"', "").replace(" ", "").split(","))
    assert ops == ["carry", "import", "validate"]
    result = subprocess.run([sys.executable, "-c", SCRIPT % (LIBRARIES, ops)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [w for op in ops for w in (op, "ok")]
