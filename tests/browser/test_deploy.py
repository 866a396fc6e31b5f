"""The deploy files, used for real: the site served by nginx with the shipped snippet, and the
`_headers` file that Netlify / Cloudflare Pages read (the test server applies it to every test)."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from macros.csp import script_hashes
from tests.browser.formdriver import FIXTURES, export, fill, wait_python_ready
from tests.sitebuild import ROOT, read_headers_file

NGINX_SNIPPET = ROOT / "build" / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is not installed (make test installs nginx-light as root)")
    assert NGINX_SNIPPET.is_file(), "build/deploy/nginx.conf is made by `make build`"
    work = tmp_path_factory.mktemp("nginx")
    work.chmod(0o777)
    port = free_port()
    conf = work / "nginx.conf"
    # As root, nginx's workers would run as "nobody" and could not read a test's private tmp dir.
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(f"""
{user}
daemon off;
pid {work}/nginx.pid;
error_log stderr warn;
events {{}}
http {{
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site_dir};
        include {NGINX_SNIPPET};
    }}
}}
""", encoding="utf-8")
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(work)], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read()}")
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


def head(url: str, **headers) -> tuple[dict, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
        return {k.lower(): v for k, v in r.headers.items()}, r.read()


def test_nginx_serves_types_policy_caching_and_compression(nginx):
    h, _ = head(nginx)
    csp = h["content-security-policy"]
    assert "frame-ancestors 'self'" in csp and "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert h["x-content-type-options"] == "nosniff" and h["cache-control"] == "no-cache"
    assert head(nginx + "pyodide/pyodide.asm.wasm")[0]["content-type"] == "application/wasm"
    assert head(nginx + "assets/js/python-worker.mjs")[0]["content-type"].startswith("text/javascript")
    assert head(nginx + "manifest.webmanifest")[0]["content-type"] == "application/manifest+json"
    bundle = next((ROOT / "site" / "assets" / "javascripts").glob("bundle.*.min.js"), None)
    if bundle:
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
