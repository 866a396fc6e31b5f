"""How each memo recipient gets the memo (``[delivery]`` of the definition: which row groups,
which column, its values, and which column holds the e-mail address):

* :func:`carried_way`: the way a memo row starts with, from the invitation: by e-mail and by post
  as invited; handed over to anyone else present; none for a role not invited (the interpreter);
  left for the worker for someone absent who was invited by phone;
* :func:`email_missing`: rows whose memo goes by e-mail but who have no e-mail address. The page
  warns beside that address field, in its language (``forms.validation.warnings``): a note, never
  an error, since the memo can still be printed and handed to those present.
"""
from __future__ import annotations

from forms.model import FormDef
from forms.model import _raw as _definition


def delivery(form: FormDef) -> dict:
    """The definition's ``[delivery]`` table ({} for a form without one)."""
    return _definition(form.id).get("delivery", {})


def carried_way(form: FormDef, how: str, present: bool, invited: bool) -> str:
    """The memo's way for one person: ``how`` they were invited (the invitation's value),
    whether they were present, whether their role is invited at all."""
    d = delivery(form)
    if not d:
        return ""
    if not invited:
        return d["not_invited_value"]
    return d.get("from_invitation", {}).get(how, "") or (d["present_value"] if present else "")


def email_missing(form: FormDef, state: dict) -> list[str]:
    """The input names (``present.2.email``) of e-mail fields left empty where the row's memo is
    to be sent by e-mail."""
    d = delivery(form)
    out = []
    for group in d.get("groups", ()):
        rows = state.get(group)
        for i, row in enumerate(rows if isinstance(rows, list) else []):
            if not isinstance(row, dict) or row.get(d["field"]) != d["email_value"]:
                continue
            email = row.get(d["email"])
            if not (isinstance(email, str) and email.strip()):
                out.append(f"{group}.{i}.{d['email']}")
    return out
