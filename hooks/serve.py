"""MkDocs hook for `mkdocs serve` only (live reload while writing pages): the finishing step
(scripts/finish_site.py) does not run there, so no page has a policy (live reload's script runs)
and no offline cache is made. A caching worker that `make serve` installed on the same address
would still answer with old pages: this writes a sw.js that removes it (service-worker-unregister.js).
Under `mkdocs build` it does nothing."""
from __future__ import annotations

import json
from pathlib import Path

UNREGISTER = Path(__file__).with_name("service-worker-unregister.js")
_SERVING = False


def on_startup(command: str, dirty: bool) -> None:
    global _SERVING
    _SERVING = command == "serve"


def on_post_build(config) -> None:
    if not _SERVING:
        return
    from hooks.languages import site_root
    from hooks.offline import storage_prefix

    head = f"const STORAGE_PREFIX = {json.dumps(storage_prefix())};\n"
    (site_root(config) / "sw.js").write_text(head + UNREGISTER.read_text(encoding="utf-8"), encoding="utf-8")
