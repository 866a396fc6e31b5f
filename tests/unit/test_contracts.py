"""The names the layers agree on have one home, forms/contracts.toml (and the worker's ops one,
forms.api.OPERATIONS): the page scripts' generated copy, read by Node as the browser reads it,
says the same, and storage-keys.mjs still exports every key and channel."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from forms import _build_contracts
from forms.api import OPERATIONS
from forms.contracts import contracts

JS = _build_contracts.OUT.parent


def node_exports(folder, module: str) -> dict:
    script = "import(process.argv[1]).then((m) => console.log(JSON.stringify(m)))"
    result = subprocess.run(["node", "--input-type=module", "-e", script, str(folder / module)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_generated_module_says_what_the_contracts_say(tmp_path):
    (tmp_path / "contracts.mjs").write_text(_build_contracts.render(), "utf-8")
    shutil.copy(JS / "storage-keys.mjs", tmp_path / "storage-keys.mjs")
    c = contracts()
    exported = node_exports(tmp_path, "contracts.mjs")
    assert exported["STORAGE_PREFIX"] == c.prefix
    for name, value in {**c.storage, **c.channels}.items():
        assert exported[name] == value
    assert exported["HOOKS"] == c.hooks
    assert exported["MEETING_STATUSES"] == list(c.meeting_statuses)
    assert exported["OPERATIONS"] == {name: {"waitsForExports": op.waits_for_exports}
                                      for name, op in OPERATIONS.items()}
    # The page scripts that import storage-keys.mjs get the same names.
    keys = node_exports(tmp_path, "storage-keys.mjs")
    assert {name: keys[name] for name in [*c.storage, *c.channels]} == {**c.storage, **c.channels}


def test_every_name_is_the_sites_own_and_unique():
    c = contracts()
    names = [*c.storage.values(), *c.channels.values()]
    # The privacy page's clear-everything button removes what starts with the prefix.
    assert all(name.startswith(c.prefix) and len(name) > len(c.prefix) for name in names)
    assert len(set(names)) == len(names)
    assert all(attribute.startswith("data-") for attribute in c.hooks.values())
    assert len(set(c.hooks.values())) == len(c.hooks)


def test_the_built_copy_is_current():
    # `make` writes it before every build; a stale copy would give the page other names.
    if not _build_contracts.OUT.is_file():
        pytest.skip("not built yet (make deps writes it)")
    assert _build_contracts.OUT.read_text("utf-8") == _build_contracts.render()


def test_the_protocol_describes_every_op_and_no_other():
    text = (JS / "PROTOCOL.md").read_text("utf-8")
    described = set(re.findall(r'`\{op: "(\w+)"', text))
    assert described == set(OPERATIONS)


def test_every_meeting_status_has_its_words():
    from forms.language import messages, site_languages

    statuses = contracts().meeting_statuses
    assert statuses[0] == "present" and "left" in statuses   # a new person is there; leaving keeps a time
    for code in site_languages():
        assert all(messages(code)(f"meeting.status.{s}") for s in statuses)


#: The DOM hooks outside checks select by (the issues promised these names): this literal list is
#: the outside contract, so renaming one in contracts.toml must fail here, not out there.
PROMISED_HOOKS = [
    "data-form", "data-export", "data-print", "data-meeting", "data-shared-screen",
    "data-feedback-summary", "data-device-choice", "data-restore", "data-from-draft",
    "data-letter", "data-letter-lang", "data-warning", "data-chair-code", "data-hold-back",
    "data-review-done", "data-respondent-language", "data-present", "data-handout",
    "data-export-name", "data-add-row", "data-import", "data-import-invitation", "data-phase",
    "data-next-phase", "data-time-left", "data-shared-view", "data-participant", "data-spoken",
    "data-to-memo", "data-to-invitation", "data-python", "data-python-start", "data-collect-start",
    "data-collect-next", "data-collected-count", "data-show-summary", "data-summary-files",
    "data-summary-table",
]


@pytest.mark.parametrize("attribute", PROMISED_HOOKS)
def test_every_promised_hook_keeps_its_name(attribute):
    assert attribute in contracts().hooks.values()


def spells_attribute(pieces) -> bool:
    """Whether a template literal's fixed pieces write out a data-… attribute, whole or with its
    name from a placeholder (`[data-${name}]`)."""
    from tests.support.hook_uses import data_attributes_in

    return any(data_attributes_in(piece) or re.search(r"(?<![\w-])data-$", piece) for piece in pieces)


def test_page_scripts_name_hooks_only_through_the_contract():
    """A page script finds and sets its elements by HOOKS.<id> / hook("<id>") (contracts.mjs),
    never by an attribute written out in a string or by `.dataset` (whose camelCase names would
    spell the attribute a second time). Read by a JavaScript parser, not by a pattern over source."""
    from tests.support.hook_uses import data_attributes_in, page_scripts
    from tests.support.js_strings import read_scripts

    spelled = []
    for path, script in read_scripts(page_scripts()).items():
        spelled += [(path.name, raw) for value, raw in script.strings if data_attributes_in(value)]
        spelled += [(path.name, raw) for pieces, raw in script.templates if spells_attribute(pieces)]
        spelled += [(path.name, f"line {line}: .dataset") for line in script.dataset]
    assert spelled == []


def test_the_check_of_page_scripts_sees_what_it_forbids(tmp_path):
    from tests.support.hook_uses import data_attributes_in
    from tests.support.js_strings import read_scripts

    script = tmp_path / "page.mjs"
    script.write_text('import { HOOKS, hook as h } from "./contracts.mjs";\n'
                      'a.dataset.formId; b?.["dataset"]; h("form"); HOOKS.print;\n'
                      'const { meeting } = HOOKS;\n'
                      'q("[data-form]"); q(`form[data-form=${id}]`); q("[data-md-color-scheme]"); q("data:,x");\n',
                      "utf-8")
    found = read_scripts([script])[script]
    assert found.dataset == (2, 2)
    assert found.hooks == {"form", "print", "meeting"}
    assert [raw for value, raw in found.strings if data_attributes_in(value)] == ['"[data-form]"']
    assert [raw for pieces, raw in found.templates if spells_attribute(pieces)] == ["`form[data-form=${id}]`"]
    assert spells_attribute(["[data-", "]"]) and not spells_attribute(["[", "]"])  # `[data-${name}]`


def _python_strings(path):
    """A Python file's string constants as (line, value), but its docstrings (prose)."""
    import ast

    tree = ast.parse(path.read_text("utf-8"))
    prose = {id(node.body[0].value) for node in ast.walk(tree)
             if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
             and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose]


