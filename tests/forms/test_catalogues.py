"""The message catalogues: complete in every language, nothing in them unused, and no user-facing
word written anywhere else (forms/locale/ is the one home of every word the code says)."""
from __future__ import annotations

import ast
import re
import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

# The catalogue files are checked where they are built (CPython, with Babel); inside Pyodide the
# compiled catalogues are exercised by every other test. So are the page scripts' ids, which Node
# parses (tests/support/js_strings.mjs): Pyodide has neither Babel nor a Node to start.
pytest.importorskip("babel")

from forms import FORM_IDS  # noqa: E402
from forms._build_catalogues import ids, problems, read  # noqa: E402
from forms.language import is_letter_id, languages, messages, site_languages  # noqa: E402
from forms.model import FIELD_TEXTS, FORM_TEXTS, SECTION_TEXTS, _raw  # noqa: E402
from tests.support.js_strings import read_scripts  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FINNISH = ids(read("fi"))
# Where code that says something lives (the handbook's pages in docs/ are content, not code; the
# glossary beside the catalogues, forms/locale/glossary.toml, is words by design).
CODE = [*(ROOT / "forms").rglob("*.py"), *(ROOT / "macros").rglob("*.py"), *(ROOT / "hooks").rglob("*.py"),
        *(ROOT / "overrides").rglob("*.mjs"), *(ROOT / "overrides").rglob("*.js"),
        *(ROOT / "overrides").rglob("*.html"), *(ROOT / "macros").rglob("*.html"),
        *(p for p in (ROOT / "forms").rglob("*.toml") if "locale" not in p.relative_to(ROOT).parts),
        *(ROOT / "macros").rglob("*.yml")]
# Tables of a definition whose words the code asks for by key (``t("title")``): the key must
# be written in the code as a string.
TABLES = ("letter", "phone", "calendar", "actions", "export_labels", "scale", "delivery")
# Page scripts are read by a JavaScript parser (tests/support/js_strings.mjs), Python by its own
# (ast), templates, TOML and YAML as text.
SCRIPTS = (".mjs", ".js")


def test_every_catalogue_is_complete_and_has_nothing_extra():
    """The build check (forms/_build_catalogues.py): each site language has every Finnish id,
    each letter-only language every id of what the invitee reads, none has an id Finnish lacks,
    and none leaves a text empty."""
    assert problems() == []


def test_a_new_registry_entry_without_words_is_named_by_the_build_check(monkeypatch):
    """Adding a format (formats.toml) or a phase (phases.toml) without its words: the build's
    catalogue check names each missing Finnish id and the entry that needs it."""
    import forms.meeting
    import forms.model.formats as registry

    odt = registry.Format(id="odt", module="odt", function="export_odt", extension="odt", every_form=True)
    known = registry.formats()
    monkeypatch.setattr(registry, "formats", lambda: {**known, "odt": odt})
    monkeypatch.setattr(registry, "ALWAYS", (*registry.ALWAYS, "odt"))
    phases = forms.meeting._raw()
    monkeypatch.setattr(forms.meeting, "_raw", lambda: (*phases, {**phases[-1], "id": "tauko"}))
    found = problems()
    assert "fi: missing format.odt.label (for formats.toml [odt])" in found
    assert "fi: missing format.odt.name (for formats.toml [odt])" in found
    assert "fi: missing meeting.phase.tauko.name (for phases.toml phase tauko)" in found
    assert "fi: missing meeting.phase.tauko.chair (for phases.toml phase tauko)" in found


def test_letter_languages_hold_only_what_the_invitee_reads():
    for code, lang in languages().items():
        have = ids(read(code))
        if lang.site:
            assert have == FINNISH, code
        else:
            assert have == {i for i in FINNISH if is_letter_id(i)}, code


