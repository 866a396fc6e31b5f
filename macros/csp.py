"""MkDocs hook: a Content Security Policy on every page, allowing only the site itself.

Material writes a few inline scripts into every page, and two of them change with the page's
depth, so they are allowed by their sha256 hashes, computed here per page after rendering
(never 'unsafe-inline'). The policy goes into a <meta> right after the charset, before any script.
`frame-ancestors` cannot be set by <meta> (the browser ignores it there and says so), so it
lives only in the deploy headers (deploy/), which use the union of every page's hashes.
Registered in mkdocs.yml under `hooks:`.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],  # wasm: Pyodide compiles WebAssembly
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],                   # Material's icons are data: SVGs in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    # The forms never submit (a script handles them); without the script, Enter in a field would
    # send the typed client data to the server in the URL. 'none' stops that.
    "form-action": ["'none'"],
}
HEADER_ONLY = {"frame-ancestors": ["'self'"]}

ALL_HASHES: set[str] = set()  # every page's inline-script hashes, for the deploy headers
_SERVING = False                # `mkdocs serve` injects a live-reload script that changes per request


def on_startup(command: str, dirty: bool) -> None:
    global _SERVING
    _SERVING = command == "serve"


def script_hashes(html: str) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs):
            continue  # external scripts are 'self'; JSON data blocks are not run, CSP does not govern them
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(hashes: list[str] | set[str], header: bool = False) -> str:
    directives = {**BASE_POLICY, **(HEADER_ONLY if header else {})}
    directives["script-src"] = directives["script-src"] + sorted(hashes)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def on_post_page(output: str, page, config) -> str:
    hashes = script_hashes(output)
    ALL_HASHES.update(hashes)
    content = policy(hashes)
    if _SERVING:  # local preview only: no hashes, so 'unsafe-inline' lets live reload run
        content = policy(["'unsafe-inline'"])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    head = re.search(r"<meta charset=[^>]*>", output) or re.search(r"<head[^>]*>", output)
    if not head:
        raise ValueError(f"{page.file.src_uri}: no <head> to put the CSP in")
    return output[: head.end()] + "\n    " + meta + output[head.end():]
