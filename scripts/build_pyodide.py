"""Build the self-hosted Pyodide bundle the site's Web Worker loads, and the test wheels.

Run from the repository root with the project's venv (``make`` does it):

    .venv/bin/python scripts/build_pyodide.py [--bytecode]

``--bytecode`` adds .pyc (compiled inside Pyodide) for the modules the worker imports; see
COMPILE_JS below for why it is off by default.

Writes (both gitignored under /build/, rebuilt from scratch each run, so it is idempotent):

``build/pyodide/``
    The Pyodide core runtime copied from ``node_modules/pyodide`` (only the files
    ``pyodide.mjs`` loads), the ``verkosto-forms`` wheel built from this repository, the pure
    wheels of ``requirements/pyodide-runtime.txt`` (downloaded with ``--require-hashes``, then
    TRIMMED to what the exports use: ``requirements/pyodide-trim.toml`` says what is kept of each
    and why; see ``trim_wheel``), and ``pyodide-lock.json``: Pyodide's own lock with our wheels added
    (``pyodide lockfile add-wheels``) and then PRUNED to the packages whose wheel is in this
    directory, with relative file names. A lock entry without a file would 404; a name missing
    from the lock would make ``loadPackage`` throw (or, for a top-level name, look elsewhere):
    the site must never touch another host. ``hooks/pyodide_assets.py`` copies this directory
    to ``<site>/pyodide/``.
``build/pyodide-test/``
    The extra pure wheels of ``requirements/pyodide-test.txt`` (pytest, hypothesis, pypdf, ...)
    that ``tests/pyodide/run_pytest.mjs`` installs to run ``tests/forms`` inside Pyodide.

Every wheel must be ``py3-none-any``/``py2.py3-none-any``: Pyodide's ``loadPackage`` does not
check tags, so a CPython-only wheel would "install" silently and fail at import.
"""
from __future__ import annotations

import ast
import base64
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
OUT = ROOT / "build" / "pyodide"
OUT_TEST = ROOT / "build" / "pyodide-test"
REQ_RUNTIME = ROOT / "requirements" / "pyodide-runtime.txt"
REQ_TEST = ROOT / "requirements" / "pyodide-test.txt"
# What is kept of each runtime wheel, and why (data, not code): see trim_wheel.
TRIM_LIST = ROOT / "requirements" / "pyodide-trim.toml"
FONTS = [ROOT / "forms" / "fonts" / "DejaVuSans.ttf", ROOT / "forms" / "fonts" / "DejaVuSans-Bold.ttf"]

sys.path.insert(0, str(ROOT))
# What pyodide.mjs fetches itself; one list with the site build, which puts these files in the
# runtime's own folder. pyodide-lock.json is ours.
from hooks.pyodide_assets import RUNTIME_FILES  # noqa: E402
# Pinned in pyproject.toml [project]; the Node test runner and the worker load it by this name.
FORMS_PACKAGE = "verkosto-forms"
# Dependencies declared by our wheels that cannot run in the self-hosted runtime and are not
# needed: fpdf2 declares Pillow, a compiled wheel, but works without it for text and SVG (it
# only warns). Any OTHER dependency missing from build/pyodide fails the build.
DROPPABLE_DEPENDENCIES = {"pillow"}
# Reproducible forms wheel (zip timestamps), so an unchanged tree gives the same sha256.
SOURCE_DATE_EPOCH = "1700000000"

