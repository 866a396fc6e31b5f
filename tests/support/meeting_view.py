"""The chair's view as its browser tests start it: the booked day's clock, the invitation the
meeting is started from (the full fixture, saved as the invitation form's file), opening the
view and starting the meeting from that file."""

from __future__ import annotations

import datetime as dt

from forms.api import handle
from forms.contracts import attribute, hook
from scripts.form_driver import FIXTURES, PYTHON_TIMEOUT_MS, wait_python_ready, wait_until

#: The invitation the meeting is started from.
INVITATION = FIXTURES["FULL"]["kutsu"]
#: Where every test's clock starts: ten minutes before the booked start, on the booked day.
BEFORE = dt.datetime(2027, 3, 7, 13, 50)


def invitation_file(tmp_path, lang="fi"):
    saved = handle({"op": "export", "form": "kutsu", "lang": lang, "format": "json", "state": INVITATION})["file"]
    path = tmp_path / saved["name"]
    path.write_bytes(saved["data"])
    return path


def wait_ready(page):
    """The view's script has done starting (meeting.mjs marks its root meeting_ready)."""
    wait_until(page, "([view, ready]) => document.querySelector(view)?.getAttribute(ready) === 'true'",
               [hook("meeting"), attribute("meeting_ready")])


def open_view(page, url="lomakkeet/kokous/"):
    page.goto(url)
    wait_ready(page)


def start_from_file(page, tmp_path, lang="fi"):
    wait_python_ready(page)
    page.set_input_files(hook("import_invitation"), invitation_file(tmp_path, lang))
    wait_until(page, "(person) => document.querySelectorAll(person).length > 0", hook("participant"),
               timeout_ms=PYTHON_TIMEOUT_MS)
    # …and the memo filled from it (Python's carry answers after the list is shown).
    wait_until(page, "(name) => Boolean(document.querySelector(name)?.value)",
               f'form{hook("form", "muistio")} [name="present.0.name"]', timeout_ms=PYTHON_TIMEOUT_MS)
