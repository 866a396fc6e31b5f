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

from forms.language import dates
from forms.exports.document import (Document, Heading, Pairs, Para, build_letter, chosen_language, contact_rows, fill, inviters,
                       letter_text, meeting_when, worker_contact)
from forms.exports.text import render_text
from forms.language import Messages
from forms.model import FormDef

MAX_URL = 1800


@dataclass(frozen=True)
class MailDraft:
    url: str
    notice: str = ""


def _url(bcc: list[str], subject: str, body: str) -> str:
    to = f"bcc={quote(','.join(bcc), safe='@,')}&" if bcc else ""
    return f"mailto:?{to}subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def short_message(form: FormDef, state: dict, L: Messages, with_reply_text: bool = True) -> Document:
    """What must reach the invitee even when the letter does not fit into the link."""
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    doc = Document(title=t("title"), messages=L)
    doc.blocks.append(Para(t("greeting")))
    doc.blocks.append(Para(t("mail_short_intro")))
    pairs = [(t("time_label"), meeting_when(state, L)[0]), (t("place_label"), state.get("place", "").strip()),
             (t("remote_label"), state.get("remote_link", "").strip())]
    doc.blocks.append(Pairs([(k, v) for k, v in pairs if v]))
    doc.blocks.append(Heading(t("reply_heading")))
    if with_reply_text and state.get("rsvp", "").strip():
        doc.blocks.append(Para(state["rsvp"].strip()))
    contact = fill(t("contact"), contact=worker_contact(state, L))
    if contact:
        doc.blocks.append(Para(contact))
    doc.blocks.append(Para("\n".join([t("mail_regards"), *inviters(form, state, L)])))
    return doc


def mailto(form: FormDef, state: dict) -> MailDraft:
    """The draft in the letter language chosen beside the export buttons; its notices (for the
    worker) in the page's language."""
    L = chosen_language(form, state)
    subject = letter_text(form, L, "title")
    d = dates.try_date(state.get(form.date_field, "")) if form.date_field else None
    if d is not None:
        subject += " " + dates.format_date(d, L)
    email = form.contacts.get("email", "")
    bcc = [r[email].strip() for r in contact_rows(form, state, "email") if r.get(email, "").strip()]
    bodies = [render_text(doc, title=False) for doc in (
        build_letter(form, state, L), short_message(form, state, L), short_message(form, state, L, with_reply_text=False))]
    m = form.messages
    for recipients in (bcc, []):
        for i, body in enumerate(bodies):
            url = _url(recipients, subject, body)
            if len(url) <= MAX_URL:
                notices = [m("mail.attach") if i else "", "" if recipients == bcc else m("mail.no_recipients")]
                return MailDraft(url, " ".join(n for n in notices if n))
    # Not reached: the short message without the reply text is bounded by the definition's
    # limits (place 200, name and contacts 360 characters) to well under MAX_URL.
    raise AssertionError("short invitation e-mail does not fit")
