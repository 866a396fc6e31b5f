"""The message catalogues: complete in every language, nothing in them unused, and no user-facing
word written anywhere else (forms/locale/ is the one home of every word the code says)."""
from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

# The catalogue files are checked where they are built (CPython, with Babel); inside Pyodide the
# compiled catalogues are exercised by every other test.
pytest.importorskip("babel")

from forms import FORM_IDS  # noqa: E402
from forms._build_catalogues import ids, problems, read  # noqa: E402
from forms.language import is_letter_id, languages, messages, site_languages  # noqa: E402
from forms.model import FIELD_TEXTS, FORM_TEXTS, SECTION_TEXTS, _raw  # noqa: E402

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


def test_every_catalogue_is_complete_and_has_nothing_extra():
    """The build check (forms/_build_catalogues.py): each site language has every Finnish id,
    each letter-only language every id of what the invitee reads, none has an id Finnish lacks,
    and none leaves a text empty."""
    assert problems() == []


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


def _code_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in CODE)


def _templates(text: str) -> list[re.Pattern]:
    """Ids the code builds (``f"validation.{f.type}_format"``, ``t(`js.progress.${stage}`)``)
    as patterns; a template needs a fixed first part, so a bare ``{x}.{y}`` matches nothing."""
    out = []
    for literal in re.findall(r"""["'`]((?:[a-z_]+\.)+(?:[^"'`\s{}$]|\$?\{[^}]*\})*)["'`]""", text):
        pieces = re.split(r"\$?\{[^}]*\}", literal)
        if len(pieces) > 1:
            out.append(re.compile("[a-z0-9_.-]+".join(map(re.escape, pieces)) + "$"))
    return out


def _written(i: str, text: str) -> bool:
    """The id in the code as a whole string, or a plural's base (``plural("js.x", n)``)."""
    base = re.sub(r"\.(one|other)$", "", i)
    return any(f"{q}{x}{q}" in text for x in {i, base} for q in "\"'")


def test_no_catalogue_holds_an_id_no_code_uses():
    """A Finnish id is used when it names a part of a definition, or the code writes it (whole,
    or as a template), or it is a key of a definition's table that the code asks for."""
    text = _code_text()
    structural = set().union(*(_structural_ids(f) for f in FORM_IDS))
    templates = _templates(text)
    unused = []
    for i in sorted(FINNISH):
        if i in structural or _written(i, text):
            continue
        if any(p.match(i) for p in templates):
            continue
        parts = i.split(".")
        if parts[0] in FORM_IDS and parts[1] in TABLES:
            key = parts[2]
            if (f'"{key}"' in text or f"'{key}'" in text or f'.{parts[1]}.{key}"' in text or f'"{parts[1]}.{key}"' in text
                    or re.fullmatch(r"\d+", parts[-1])):
                continue
        unused.append(i)
    assert unused == []


def test_the_unused_check_can_fail():
    """A stale id is caught (the check above is not vacuous)."""
    text = _code_text()
    assert '"validation.no_such_message"' not in text
    assert not any(p.match("validation.no_such_message") for p in _templates(text))


def test_every_id_the_scripts_use_is_in_every_site_catalogue():
    """Every id a script asks for (``t("js.x")``, ``t("time.format")``) is among the words the
    build embeds in each language's pages (hooks/languages.py)."""
    from hooks.languages import script_messages

    scripts = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "overrides").rglob("*.mjs"))
    used = set(re.findall(r"""(?:\bt|plural)\(["']([a-z_]+\.[a-z_.]+)["']""", scripts))
    assert "js.meeting.ended" in used and "time.format" in used, "the scripts' message ids were not found"
    for code in site_languages():
        have = script_messages(messages(code))
        plural_ok = {i for i in used if f"{i}.other" in have}
        assert used - plural_ok <= set(have), code
    for template in ("js.progress.", "js.python."):
        assert any(k.startswith(template) for k in messages("fi").with_prefix("js."))


# ---- No user-facing word outside the catalogues ------------------------------------------------

FINNISH_OR_SWEDISH = re.compile("[äöåÄÖÅ]")


def _python_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                docstrings.add(id(body[0].value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _script_strings(text: str) -> list[str]:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"(?m)(^|[^:\\])//.*$", r"\1", text)
    return re.findall(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""", text)


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
    found = []
    for path in CODE:
        if path.suffix == ".py":
            strings = _python_strings(path)
        elif path.suffix in (".mjs", ".js"):
            strings = _script_strings(path.read_text(encoding="utf-8"))
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
