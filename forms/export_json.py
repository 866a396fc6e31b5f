"""The whole form as JSON, and reading it back.

File format::

    {"schema": "verkostokokous-lomake", "form": "kutsu", "version": 1,
     "saved": "2027-03-07T12:00:00+00:00", "data": {...state...}}

``import_json`` accepts ``str``, ``bytes``, ``bytearray`` or ``memoryview`` and returns
``(state, errors)``; errors are :class:`forms.FieldError` with ``field=""`` and a Finnish
message. There is no older version of the format yet: a file with another version number is
refused with a clear message (a version 0 would be migrated here).
"""
from __future__ import annotations

import datetime as _dt
import json

from .model import FORM_IDS, FormDef, get_form
from .state import clean_state, empty_state
from .validation import FieldError

SCHEMA = "verkostokokous-lomake"
VERSION = 1
MAX_BYTES = 5_000_000
MSG_NOT_OURS = "Tiedosto ei ole tämän lomakkeen JSON-tiedosto."
MSG_OTHER_FORM = "Tiedosto on {other}, ei {this}."
MSG_NEWER = "Tiedosto on tehty uudemmalla versiolla (versio {v}). Päivitä sivu ja yritä uudelleen."
MSG_OLDER = "Tiedoston versiota {v} ei voi enää avata. Täytä lomake uudelleen."
MSG_TOO_BIG = "Tiedosto on liian suuri: enintään 5 Mt."


def to_json_text(form_id: str, state: dict, saved: _dt.datetime | None = None) -> str:
    saved = saved or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    form = get_form(form_id)
    doc = {"schema": SCHEMA, "form": form_id, "version": VERSION, "saved": saved.isoformat(),
           "data": clean_state(form_id, state)}
    if form.scale:
        # What the numbers mean, so the file reads right without this site (not read back).
        doc["scale"] = {c.value: c.label.partition(" = ")[2] or c.label
                        for c in next(f for f in form.fields() if f.type == "scale").choices}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def export_json(form: FormDef, state: dict) -> bytes:
    return to_json_text(form.id, state).encode("utf-8")


# Our files nest three levels deep. A file nested thousands deep would overflow the JavaScript
# stack under Pyodide inside json.loads (killing the interpreter before Python's own recursion
# limit is reached), so depth is counted first, outside strings, in one linear pass.
MAX_NESTING = 64


def _nesting_depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_NESTING:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def import_json(form_id: str, data) -> tuple[dict, list[FieldError]]:
    """Read a saved JSON file: ``(state, [])`` or ``(empty state, [FieldError])``."""
    form = get_form(form_id)

    def fail(msg):
        return empty_state(form_id), [FieldError("", msg)]

    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            return fail(MSG_TOO_BIG)
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return fail(MSG_NOT_OURS)
    if not isinstance(data, str):
        return fail(MSG_NOT_OURS)
    if len(data) > MAX_BYTES:
        return fail(MSG_TOO_BIG)
    if _nesting_depth(data) > MAX_NESTING:
        return fail(MSG_NOT_OURS)
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return fail(MSG_NOT_OURS)
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or not isinstance(doc.get("data"), dict):
        return fail(MSG_NOT_OURS)
    other = doc.get("form")
    if other != form.id:
        if other in FORM_IDS:
            return fail(MSG_OTHER_FORM.format(other=get_form(other).noun, this=form.noun))
        return fail(MSG_NOT_OURS)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return fail(MSG_NOT_OURS)
    if version > VERSION:
        return fail(MSG_NEWER.format(v=version))
    if version < VERSION:
        return fail(MSG_OLDER.format(v=version))
    return clean_state(form_id, doc["data"]), []
