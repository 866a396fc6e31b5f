"""Feedback answers gathered from many files, and what they say together.

``read_files(form, files)`` reads any mix of single answers (the feedback form's own JSON, any
schema version) and bundles (one meeting's answers collected on one device, :data:`BUNDLE`),
counts an answer found in several files once, and lists every file it could not use with the
reason, in the form's language; the rest are still read. ``summary.py`` computes the figures.

An answer's identity is its ``id`` (a random id written into every answer since 2026-12); an
older file without one is identified by a hash of its content, so the same file read twice still
counts once.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field

from forms.exports.json_file import MAX_BYTES, MAX_NESTING, SCHEMA, _nesting_depth, import_json
from forms.feedback.checks import cut_short, outside
from forms.language import languages
from forms.model import FormDef
from forms.model.state import clean_state

#: One meeting's answers collected on one device, in one file.
BUNDLE = "verkostokokous-palautteet"
BUNDLE_VERSION = 1
#: More answers than this in one bundle is not a meeting: the file is refused.
MAX_BUNDLE_ANSWERS = 500


@dataclass(frozen=True)
class Answer:
    id: str
    state: dict
    #: When the meeting was (the answer's own date), else when it was saved; None if neither.
    date: _dt.date | None


@dataclass
class Reading:
    answers: list[Answer] = field(default_factory=list)
    #: (file name, reason) for each file not used.
    rejected: list[tuple[str, str]] = field(default_factory=list)
    #: (file name, how many of its answers were already read from another file or itself).
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    files: int = 0
    #: Free-text answers the chairs held back before their bundles were saved (the texts are
    #: not in the files; only how many).
    held_back: int = 0


def _date(state: dict, saved) -> _dt.date | None:
    from forms.language.dates import try_date

    d = try_date(state.get("meeting_date") or "") if isinstance(state.get("meeting_date"), str) else None
    if d:
        return d
    if isinstance(saved, str):
        try:
            return _dt.datetime.fromisoformat(saved).date()
        except ValueError:
            return None
    return None


def answer_id(doc: dict) -> str:
    """The answer's own id, or a hash of what it says and when it was saved."""
    own = doc.get("id")
    if isinstance(own, str) and 8 <= len(own) <= 64:
        return own
    text = json.dumps([doc.get("data"), doc.get("saved")], sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _single(form: FormDef, doc: dict, raw: str) -> tuple[list[Answer], str]:
    state, errors = import_json(form, raw)
    if errors:
        return [], errors[0].message
    if isinstance(doc.get("data"), dict) and (reason := outside(form, doc["data"])):
        return [], reason
    return [Answer(answer_id(doc), state, _date(state, doc.get("saved")))], ""


def held_back_of(doc: dict) -> int:
    """How many free-text answers the chair held back from a bundle (0 in older bundles)."""
    n = doc.get("held_back")
    return n if isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_BUNDLE_ANSWERS * 10 else 0


def _bundle(form: FormDef, doc: dict) -> tuple[list[Answer], str, list[str]]:
    """The bundle's answers, the reason the whole file is refused (or ""), and the reasons its
    answers outside the form's definition are left out (the others still count)."""
    m = form.messages
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [], m("feedback.reject.not_ours"), []
    if version > BUNDLE_VERSION:
        return [], m("import.newer", v=version), []
    items = doc.get("answers")
    if not isinstance(items, list):
        return [], m("feedback.reject.damaged"), []
    if len(items) > MAX_BUNDLE_ANSWERS:
        return [], m("feedback.reject.too_many", n=MAX_BUNDLE_ANSWERS), []
    lang = doc.get("lang")
    if not isinstance(lang, str) or lang not in languages() or not languages()[lang].site:
        return [], m("import.unknown_language", lang=str(lang)[:20]), []
    out, left_out = [], []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
            return [], m("feedback.reject.damaged"), []
        if reason := outside(form, item["data"]):
            left_out.append(m("feedback.reject.answer", number=number, reason=reason))
            continue
        # The bundle's schema, version and language are checked above: each answer is only
        # cleaned (what a single file's import does after its own checks).
        state = clean_state(form, item["data"])
        out.append(Answer(answer_id(item), state, _date(state, item.get("saved"))))
    return out, "", left_out


def read_file(form: FormDef, data) -> tuple[list[Answer], list[str], int]:
    """One file's answers, the reasons for what of it cannot be used (``([], [reason], 0)`` for
    a file refused whole, a bundle's answers outside the definition each with its own reason),
    and how many free-text answers its chair held back."""
    answers, reason, left_out, held = _read(form, data)
    return answers, ([reason] if reason else left_out), held


def _read(form: FormDef, data) -> tuple[list[Answer], str, list[str], int]:
    left_out, held = [], 0
    try:
        doc, text = _parse(form, data)
    except _Refused as refused:
        return [], str(refused), [], 0
    if doc.get("schema") == BUNDLE:
        answers, reason, left_out = _bundle(form, doc)
        held = 0 if reason else held_back_of(doc)
    elif doc.get("schema") == SCHEMA:
        answers, reason = _single(form, doc, text)
    else:
        reason = form.messages("feedback.reject.not_ours")
    return answers, reason, left_out, held


class _Refused(Exception):
    """A file that is not a feedback file at all; the message is the reason."""


def _parse(form: FormDef, data) -> tuple[dict, str]:
    """The file's JSON object and its text, or raises :class:`_Refused` with the reason."""
    m = form.messages

    def refuse(key, **values):
        return _Refused(m(key, **values))

    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise refuse("import.too_big")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise refuse("feedback.reject.not_json") from None
    if not isinstance(data, str):
        raise refuse("feedback.reject.not_json")
    if len(data) > MAX_BYTES:
        raise refuse("import.too_big")
    if _nesting_depth(data) > MAX_NESTING:
        raise refuse("feedback.reject.too_deep")
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        if cut_short(data):
            raise refuse("feedback.reject.cut_short") from None
        if data.lstrip().startswith(("{", "[")):
            raise refuse("feedback.reject.damaged") from None
        raise refuse("feedback.reject.not_json") from None
    if not isinstance(doc, dict):
        raise refuse("feedback.reject.not_ours")
    return doc, data


def read_files(form: FormDef, files) -> Reading:
    """Every usable answer in ``files`` (``[(name, data), ...]``) once; see the module docstring."""
    reading = Reading()
    seen: set[str] = set()
    for name, data in files:
        reading.files += 1
        name = str(name)[:200]
        answers, reasons, held = read_file(form, data)
        reading.rejected += [(name, reason) for reason in reasons]
        repeated = 0
        for answer in answers:
            if answer.id in seen:
                repeated += 1
                continue
            seen.add(answer.id)
            reading.answers.append(answer)
        if repeated:
            reading.duplicates.append((name, repeated))
        if repeated < len(answers):  # a bundle read again: its held-back answers are counted once
            reading.held_back += held
    return reading


def bundle(form: FormDef, answers: list[dict], saved: _dt.datetime | None = None, held_back: int = 0) -> bytes:
    """One meeting's answers collected on this device as one file (schema :data:`BUNDLE`):
    ``answers`` are ``{"id", "saved", "data"}`` as the page keeps them; ``held_back`` is how many
    free-text answers the chair held back (their texts are already gone from ``answers``)."""
    from forms.model.state import clean_state

    saved = saved or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    doc = {"schema": BUNDLE, "version": BUNDLE_VERSION, "form": form.id, "lang": form.lang, "saved": saved.isoformat(),
           "held_back": held_back_of({"held_back": held_back}),
           "answers": [{"id": a.get("id") if isinstance(a.get("id"), str) else "", "saved": a.get("saved"),
                        "data": clean_state(form, a.get("data"))} for a in answers if isinstance(a, dict)]}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
