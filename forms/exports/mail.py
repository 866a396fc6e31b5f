"""A ``mailto:`` draft of the invitation: Bcc, subject and the letter as plain text.

Recipients are the invitees invited by e-mail (``[contacts]`` in the definition), in Bcc, so no
one sees the others' addresses. One draft per letter language (``letter``: the language's
letter): in that language, to that language's e-mail readers only. Without one, the draft is in
the letter language chosen beside the export buttons, to every e-mail reader (the notice names
the other languages' drafts). Browsers and mail programs truncate long mailto URLs, so the URL
is kept under :data:`MAX_URL` characters, and a letter that does not fit is never cut: the
draft becomes a short, complete message instead (the letter's opening box: what, when, where,
how and by when to reply, and the name of the attached letter's file, which the page reminds
the worker to attach). When even that does not fit with every address, the addresses are left
for the worker to add (``notice`` says so).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from forms.language import dates
from forms.exports.document import (Document, Letter, Para, build_letter, chosen_language, contact_rows, fill, inviters,
                                    key_facts, letter_slug, letter_text, row_language, worker_texts)
from forms.exports.text import render_text
from forms.language import Messages, messages
from forms.model import FormDef

MAX_URL = 1800


@dataclass(frozen=True)
class MailDraft:
    url: str
    notice: str = ""


def _url(bcc: list[str], subject: str, body: str) -> str:
    to = f"bcc={quote(','.join(bcc), safe='@,')}&" if bcc else ""
    return f"mailto:?{to}subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def short_message(form: FormDef, state: dict, L: Messages, file: str = "", with_reply_text: bool = True) -> Document:
    """What must reach the invitee even when the letter does not fit into the link: the
    letter's opening box, the attached file's name, the free-text note on replying."""
    t = lambda key: letter_text(form, L, key)  # noqa: E731
    doc = Document(title=t("title"), messages=L)
    doc.blocks.append(Para(t("greeting")))
    doc.blocks.append(Para(" ".join(x for x in (t("mail_short_intro"), fill(t("mail_file"), file=file)) if x)))
    doc.blocks.append(key_facts(form, state, L))
    note = worker_texts(form, state, L)[0].get("rsvp", "")
    if with_reply_text and note:
        doc.blocks.append(Para(note))
    doc.blocks.append(Para("\n".join([t("mail_regards"), *inviters(form, state, L)])))
    return doc


def mailto(form: FormDef, state: dict, letter: Letter | None = None) -> MailDraft:
    """The draft of one letter language (``letter``), or in the letter language chosen beside
    the export buttons; its notices (for the worker) in the page's language."""
    from forms.exports import filename

    L = messages(letter.lang) if letter else chosen_language(form, state)
    subject = letter_text(form, L, "title")
    d = dates.try_date(state.get(form.date_field, "")) if form.date_field else None
    if d is not None:
        subject += " " + dates.format_date(d, L)
    email = form.contacts.get("email", "")
    readers = contact_rows(form, state, "email")
    others = [code for code in dict.fromkeys(row_language(form, r) for r in readers) if code != L.code]
    if letter:
        readers = [r for r in readers if row_language(form, r) == L.code]
    bcc = [r[email].strip() for r in readers if r.get(email, "").strip()]
    file = filename(form, state, "pdf", letter_slug(form, state, letter)) if letter else ""
    bodies = [render_text(doc, title=False) for doc in (
        build_letter(form, state, L), short_message(form, state, L, file),
        short_message(form, state, L, file, with_reply_text=False))]
    # The last resort: the subject alone, the attached letter saying the rest. Percent-encoding
    # makes a character outside ASCII up to 12 characters of the link, so a place or a name of
    # such characters, within the definition's limits, can make even the short message too long.
    bodies.append("")
    m = form.messages
    attach = m("mail.attach_file", file=file) if file else ""
    other = m("mail.other_languages", languages=", ".join(m(f"language.{c}") for c in others)) if others and not letter else ""
    for recipients in (bcc, []):
        for i, body in enumerate(bodies):
            url = _url(recipients, subject, body)
            if len(url) <= MAX_URL:
                notices = [m("mail.attach") if i else "", attach if i else "",
                           "" if recipients == bcc else m("mail.no_recipients"), other]
                return MailDraft(url, " ".join(n for n in notices if n))
    # Not reached: without recipients and body the link is the subject (the title and a date).
    raise AssertionError("invitation e-mail subject does not fit")
