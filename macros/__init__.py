"""mkdocs-macros entry point: thin wrappers that hand page context to the modules beside it.

Macros available in pages:
  flow_diagram(highlight=None, present=False)  the flow chart of preparation and meeting
                                (macros/flow.py); `present`: with its presentation view
  qr_code(target, caption=None) QR code of a page/section ("page.md#id") or absolute URL
  trainer_handout()             every section in every language with its address and QR code,
                                and the form that makes a handout of some (macros/handout.py)
  form(form_id)                 a fillable form (HTML from forms.rendering)
  meeting_view()                the chair's view of a meeting (HTML from forms.rendering.meeting)
  feedback_collect()            collecting feedback on one device (forms.rendering.feedback)
  feedback_summary()            the coordinator's summary of many feedback files
Variables: `org` and `contact` (from mkdocs.yml `extra:`), used for branding; `site_url_set`.
Build-time work on the site (CSP, offline files, the Pyodide copy) is in hooks/, not here.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from forms.rendering import render_form
from forms.rendering.feedback import render_collect, render_summary_page
from forms.rendering.meeting import render_meeting
from forms.language import messages, site_languages
from forms.meeting import get_meeting
from forms.model import get_form

from .flow import load_flow, render_flow
from .handout import render_handout, sections
from .headings import nav_pages, page_url, read_headings, relative_url
from .qr import qr_figure


# Where the forms' pages are (docs/lomakkeet/<form id>.md, in every language's docs folder).
FORMS_FOLDER = "lomakkeet"
# Settings of `extra:` in mkdocs.yml that the privacy page and the accessibility statement need.
# Each must be set: a missing one is a warning, which fails the build in strict mode.
REQUIRED_SETTINGS = (
    "privacy.controller", "privacy.controller_address", "privacy.controller_email",
    "privacy.data_protection_officer_email", "privacy.host_logs",
    "accessibility.feedback_email", "accessibility.feedback_name",
)
# Counted by MkDocs: `mkdocs build --strict` stops on it.
log = logging.getLogger("mkdocs.plugins.macros.verkostokokous")
# Not counted (outside the "mkdocs" loggers): loud, but a build without a public address is allowed.
notice = logging.getLogger("verkostokokous.build")

SITE_URL_MISSING = (
    "WARNING: SITE_URL is not set, so the trainer page shows no QR codes and pages have no canonical "
    "links. Build for publishing with: SITE_URL=https://your.address/ make build")


def missing_settings(extra: dict) -> list[str]:
    """The names (``extra.privacy.controller``) of required settings that are unset or empty."""
    missing = []
    for path in REQUIRED_SETTINGS:
        value = extra
        for key in path.split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
        if not (isinstance(value, str) and value.strip()) and not isinstance(value, (int, float)):
            missing.append(f"extra.{path}")
    return missing


def define_env(env):
    docs_dir = Path(env.conf["docs_dir"])
    for name in missing_settings(env.conf["extra"]):
        log.warning(f"mkdocs.yml: the setting {name} is missing; the privacy page and the accessibility "
                    "statement need it (see README, 'Re-branding').")
    site_url = env.conf["site_url"] or ""
    env.variables["site_url_set"] = bool(site_url)
    if not site_url:
        notice.warning(SITE_URL_MISSING)
    elif not site_url.endswith("/"):
        site_url += "/"
    env.variables["org"] = env.conf["extra"]["organisation"]
    env.variables["contact"] = env.conf["extra"]["contact"]

    def absolute_url(target: str) -> str:
        """'page.md#id' (checked to exist) or an absolute URL -> an absolute URL ("/"-rooted
        when the build has no public address)."""
        if "://" in target:
            return target
        page, _, anchor = target.partition("#")
        if anchor and anchor not in {h.anchor for h in read_headings(docs_dir, page)}:
            raise ValueError(f"qr_code: {page} has no section #{anchor}")
        return (site_url or "/") + page_url(page) + (f"#{anchor}" if anchor else "")

    def code_or_link(url: str, caption: str | None = None) -> str:
        """A QR code only for a real address: without one a code would point nowhere."""
        label = messages(env.conf["theme"]["language"])("site.qr_label", url=url) if "://" in url else None
        return qr_figure(url, label, caption)


    @env.macro
    def flow_diagram(highlight: str | None = None, present: bool = False) -> str:
        m = messages(env.conf["theme"]["language"])
        flow = load_flow(m)
        for step in flow.steps:
            absolute_url(step.link)  # fails the build on a link to a missing section
        return render_flow(env.page.url, highlight, flow, m, present=present)

    @env.macro
    def qr_code(target: str, caption: str | None = None) -> str:
        return code_or_link(absolute_url(target), caption)

    def href(target: str) -> str:
        """A link from this page: a handbook section ("page.md#id", checked to exist) or a page
        of the forms by its name ("kutsu", "palaute", "yhteinen-naytto": docs/lomakkeet/<name>.md)."""
        if ".md" not in target:
            target = f"{FORMS_FOLDER}/{target}.md"
        absolute_url(target)  # fails the build on a link to a missing section
        page, _, anchor = target.partition("#")
        if not (docs_dir / page).is_file():
            raise ValueError(f"no page {page} in {docs_dir}")
        return relative_url(page_url(page), env.page.url) + (f"#{anchor}" if anchor else "")

    @env.macro
    def form(form_id: str) -> str:
        """The form's HTML in the page's language, rendered at build time from its one
        definition in forms/ and that language's catalogue."""
        return render_form(get_form(form_id, env.conf["theme"]["language"]), href)

    @env.macro
    def meeting_view() -> str:
        """The chair's view: the meeting's phases (forms/phases.toml) in the page's language."""
        lang = env.conf["theme"]["language"]
        return render_meeting(get_meeting(lang), get_form("muistio", lang), href)

    @env.macro
    def feedback_collect() -> str:
        return render_collect(get_form("palaute", env.conf["theme"]["language"]))

    @env.macro
    def feedback_summary() -> str:
        return render_summary_page(get_form("palaute", env.conf["theme"]["language"]))

    @env.macro
    def trainer_handout() -> str:
        """Trainer page: every section in every site language with its summary, address and QR
        code, and the form that picks some of them for a printed handout (macros/handout.py)."""
        lang = env.conf["theme"]["language"]
        root_url = env.conf["extra"].get("root_url") or ""
        if site_url and not root_url.endswith("/"):
            root_url += "/"
        found = sections(nav_pages(env.conf["nav"]), docs_dir, lang, site_languages(), root_url if site_url else "")
        return render_handout(found, lang, env.conf["site_name"], messages(lang))
