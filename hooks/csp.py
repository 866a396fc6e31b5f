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


def on_post_template(output: str, template_name: str, config) -> str:
    """Theme pages rendered outside the page list (Material's 404.html) get the policy too."""
    if not template_name.endswith(".html"):
        return output
    return _with_policy(output, template_name)


def on_post_page(output: str, page, config) -> str:
    return _with_policy(output, page.file.src_uri)


def _with_policy(output: str, name: str) -> str:
    hashes = script_hashes(output)
    ALL_HASHES.update(hashes)
    content = policy(hashes)
    if _SERVING:  # local preview only: no hashes, so 'unsafe-inline' lets live reload run
        content = policy(["'unsafe-inline'"])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    head = re.search(r"<meta charset=[^>]*>", output) or re.search(r"<head[^>]*>", output)
    if not head:
        raise ValueError(f"{name}: no <head> to put the CSP in")
    return output[: head.end()] + "\n    " + meta + output[head.end():]


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


def headers_file(site) -> str:
    """Netlify / Cloudflare Pages `_headers`."""
    lines = ["/*", f"  Content-Security-Policy: {policy(ALL_HASHES, header=True)}"]
    lines += [f"  {k}: {v}" for k, v in SECURITY_HEADERS.items()]
    # No Cache-Control under /*: these hosts join a header set by two matching rules, so a
    # site-wide value would spoil the immutable one below. Their default revalidates pages.
    for pattern in IMMUTABLE:
        lines += [pattern, "  Cache-Control: public, max-age=31536000, immutable"]
    for path in sorted(p for p in site.rglob("*") if p.suffix in MIME):
        lines += [f"/{path.relative_to(site).as_posix()}", f"  Content-Type: {MIME[path.suffix]}"]
    return "\n".join(lines) + "\n"


def nginx_snippet() -> str:
    csp = policy(ALL_HASHES, header=True)
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


def on_post_build(config) -> None:
    """The deploy headers at the whole site's root, from the hashes of every language's pages
    built so far (read from the files: each language is its own build)."""
    from pathlib import Path

    from hooks.languages import site_root

    site = site_root(config)
    ALL_HASHES.clear()
    for page in site.rglob("*.html"):
        ALL_HASHES.update(script_hashes(page.read_text(encoding="utf-8")))
    (site / "_headers").write_text(headers_file(site), encoding="utf-8")
    deploy = Path(config["config_file_path"]).parent / "build" / "deploy"
    deploy.mkdir(parents=True, exist_ok=True)
    (deploy / "nginx.conf").write_text(nginx_snippet(), encoding="utf-8")
