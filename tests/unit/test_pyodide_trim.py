"""The keep-list of the browser's wheels (requirements/pyodide-trim.toml) and the trimming in
scripts/build_pyodide.py: the file is well-formed and names exactly the pinned runtime wheels,
every glob still matches (checked on the built wheels when build/pyodide exists; the build
itself fails on a stale glob), and the rewrite keeps licences, writes a valid RECORD, is
reproducible and leaves the code's syntax tree alone when it strips docstrings and comments."""
from __future__ import annotations

import ast
import base64
import hashlib
import re
import zipfile
from pathlib import Path

import pytest

from scripts import build_pyodide as bp

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLE = ROOT / "build" / "pyodide"


def _pinned() -> dict[str, str]:
    text = bp.REQ_RUNTIME.read_text("utf-8")
    return {bp.canonical(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9._-]+)==(\S+)", text, re.M)}


def _built() -> dict[str, Path]:
    wheels = {bp.wheel_name(w): w for w in sorted(BUNDLE.glob("*.whl"))} if BUNDLE.is_dir() else {}
    wheels.pop(bp.canonical(bp.FORMS_PACKAGE), None)
    if not wheels:
        pytest.skip(f"{BUNDLE} is not built (scripts/build_pyodide.py); the build checks the globs itself")
    return wheels


def test_keep_list_is_well_formed_and_names_exactly_the_pinned_wheels():
    trim = bp.load_trim_list()
    assert set(trim) == set(_pinned()), "one entry per wheel of requirements/pyodide-runtime.txt"
    for name, spec in trim.items():
        assert len(spec["why"].split()) >= 5, f"[{name}] why: say why it ships and what of it is used"
        for glob in spec["keep"] + spec["drop"]:
            bp.glob_regex(glob)


@pytest.mark.parametrize("text, error", [
    ('[Foo_Bar]\nwhy = "x"\nkeep = ["a/*.py"]\n', "canonical"),
    ('[foo]\nkeep = ["a/*.py"]\n', "why"),
    ('[foo]\nwhy = "x"\nkeep = []\n', "empty"),
    ('[foo]\nwhy = "x"\nkeep = ["a/*.py"]\nkept = ["b"]\n', "unknown keys"),
    ('[foo]\nwhy = "x"\nkeep = ["../a.py"]\n', "relative"),
    ('[foo]\nwhy = "x"\nkeep = ["foo-1.dist-info/*"]\n', "dist-info"),
    ('[foo]\nwhy = "x"\nkeep = ["a/*.py"]\nstrip = "yes"\n', "strip"),
    ('[foo]\nwhy = "x"\nkeep = ["a/*.py", "a/*.py"]\n', "twice"),
    ('[foo\n', "pyodide-trim"),
])
def test_malformed_keep_lists_are_refused(tmp_path, text, error):
    path = tmp_path / "pyodide-trim.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(bp.TrimError, match=error):
        bp.load_trim_list(path)


def test_every_glob_matched_the_built_wheels():
    trim = bp.load_trim_list()
    for name, wheel in _built().items():
        spec = trim[name]
        names = zipfile.ZipFile(wheel).namelist()
        kept, stale = bp.select_files(names, dict(spec, drop=[]))
        assert not stale, f"{wheel.name}: keep globs that match nothing: {stale}"
        dropped = [n for n in kept if any(bp.glob_regex(g).match(n) for g in spec["drop"])]
        assert not dropped, f"{wheel.name}: holds files its drop globs leave out: {dropped[:5]}"
        # (`build_pyodide.py --bytecode` adds __pycache__/*.pyc after the trimming)
        payload = [n for n in names if ".dist-info/" not in n and "/__pycache__/" not in n]
        assert sorted(payload) == kept, f"{wheel.name}: holds files no keep glob names"


def _check_record(wheel: Path):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        record = next(n for n in names if n.endswith(".dist-info/RECORD"))
        rows = [line.split(",") for line in z.read(record).decode().splitlines()]
        assert sorted(r[0] for r in rows) == sorted(names), "RECORD lists every file, once"
        for path, digest, size in rows:
            if path == record:
                assert (digest, size) == ("", "")
                continue
            data = z.read(path)
            assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert int(size) == len(data)


def test_built_wheels_keep_their_licences_and_a_valid_record():
    for name, wheel in _built().items():
        names = zipfile.ZipFile(wheel).namelist()
        licences = [n for n in names if ".dist-info/" in n and re.search(r"(LICEN[CS]E|COPYING)", n.split("/")[-1])]
        assert licences, f"{wheel.name}: no licence file"
        assert any(n.endswith(".dist-info/TRIMMED") for n in names)
        _check_record(wheel)


def test_glob_semantics():
    match = lambda glob, path: bool(bp.glob_regex(glob).match(path))  # noqa: E731
    assert match("a/*.py", "a/b.py") and not match("a/*.py", "a/b/c.py")
    assert match("a/**", "a/b/c.txt") and match("a/**/*.py", "a/b.py") and match("a/**/*.py", "a/b/c/d.py")
    assert match("**/__main__.py", "__main__.py") and match("**/__main__.py", "a/b/__main__.py")
    assert match("a/T_S_I*.py", "a/T_S_I__0.py") and not match("a/b.py", "a/b.pyc")
    assert not match("a/?.py", "a/bc.py") and not match("a.py", "xa.py")


