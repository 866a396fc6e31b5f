"""A ``mailto:`` draft of the invitation: subject and plain-text body, percent-encoded.

Browsers and mail programs truncate long mailto URLs, so the URL is kept under
:data:`MAX_URL` characters: the body is cut at a line end and ends with a note asking to attach
the PDF. No recipients are filled in (the form holds no invitee addresses).
"""
from __future__ import annotations

from urllib.parse import quote

from . import finnish
from .model import get_form
from .export_text import text_of

MAX_URL = 1800
NOTE = "\n[Kutsu jatkuu: liitä viestiin kutsu PDF-tiedostona.]\n"


def _url(subject: str, body: str) -> str:
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def mailto_url(form_id: str, state: dict) -> str:
    form = get_form(form_id)
    subject = form.title
    d = finnish.try_date(state.get(form.date_field, "")) if form.date_field else None
    if d is not None:
        subject += " " + finnish.format_date(d)
    body = text_of(form_id, state)
    url = _url(subject, body)
    if len(url) <= MAX_URL:
        return url
    lines = body.split("\n")
    # Drop whole lines from the end until it fits; binary search on the line count.
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(_url(subject, "\n".join(lines[:mid]) + NOTE)) <= MAX_URL:
            lo = mid
        else:
            hi = mid - 1
    kept = "\n".join(lines[:lo])
    if lo < len(lines) and len(_url(subject, kept + NOTE)) <= MAX_URL:
        # Fill the remaining room with part of the next (long) line, cut by characters.
        nxt = lines[lo]
        a, b = 0, len(nxt)
        while a < b:
            m = (a + b + 1) // 2
            if len(_url(subject, kept + "\n" + nxt[:m] + "…" + NOTE)) <= MAX_URL:
                a = m
            else:
                b = m - 1
        if a > 20:
            kept += "\n" + nxt[:a] + "…"
    return _url(subject, kept + NOTE)