# Bytecode compiled INSIDE Pyodide (its own Python 3.14, so the magic number matches) for the
# modules the worker actually imports (found by running the `warm` request, which imports
# forms, fpdf2, fontTools and icalendar and renders a PDF). Sources stay; the .pyc go to
# __pycache__ as unchecked-hash files, so nothing is re-validated at import. Measured under
# Node: importing fpdf + fontTools + icalendar takes 1.3 s instead of 2.9 s. Compiling every
# module instead would double the wheels (fontTools alone 1.2 -> 2.5 MB) for no gain.
# OFF by default (`--bytecode` turns it on): the .pyc make the runtime wheels 2.8 -> 5.5 MB
# (bytecode compresses worse than source), which costs more on a slow connection before
# "ready" than the 1.6 s it saves in the background warm-up after "ready".
COMPILE_JS = r"""
const [index, lock, dir] = process.argv.slice(1);
const { loadPyodide } = await import(new URL("pyodide.mjs", "file://" + index + "/").href);
const py = await loadPyodide({ indexURL: index + "/", lockFileURL: lock, packageBaseUrl: index + "/" });
const { readdirSync } = await import("node:fs");
const wheels = readdirSync(dir).filter((f) => f.endsWith(".whl")).sort();
const errors = [];
await py.loadPackage(wheels.map((w) => dir + "/" + w), { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
if (errors.length) throw new Error(errors.join("\n"));
py.FS.mkdirTree("/wheels");
py.mountNodeFS("/wheels", dir);
py.runPython(`
import base64, hashlib, importlib.util, os, sys, warnings, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

SITE = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages/"
warnings.simplefilter("ignore")
import forms.api
response = forms.api.handle({"op": "warm"})
assert response == {"errors": []}, response
HOT = {m.__file__[len(SITE):] for m in list(sys.modules.values())
       if (getattr(m, "__file__", None) or "").startswith(SITE) and m.__file__.endswith(".py")}

def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"

def compile_wheel(path):
    out, record, n = [], None, 0
    with zipfile.ZipFile(path) as zin:
        for info in zin.infolist():
            name, data = info.filename, zin.read(info)
            if name.endswith(".dist-info/RECORD"):
                record = name
                continue
            out.append((name, data))
            if name in HOT:
                code = compile(data, SITE + name, "exec", dont_inherit=True)
                pyc = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), False))
                out.append((importlib.util.cache_from_source(name), pyc))
                n += 1
    lines = [record_line(n_, d) for n_, d in out] + [f"{record},,"]
    out.append((record, ("\\n".join(lines) + "\\n").encode()))
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for name, data in out:
            info = zipfile.ZipInfo(name, date_time=(2023, 11, 14, 22, 13, 20))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)
    os.replace(tmp, path)
    return n

for wheel in sorted(os.listdir("/wheels")):
    if wheel.endswith(".whl"):
        print(wheel, compile_wheel("/wheels/" + wheel))
`);
"""

PIP_PURE = [
    "--only-binary=:all:", "--no-deps", "--platform", "any", "--python-version", "3.14",
    "--implementation", "py", "--abi", "none",
]


def say(msg: str) -> None:
    print(f"build_pyodide: {msg}", flush=True)


def fail(msg: str) -> None:
    print(f"build_pyodide: ERROR: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def run(cmd: list[str], **kw) -> None:
    say("$ " + " ".join(str(c) if len(str(c)) < 200 else "<script>" for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def check_pure(wheels: list[Path]) -> None:
    for w in wheels:
        if not w.name.endswith("-none-any.whl"):
            fail(f"{w.name} is not a pure-Python (-none-any) wheel; Pyodide cannot run it")


def download(req: Path, dest: Path) -> list[Path]:
    before = set(dest.glob("*.whl"))
    run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--require-hashes", *PIP_PURE, "-d", dest, "-r", req])
    wheels = sorted(set(dest.glob("*.whl")) - before)
    check_pure(wheels)
    return wheels


def build_forms_wheel(dest: Path) -> Path:
    """Build the forms wheel from a clean copy of the tree (no stale setuptools build/lib)."""
    missing = [str(f.relative_to(ROOT)) for f in FONTS if not f.is_file()]
    if missing:
        fail(f"missing {', '.join(missing)}: run `make deps` (python -m forms._build_fonts) first")
    with tempfile.TemporaryDirectory(prefix="forms-src-") as tmp:
        src = Path(tmp)
        shutil.copy2(ROOT / "pyproject.toml", src)
        shutil.copytree(ROOT / "forms", src / "forms",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "README.md"))
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
             "--no-deps", "-w", dest, src], env=env)
    wheels = sorted(dest.glob("verkosto_forms-*.whl"))
    if len(wheels) != 1:
        fail(f"expected one verkosto_forms wheel, found {[w.name for w in wheels]}")
    check_pure(wheels)
    return wheels[0]


