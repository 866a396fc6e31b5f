"""Build and serve the static site for tests: the same `mkdocs build --strict` that ships."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIME_TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
              ".json": "application/json", ".webmanifest": "application/manifest+json"}


def build_site(dest: Path) -> Path:
    """Every language, as `make build` does: the root language first, then each other one
    into its folder (forms/languages.toml)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest)],
        cwd=ROOT, env=env, check=True,
    )
    return build_other_languages(dest)


def build_other_languages(dest: Path) -> Path:
    """The languages after the root one, into dest/<code>/ (the root's build empties dest), then
    the finishing step over the whole folder (scripts/finish_site.py), as `make build` does."""
    from forms.language import site_languages
    from scripts.finish_site import finish

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for code in site_languages()[1:]:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", f"mkdocs.{code}.yml",
             "-d", str(dest / code)], cwd=ROOT, env=env, check=True,
        )
    finish(dest)
    return dest


# Test-only files served beside the site, so injected tools obey the site's own CSP ('self').
TEST_FILES = {"/__test__/axe.min.js": ROOT / "node_modules" / "axe-core" / "axe.min.js"}


class BuildFailed(Exception):
    """`mkdocs build --strict` failed; the message is what it printed."""


def build_site_with(dest: Path, overrides: dict, env: dict | None = None, output: list | None = None) -> Path:
    """Build with mkdocs.yml plus `overrides` (MkDocs INHERIT deep-merges them), as a
    deployment that edits mkdocs.yml would, and with `env` added to the environment. The
    config sits beside mkdocs.yml so every relative path (docs, overrides, the macros module)
    resolves the same. Raises BuildFailed with the build's output when it fails; otherwise
    appends what it printed (warnings included) to `output` if given."""
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix=".test-mkdocs-", dir=ROOT,
                                     delete=False, encoding="utf-8") as f:
        # JSON is YAML: one top-level key a line, each value in flow style.
        f.write("INHERIT: mkdocs.yml\n")
        for key, value in overrides.items():
            f.write(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
        config = Path(f.name)
    try:
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                              "-d", str(dest)], cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                             capture_output=True, text=True)
    finally:
        config.unlink()
    if run.returncode:
        raise BuildFailed(run.stdout + run.stderr)
    if output is not None:
        output.append(run.stdout + run.stderr)
    return dest


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
