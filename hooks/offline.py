"""Offline use, made from the built files: part of the finishing step over the whole built site
(scripts/finish_site.py), after every language is built, so the lists never miss a page or a wheel.

- <site>/sw.js: the service worker (template: hooks/service-worker.js) with the version (a hash
  of every file it serves) and the file lists: CORE, precached at install; PYTHON, the Pyodide
  bundle and its loader scripts, cached when a form page first starts Python; RUNTIME, the
  runtime's folder, which the worker leaves to the browser's HTTP cache.
- <site>/offline.json: the same lists and the address the site was built for (``site_url``), for
  tests and for checking a deployment (scripts/check_deploy.py refuses another address).

Each language's web app manifest is a template the site's build renders
(overrides/manifest.webmanifest).
"""

from __future__ import annotations

import hashlib
import re
import json
from pathlib import Path

TEMPLATE = Path(__file__).with_name("service-worker.js")
NOT_SERVED = {"sw.js", "offline.json", "404.html", "_headers", "sitemap.xml.gz"}


def _url(rel: str) -> str:
    """The URL path a file is requested by: directories for pages ("kulku/index.html" -> "kulku/")."""
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def _is_python(rel: str) -> bool:
    """The Pyodide bundle and the scripts that only form pages load to run it (each language's
    copy of them too: sv/assets/js/python-worker.mjs)."""
    return rel.startswith("pyodide/") or re.match(r"(?:[a-z]{2,3}/)?assets/js/python-", rel) is not None


def file_lists(site: Path) -> tuple[str, list[str], list[str]]:
    core, python, digest = [], [], hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel.rsplit("/", 1)[-1] in NOT_SERVED or rel.startswith("__"):
            continue
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        (python if _is_python(rel) else core).append(_url(rel))
    return digest.hexdigest()[:16], core, python


def python_channel() -> str:
    """PYTHON_CHANNEL of forms/contracts.toml (its one home), for the service worker, which is a
    classic script and cannot import the page scripts' generated copy."""
    from forms.contracts import contracts

    return contracts().channels["PYTHON_CHANNEL"]


def storage_prefix() -> str:
    """What every name the site keeps in the browser starts with (forms/contracts.toml): the
    service worker's cache names too."""
    from forms.contracts import contracts

    return contracts().prefix


def write(site: Path, runtime: str, site_url: str) -> dict:
    """sw.js and offline.json at the site's root over every file in it (the Pyodide bundle
    copied in first: its runtime in pyodide/<runtime>/); returns the lists."""
    version, core, python = file_lists(site)
    if not python:
        raise RuntimeError("offline: the site has no pyodide/ folder; run `make build`")
    runtime = f"pyodide/{runtime}/"
    if not any(p.startswith(runtime) for p in python):
        raise RuntimeError(f"offline: the site has no {runtime} folder")
    lists = {"version": version, "core": core, "python": python, "runtime": runtime}
    # The address the QR codes, canonical links and sitemap point at: the deploy check refuses
    # a site built for another address (a test build, a local `make serve`).
    (site / "offline.json").write_text(json.dumps({**lists, "site_url": site_url}, indent=1), encoding="utf-8")
    head = "".join(f"const {name.upper()} = {json.dumps(value)};\n" for name, value in lists.items())
    head += f"const PYTHON_CHANNEL = {json.dumps(python_channel())};\n"
    head += f"const STORAGE_PREFIX = {json.dumps(storage_prefix())};\n"
    (site / "sw.js").write_text(head + TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    return lists