def compile_wheels(staging: Path, wheels: list[Path]) -> None:
    """Add bytecode to the wheels, compiled by the Pyodide runtime in `staging` (under Node)."""
    with tempfile.TemporaryDirectory(prefix="pyc-", dir=ROOT / "build") as tmp:
        for w in wheels:
            shutil.copy2(w, tmp)
        say("bytecode: compiling the modules `warm` imports, inside Pyodide (node)")
        out = subprocess.run(["node", "--input-type=module", "-e", COMPILE_JS, str(staging),
                              str(NODE_PYODIDE / "pyodide-lock.json"), tmp],
                             check=True, capture_output=True, text=True).stdout
        counts = dict(line.rsplit(" ", 1) for line in out.splitlines() if line.endswith(tuple("0123456789")))
        for w in wheels:
            before = w.stat().st_size
            shutil.copy2(Path(tmp) / w.name, w)
            say(f"bytecode: {w.name}: {counts.get(w.name, '?')} modules, "
                f"{before / 1e3:.0f} kB -> {w.stat().st_size / 1e3:.0f} kB")


# ---- Trimming the runtime wheels ----------------------------------------------------------
# Every cold form page downloads every runtime wheel; most of their bytes are code the exports
# never run (fontTools' font compilers, icalendar's tests, every time zone but one) and
# documentation. Each downloaded (hash-checked) wheel is rewritten to the files its entry in
# requirements/pyodide-trim.toml keeps, before the lock is written, so the lock's sha256 are
# the trimmed files'. The result is reproducible: sorted entries, fixed timestamps and
# permissions, one compression level, a RECORD written anew.

TRIM_KEYS = {"why", "keep", "drop", "strip"}
ZIP_DATE = (2023, 11, 14, 22, 13, 20)   # SOURCE_DATE_EPOCH (UTC), as the forms wheel's


class TrimError(Exception):
    pass


def load_trim_list(path: Path = TRIM_LIST) -> dict[str, dict]:
    """The keep-list file, checked: {canonical name: {"why", "keep", "drop", "strip"}}."""
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise TrimError(f"{path.name}: {e}") from e
    out = {}
    for name, spec in raw.items():
        where = f"{path.name} [{name}]"
        if name != canonical(name):
            raise TrimError(f"{where}: not a canonical distribution name (use {canonical(name)!r})")
        if not isinstance(spec, dict):
            raise TrimError(f"{where}: not a table")
        unknown = set(spec) - TRIM_KEYS
        if unknown:
            raise TrimError(f"{where}: unknown keys {sorted(unknown)} (known: {sorted(TRIM_KEYS)})")
        if not isinstance(spec.get("why"), str) or not spec["why"].strip():
            raise TrimError(f"{where}: `why` must say why the distribution is shipped and what of it is used")
        for key in ("keep", "drop"):
            globs = spec.get(key, [])
            if key == "keep" and not globs:
                raise TrimError(f"{where}: `keep` is empty")
            if not isinstance(globs, list) or not all(isinstance(g, str) and g for g in globs):
                raise TrimError(f"{where}: `{key}` must be a list of globs")
            bad = [g for g in globs if g.startswith("/") or ".." in g.split("/") or "\\" in g or ".dist-info" in g]
            if bad:
                raise TrimError(f"{where}: `{key}` globs must be relative paths outside .dist-info: {bad}")
            if len(set(globs)) != len(globs):
                raise TrimError(f"{where}: `{key}` lists a glob twice")
        if not isinstance(spec.get("strip", False), bool):
            raise TrimError(f"{where}: `strip` must be true or false")
        out[name] = {"why": spec["why"], "keep": list(spec["keep"]), "drop": list(spec.get("drop", [])),
                     "strip": spec.get("strip", False)}
    return out


