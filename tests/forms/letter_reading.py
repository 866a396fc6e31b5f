"""In which language a screen reader must read what a letter says (test_letters.py and the
accessibility checks of each format). A helper beside the tests, not under tests/support/:
tests/pyodide mounts only this folder inside Pyodide."""

from __future__ import annotations

from forms.language import messages


def read_as(form, state: dict, code: str) -> list[tuple[str, str]]:
    """What a letter in ``code`` of ``state`` must let a screen reader read in which language:
    what the worker typed (the place, who each invitee is) in the page's, whatever the letter's
    language; a role the letter names (the interpreter's, ``letter`` in phases.toml) in the
    letter's."""
    from forms.meeting import role, role_word_id

    c = form.contacts
    rows = state[c["group"]]
    out = [(state["place"], form.lang)]
    out += [(r[c["describe"]], form.lang) for r in rows if r[c["describe"]].strip()]
    out += [(messages(code)(role_word_id(r[c["relation"]])), code) for r in rows
            if role(r[c["relation"]]) and role(r[c["relation"]]).letter]
    return out
