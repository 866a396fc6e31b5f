"""The finishing step over the built folder (scripts/finish_site.py): engine-independent, so its
result depends on the folder alone."""

from __future__ import annotations

import json
import shutil


def test_finishing_again_changes_nothing(site_dir, tmp_path):
    """Run again over the finished site (policies already in the pages, the bundle already
    copied), the step writes the same pages, headers and offline lists."""
    from scripts.finish_site import finish

    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    lists = finish(copy, deploy=tmp_path / "deploy")
    before = json.loads((site_dir / "offline.json").read_text(encoding="utf-8"))
    assert {k: lists[k] for k in ("version", "core", "python", "runtime")} == \
        {k: before[k] for k in ("version", "core", "python", "runtime")}
    assert json.loads((copy / "offline.json").read_text(encoding="utf-8")) == before
    for name in ("_headers", "sw.js", "index.html", "sv/lomakkeet/kutsu/index.html", "404.html"):
        assert (copy / name).read_bytes() == (site_dir / name).read_bytes(), name
    for page in copy.rglob("*.html"):
        assert page.read_text(encoding="utf-8").count('http-equiv="Content-Security-Policy"') == 1, page


def test_the_site_remembers_the_address_it_was_built_for(site_dir):
    from scripts.finish_site import built_for

    offline = json.loads((site_dir / "offline.json").read_text(encoding="utf-8"))
    assert offline["site_url"] == built_for(site_dir)
    assert f'<link rel="canonical" href="{offline["site_url"]}kulku/">' in \
        (site_dir / "kulku" / "index.html").read_text(encoding="utf-8")


def test_mkdocs_serve_has_no_policy_and_a_worker_that_removes_itself():
    """The finishing step does not run under `mkdocs serve`: live reload's script runs (no
    policy), and its sw.js replaces a caching worker a `make serve` left on the same address."""
    from forms.contracts import contracts
    from tests.support.mkdocs_serve import mkdocs_serve

    with mkdocs_serve() as read:
        worker = read("sw.js")
        page = read("/")
    assert worker.startswith(f"const STORAGE_PREFIX = {json.dumps(contracts().prefix)};")
    assert "self.registration.unregister()" in worker and "CORE" not in worker
    assert "Content-Security-Policy" not in page and "livereload" in page