def test_python_and_templates_name_hooks_only_through_the_contract():
    """The HTML's makers write a hook as attribute("<id>") / hook("<id>") (Python) or
    hooks.<id> / config.extra.hooks.<id> (templates), never spelled out: Python's strings are
    read by its parser (docstrings are prose), templates by Jinja's lexer (comments are prose)."""
    import jinja2

    from tests.support.hook_uses import data_attributes_in
    from tests.support.sitebuild import ROOT

    generator = ROOT / "forms" / "_build_contracts.py"  # writes the JS copy of the attributes
    spelled = [(str(path.relative_to(ROOT)), line, value)
               for folder in ("forms", "macros", "hooks") for path in sorted((ROOT / folder).rglob("*.py"))
               if path != generator for line, value in _python_strings(path) if data_attributes_in(value)]
    templates = [*(ROOT / "macros" / "templates").rglob("*.html"), *(ROOT / "overrides").glob("*.html"),
                 *(ROOT / "overrides" / "partials").glob("*.html")]
    lexer = jinja2.Environment()
    for path in sorted(templates):
        spelled += [(str(path.relative_to(ROOT)), line, data_attributes_in(value))
                    for line, kind, value in lexer.lex(path.read_text("utf-8"))
                    if kind == "data" and data_attributes_in(value)]
    assert spelled == []


def test_the_check_of_python_and_templates_sees_what_it_forbids(tmp_path):
    import jinja2

    from tests.support.hook_uses import data_attributes_in

    source = tmp_path / "maker.py"
    source.write_text('"""Writes <div data-doc>: prose."""\nX = "[data-q]"\n\n\ndef f(n):\n'
                      '    """data-d, prose too."""\n    return f"<p {n}data-r>"\n', "utf-8")
    assert [value for _, value in _python_strings(source) if data_attributes_in(value)] == ["[data-q]", "data-r>"]
    template = '{# the data-x comment #}<div data-y {{ hooks.z }}="{{ v }}">{% if a %}<p data-w>{% endif %}'
    assert [data_attributes_in(value) for _, kind, value in jinja2.Environment().lex(template)
            if kind == "data" and data_attributes_in(value)] == [["data-y"], ["data-w"]]


def test_templates_read_every_hook_by_its_id_and_fail_on_an_unknown_one():
    """``hooks.clear`` is the hook, not the dict's method of that name; an id the contract does
    not declare stops the build instead of writing an empty attribute."""
    import jinja2

    from forms.contracts import UnknownHook

    hooks = contracts().hooks
    template = jinja2.Environment().from_string("{% for id in ids %}{{ hooks[id] }}={{ hooks|attr(id) }};{% endfor %}")
    assert template.render(hooks=hooks, ids=list(hooks)) == "".join(f"{a}={a};" for a in hooks.values())
    assert jinja2.Environment().from_string("{{ hooks.clear }}").render(hooks=hooks) == hooks["clear"]
    with pytest.raises(UnknownHook):
        jinja2.Environment().from_string("{{ hooks.no_such_hook }}").render(hooks=hooks)
