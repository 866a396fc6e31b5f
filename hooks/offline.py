"""MkDocs hook: offline use and installability, made from the built files at every build.

- <site>/sw.js: the service worker (template: hooks/service-worker.js) with the version (a hash
  of every file it serves), the two file lists: CORE, precached at install, and PYTHON, the
  Pyodide bundle and its loader scripts, cached when a form page first starts Python, and
  RUNTIME, the runtime's folder, which the worker leaves to the browser's HTTP cache. Listing the built files here
  means the list never misses a page or a wheel.
- <site>/offline.json: the same lists and the address the site was built for (``site_url``), for
  tests and for checking a deployment (scripts/check_deploy.py refuses another address).
- <site>/manifest.webmanifest: name, colours and icons from mkdocs.yml.
Runs after mkdocs-macros' on_post_build (which copies the Pyodide bundle in): MkDocs runs
hooks after the plugins.
"""

from __future__ import annotations

import hashlib
import re
import json
from pathlib import Path

TEMPLATE = Path(__file__).with_name("service-worker.js")
# Under `mkdocs serve` a caching worker would hide every edit: serve one that removes itself.
SELF_REMOVING = """// mkdocs serve: no offline cache while editing; this worker removes itself and its caches.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const key of await caches.keys()) if (key.startsWith(`${STORAGE_PREFIX}${self.registration.scope.replace(location.origin, "")}:`)) await caches.delete(key);
  await self.registration.unregister();
})()));
"""
_SERVING = False


def on_startup(command: str, dirty: bool) -> None:
    global _SERVING
    _SERVING = command == "serve"
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


def manifest(config) -> dict:
    org = config["extra"]["organisation"]
    return {
        "name": config["site_name"],
        "short_name": config["extra"]["t"]["site.short_name"],
        "description": config["site_description"],
        "lang": config["theme"]["language"],
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": config["extra"].get("theme_color", "#00695c"),
        "publisher": org["name"],
        "icons": [
            {"src": "assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
            {"src": "assets/icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
    }


def on_post_build(config) -> None:
    """The manifest in this language's folder; the worker and its lists at the whole site's
    root, over every language built so far (languages build root first, so the last build's
    lists are complete)."""
    from hooks.languages import site_root

    (Path(config["site_dir"]) / "manifest.webmanifest").write_text(
        json.dumps(manifest(config), ensure_ascii=False, indent=1), encoding="utf-8")
    site = site_root(config)
    version, core, python = file_lists(site)
    if not python:
        raise RuntimeError("offline: the site has no pyodide/ folder; run `make build`")
    runtime = f"pyodide/{config['extra']['pyodide_runtime']}/"
    if not any(p.startswith(runtime) for p in python):
        raise RuntimeError(f"offline: the site has no {runtime} folder")
    lists = {"version": version, "core": core, "python": python, "runtime": runtime}
    # The address the QR codes, canonical links and sitemap point at: the deploy check refuses
    # a site built for another address (a test build, a local `make serve`).
    built_for = {"site_url": config.get("site_url") or ""}
    (site / "offline.json").write_text(json.dumps({**lists, **built_for}, indent=1), encoding="utf-8")
    head = "".join(f"const {name.upper()} = {json.dumps(value)};\n" for name, value in lists.items())
    head += f"const PYTHON_CHANNEL = {json.dumps(python_channel())};\n"
    head += f"const STORAGE_PREFIX = {json.dumps(storage_prefix())};\n"
    worker = head + (SELF_REMOVING if _SERVING else TEMPLATE.read_text(encoding="utf-8"))
    (site / "sw.js").write_text(worker, encoding="utf-8")
