"""The worker answers the ops that do not wait for the export libraries (forms.api.OPERATIONS,
``waits_for_exports=False``: the worker reads the same table from the generated contracts.mjs)
before those libraries' wheels are there: they must not need them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from forms.api import OPERATIONS

ROOT = Path(__file__).resolve().parent.parent.parent
LIBRARIES = ["fpdf", "fontTools", "icalendar", "dateutil", "xlsxwriter", "pygal", "defusedxml",
             "tzdata", "importlib_metadata", "zipp"]

SCRIPT = """
import json, sys
from scripts.form_driver import FIXTURES
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
assert sorted(ops) == %r, sorted(ops)   # a sample request for every such op
for op in %r:
    response = handle(ops[op])
    assert response["errors"] == [], (op, response)
    print(op, "ok")
"""


def test_the_standard_library_ops_run_without_the_export_libraries():
    ops = sorted(name for name, op in OPERATIONS.items() if not op.waits_for_exports)
    # The form's own checks and the import must not wait for ~1.3 MB of wheels.
    assert {"validate", "import"} <= set(ops)
    result = subprocess.run([sys.executable, "-c", SCRIPT % (LIBRARIES, ops, ops)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [w for op in ops for w in (op, "ok")]
