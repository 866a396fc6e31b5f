"""Copy the self-hosted Pyodide bundle (build/pyodide/, made by scripts/build_pyodide.py) into
the built site as <site>/pyodide/, where overrides/assets/js/python-worker.mjs loads it from
('../../pyodide/' relative to <site>/assets/js/). Called from the mkdocs-macros
``on_post_build(env)`` hook in macros/__init__.py."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "build" / "pyodide"
REQUIRED = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]


def copy_pyodide_assets(site_dir: Path, bundle: Path = BUNDLE) -> Path:
    """Copy bundle/* to site_dir/pyodide/ (replacing it); return the target directory."""
    missing = [name for name in REQUIRED if not (bundle / name).is_file()]
    if missing or not any(bundle.glob("verkosto_forms-*.whl")):
        raise RuntimeError(
            f"{bundle} is missing or incomplete ({', '.join(missing) or 'no forms wheel'}): "
            "run `make build` (it runs scripts/build_pyodide.py) before building the site")
    target = Path(site_dir) / "pyodide"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundle, target)
    return target
