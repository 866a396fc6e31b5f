"""The finishing step over a built site: what spans every language and needs the rendered files,
run once after every language is built (`make build`), whatever built the pages.

    python scripts/finish_site.py SITE_DIR

In order: the Pyodide bundle is copied in (hooks/pyodide_assets.py); each language's folder gets
the printed pages' CSS from the forms package (forms/exports/print_css.py); every page gets its Content
Security Policy and the deploy headers allow the union of their script hashes (hooks/csp.py);
then the service worker and its file lists are made over every file, so they come last
(hooks/offline.py). Running it again on the same folder gives the same result.
"""
from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the repository's packages (hooks, forms)
    sys.path.insert(0, str(ROOT))

from hooks import csp, offline  # noqa: E402
from hooks.pyodide_assets import copy_pyodide_assets, runtime_dir_name  # noqa: E402

DEPLOY = ROOT / "build" / "deploy"


class _Canonical(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.href = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "canonical" and not self.href:
            self.href = attributes.get("href") or ""


def built_for(site: Path) -> str:
    """The address the site was built for: its front page's canonical link ("" when the build
    had no SITE_URL, which MkDocs then leaves out)."""
    parser = _Canonical()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return parser.href


def write_print_css(site: Path) -> None:
    """The printed pages' marks in every letter language and the printed document's look (one
    home in the forms package, which the HTML copy inlines) beside each language's pages."""
    from forms.exports.print_css import document_css, marks_css
    from forms.language import site_languages
    from hooks.languages import prefix

    for code in site_languages():
        css = site / prefix(code) / "assets" / "css"
        css.mkdir(parents=True, exist_ok=True)
        (css / "print-marks.css").write_text(marks_css(), encoding="utf-8")
        (css / "print-document.css").write_text(document_css(), encoding="utf-8")


def finish(site: Path, deploy: Path = DEPLOY) -> dict:
    """Finish the built site in `site`; returns the offline lists (hooks/offline.py)."""
    site = Path(site)
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: no built site (index.html) to finish")
    runtime = runtime_dir_name()
    copy_pyodide_assets(site, runtime)
    write_print_css(site)
    csp.apply(site, deploy)
    return offline.write(site, runtime, built_for(site))


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: finish_site.py SITE_DIR")
    lists = finish(Path(argv[0]))
    print(f"finished {argv[0]}: {len(lists['core'])} files precached, version {lists['version']}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
