"""The varied states every export is tried with (test_exports_all_formats.py, test_pdf_tagged.py):
where a library's code path depends on the content, the content varies. A helper beside the
tests, not under tests/support/: tests/pyodide mounts only this folder inside Pyodide."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from forms.language import languages
from forms.model import get_form

FIXTURES = json.loads((Path(__file__).parent / "fixtures.json").read_text("utf-8"))


def every_letter_language_state(form_id: str) -> dict:
    """The form's full fixture; the invitation's with one invitee per language the letters can
    be in, so that its PDF holds a letter for each."""
    state = copy.deepcopy(FIXTURES["FULL"][form_id])
    if form_id == "kutsu":
        rows = state["invitees"]
        state["invitees"] = [dict(rows[i % len(rows)], language=code) for i, code in enumerate(languages())]
    return state


def feedback_answers() -> list[dict]:
    """Feedback answers of every role, over several months, so that both charts are drawn."""
    base = FIXTURES["FULL"]["palaute"]
    roles = [c.value for c in get_form("palaute").field("role").choices]
    return [{"id": f"all-formats-{i:04d}", "saved": "2027-03-07T12:00:00+00:00",
             "data": dict(base, role=roles[i % len(roles)], safe=str(1 + i % 5),
                          meeting_date=f"{1 + i % 28}.{1 + i % 7}.2027")}
            for i in range(6 * len(roles) * 7)]