def _structural_ids(form_id: str) -> set[str]:
    """Every id a definition can have texts under (its forms, sections, fields, choices)."""
    raw = _raw(form_id)
    out = {f"{form_id}.{k}" for k in FORM_TEXTS}

    def field(f, prefix):
        p = f"{prefix}.{f['name']}"
        out.update(f"{p}.{k}" for k in FIELD_TEXTS)
        out.update(f"{p}.choice.{c['value']}" for c in f.get("choices", ()))
        for sub in f.get("fields", ()):
            field(sub, p)

    for s in raw["sections"]:
        out.update(f"{form_id}.section.{s['id']}.{k}" for k in SECTION_TEXTS)
        if "followup" in s:
            out.update(f"{form_id}.followup.{s['followup']}.{k}" for k in ("label", "hint"))
        for f in s.get("fields", ()):
            field(f, f"{form_id}.field")
    out.update(f"{form_id}.letter.interpreter.{code}" for code in raw.get("letter", {}).get("interpreters", ()))
    return out


@dataclass(frozen=True)
class Code:
    """What the code says: the templates, TOML and YAML as text; of the Python and the page
    scripts the string literals (``strings``, docstrings and comments left out) and the fixed
    pieces of the strings they fill in (``templates``: f-strings, ``"x.{}".format``, `x.${y}`)."""

    text: str
    strings: frozenset[str]
    templates: tuple[tuple[str, ...], ...]


def _format_pieces(s: str) -> tuple[str, ...]:
    """The fixed pieces around the fields of a ``str.format`` string (one piece when it has none)."""
    try:
        parts = list(string.Formatter().parse(s))
    except ValueError:        # a lone brace: not a format string
        return (s,)
    pieces = [text for text, _, _, _ in parts]
    if parts and parts[-1][1] is not None:
        pieces.append("")
    return tuple(pieces) or ("",)


def _python_literals(path: Path) -> list[tuple[str, ...]]:
    """Each string of a Python file as its fixed pieces (an f-string's around its fields)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            pieces = [""]
            for value in node.values:
                skip.add(id(value))
                if isinstance(value, ast.Constant):
                    pieces[-1] += value.value
                else:
                    pieces.append("")
            out.append(tuple(pieces))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            out.append(_format_pieces(node.value))
    return out


def _code(paths) -> Code:
    paths = list(paths)
    scripts = read_scripts(p for p in paths if p.suffix in SCRIPTS)
    literals = [*(pieces for s in scripts.values() for pieces, _ in s.templates),
                *((value,) for s in scripts.values() for value, _ in s.strings),
                *(pieces for p in paths if p.suffix == ".py" for pieces in _python_literals(p))]
    return Code(text="\n".join(p.read_text(encoding="utf-8") for p in paths if p.suffix not in (*SCRIPTS, ".py")),
                strings=frozenset(pieces[0] for pieces in literals if len(pieces) == 1),
                templates=tuple(pieces for pieces in literals if len(pieces) > 1))


@cache
def _repo_code() -> Code:
    return _code(CODE)


def _id_pattern(pieces) -> re.Pattern:
    """The ids a template can build: its pieces, in order, around id characters."""
    return re.compile("[a-z0-9_.-]+".join(map(re.escape, pieces)) + "$")


def _names_ids(pieces: tuple[str, ...]) -> bool:
    """A template that builds an id (`js.meeting.status.${s}`, ``f"validation.{kind}_format"``):
    a fixed first part starting with a lowercase name and a dot, no spaces (a bare `${a}.${b}`
    names nothing)."""
    head = pieces[0].split(".", 1)[0]
    return ("." in pieces[0] and head != "" and set(head) <= set(string.ascii_lowercase + "_")
            and not any(c.isspace() for piece in pieces for c in piece))


def _templates(code: Code) -> list[re.Pattern]:
    """Ids the code builds (``f"validation.{f.type}_format"``, ``t(`js.progress.${stage}`)``)
    as patterns; a template needs a fixed first part, so a bare ``{x}.{y}`` matches nothing. The
    Jinja templates', TOML's and YAML's are found in their text."""
    out = [_id_pattern(pieces) for pieces in code.templates if _names_ids(pieces)]
    for literal in re.findall(r"""["'`]((?:[a-z_]+\.)+(?:[^"'`\s{}$]|\$?\{[^}]*\})*)["'`]""", code.text):
        pieces = re.split(r"\$?\{[^}]*\}", literal)
        if len(pieces) > 1:
            out.append(_id_pattern(pieces))
    return out


