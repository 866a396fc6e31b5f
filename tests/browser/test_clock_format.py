"""The chair's clock writes times as the language's papers and pages do (the catalogue's
"time.format": fi and sv 9.05, en 9:05), not as the browser's locale would (Swedish Intl writes
09:05 where the letters say kl. 9.05)."""

from __future__ import annotations

import datetime as dt

import pytest

from forms.contracts import hook
from forms.language import messages, site_languages
from scripts.form_driver import wait_until
from tests.support.meeting_view import wait_ready

EXPECTED = {"fi": "9.05", "sv": "9.05", "en": "9:05"}


def test_every_site_language_is_covered():
    assert set(EXPECTED) == set(site_languages())


@pytest.mark.parametrize("code", site_languages())
def test_the_chairs_clock_writes_the_languages_time(page, code):
    assert messages(code)("time.format", h=9, mm="05") == EXPECTED[code]
    page.clock.install(time=dt.datetime(2027, 3, 7, 9, 5, 10))
    page.goto(("" if code == site_languages()[0] else f"{code}/") + "lomakkeet/kokous/")
    wait_ready(page)
    wait_until(page, "([clock, want]) => document.querySelector(clock).textContent === want", [hook("clock"), EXPECTED[code]])
