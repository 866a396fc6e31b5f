"""What the browser tests agree on: the WCAG levels axe checks (and running it on a page), and
which addresses are this machine (every other request fails a test)."""

from __future__ import annotations

from urllib.parse import urlsplit

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def axe_violations(page) -> list:
    """Run axe on `page` as it is now (a page of any context, the room's screen's too): each
    violation of the WCAG levels above as its id and the first three elements it names."""
    page.add_script_tag(url="/__test__/axe.min.js")
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    # mailto:/tel: hand over to a local program (the e-mail draft); they are not requests.
    return parts.scheme in {"data", "blob", "about", "mailto", "tel"} or parts.hostname in LOCAL_HOSTS


def keep_on_this_machine(context, outside: list[str]) -> None:
    """Route every request of `context`: one to this machine goes on, any other is recorded in
    `outside` and aborted (the tests then fail on it)."""

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)


def shared_notice(page, code: str = "fi") -> str:
    """The shared-computer notice as the page should say it: with the minutes the site was built
    with (extra.closed_tab_minutes, given to the page's scripts as a meta tag)."""
    from forms.language import messages
    from hooks.languages import closed_tab_minutes

    minutes = int(page.locator('meta[name="closed-tab-minutes"]').get_attribute("content"))
    assert minutes == closed_tab_minutes(yaml_extra())
    return messages(code)("js.device.shared", minutes=minutes)


def yaml_extra() -> dict:
    from mkdocs.utils.yaml import yaml_load

    from tests.support.sitebuild import ROOT

    with (ROOT / "mkdocs.yml").open("rb") as f:
        return yaml_load(f)["extra"]
