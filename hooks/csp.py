"""A Content Security Policy on every page, allowing only the site itself: part of the finishing
step over the built folder (scripts/finish_site.py), after every language is built.

Material writes a few inline scripts into every page, and two of them change with the page's
depth, so they are allowed by their sha256 hashes, computed per page from the built file
(never 'unsafe-inline'). The policy goes into a <meta> right after the charset, before any script.
`frame-ancestors` cannot be set by <meta> (the browser ignores it there and says so), so it
lives only in the deploy headers (`_headers`, build/deploy/nginx.conf), which use the union of
every page's hashes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

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


META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def with_policy(html: str, name: str = "page") -> tuple[str, list[str]]:
    """The page with its policy <meta> (replacing one already there) and the hashes it allows."""
    html = META.sub("", html, count=1)
    hashes = script_hashes(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    head = re.search(r"<meta charset=[^>]*>", html) or re.search(r"<head[^>]*>", html)
    if not head:
        raise ValueError(f"{name}: no <head> to put the CSP in")
    return html[: head.end()] + "\n    " + meta + html[head.end():], hashes


# ---- Deploy files ------------------------------------------------------------------------------
# The same policy as HTTP headers (with frame-ancestors, which <meta> cannot carry), made from the
# union of every page's hashes, for hosts that read a headers file, and as an nginx snippet.

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
MIME = {".mjs": "text/javascript; charset=utf-8", ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json"}
# Material's bundles, the Pyodide runtime's folder and the forms' memory snapshot carry a content hash in their names:
# cache them for a year. The rest (pages, our scripts, the wheels) is revalidated; offline use
# comes from the service worker.
IMMUTABLE = ["/assets/javascripts/*", "/assets/stylesheets/*", "/pyodide/runtime-*", "/pyodide/forms-snapshot-*"]


def headers_file(site: Path, hashes: set[str]) -> str:
    """Netlify / Cloudflare Pages `_headers`."""
    lines = ["/*", f"  Content-Security-Policy: {policy(hashes, header=True)}"]
    lines += [f"  {k}: {v}" for k, v in SECURITY_HEADERS.items()]
    # No Cache-Control under /*: these hosts join a header set by two matching rules, so a
    # site-wide value would spoil the immutable one below. Their default revalidates pages.
    for pattern in IMMUTABLE:
        lines += [pattern, "  Cache-Control: public, max-age=31536000, immutable"]
    for path in sorted(p for p in site.rglob("*") if p.suffix in MIME):
        lines += [f"/{path.relative_to(site).as_posix()}", f"  Content-Type: {MIME[path.suffix]}"]
    return "\n".join(lines) + "\n"


def nginx_snippet(hashes: set[str]) -> str:
    csp = policy(hashes, header=True)
    security = "\n".join(f'add_header {k} "{v}" always;' for k, v in SECURITY_HEADERS.items())
    return f"""# nginx: include inside the server {{}} block that serves the built site/ (made by `make build`).
# root /srv/verkostokokous/site;
include /etc/nginx/mime.types;
types {{
    text/javascript mjs;
    application/wasm wasm;
    application/manifest+json webmanifest;
}}
gzip on;
gzip_types text/css text/javascript application/javascript application/json application/wasm image/svg+xml application/manifest+json;
location / {{
    add_header Content-Security-Policy "{csp}" always;
{indent(security)}
    add_header Cache-Control "no-cache" always;
    try_files $uri $uri/ =404;
}}
location ~ ^/(assets/(javascripts|stylesheets)|pyodide/runtime-[0-9a-f]+)/ {{
    add_header Content-Security-Policy "{csp}" always;
{indent(security)}
    add_header Cache-Control "public, max-age=31536000, immutable" always;
}}
# The forms' memory snapshot (31 MB, mostly an empty heap): compressed on the way (~7 MB), which
# the wheels (zip files already) are not.
location ~ ^/pyodide/forms-snapshot-[0-9a-f]+\\.bin$ {{
    add_header Content-Security-Policy "{csp}" always;
{indent(security)}
    add_header Cache-Control "public, max-age=31536000, immutable" always;
    gzip_types application/octet-stream;
}}
"""


def indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def apply(site: Path, deploy: Path) -> set[str]:
    """Every page of the built site gets its policy; the deploy headers (site/_headers and the
    nginx snippet in `deploy`) allow the union of their hashes, which is returned."""
    hashes: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        html, page_hashes = with_policy(page.read_text(encoding="utf-8"), str(page.relative_to(site)))
        page.write_text(html, encoding="utf-8")
        hashes.update(page_hashes)
    (site / "_headers").write_text(headers_file(site, hashes), encoding="utf-8")
    deploy.mkdir(parents=True, exist_ok=True)
    (deploy / "nginx.conf").write_text(nginx_snippet(hashes), encoding="utf-8")
    return hashes
