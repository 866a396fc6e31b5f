"""The whole form as JSON, and reading it back.

File format (version 2)::

    {"schema": "verkostokokous-lomake", "form": "kutsu", "version": 2, "lang": "sv",
     "saved": "2027-03-07T12:00:00+00:00", "data": {...state...}}

``lang`` is the language of the page the file was saved from (its dates are written that way;
any page reads them). Version 1 files (the Finnish-only site, before 2026-12) had no ``lang``:
they are migrated on import (:data:`MIGRATIONS`) and import exactly as they were.

``import_json`` accepts ``str``, ``bytes``, ``bytearray`` or ``memoryview`` and returns
``(state, errors)``; errors are :class:`forms.FieldError` with ``field=""`` and a message in the
page's language. A file from a newer version or naming an unknown language is refused with a
clear message, and the page keeps what was typed.
"""
from __future__ import annotations

import datetime as _dt
import json

from forms.language import languages
from forms.model import FORM_IDS, FormDef, get_form
from forms.model.state import clean_state, empty_state
from forms.validation import FieldError

SCHEMA = "verkostokokous-lomake"
VERSION = 2
MAX_BYTES = 5_000_000


def _from_1(doc: dict) -> dict:
    """Version 1 was saved by the Finnish-only site: its texts and dates are Finnish."""
    return {**doc, "version": 2, "lang": "fi"}


#: version -> the step that lifts a file of that version one version up.
MIGRATIONS = {1: _from_1}


def to_json_text(form: FormDef, state: dict, saved: _dt.datetime | None = None) -> str:
    saved = saved or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    doc = {"schema": SCHEMA, "form": form.id, "version": VERSION, "lang": form.lang,
           "saved": saved.isoformat(), "data": clean_state(form, state)}
    if form.unique_file_names:
        # One answer of many (feedback): a random id, so a summary counts it once however many
        # files it is found in (forms/feedback/). Not read back into the form.
        import uuid

        doc["id"] = uuid.uuid4().hex
    if any(f.type == "scale" for f in form.fields()):
        # What the numbers mean, so the file reads right without this site (not read back).
        doc["scale"] = {c.value: c.label.partition(" = ")[2] or c.label
                        for c in next(f for f in form.fields() if f.type == "scale").choices}
    return json.dumps(doc, ensure_ascii=False, indent=2)


def export_json(form: FormDef, state: dict) -> bytes:
    return to_json_text(form, state).encode("utf-8")


# Our files nest three levels deep. A file nested thousands deep would overflow the JavaScript
# stack under Pyodide inside json.loads (killing the interpreter before Python's own recursion
# limit is reached), so depth is counted first, outside strings, in one linear pass.
MAX_NESTING = 64


def json_brackets(text: str, stop_above: int | None = None) -> tuple[int, int, bool]:
    """``(deepest, open_at_end, in_string_at_end)`` of a JSON text's brackets, counted outside
    strings in one linear pass (the standard library's parser gives neither figure: it fails
    on the first problem, or overflows under Pyodide on deep nesting). Stops as soon as the
    depth passes ``stop_above``."""
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
                if stop_above is not None and deepest > stop_above:
                    break
        elif ch in "]}":
            depth -= 1
    return deepest, depth, in_string


def _nesting_depth(text: str) -> int:
    # Fewer brackets than the limit cannot nest deeper than it: skip the slow pass (a summary
    # reads thousands of files; str.count runs in C).
    openers = text.count("[") + text.count("{")
    if openers <= MAX_NESTING:
        return openers
    return json_brackets(text, stop_above=MAX_NESTING)[0]


def import_json(form: FormDef, data) -> tuple[dict, list[FieldError]]:
    """Read a saved JSON file: ``(state, [])`` or ``(empty state, [FieldError])``."""
    m = form.messages

    def fail(key, **values):
        return empty_state(form), [FieldError("", m(f"import.{key}", **values))]

    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            return fail("too_big")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return fail("not_ours")
    if not isinstance(data, str):
        return fail("not_ours")
    if len(data) > MAX_BYTES:
        return fail("too_big")
    if _nesting_depth(data) > MAX_NESTING:
        return fail("not_ours")
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return fail("not_ours")
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or not isinstance(doc.get("data"), dict):
        return fail("not_ours")
    other = doc.get("form")
    if other != form.id:
        if other in FORM_IDS:
            return fail("other_form", other=get_form(other, form.lang).noun, this=form.noun)
        return fail("not_ours")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return fail("not_ours")
    if version > VERSION:
        return fail("newer", v=version)
    while version < VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["version"]
    lang = doc.get("lang")
    if not isinstance(lang, str) or lang not in languages() or not languages()[lang].site:
        return fail("unknown_language", lang=str(lang)[:20])
    return clean_state(form, doc["data"]), []
