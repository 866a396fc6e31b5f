"""The string and template literals of page scripts, as a JavaScript parser reads them
(js_strings.mjs beside this file, acorn under Node): tests compare ids with these values instead
of reading script source with regular expressions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

READER = Path(__file__).with_name("js_strings.mjs")


@dataclass(frozen=True)
class Script:
    """One script's literals: ``strings`` (value, as written), ``templates`` (fixed pieces, one
    more than the placeholders, as written) and ``calls`` ((callee name, first argument)); the
    DOM hook ids it names through contracts.mjs (``HOOKS.id``, ``hook("id")``) and the lines
    where it uses a ``.dataset`` member."""

    strings: tuple[tuple[str, str], ...]
    templates: tuple[tuple[tuple[str, ...], str], ...]
    calls: tuple[tuple[str, str], ...]
    hooks: frozenset[str] = frozenset()
    dataset: tuple[int, ...] = ()


def read_scripts(paths) -> dict[Path, Script]:
    """Each script's literals. Skips where no Node can run (inside Pyodide); elsewhere a missing
    Node fails, as the build needs it anyway."""
    paths = [Path(p) for p in paths]
    if sys.platform == "emscripten":
        pytest.skip("the page scripts are parsed by Node, which Pyodide cannot start")
    node = shutil.which("node")
    assert node, "Node.js >= 20 is needed to parse the page scripts (make deps installs acorn)"
    if not paths:
        return {}
    proc = subprocess.run([node, str(READER), *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"js_strings.mjs failed:\n{proc.stderr}"
    found = json.loads(proc.stdout)
    return {p: Script(strings=tuple((s["value"], s["raw"]) for s in found[str(p)]["strings"]),
                      templates=tuple((tuple(t["quasis"]), t["raw"]) for t in found[str(p)]["templates"]),
                      calls=tuple((c["callee"], c["arg"]) for c in found[str(p)]["calls"]),
                      hooks=frozenset(found[str(p)]["hooks"]), dataset=tuple(found[str(p)]["dataset"]))
            for p in paths}
