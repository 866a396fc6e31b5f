"""Copy the self-hosted Pyodide bundle (build/pyodide/, made by scripts/build_pyodide.py) into
the built site, where overrides/assets/js/python-worker.mjs loads it from:

    <site>/pyodide/                       pyodide-lock.json and the wheels it lists, the
                                          forms' memory snapshot and snapshot.json
    <site>/pyodide/runtime-<hash>/        the Pyodide runtime (pyodide.mjs, pyodide.asm.*,
                                          python_stdlib.zip), named by a hash of its content

The runtime's folder name changes whenever its content does, so its files are served as
immutable (a year in the browser's HTTP cache; hooks/csp.py), and the service worker never
stands between them and the browser: Chromium keeps compiled code (the 9.6 MB wasm, the 1.2 MB
loader) only for responses from its HTTP cache, so a warm visit boots ~0.5 s faster than from
the service worker's cache, which is kept as the offline copy (hooks/service-worker.js). A page
served from an older offline cache asks for its own runtime folder, never a newer runtime with
its old standard library. The folder's name goes into the config in ``on_config`` (an MkDocs
hook: form.html passes it to the worker); the copy is part of the finishing step over the built
site (scripts/finish_site.py), before hooks/offline.py lists the site's files.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "build" / "pyodide"
# What pyodide.mjs loads from its indexURL (checked in pyodide 314.0.7); scripts/build_pyodide.py
# copies these from node_modules/pyodide.
RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
RUNTIME_PREFIX = "runtime-"


def _check(bundle: Path) -> None:
    missing = [name for name in RUNTIME_FILES + ["pyodide-lock.json", "snapshot.json"] if not (bundle / name).is_file()]
    if missing or not any(bundle.glob("verkosto_forms-*.whl")):
        raise RuntimeError(
            f"{bundle} is missing or incomplete ({', '.join(missing) or 'no forms wheel'}): "
            "run `make build` (it runs scripts/build_pyodide.py) before building the site")


def runtime_dir_name(bundle: Path = BUNDLE) -> str:
    """'runtime-<12 hex>': a hash of the runtime files' names and content."""
    _check(bundle)
    digest = hashlib.sha256()
    for name in RUNTIME_FILES:
        digest.update(name.encode() + b"\0" + hashlib.sha256((bundle / name).read_bytes()).digest())
    return RUNTIME_PREFIX + digest.hexdigest()[:12]


def copy_pyodide_assets(site_dir: Path, runtime: str, bundle: Path = BUNDLE) -> Path:
    """Copy the bundle to site_dir/pyodide/ (replacing it), the runtime into its folder
    `runtime` (from runtime_dir_name); return the target directory."""
    target = Path(site_dir) / "pyodide"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundle, target, ignore=shutil.ignore_patterns(*RUNTIME_FILES))
    (target / runtime).mkdir()
    for name in RUNTIME_FILES:
        shutil.copy2(bundle / name, target / runtime / name)
    return target


def snapshot_file(bundle: Path = BUNDLE) -> str:
    """The forms' memory snapshot's file name (scripts/build_snapshot.py, named by its content)."""
    return json.loads((bundle / "snapshot.json").read_text("utf-8"))["file"]


def on_config(config):
    """The runtime's folder and the snapshot's file (both named by their content): form.html
    passes them to the worker."""
    config["extra"]["pyodide_runtime"] = runtime_dir_name()
    config["extra"]["pyodide_snapshot"] = snapshot_file()
    return config
