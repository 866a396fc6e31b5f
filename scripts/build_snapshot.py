"""Make the memory snapshot the forms' worker can start from, into build/pyodide/.

Run after scripts/build_pyodide.py (``make build`` does both):

    .venv/bin/python scripts/build_snapshot.py

Why: a warm visit to a form page spent most of its wait in Pyodide's own boot (instantiating
the wasm, starting Python, importing the standard library; ~1.5 s here). Pyodide can instead
copy a memory image of a runtime that has already booted into the heap (a private API:
``loadPyodide({_makeSnapshot})``, ``makeMemorySnapshot()``, ``loadPyodide({_loadSnapshot})``).
The snapshot is made here, at build time under Node, not in each visitor's browser: it is then
the same file for everyone (hashed and listed like the wheels, and never holding anything a
visitor typed), and a phone does not spend a second boot's work making it.

Writes, beside pyodide-lock.json:

``forms-snapshot-<16 hex>.bin``
    The heap after booting, putting the forms' wheel on the path as the worker does, and
    running ``forms.worker_glue.prepare_snapshot()`` (imports ``forms.api``). About 31 MB raw,
    7 MB gzip. The file system is not in it: the worker writes the wheels again after restoring.
``snapshot.json``
    ``{file, sha256, size, pyodide, wheels: {name: sha256}}``: the worker restores the file
    only when its bytes match ``sha256`` and every wheel it was made with is the lock's; the
    runtime refuses a snapshot of another build itself ("build id mismatch"). Either way the
    worker then boots normally.

Pyodide's file is changed in one place (``patch_runtime``), reproducibly, from the pinned
package's own file: ``API.restoreSnapshot`` copies the snapshot into the heap without growing
it first, so a snapshot larger than the initial heap (30 MiB) fails with "RangeError: offset
is out of bounds" (pyodide issue #6254). The forms' snapshot is at that limit today, and any
growth would break it; the patch grows the memory first. It must apply exactly once: after an
upgrade of Pyodide the build stops here and says so, rather than shipping an unpatched or
twice-patched runtime.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
BUNDLE = ROOT / "build" / "pyodide"
MAKER = ROOT / "scripts" / "make_snapshot.mjs"
PATCHED_FILE = "pyodide.asm.mjs"
# The statement that ends API.restoreSnapshot in pyodide 314.0.7's pyodide.asm.mjs (`t` is the
# snapshot's heap part, `l` the JS state parsed from its header), and the same statement after
# growing the heap to the snapshot's size by whole 64 KiB wasm pages and renewing the heap views
# (both are locals of the Emscripten module that the function is defined in).
RESTORE_ORIGINAL = "return Module.HEAP8.set(t),l}"
RESTORE_PATCHED = ("{let missing=t.byteLength-wasmMemory.buffer.byteLength;"
                   "if(missing>0){wasmMemory.grow(Math.ceil(missing/65536));updateMemoryViews()}}"
                   "return Module.HEAP8.set(t),l}")
PYODIDE_VERSION = "314.0.7"   # the version the patch was written for (package.json pins it)
# The wheels whose modules are in the snapshot (prepare_snapshot imports the forms only).
SNAPSHOT_WHEELS = ["verkosto-forms"]
PREFIX = "forms-snapshot-"


def say(msg: str) -> None:
    print(f"build_snapshot: {msg}", flush=True)


def fail(msg: str) -> None:
    print(f"build_snapshot: ERROR: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def patch_runtime(original: str) -> str:
    """pyodide.asm.mjs with restoreSnapshot growing the heap first; fails unless the original
    statement is there exactly once (and the patched one not at all)."""
    count = original.count(RESTORE_ORIGINAL)
    if count != 1 or RESTORE_PATCHED in original:
        fail(f"node_modules/pyodide/{PATCHED_FILE}: the statement to patch occurs {count} times "
             f"(expected once, as in Pyodide {PYODIDE_VERSION}). Pyodide was upgraded: check whether "
             "API.restoreSnapshot still needs the heap grown first, and update RESTORE_ORIGINAL "
             "/ RESTORE_PATCHED in scripts/build_snapshot.py")
    return original.replace(RESTORE_ORIGINAL, RESTORE_PATCHED)


def main() -> None:
    version = json.loads((NODE_PYODIDE / "package.json").read_text("utf-8"))["version"]
    if version != PYODIDE_VERSION:
        fail(f"node_modules has Pyodide {version}; this script was checked with {PYODIDE_VERSION}")
    lock = json.loads((BUNDLE / "pyodide-lock.json").read_text("utf-8"))
    # Always from the pinned package's own file, so running this twice patches once.
    patched = patch_runtime((NODE_PYODIDE / PATCHED_FILE).read_text("utf-8"))
    (BUNDLE / PATCHED_FILE).write_text(patched, "utf-8")
    say(f"patched {PATCHED_FILE}: restoreSnapshot grows the heap first")

    for old in BUNDLE.glob(PREFIX + "*.bin"):
        old.unlink()
    tmp = BUNDLE / (PREFIX + "tmp")
    result = subprocess.run(["node", str(MAKER), str(BUNDLE), str(tmp)], capture_output=True, text=True)
    if result.returncode != 0:
        tmp.unlink(missing_ok=True)
        fail(f"making or restoring the snapshot failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    data = tmp.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    name = f"{PREFIX}{digest[:16]}.bin"
    tmp.rename(BUNDLE / name)
    info = {
        "file": name,
        "sha256": digest,
        "size": len(data),
        "pyodide": version,
        "wheels": {w: lock["packages"][w]["sha256"] for w in SNAPSHOT_WHEELS},
    }
    (BUNDLE / "snapshot.json").write_text(json.dumps(info, indent=1) + "\n", "utf-8")
    say(f"wrote {name}: {len(data) / 1e6:.1f} MB, {figures['modules']} modules; restored under Node "
        f"in {figures['restore_ms']} ms (a plain boot: {figures['boot_ms']} ms)")


if __name__ == "__main__":
    main()
