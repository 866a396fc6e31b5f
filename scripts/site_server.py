"""A loopback server for a built site, as a host that reads `_headers` would serve it; used by the
tests, the benchmark and the audit."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIME_TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
              ".json": "application/json", ".webmanifest": "application/manifest+json"}
# Files the tests and the benchmark serve beside the site (axe for the accessibility checks).
TEST_FILES = {"/__test__/axe.min.js": ROOT / "node_modules" / "axe-core" / "axe.min.js"}


def read_headers_file(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The site's `_headers` (Netlify / Cloudflare Pages format): [(pattern, [(name, value)])]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a host that reads `_headers` would: the deploy headers (CSP included,
    so workers get it too) are tested with every page the browser tests load."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    header_rules: list = []

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        chosen: dict[str, str] = {}
        for pattern, headers in self.header_rules:
            if _matches(pattern, path):
                chosen.update(headers)  # later, more specific rules win, as on Netlify
        for name, value in chosen.items():
            if name.lower() != "content-type":  # the type comes from send_head; checked separately
                self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path):
        extra = TEST_FILES.get(path.split("?", 1)[0])
        return str(extra) if extra else super().translate_path(path)

    def log_message(self, *args):  # keep test output clean
        pass


class StaticServer:
    """A static file server on 127.0.0.1 that a test can stop for real (offline tests)."""

    def __init__(self, directory: Path, port: int = 0):
        handler_class = type("SiteHandler", (_Handler,), {"header_rules": read_headers_file(Path(directory) / "_headers")})
        handler = functools.partial(handler_class, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
