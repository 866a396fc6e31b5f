"""The deploy files, used for real: the site served by nginx with the shipped snippet, and the
`_headers` file that Netlify / Cloudflare Pages read (the test server applies it to every test)."""

from __future__ import annotations

import gzip
import json
import urllib.request

import pytest

from hooks.csp import script_hashes
from scripts.form_driver import FIXTURES, export, fill, wait_python_ready
from scripts.nginx_server import NginxServer
from scripts.site_server import read_headers_file


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    try:
        server = NginxServer(site_dir, tmp_path_factory.mktemp("nginx"))
    except RuntimeError as error:
        pytest.fail(str(error))
    yield server.url
    server.stop()


def head(url: str, **headers) -> tuple[dict, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        return {k.lower(): v for k, v in r.headers.items()}, r.read()


def test_nginx_serves_types_policy_caching_and_compression(nginx, site_dir):
    h, _ = head(nginx)
    csp = h["content-security-policy"]
    assert "frame-ancestors 'self'" in csp and "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert h["x-content-type-options"] == "nosniff" and h["cache-control"] == "no-cache"
    runtime = next((site_dir / "pyodide").glob("runtime-*")).name
    h, _ = head(nginx + f"pyodide/{runtime}/pyodide.asm.wasm")
    assert h["content-type"] == "application/wasm" and "immutable" in h["cache-control"]
    assert head(nginx + "pyodide/pyodide-lock.json")[0]["cache-control"] == "no-cache"
    assert head(nginx + "assets/js/python-worker.mjs")[0]["content-type"].startswith("text/javascript")
    assert head(nginx + "manifest.webmanifest")[0]["content-type"] == "application/manifest+json"
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    h, _ = head(nginx + f"assets/javascripts/{bundle.name}")
    assert "immutable" in h["cache-control"]
    h, body = head(nginx + "assets/css/site.css", **{"Accept-Encoding": "gzip"})
    assert h.get("content-encoding") == "gzip" and gzip.decompress(body).startswith(b"/*")


def test_form_exports_on_nginx(page, nginx, tmp_path):
    page.goto(nginx + "lomakkeet/muistio/")
    wait_python_ready(page)
    fill(page, "muistio", FIXTURES["FULL"]["muistio"])
    assert export(page, "muistio", "pdf", tmp_path).read_bytes().startswith(b"%PDF-")


def test_headers_file_covers_every_page_and_module(site_dir):
    rules = dict(read_headers_file(site_dir / "_headers"))
    csp = dict(rules["/*"])["Content-Security-Policy"]
    for page in site_dir.rglob("*.html"):
        for digest in script_hashes(page.read_text(encoding="utf-8")):
            assert digest in csp, f"{page}: {digest} missing from _headers"
    for module in list(site_dir.rglob("*.mjs")) + list(site_dir.rglob("*.wasm")):
        path = "/" + module.relative_to(site_dir).as_posix()
        assert path in rules, f"no Content-Type rule for {path}"


def test_deployment_check_passes_on_nginx_and_finds_a_bad_host(nginx, site_dir):
    import functools
    import http.server
    import threading

    from scripts.check_deploy import check

    built_for = json.loads((site_dir / "offline.json").read_text(encoding="utf-8"))["site_url"]
    assert check(nginx, public=built_for) == []
    # Served somewhere else than the address it was built for: refused, saying how to build.
    refused = check(nginx)
    assert len(refused) == 1 and built_for in refused[0] and "SITE_URL=" in refused[0], refused

    class WrongTypes(http.server.SimpleHTTPRequestHandler):  # a host that knows no .wasm
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/octet-stream"}

        def log_message(self, *args):
            pass

    bad = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(WrongTypes, directory=str(site_dir)))
    threading.Thread(target=bad.serve_forever, daemon=True).start()
    try:
        problems = check(f"http://127.0.0.1:{bad.server_address[1]}/")
    finally:
        bad.shutdown()
        bad.server_close()
    assert any("pyodide.asm.wasm: Content-Type application/octet-stream" in p for p in problems), problems