def glob_regex(pattern: str) -> re.Pattern:
    """A path glob: `*` and `?` within one folder, `**` across folders (`a/**` = all under a)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def select_files(names: list[str], spec: dict) -> tuple[list[str], list[str]]:
    """(the payload files `spec` keeps, its stale globs): a `keep` glob that matches no file,
    or a `drop` glob that matches no kept file. Folders and .dist-info are not payload."""
    payload = [n for n in names if not n.endswith("/") and ".dist-info/" not in n.split("/", 1)[0] + "/"]
    keep = {g: glob_regex(g) for g in spec["keep"]}
    drop = {g: glob_regex(g) for g in spec["drop"]}
    matched = {n for n in payload if any(r.match(n) for r in keep.values())}
    dropped = {n for n in matched if any(r.match(n) for r in drop.values())}
    stale = [g for g, r in keep.items() if not any(r.match(n) for n in payload)]
    stale += [g for g, r in drop.items() if not any(r.match(n) for n in matched)]
    return sorted(matched - dropped), stale


def _docstring_nodes(tree: ast.AST) -> list[tuple[ast.AST, ast.Expr]]:
    """(owner, docstring statement) for the module, every class and every function."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                found.append((node, first))
    return found


def _without_docstrings(tree: ast.AST) -> str:
    """ast.dump of `tree` with its docstrings removed (a body left empty holds `pass`)."""
    for node, doc in _docstring_nodes(tree):
        node.body = node.body[1:] or [ast.Pass()]
    return ast.dump(tree)


def strip_python(source: bytes) -> bytes:
    """`source` without docstrings and comments, else unchanged: the syntax tree is checked to
    be the original's minus its docstrings, and every line stays on its line number (what is
    removed leaves blank lines, so tracebacks point at the original lines). Kept: the leading
    comment block (licence headers, coding line), and every docstring of a module that
    mentions `__doc__` (it may read them). Returns `source` itself when it cannot be parsed."""
    try:
        text = source.decode("utf-8")
        tree = ast.parse(source)
    except (UnicodeDecodeError, SyntaxError, ValueError):
        return source
    keep_docstrings = "__doc__" in text
    expected = ast.dump(tree) if keep_docstrings else _without_docstrings(ast.parse(source))
    lines = text.split("\n")
    if not keep_docstrings:
        # ast offsets are UTF-8 byte columns: cut the lines as bytes.
        blines = [line.encode("utf-8") for line in lines]
        for node, doc in sorted(_docstring_nodes(tree), key=lambda nd: (nd[1].lineno, nd[1].col_offset), reverse=True):
            first, last = doc.lineno - 1, doc.end_lineno - 1
            head = blines[first][:doc.col_offset] + (b"pass" if len(node.body) == 1 else b"")
            blines[first:last + 1] = [head + blines[last][doc.end_col_offset:]] + [b""] * (last - first)
        lines = [b.decode("utf-8") for b in blines]
    try:
        cuts, code_seen = {}, False
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines)).readline):
            if tok.type == tokenize.COMMENT:
                if code_seen:
                    cuts[tok.start[0] - 1] = tok.start[1]
            elif tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING, tokenize.ENDMARKER):
                code_seen = True
        for row, col in cuts.items():
            lines[row] = lines[row][:col].rstrip()
    except (tokenize.TokenError, SyntaxError):
        pass  # docstrings only
    out = "\n".join(lines)
    try:
        same = ast.dump(ast.parse(out)) == expected
    except SyntaxError:
        same = False
    return out.encode("utf-8") if same else source


