"""What makes one answer unusable for the figures, and what a file that will not parse is.

``outside(form, data)`` names the first value that the form's definition does not allow (a role
or a scale value that is not one of its choices, a value of the wrong type, free text longer
than the form accepts): such an answer is never counted, since it would change the totals
without belonging to any group. ``cut_short(text)`` tells a JSON text that simply stops (a copy
or download broken off) from one that is not JSON at all.
"""
from __future__ import annotations

from forms.exports.json_file import json_brackets
from forms.model import FormDef

#: Free-text answers are quoted at most this long in a reason.
QUOTE = 20


def _quote(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= QUOTE else text[:QUOTE] + "…"


def outside(form: FormDef, data: dict) -> str:
    """The reason ``data`` (one answer's raw values) is outside the definition, or ""."""
    m = form.messages
    for f in form.fields():
        if f.name not in data:
            continue
        v = data[f.name]
        if f.is_group:
            continue
        if f.type == "checkbox":
            ok = isinstance(v, bool)
        elif f.choices:
            ok = v is None or (isinstance(v, str) and (v == "" or any(c.value == v for c in f.choices)))
        else:
            ok = v is None or (isinstance(v, str) and (not f.max_length or len(v) <= f.max_length))
        if not ok:
            return m("feedback.reject.value", field=f.label, value=_quote(v))
    return ""


def cut_short(text: str) -> bool:
    """True when ``text`` starts as JSON and ends inside a string or an open bracket."""
    body = text.lstrip()
    if not body.startswith(("{", "[")):
        return False
    _, open_at_end, in_string = json_brackets(body)
    return in_string or open_at_end > 0
