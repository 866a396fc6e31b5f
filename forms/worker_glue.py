"""The browser worker's one Python entry: JSON in, JSON plus a list of bytes out.

``overrides/assets/js/python-worker-start.mjs`` gets :func:`worker_call`, which
``python-worker.mjs`` calls for every request, and
``scripts/build_snapshot.py`` imports this module (and warms the forms) before it takes the
memory snapshot the worker can start from: one definition for both, so a snapshot's Python
state is exactly what a normal boot gives.
"""
from __future__ import annotations

import json
import warnings

# fpdf2 warns once that Pillow is missing; images are never used here.
warnings.filterwarnings("ignore", message="Pillow could not be imported")

_BYTES = "\u0000bytes"


def _encode(obj, blobs: list[bytes]):
    """``obj`` with every bytes value replaced by ``{"\\0bytes": index}`` into ``blobs``."""
    if isinstance(obj, (bytes, bytearray, memoryview)):
        blobs.append(bytes(obj))
        return {_BYTES: len(blobs) - 1}
    if isinstance(obj, dict):
        return {str(k): _encode(v, blobs) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_encode(v, blobs) for v in obj]
    return obj


def worker_call(request_json: str, data=None) -> list:
    """``[response_json, blobs]`` for one request (``forms.api.handle``; never raises).

    ``data`` is the request's binary part (a JS typed array in the worker, bytes in tests)."""
    from forms.api import handle

    try:
        request = json.loads(request_json)
        if data is not None:
            request["data"] = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
        blobs: list[bytes] = []
        text = json.dumps(_encode(handle(request), blobs), ensure_ascii=False, allow_nan=False)
    except Exception:
        import traceback

        traceback.print_exc()
        blobs = []
        text = json.dumps({"errors": [{"field": "", "code": "internal"}]})
    return [text, blobs]


def prepare_snapshot() -> None:
    """What the build runs before it takes the memory snapshot (scripts/build_snapshot.py):
    the worker's state at "ready" with the forms' modules imported, and nothing else.

    Only the forms' own modules (and the standard library they use) go in. Importing the export
    libraries too (fpdf2, fontTools, icalendar, pygal, xlsxwriter) grew the snapshot from 31 MB
    to 45-54 MB raw and 6.9 to 15-16 MB gzip (measured 2026-12-01, Pyodide 314.0.7), for a
    warm-up the worker already does in the background while the user types. Nothing that
    depends on who is visiting may run here: the snapshot is the same file for everyone."""
    import gc

    import forms.api  # noqa: F401  (the modules every request needs)

    gc.collect()


def after_restore() -> None:
    """Run once after the worker restored a memory snapshot: the snapshot froze the state of
    ``random`` (seeded when the build imported it), so every visitor would draw the same
    numbers; reseed it from the operating system. (``secrets`` and ``uuid4``, which the exports
    use for file names and ids, read ``os.urandom`` at every call and need nothing.)"""
    import sys

    if "random" in sys.modules:
        sys.modules["random"].seed()