# --- trimming a small wheel made here --------------------------------------------------------

SOURCE = '''\
# Copyright 2024 Somebody. MIT licence.
# (the leading comment block stays)
"""Module docstring."""
from __future__ import annotations

import os  # a trailing comment


class Thing:
    """Only a docstring."""


def f(x):
    """Doc
    on lines."""
    # a comment line
    return "# not a comment", x  # trailing


def g():
    """Doc."""
    raise ValueError("line 22")
'''


def _make_wheel(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def _wheel_files():
    return {
        "pkg/__init__.py": SOURCE.encode(),
        "pkg/reads_doc.py": b'"""Kept."""\nDOC = __doc__  # kept too\n',
        "pkg/data/zone.bin": b"\x00\x01",
        "pkg/tests/test_x.py": b"def test(): pass\n",
        "pkg-1.0.data/scripts/tool": b"#!python\n",
        "pkg-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nRequires-Dist: other\n\nThe long README.\n",
        "pkg-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nTag: py3-none-any\n",
        "pkg-1.0.dist-info/licenses/LICENSE": b"MIT\n",
        "pkg-1.0.dist-info/RECORD": b"stale\n",
    }


SPEC = {"why": "test", "keep": ["pkg/**/*.py", "pkg/data/*"], "drop": ["pkg/tests/**"], "strip": True}


def test_trim_wheel_keeps_the_kept_files_licences_and_metadata_headers(tmp_path):
    wheel = _make_wheel(tmp_path / "pkg-1.0-py3-none-any.whl", _wheel_files())
    before, after = bp.trim_wheel(wheel, SPEC, "pkg-1.0-py3-none-any.whl (sha256 0)")
    assert before == len(_make_wheel(tmp_path / "again.whl", _wheel_files()).read_bytes()) and after > 0
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        assert names == ["pkg/__init__.py", "pkg/data/zone.bin", "pkg/reads_doc.py",
                         "pkg-1.0.dist-info/METADATA", "pkg-1.0.dist-info/TRIMMED", "pkg-1.0.dist-info/WHEEL",
                         "pkg-1.0.dist-info/licenses/LICENSE", "pkg-1.0.dist-info/RECORD"]
        meta = z.read("pkg-1.0.dist-info/METADATA").decode()
        assert "Requires-Dist: other" in meta and "README" not in meta
        assert z.read("pkg/reads_doc.py") == b'"""Kept."""\nDOC = __doc__\n', "a module reading __doc__ keeps its docstrings"
        assert z.read("pkg/data/zone.bin") == b"\x00\x01"
        assert b"sha256 0" in z.read("pkg-1.0.dist-info/TRIMMED")
        assert all(i.date_time == bp.ZIP_DATE and i.external_attr == 0o644 << 16 for i in z.infolist())
    _check_record(wheel)


def test_trim_wheel_is_reproducible(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = _make_wheel(tmp_path / "a" / "pkg-1.0-py3-none-any.whl", _wheel_files())
    # The same files in another order in the original: the same bytes out.
    b = _make_wheel(tmp_path / "b" / "pkg-1.0-py3-none-any.whl", dict(reversed(list(_wheel_files().items()))))
    bp.trim_wheel(a, SPEC)
    bp.trim_wheel(b, SPEC)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("spec, stale", [
    (dict(SPEC, keep=[*SPEC["keep"], "pkg/gone/*.py"]), "pkg/gone/*.py"),
    (dict(SPEC, drop=[*SPEC["drop"], "pkg/never/**"]), "pkg/never/**"),
    (dict(SPEC, drop=["pkg-1.0.data/**"]), "pkg-1.0.data/**"),     # matches, but no kept file
])
def test_a_stale_glob_fails(tmp_path, spec, stale):
    wheel = _make_wheel(tmp_path / "pkg-1.0-py3-none-any.whl", _wheel_files())
    with pytest.raises(bp.TrimError, match=re.escape(stale)):
        bp.trim_wheel(wheel, spec)


def test_strip_python_removes_docstrings_and_comments_but_not_code_or_line_numbers():
    out = bp.strip_python(SOURCE.encode()).decode()
    assert out.startswith("# Copyright 2024 Somebody. MIT licence.\n# (the leading comment block stays)\n")
    for gone in ("Module docstring", "Only a docstring", "on lines", "Doc.", "a comment line", "trailing"):
        assert gone not in out, gone
    assert '"# not a comment"' in out and "class Thing:\n    pass" in out
    assert out.count("\n") == SOURCE.count("\n"), "every line keeps its number"
    assert out.splitlines()[21] == '    raise ValueError("line 22")'

    def tree(src):
        t = ast.parse(src)
        for node in ast.walk(t):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and isinstance(node.body[0], ast.Expr) \
                    and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str):
                node.body = node.body[1:] or [ast.Pass()]
        return ast.dump(t)
    assert tree(out) == tree(SOURCE)


def test_strip_python_leaves_what_it_cannot_parse():
    assert bp.strip_python(b"def broken(:\n") == b"def broken(:\n"
    assert bp.strip_python(b"\xff\xfe not utf-8") == b"\xff\xfe not utf-8"
    odd = b'def f(): "doc"; return 1\n'
    assert ast.dump(ast.parse(bp.strip_python(odd))) in (ast.dump(ast.parse(odd)), ast.dump(ast.parse(b"def f(): return 1\n")))