def _metadata_without_description(data: bytes) -> bytes:
    """METADATA's headers only: the long description (the body, or an old-style Description
    header with its continuation lines) is the project's README, not needed to run it."""
    head = data.decode("utf-8").replace("\r\n", "\n").split("\n\n", 1)[0]
    kept, skipping = [], False
    for line in head.split("\n"):
        if skipping and line[:1] in (" ", "\t"):
            continue
        skipping = line.lower().startswith("description:")
        if not skipping:
            kept.append(line)
    return ("\n".join(kept).rstrip("\n") + "\n").encode("utf-8")


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def trim_wheel(path: Path, spec: dict, origin: str = "") -> tuple[int, int]:
    """Rewrite the wheel at `path` in place to what `spec` (an entry of the trim list) keeps:
    the kept payload (stripped if `spec["strip"]`), the whole .dist-info with METADATA's
    long description removed, a TRIMMED note and a new RECORD. Reproducible. Raises
    TrimError when a glob of `spec` is stale. Returns (bytes before, bytes after)."""
    before = path.stat().st_size
    with zipfile.ZipFile(path) as zin:
        names = zin.namelist()
        kept, stale = select_files(names, spec)
        if stale:
            raise TrimError(f"{path.name}: {TRIM_LIST.name} globs that match nothing: {stale}")
        dist_infos = {n.split("/", 1)[0] for n in names if n.split("/", 1)[0].endswith(".dist-info")}
        if len(dist_infos) != 1:
            raise TrimError(f"{path.name}: expected one .dist-info folder, found {sorted(dist_infos)}")
        dist_info = dist_infos.pop()
        files = {}
        for name in kept:
            data = zin.read(name)
            files[name] = strip_python(data) if spec["strip"] and name.endswith(".py") else data
        meta = {}
        for name in names:
            if name.startswith(dist_info + "/") and not name.endswith("/") and name != f"{dist_info}/RECORD":
                data = zin.read(name)
                meta[name] = _metadata_without_description(data) if name == f"{dist_info}/METADATA" else data
    dropped = len([n for n in names if not n.endswith("/") and not n.startswith(dist_info + "/")]) - len(kept)
    meta[f"{dist_info}/TRIMMED"] = (
        f"This wheel was trimmed for the browser by scripts/build_pyodide.py of the Verkostokokous\n"
        f"handbook: {dropped} files the site never uses were removed (the list of what is kept and\n"
        f"why: requirements/pyodide-trim.toml), METADATA lost its long description"
        + (", and the Python\nsources their docstrings and comments (leading licence comments kept)" if spec["strip"] else "")
        + f".\nThe unmodified original: {origin or path.name} on PyPI.\n").encode("utf-8")
    record = f"{dist_info}/RECORD"
    order = sorted(files) + sorted(meta)   # the .dist-info last, RECORD at the very end
    lines = [_record_line(n, files[n] if n in files else meta[n]) for n in order] + [f"{record},,"]
    contents = {**files, **meta, record: ("\n".join(lines) + "\n").encode("utf-8")}
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as zout:
        for name in order + [record]:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, contents[name], compresslevel=9)
    os.replace(tmp, path)
    return before, path.stat().st_size


def wheel_name(path: Path) -> str:
    """The canonical distribution name of a wheel file (its name's first part)."""
    return canonical(path.name.split("-", 1)[0])


def trim_wheels(wheels: list[Path]) -> None:
    """Trim each downloaded runtime wheel by its trim-list entry; print the sizes."""
    try:
        trim = load_trim_list()
    except TrimError as e:
        fail(str(e))
    by_name = {wheel_name(w): w for w in wheels}
    missing = sorted(set(by_name) - set(trim))
    if missing:
        fail(f"{TRIM_LIST.name}: no entry for {missing} (say what to keep of it, and why)")
    extra = sorted(set(trim) - set(by_name))
    if extra:
        fail(f"{TRIM_LIST.name}: entries without a wheel in {REQ_RUNTIME.name}: {extra}")
    total_before = total_after = 0
    for name, wheel in sorted(by_name.items()):
        origin = f"{wheel.name} (sha256 {sha256(wheel)})"
        try:
            before, after = trim_wheel(wheel, trim[name], origin)
        except TrimError as e:
            fail(str(e))
        total_before += before
        total_after += after
        say(f"trim: {wheel.name:48} {before:>10,} -> {after:>10,} bytes ({after / before - 1:+.0%})")
    say(f"trim: {'total (' + str(len(by_name)) + ' runtime wheels)':48} {total_before:>10,} -> "
        f"{total_after:>10,} bytes ({total_after / total_before - 1:+.0%}, {total_before - total_after:,} saved)")


