"""The forms' memory snapshot as built and shipped (scripts/build_snapshot.py)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from scripts import build_snapshot
from scripts.build_snapshot import RESTORE_ORIGINAL, RESTORE_PATCHED, patch_runtime

ROOT = Path(__file__).resolve().parents[2]


def test_the_runtime_patch_applies_once_to_the_pinned_pyodide():
    original = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.mjs").read_text("utf-8")
    patched = patch_runtime(original)
    assert patched.count(RESTORE_PATCHED) == 1 and RESTORE_ORIGINAL not in patched.replace(RESTORE_PATCHED, "")
    assert len(patched) - len(original) == len(RESTORE_PATCHED) - len(RESTORE_ORIGINAL)


@pytest.mark.parametrize("text", ["no such statement", RESTORE_ORIGINAL * 2, RESTORE_PATCHED])
def test_the_runtime_patch_stops_the_build_on_any_other_file(text):
    # An upgraded Pyodide (statement gone or repeated) or a file patched already.
    with pytest.raises(SystemExit):
        patch_runtime(text)


def test_the_shipped_snapshot_is_the_listed_one(site_dir):
    pyodide = site_dir / "pyodide"
    info = json.loads((pyodide / "snapshot.json").read_text("utf-8"))
    data = (pyodide / info["file"]).read_bytes()
    assert (len(data), hashlib.sha256(data).hexdigest()) == (info["size"], info["sha256"])
    assert info["file"] == f"{build_snapshot.PREFIX}{info['sha256'][:16]}.bin"
    assert len(list(pyodide.glob(build_snapshot.PREFIX + "*"))) == 1   # no stale snapshot shipped
    lock = json.loads((pyodide / "pyodide-lock.json").read_text("utf-8"))
    assert info["wheels"] == {name: lock["packages"][name]["sha256"] for name in build_snapshot.SNAPSHOT_WHEELS}
    # The runtime that restores it is the patched one, and every form page names this file.
    runtime = json.loads((site_dir / "offline.json").read_text("utf-8"))["runtime"]
    assert (site_dir / runtime / "pyodide.asm.mjs").read_text("utf-8").count(RESTORE_PATCHED) == 1
    page = (site_dir / "lomakkeet" / "kutsu" / "index.html").read_text("utf-8")
    assert f"snapshot={info['file']}" in page


def test_the_offline_copy_and_the_deploy_files_cover_the_snapshot(site_dir):
    info = json.loads((site_dir / "pyodide" / "snapshot.json").read_text("utf-8"))
    lists = json.loads((site_dir / "offline.json").read_text("utf-8"))
    assert f"pyodide/{info['file']}" in lists["python"] and "pyodide/snapshot.json" in lists["python"]
    headers = (site_dir / "_headers").read_text("utf-8")
    assert "/pyodide/forms-snapshot-*\n  Cache-Control: public, max-age=31536000, immutable" in headers
