"""mkdocs-macros entry point: thin wrappers that hand page context to the modules beside it.

Macros available in pages:
  flow_diagram(highlight=None)  the flow chart of preparation and meeting (macros/flow.py)
  qr_code(target, caption=None) QR code of a page/section ("page.md#id") or absolute URL
  section_index()               every section of every page with its link and QR code
  form(form_id)                 a fillable form (HTML from forms.html)
Variables: `org` and `contact` (from mkdocs.yml `extra:`), used for branding; and
`config.extra.pyodide_runtime` for the theme templates (the runtime folder, see pyodide_assets).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from forms.html import render_form

from .flow import load_flow, render_flow
from .headings import nav_pages, page_url, read_headings
from .pyodide_assets import copy_pyodide_assets, runtime_dir_name
from .qr import qr_figure


def on_post_build(env):
    """The Pyodide bundle (built by `make build`) goes into the site beside the pages."""
    copy_pyodide_assets(Path(env.conf["site_dir"]), env.conf["extra"]["pyodide_runtime"])


def define_env(env):
    docs_dir = Path(env.conf["docs_dir"])
    site_url = env.conf["site_url"] or ""
    if not site_url.endswith("/"):
        site_url += "/"
    env.variables["org"] = env.conf["extra"]["organisation"]
    env.variables["contact"] = env.conf["extra"]["contact"]
    # The Pyodide runtime's folder (named by its content): form.html passes it to the worker.
    env.conf["extra"]["pyodide_runtime"] = runtime_dir_name()

    def absolute_url(target: str) -> str:
        """'page.md#id' (checked to exist) or an absolute URL -> an absolute URL."""
        if "://" in target:
            return target
        page, _, anchor = target.partition("#")
        if anchor and anchor not in {h.anchor for h in read_headings(docs_dir, page)}:
            raise ValueError(f"qr_code: {page} has no section #{anchor}")
        return site_url + page_url(page) + (f"#{anchor}" if anchor else "")

    @env.macro
    def flow_diagram(highlight: str | None = None) -> str:
        flow = load_flow()
        for step in flow.steps:
            absolute_url(step.link)  # fails the build on a link to a missing section
        return render_flow(env.page.url, highlight, flow)

    @env.macro
    def qr_code(target: str, caption: str | None = None) -> str:
        return qr_figure(absolute_url(target), caption)

    @env.macro
    def form(form_id: str) -> str:
        """The form's HTML, rendered at build time from its one definition in forms/."""
        return render_form(form_id)

    @env.macro
    def section_index() -> str:
        """Trainer page: each page and its sections, with a copyable URL and a QR code."""
        out = ['<div class="section-index">']
        for page in nav_pages(env.conf["nav"]):
            for h in read_headings(docs_dir, page):
                url = absolute_url(f"{page}#{h.anchor}") if h.level > 1 else absolute_url(page)
                out.append(
                    f'<section class="section-card section-card--h{h.level}">'
                    f'<p class="section-card__title">{escape(h.title)}</p>'
                    f"{qr_figure(url)}</section>"
                )
        out.append("</div>")
        return "".join(out)
