"""Build the static site for tests: the same `mkdocs build --strict` and finishing step that ship
(scripts/site_server.py serves it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
