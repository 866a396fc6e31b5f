"""A ``mailto:`` draft of the invitation: Bcc, subject and the letter as plain text.

Recipients are the invitees invited by e-mail (``[contacts]`` in the definition), in Bcc, so no
one sees the others' addresses. Browsers and mail programs truncate long mailto URLs, so the URL
is kept under :data:`MAX_URL` characters, and a letter that does not fit is never cut: the
draft becomes a short, complete message instead (time, place, how to reply, and that the
invitation is attached, which the page reminds the worker to do). When even that does not fit with every address,
the addresses are left for the worker to add (``notice`` says so).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from . import finnish
from .document import (Document, Heading, Pairs, Para, contact_rows, document_for, fill, inviters, meeting_when,
                       worker_contact)
from .export_text import render_text
from .model import FormDef

MAX_URL = 1800
NOTICE_ATTACH = ("Sähköpostiluonnos avattiin. Koko kirje ei mahdu sähköpostilinkkiin, joten luonnoksessa on "
                 "lyhyt viesti: liitä siihen kutsukirje PDF-tiedostona.")
NOTICE_NO_RECIPIENTS = ("Vastaanottajia oli liikaa sähköpostilinkkiin: lisää osoitteet luonnokseen itse "
                        "piilokopion (Bcc) kenttään.")


@dataclass(frozen=True)
class MailDraft:
    url: str
    notice: str = ""


def _url(bcc: list[str], subject: str, body: str) -> str:
    to = f"bcc={quote(','.join(bcc), safe='@,')}&" if bcc else ""
    return f"mailto:?{to}subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def short_message(form: FormDef, state: dict, with_reply_text: bool = True) -> Document:
    """What must reach the invitee even when the letter does not fit into the link."""
    L = form.letter
    doc = Document(title=L["title"])
    doc.blocks.append(Para(L["greeting"]))
    doc.blocks.append(Para(L["mail_short_intro"]))
    pairs = [(L["time_label"], meeting_when(state)[0]), (L["place_label"], state.get("place", "").strip()),
             (L["remote_label"], state.get("remote_link", "").strip())]
    doc.blocks.append(Pairs([(k, v) for k, v in pairs if v]))
    doc.blocks.append(Heading(L["reply_heading"]))
    if with_reply_text and state.get("rsvp", "").strip():
        doc.blocks.append(Para(state["rsvp"].strip()))
    contact = fill(L["contact"], contact=worker_contact(form, state))
    if contact:
        doc.blocks.append(Para(contact))
    doc.blocks.append(Para("\n".join([L["mail_regards"], *inviters(form, state)])))
    return doc


def mailto(form: FormDef, state: dict) -> MailDraft:
    subject = form.letter["title"]
    d = finnish.try_date(state.get(form.date_field, "")) if form.date_field else None
    if d is not None:
        subject += " " + finnish.format_date(d)
    email = form.contacts.get("email", "")
    bcc = [r[email].strip() for r in contact_rows(form, state, "email") if r.get(email, "").strip()]
    bodies = [render_text(doc, title=False) for doc in (
        document_for(form, state), short_message(form, state), short_message(form, state, with_reply_text=False))]
    for recipients in (bcc, []):
        for i, body in enumerate(bodies):
            url = _url(recipients, subject, body)
            if len(url) <= MAX_URL:
                notices = [NOTICE_ATTACH if i else "", "" if recipients == bcc else NOTICE_NO_RECIPIENTS]
                return MailDraft(url, " ".join(n for n in notices if n))
    # Not reached: the short message without the reply text is bounded by the definition's
    # limits (place 200, name and contacts 360 characters) to well under MAX_URL.
    raise AssertionError("short invitation e-mail does not fit")
