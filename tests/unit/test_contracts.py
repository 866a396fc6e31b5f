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
]


@pytest.mark.parametrize("attribute", PROMISED_HOOKS)
def test_every_promised_hook_keeps_its_name(attribute):
    assert attribute in contracts().hooks.values()