def write_lock(out: Path, wheels: list[Path]) -> dict:
    """Stock lock + our wheels, pruned to files present in `out`, relative file names."""
    raw = out / "pyodide-lock.full.json"
    run([ROOT / ".venv" / "bin" / "pyodide", "lockfile", "add-wheels",
         "--input", NODE_PYODIDE / "pyodide-lock.json", "--output", raw,
         "--base-path", out, *wheels])
    lock = json.loads(raw.read_text("utf-8"))
    raw.unlink()
    present = {w.name for w in out.glob("*.whl")}
    kept = {}
    for key, pkg in lock["packages"].items():
        file_name = Path(pkg["file_name"]).name
        if file_name in present:
            kept[key] = dict(pkg, file_name=file_name)  # relative: resolved against the lock URL
    for key, pkg in kept.items():
        deps = []
        for dep in pkg["depends"]:
            if canonical(dep) in kept:
                deps.append(dep)
            elif canonical(dep) in DROPPABLE_DEPENDENCIES:
                say(f"lock: dropped dependency {key} -> {dep} (cannot run in Pyodide, not needed)")
            else:
                fail(f"lock: {key} depends on {dep}, which has no wheel in {out}")
        pkg["depends"] = deps
        if sha256(out / pkg["file_name"]) != pkg["sha256"]:
            fail(f"lock: sha256 of {pkg['file_name']} does not match")
    missing = present - {p["file_name"] for p in kept.values()}
    if missing:
        fail(f"lock: wheels not in the lock: {sorted(missing)}")
    if canonical(FORMS_PACKAGE) not in kept:
        fail(f"lock: no {FORMS_PACKAGE} entry")
    lock["packages"] = dict(sorted(kept.items()))
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", "utf-8")
    say(f"lock: {len(lock['packages'])} packages (of the stock lock's "
        f"{len(json.loads((NODE_PYODIDE / 'pyodide-lock.json').read_text('utf-8'))['packages'])}"
        f" + ours): {', '.join(lock['packages'])}")
    return lock


def swap_in(staging: Path, final: Path) -> None:
    if final.exists():
        shutil.rmtree(final)
    staging.rename(final)


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    os.chdir(ROOT)
    for name in RUNTIME_FILES + ["pyodide-lock.json"]:
        if not (NODE_PYODIDE / name).is_file():
            fail(f"node_modules/pyodide/{name} is missing: run `make deps` (npm ci)")
    (ROOT / "build").mkdir(exist_ok=True)

    with staged(OUT) as staging:
        for name in RUNTIME_FILES:
            shutil.copy2(NODE_PYODIDE / name, staging / name)
        say(f"copied the runtime from node_modules/pyodide: {', '.join(RUNTIME_FILES)}")
        forms_wheel = build_forms_wheel(staging)
        say(f"built {forms_wheel.name}")
        runtime = download(REQ_RUNTIME, staging)
        say(f"downloaded {len(runtime)} runtime wheels: {', '.join(w.name for w in runtime)}")
        trim_wheels(runtime)   # before the bytecode and the lock: their hashes are the trimmed files'
        if "--bytecode" in sys.argv[1:]:
            compile_wheels(staging, [forms_wheel, *runtime])
        write_lock(staging, [forms_wheel, *runtime])

    with staged(OUT_TEST) as staging:
        test = download(REQ_TEST, staging)
        say(f"downloaded {len(test)} test wheels: {', '.join(w.name for w in test)}")


@contextlib.contextmanager
def staged(out: Path):
    """Fill a fresh folder beside `out`; it replaces `out` only if everything succeeded."""
    staging = Path(tempfile.mkdtemp(prefix=f"{out.name}.", dir=ROOT / "build"))
    try:
        yield staging
        staging.chmod(0o755)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    say(f"wrote {out.relative_to(ROOT)}/ ({dir_size(out) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
