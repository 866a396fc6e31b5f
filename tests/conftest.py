"""Shared fixtures: the built site (built once per run) and a loopback server for it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.site_server import StaticServer
from tests.support.sitebuild import ROOT, build_site


def pytest_sessionstart(session):
    """The tests read the compiled catalogues: compile them from the .po files as they are now
    (an edited catalogue is tested without a `make build` first)."""
    from forms._build_catalogues import compile_all
    from forms._build_settings import write

    compile_all()
    write()  # and the settings the papers print, from mkdocs*.yml as they are now


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The built site. `make test` builds it first and passes SITE_DIR; otherwise build here."""
    given = os.environ.get("SITE_DIR")
    if given:
        path = (ROOT / given).resolve()
        assert (path / "index.html").is_file(), f"SITE_DIR={given} holds no built site"
        return path
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def server(site_dir):
    srv = StaticServer(site_dir)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def html_pages(site_dir) -> list[Path]:
    """Every content page of the built site (not Material's 404 page)."""
    return sorted(p for p in site_dir.rglob("index.html"))
