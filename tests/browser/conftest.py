"""Browser fixtures: Debian Chromium through pytest-playwright, fail-closed to other hosts.

Every test here fails if any request leaves 127.0.0.1 or the page logs a console error or an
uncaught exception (mark a test `allow_console_errors` to opt out deliberately).
"""

from __future__ import annotations

import shutil

import pytest

from scripts.chromium import CHROMIUM_ARGS
from tests.support.browser import WCAG_TAGS, is_local, keep_on_this_machine


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_console_errors: the test provokes console errors on purpose")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("Debian's chromium is not installed (make test installs it as root)")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": CHROMIUM_ARGS,
        # Fail closed: anything not on loopback goes to a dead proxy.
        "proxy": {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"},
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, server):
    return {**browser_context_args, "base_url": server.url, "locale": "fi-FI"}


@pytest.fixture(autouse=True)
def network_guard(context):
    """Abort and record any request that would leave this machine (service workers included)."""
    outside: list[str] = []
    keep_on_this_machine(context, outside)
    context.on("request", lambda req: None if is_local(req.url) else outside.append(req.url))
    yield outside
    assert not outside, f"requests left 127.0.0.1: {sorted(set(outside))}"


@pytest.fixture(autouse=True)
def console_guard(request, page):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    yield errors
    if request.node.get_closest_marker("allow_console_errors") is None:
        assert not errors, "\n".join(errors)


@pytest.fixture
def axe(page):
    """Run axe-core (from node_modules) on the current page; returns the WCAG 2.1 A/AA violations."""
    def run(context: str | None = None) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(url="/__test__/axe.min.js")  # see scripts/site_server.py TEST_FILES
        result = page.evaluate(
            "([ctx, tags]) => axe.run(ctx || document, {runOnly: {type: 'tag', values: tags}})",
            [context, WCAG_TAGS],
        )
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
    return run
