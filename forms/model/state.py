"""The state of a filled form, and conversion from/to HTML form-data pairs.

State format (JSON-able; the same in CPython, in Pyodide and in saved JSON files)::

    {
        "client_name": "Aino",               # text-like fields: the string as typed
        "date": "7.3.2027",                  # dates as typed, Finnish style (7.3.2027 or 07.03.2027)
        "start_time": "14.00",               # times as typed (14.00, 14:00, 14, 1400)
        "agreed_with_client": True,          # checkboxes: booleans
        "role": "laheinen",                  # select/radio: the choice's ASCII value
        "safe": "4",                         # scale: "1".."5" or "eos" (en osaa sanoa)
        "invitees": [                        # row groups: a list of dicts of strings
            {"name": "Matti", "relation": "laheinen", "organisation": "", "how": "puhelu"},
        ],
    }

Missing keys mean empty; unknown keys are ignored. Values of the wrong type are reported by
validation (``forms.validate``) and dropped by :func:`clean_state`, never raised.

HTML inputs are named ``field`` and, inside row groups, ``group.<i>.<sub>`` with rows numbered
0, 1, 2 … (the browser renumbers rows after a removal). :func:`state_from_pairs` turns the
browser's form-data pairs into a state; :func:`pairs_from_state` does the reverse.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from forms.model import FormDef

_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Replace lone surrogates (which cannot be encoded) with U+FFFD."""
    return _SURROGATES.sub("\ufffd", value)


def _row_is_empty(row: dict) -> bool:
    return not any(isinstance(v, str) and v.strip() for v in row.values())


def empty_state(form: FormDef) -> dict:
    state: dict = {}
    for f in form.fields():
        if f.is_group:
            state[f.name] = [{s.name: "" for s in f.fields}]
        elif f.type == "checkbox":
            state[f.name] = False
        else:
            state[f.name] = f.default
    return state


def clean_state(form: FormDef, state) -> dict:
    """A complete, well-typed copy of ``state``: every field present, junk dropped.

    Text is kept as typed (lone surrogates replaced); entirely empty rows are dropped.
    """
    if not isinstance(state, dict):
        state = {}
    out: dict = {}
    for f in form.fields():
        v = state.get(f.name)
        if f.is_group:
            rows = []
            if isinstance(v, list):
                for row in v[: f.max_rows * 2]:
                    if not isinstance(row, dict):
                        continue
                    r = {}
                    for s in f.fields:
                        sv = row.get(s.name, "")
                        r[s.name] = clean_text(sv) if isinstance(sv, str) else ""
                    if not _row_is_empty(r):
                        rows.append(r)
            out[f.name] = rows
        elif f.type == "checkbox":
            out[f.name] = v if isinstance(v, bool) else False
        else:
            out[f.name] = clean_text(v) if isinstance(v, str) else ""
    return out


def state_from_pairs(form: FormDef, pairs: Iterable) -> dict:
    """Build a state from form-data pairs ``[(name, value), ...]`` as the browser sends them.

    A checkbox is True when its name is present with a value other than "", "false", "0",
    "off". Rows are ordered by their index. Unknown names are ignored.
    """
    state: dict = {}
    rows: dict[str, dict[int, dict]] = {}
    for f in form.fields():
        if f.is_group:
            rows[f.name] = {}
        elif f.type == "checkbox":
            state[f.name] = False
        else:
            state[f.name] = ""
    for pair in pairs or ():
        try:
            name, value = pair
        except (TypeError, ValueError):
            continue
        if not isinstance(name, str):
            continue
        value = value if isinstance(value, str) else ("" if value is None else str(value))
        value = clean_text(value)
        if "." in name:
            gname, _, rest = name.partition(".")
            idx, _, sub = rest.partition(".")
            g = form.field(gname)
            if g is None or not g.is_group or not idx.isdigit() or g.subfield(sub) is None:
                continue
            i = int(idx)
            if i >= g.max_rows * 2:
                continue
            rows[gname].setdefault(i, {s.name: "" for s in g.fields})[sub] = value
            continue
        f = form.field(name)
        if f is None or f.is_group:
            continue
        if f.type == "checkbox":
            state[name] = value.strip().lower() not in {"", "false", "0", "off"}
        else:
            state[name] = value
    for gname, by_index in rows.items():
        state[gname] = [by_index[i] for i in sorted(by_index)]
    return state


def pairs_from_state(form: FormDef, state: dict) -> list[tuple[str, str]]:
    """The reverse of :func:`state_from_pairs`: checked checkboxes give ``(name, "on")``."""
    state = clean_state(form, state) if not isinstance(state, dict) else state
    pairs: list[tuple[str, str]] = []
    for f in form.fields():
        v = state.get(f.name)
        if f.is_group:
            if isinstance(v, list):
                for i, row in enumerate(v):
                    if isinstance(row, dict):
                        for s in f.fields:
                            sv = row.get(s.name, "")
                            pairs.append((f"{f.name}.{i}.{s.name}", sv if isinstance(sv, str) else ""))
        elif f.type == "checkbox":
            if v is True:
                pairs.append((f.name, "on"))
        elif isinstance(v, str):
            pairs.append((f.name, v))
    return pairs
