"""The forms tests inside real Pyodide (Node), and the shipped Pyodide bundle's lock file.

Both need build/pyodide/ and build/pyodide-test/ from scripts/build_pyodide.py; `make test`
builds them first. They fail (not skip) when it is missing: a missing bundle is a broken site.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLE = ROOT / "build" / "pyodide"
RUNNER = Path(__file__).with_name("run_pytest.mjs")
BUILD_HINT = "run `make build` (scripts/build_pyodide.py) first; `make test` does it"


def _need_bundle():
    if not (BUNDLE / "pyodide-lock.json").is_file() or not (ROOT / "build" / "pyodide-test").is_dir():
        pytest.fail(f"{BUNDLE} is missing: {BUILD_HINT}")


def test_forms_tests_pass_inside_pyodide():
    _need_bundle()
    node = shutil.which("node")
    assert node, "Node.js >= 20 is needed to run Pyodide"
    proc = subprocess.run([node, str(RUNNER)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    out = proc.stdout
    tail = "\n".join(proc.stderr.splitlines()[-8:] + out.splitlines()[-30:])
    assert proc.returncode == 0, f"pytest inside Pyodide failed (exit {proc.returncode}):\n{tail}"
    summary = re.findall(r"(\d+) passed", out)
    assert summary and int(summary[-1]) > 100, f"expected > 100 passed inside Pyodide:\n{tail}"


def test_lock_lists_only_local_pure_wheels():
    _need_bundle()
    lock = json.loads((BUNDLE / "pyodide-lock.json").read_text("utf-8"))
    packages = lock["packages"]
    assert "verkosto-forms" in packages
    for key, pkg in packages.items():
        name = pkg["file_name"]
        assert "/" not in name and "\\" not in name and ":" not in name, f"{key}: {name} is not a local file name"
        assert name.endswith("-none-any.whl"), f"{key}: {name} is not a pure-Python wheel"
        path = BUNDLE / name
        assert path.is_file(), f"{key}: {name} is not in {BUNDLE}"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == pkg["sha256"], f"{key}: sha256 differs"
        for dep in pkg["depends"]:
            assert dep in packages, f"{key} depends on {dep}, which is not in the lock"
    listed = {p["file_name"] for p in packages.values()}
    on_disk = {p.name for p in BUNDLE.glob("*.whl")}
    assert on_disk == listed, f"wheels not in the lock: {sorted(on_disk - listed)}"