def _says(code: Code, s: str) -> bool:
    """The code writes ``s`` as a whole string."""
    return s in code.strings or any(f"{q}{s}{q}" in code.text for q in "\"'")


def _written(i: str, code: Code) -> bool:
    """The id in the code as a whole string, or a plural's base (``plural("js.x", n)``)."""
    base = i.rsplit(".", 1)[0] if i.endswith((".one", ".other")) else i
    return _says(code, i) or _says(code, base)


def unused_ids(candidates, code: Code, structural=frozenset()) -> list[str]:
    """The candidates no code uses: used when an id names a part of a definition, or the code
    writes it (whole, or as a template), or it is a key of a definition's table that the code
    asks for."""
    templates = _templates(code)
    unused = []
    for i in sorted(candidates):
        if i in structural or _written(i, code):
            continue
        if any(p.match(i) for p in templates):
            continue
        parts = i.split(".")
        if parts[0] in FORM_IDS and parts[1] in TABLES:
            key, table = parts[2], parts[1]
            ending = f".{table}.{key}"     # f"{form.id}.scale.dont_know"
            if (_says(code, key) or _says(code, f"{table}.{key}") or f'{ending}"' in code.text
                    or any(s.endswith(ending) for s in code.strings)
                    or any(pieces[-1].endswith(ending) for pieces in code.templates) or parts[-1].isdigit()):
                continue
        unused.append(i)
    return unused


def test_no_catalogue_holds_an_id_no_code_uses():
    """A Finnish id is used when it names a part of a definition, or the code writes it (whole,
    or as a template), or it is a key of a definition's table that the code asks for."""
    structural = set().union(*(_structural_ids(f) for f in FORM_IDS))
    assert unused_ids(FINNISH, _repo_code(), structural) == []


def test_the_unused_check_can_fail():
    """A stale id is caught (the check above is not vacuous)."""
    assert unused_ids(["validation.no_such_message"], _repo_code()) == ["validation.no_such_message"]


def test_a_script_uses_ids_through_strings_and_templates_not_comments(tmp_path):
    """A page script uses an id by a string or by a template literal with a fixed first part; an
    id in a comment, or one no template can build, is unused."""
    script = tmp_path / "x.mjs"
    script.write_text('import { t } from "./messages.mjs";\n'
                      '// t("js.meeting.ended") was the old word\n'
                      'export const status = (s) => t(`js.meeting.status.${s}`);\n'
                      'export const any = (a, b) => t(`${a}.${b}`);\n'
                      'export const gone = () => t("js.meeting.gone");\n', encoding="utf-8")
    ids_ = ["js.meeting.status.present", "js.meeting.status.left", "js.meeting.gone", "js.meeting.ended",
            "js.meeting.other.present"]
    assert unused_ids(ids_, _code((script,))) == ["js.meeting.ended", "js.meeting.other.present"]
    script.write_text('export const status = (s) => `meeting: ${s}`;\n', encoding="utf-8")
    assert unused_ids(["js.meeting.status.present"], _code((script,))) == ["js.meeting.status.present"]


def test_python_uses_ids_through_strings_and_f_strings_not_comments(tmp_path):
    """Python uses an id by a string, an f-string or a format string with a fixed first part; an
    id in a comment or a docstring is unused."""
    module = tmp_path / "x.py"
    module.write_text('"""Says "validation.in_docstring"."""\n'
                      '# m("validation.in_comment")\n'
                      'def f(m, kind, n):\n'
                      '    return m(f"validation.{kind}_format"), m("js.count.{}".format(n)), m("validation.whole")\n',
                      encoding="utf-8")
    ids_ = ["validation.date_format", "js.count.3", "validation.whole", "validation.in_docstring",
            "validation.in_comment"]
    assert unused_ids(ids_, _code([module])) == ["validation.in_comment", "validation.in_docstring"]


