"""The deploy check refuses a site built for another address than the one it is published at."""

from __future__ import annotations

import json
import os

import pytest

from scripts.check_deploy import address_problem, check_folder


def built(tmp_path, site_url: str):
    (tmp_path / "offline.json").write_text(json.dumps({"version": "x", "core": [], "python": [], "runtime": "",
                                                       "site_url": site_url}), encoding="utf-8")
    return tmp_path


def test_a_folder_built_for_its_address_passes(tmp_path):
    assert check_folder(built(tmp_path, "https://verkostokokous.example.fi/"), "https://verkostokokous.example.fi") == []


@pytest.mark.parametrize("site_url", ["https://verkostokokous.test/", "http://127.0.0.1:8000/", ""])
def test_a_test_local_or_addressless_build_is_refused_with_the_way_to_build(tmp_path, site_url):
    problems = check_folder(built(tmp_path, site_url), "https://verkostokokous.example.fi/")
    assert len(problems) == 1
    assert "SITE_URL=https://verkostokokous.example.fi/ make build" in problems[0]
    assert (site_url or "without SITE_URL") in problems[0]


def test_a_folder_that_is_no_build_is_named(tmp_path):
    assert "no offline.json" in check_folder(tmp_path, "https://verkostokokous.example.fi/")[0]


def test_the_tests_site_is_not_the_deploy_folder():
    """`make test` passes its own folder: a site/ left behind is only what `make build` made."""
    given = os.environ.get("SITE_DIR")
    if given is None:
        pytest.skip("run by `make test`, which names the folder it built")
    assert os.path.normpath(given) != "site"


def test_address_problem_tolerates_a_missing_slash():
    assert address_problem("https://a.example/", "https://a.example") is None