def _is_id(s: str) -> bool:
    """A message id as the scripts write one: lowercase names joined by dots (``js.meeting.ended``)."""
    names = s.split(".")
    return len(names) > 1 and all(names) and set(s) <= set(string.ascii_lowercase + "_.")


def test_every_id_the_scripts_use_is_in_every_site_catalogue():
    """Every id a script asks for (``t("js.x")``, ``t("time.format")``) is among the words the
    build embeds in each language's pages (hooks/languages.py)."""
    from hooks.languages import script_messages

    scripts = read_scripts(sorted((ROOT / "overrides").rglob("*.mjs")))
    used = {arg for s in scripts.values() for callee, arg in s.calls if callee in ("t", "plural") and _is_id(arg)}
    assert "js.meeting.ended" in used and "time.format" in used, "the scripts' message ids were not found"
    for code in site_languages():
        have = script_messages(messages(code))
        plural_ok = {i for i in used if f"{i}.other" in have}
        assert used - plural_ok <= set(have), code
    for template in ("js.progress.", "js.python."):
        assert any(k.startswith(template) for k in messages("fi").with_prefix("js."))


# ---- No user-facing word outside the catalogues ------------------------------------------------

FINNISH_OR_SWEDISH = re.compile("[äöåÄÖÅ]")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                docstrings.add(id(body[0].value))
    return docstrings


def _python_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _template_text(text: str) -> list[str]:
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    return [text]


def _toml_strings(path: Path) -> list[str]:
    out = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return out


def user_text_outside_catalogues() -> list[str]:
    """Strings with a Finnish or Swedish letter; a script's as written (a template whole)."""
    found = []
    scripts = read_scripts(p for p in CODE if p.suffix in SCRIPTS)
    for path in CODE:
        if path.suffix == ".py":
            strings = _python_strings(path)
        elif path.suffix in SCRIPTS:
            # Searched as the script sees them ("\\u00e4" is an ä), shown as written.
            script = scripts[path]
            found += [f"{path.relative_to(ROOT)}: {raw[:80]!r}" for text, raw in
                      [*script.strings, *(("".join(pieces), raw) for pieces, raw in script.templates)]
                      if FINNISH_OR_SWEDISH.search(text)]
            continue
        elif path.suffix == ".html":
            strings = _template_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".toml":
            strings = _toml_strings(path)
        else:
            strings = [line for line in path.read_text(encoding="utf-8").splitlines()
                       if not line.lstrip().startswith("#")]
        found += [f"{path.relative_to(ROOT)}: {s[:80]!r}" for s in strings if FINNISH_OR_SWEDISH.search(s)]
    return found


def test_no_finnish_or_swedish_words_outside_the_catalogues():
    assert user_text_outside_catalogues() == []


def test_the_word_check_finds_a_word(tmp_path, monkeypatch):
    """The check above is not vacuous: a Finnish string in a script is found."""
    script = tmp_path / "x.mjs"
    script.write_text('// kommentti: äö is fine here\nconst a = "Tallenna lomake tiedostoksi";\nconst b = "Tyhjennä";\n')
    monkeypatch.setattr(__import__(__name__), "CODE", [script])
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert user_text_outside_catalogues() == ["x.mjs: '\"Tyhjennä\"'"]


@pytest.mark.parametrize("code", list(languages()))
def test_no_text_is_blank_or_an_id(code):
    cat = read(code)
    for m in cat:
        if not m.id:
            continue
        for s in (m.string if isinstance(m.string, (tuple, list)) else (m.string,)):
            assert s.strip() and s.strip() != (m.id if isinstance(m.id, str) else m.id[0]), (code, m.id)
