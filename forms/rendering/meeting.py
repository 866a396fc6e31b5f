"""Build-time HTML of the chair's view: ``render_meeting(meeting, memo, href) -> str``.

The view works from the phases (``forms/phases.toml``, resolved in a language by
``forms.meeting.get_meeting``) and the memo form (its sections' titles, to link each phase to
what is written in it). ``href("page.md#id")`` gives a link relative to the page the view is on
(the macro knows the page). The page's script (``overrides/assets/js/meeting.mjs``) brings it to
life; the hooks it and the tests use:

* root ``[data-meeting]``; the meeting's own fields ``[data-meeting-field=<key>]`` (the keys of the
  meeting state in ``forms/meeting/papers.py``); ``input[type=file][data-import-invitation]`` and
  ``button[data-from-draft]`` start it from an invitation;
* the clock ``[data-clock]``, ``[data-time-left]`` (minutes left in the meeting, a number in its
  text), ``[data-phase-left]``, the warning ``[data-meeting-alert]`` (assertive live region);
* phases ``li[data-phase]`` (``data-share``, ``data-protected``; the current one gets
  ``aria-current="step"``), ``button[data-start]``, ``button[data-next-phase]``,
  ``button[data-prev-phase]``;
* the participants' list ``ol[data-participants]`` filled from ``template[data-participant-template]``
  (``li[data-participant]`` with ``button[data-spoken]``, ``select[data-attendance]``,
  ``button[data-leaves]``; ``data-round="false"`` on one outside the speaking round);
  ``button[data-add-participant]`` with ``[data-add-name]``, ``select[data-add-role]`` (its options
  carry the roles' ``data-round`` and ``data-language``), ``[data-add-org]``, ``[data-add-language]``;
* ``button[data-shared-screen]`` (``data-url``: the shared screen's page), ``button[data-to-memo]``,
  ``button[data-clear-meeting]``, status ``[data-meeting-status]`` (polite live region).

One block of HTML without blank lines (Markdown ends a raw-HTML block at a blank line).
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape

from forms.meeting import ROLE_DEFS, Meeting
from forms.model import FormDef
from forms.rendering import _a  # the forms' one attribute escaper


def _field(key: str, label: str, control: str = "input", hint: str = "", **attrs) -> list[str]:
    fid = f"meeting-{key.replace('_', '-')}"
    extra = "".join(f' {k.replace("_", "-")}="{_a(v)}"' for k, v in attrs.items())
    described = f' aria-describedby="{fid}-hint"' if hint else ""
    out = ['<div class="form-field">', f'<label for="{fid}">{escape(label)}</label>']
    if hint:
        out.append(f'<p class="form-hint" id="{fid}-hint">{escape(hint)}</p>')
    if control == "textarea":
        out.append(f'<textarea id="{fid}" data-meeting-field="{key}" rows="2"{described}{extra}></textarea>')
    else:
        out.append(f'<input id="{fid}" data-meeting-field="{key}"{described}{extra}>')
    out.append("</div>")
    return out


def _phases(meeting: Meeting, memo: FormDef, href: Callable[[str], str]) -> list[str]:
    m = meeting.messages
    out = ['<ol class="meeting-phases" data-phases>']
    for i, p in enumerate(meeting.phases, start=1):
        attrs = f' data-phase="{_a(p.id)}" data-share="{p.share}"' + (" data-protected" if p.protected else "")
        out.append(f'<li class="meeting-phase"{attrs}>')
        out.append(f'<h3 class="meeting-phase__name" id="meeting-phase-{_a(p.id)}">'
                   f'<span class="meeting-phase__number">{i}.</span> {escape(p.name)}</h3>')
        minutes = escape(m("js.meeting.share", share=p.share))  # the script writes minutes once the time is booked
        note = f' <span class="meeting-phase__protected">{escape(m("meeting.view.protected"))}</span>' if p.protected else ""
        out.append(f'<p class="meeting-phase__time"><span data-phase-minutes>{minutes}</span>{note}</p>')
        out.append('<ul class="meeting-phase__chair">' + "".join(f"<li>{escape(line)}</li>" for line in p.chair) + "</ul>")
        links = [f'<a href="{_a(href(p.link))}">{escape(m("meeting.view.handbook_link"))}</a>']
        titles = [s.title for s in memo.sections if s.id in p.memo]
        if titles:
            links.append(f'<a href="#{_a(memo.id)}-{_a(p.memo[0])}" data-memo-link>'
                         f'{escape(m("meeting.view.memo_link", sections=", ".join(titles)))}</a>')
        if p.offer:
            links.append(f'<a href="{_a(href(p.offer))}" data-offer="{_a(p.offer)}">{escape(m(f"meeting.view.offer.{p.offer}"))}</a>')
        out.append('<p class="meeting-phase__links">' + " ".join(links) + "</p>")
        out.append("</li>")
    out.append("</ol>")
    return out


def _participants(meeting: Meeting, interpreters: tuple[str, ...]) -> list[str]:
    m = meeting.messages
    # The roles as data for the script: one outside the speaking round (the interpreter) is not
    # counted in it; one with a language asks for it (the invitation's interpreter language first).
    role_options = "".join(
        f'<option value="{_a(r.id)}" data-round="{str(r.round).lower()}"{" data-language" if r.language else ""}>'
        f'{escape(m(f"meeting.role_choice.{r.id}"))}</option>' for r in ROLE_DEFS)
    languages = "".join(f'<option value="{_a(m(f"language.{code}"))}"></option>' for code in interpreters)
    status_options = "".join(f'<option value="{s}">{escape(m(f"meeting.status.{s}"))}</option>'
                             for s in ("present", "absent", "left"))
    out = ['<section class="meeting-people" aria-labelledby="meeting-people-title">',
           f'<h2 id="meeting-people-title">{escape(m("meeting.view.people_title"))}</h2>',
           f'<p class="form-hint">{escape(m("meeting.view.people_hint"))}</p>',
           '<p class="meeting-people__count" data-spoken-count></p>',
           '<ol class="meeting-participants" data-participants></ol>',
           f'<p class="meeting-people__empty" data-participants-empty>{escape(m("meeting.view.people_empty"))}</p>',
           '<template data-participant-template>',
           '<li class="meeting-participant" data-participant>',
           '<p class="meeting-participant__who"><span class="meeting-participant__name" data-name></span> '
           '<span class="meeting-participant__role" data-role></span></p>',
           '<div class="meeting-participant__actions">',
           f'<button type="button" data-spoken aria-pressed="false">{escape(m("meeting.view.spoken"))}'
           '<span class="visually-hidden" data-name></span></button>',
           f'<label class="visually-hidden" data-attendance-label>{escape(m("meeting.view.status"))}</label>',
           f'<select data-attendance>{status_options}</select>',
           f'<button type="button" data-leaves>{escape(m("meeting.view.leaves"))}'
           '<span class="visually-hidden" data-name></span></button>',
           '</div>', '</li>', '</template>',
           '<details class="meeting-add">',
           f'<summary>{escape(m("meeting.view.add_title"))}</summary>',
           '<div class="form-field"><label for="meeting-add-name">' + escape(m("meeting.view.add_name")) + '</label>'
           '<input id="meeting-add-name" data-add-name autocomplete="off"></div>',
           '<div class="form-field"><label for="meeting-add-role">' + escape(m("meeting.view.add_role")) + '</label>'
           f'<select id="meeting-add-role" data-add-role>{role_options}</select></div>',
           '<div class="form-field"><label for="meeting-add-org">' + escape(m("meeting.view.add_org")) + '</label>'
           '<input id="meeting-add-org" data-add-org></div>',
           '<div class="form-field" data-add-language-field hidden><label for="meeting-add-language">'
           + escape(m("meeting.view.add_language")) + '</label>'
           '<input id="meeting-add-language" data-add-language list="meeting-languages" autocomplete="off">'
           f'<datalist id="meeting-languages">{languages}</datalist></div>',
           f'<button type="button" data-add-participant>{escape(m("meeting.view.add"))}</button>',
           '</details>']
    out += _field("chair", m("meeting.view.chair"), list="meeting-names", autocomplete="off")
    out += _field("note_taker", m("meeting.view.note_taker"), list="meeting-names", autocomplete="off")
    out += _field("delivery", m("meeting.view.delivery"), hint=m("meeting.view.delivery_hint"),
                  list="meeting-delivery-options", autocomplete="off")
    out.append('<datalist id="meeting-names"></datalist>')
    out.append('<datalist id="meeting-delivery-options">'
               + "".join(f'<option value="{_a(line)}"></option>' for line in m("meeting.view.delivery_options").splitlines())
               + "</datalist>")
    out.append("</section>")
    return out


def render_meeting(meeting: Meeting, memo: FormDef, href: Callable[[str], str]) -> str:
    """The chair's view in the meeting's language (see the module docstring). ``href`` takes a
    handbook link (``page.md#id``) or a form's id (``palaute``, ``yhteinen-naytto``: a page of
    its own) and gives the URL relative to the view's page."""
    from forms.model import get_form

    m = meeting.messages
    # The interpreter languages the invitation names (kutsu.toml [letter] interpreters).
    interpreters = get_form("kutsu", meeting.lang).letter.get("interpreters", ())
    out = [f'<div class="vk-form meeting" data-meeting lang="{_a(meeting.lang)}">']
    # Where the meeting comes from, and its details (editable).
    out += ['<section class="meeting-setup" aria-labelledby="meeting-setup-title">',
            f'<h2 id="meeting-setup-title">{escape(m("meeting.view.setup_title"))}</h2>',
            f'<p class="form-hint">{escape(m("meeting.view.setup_hint"))}</p>',
            '<div class="form-buttons meeting-sources">',
            f'<button type="button" data-from-draft hidden>{escape(m("meeting.view.from_draft"))}</button>',
            '</div>',
            '<div class="form-import">',
            f'<label for="meeting-import">{escape(m("meeting.view.import"))}</label>',
            f'<p class="form-hint" id="meeting-import-hint">{escape(m("meeting.view.import_hint"))}</p>',
            '<input type="file" id="meeting-import" accept=".json,application/json" data-import-invitation '
            'aria-describedby="meeting-import-hint">',
            '</div>',
            f'<details class="meeting-details" data-meeting-details><summary>{escape(m("meeting.view.details"))}</summary>']
    out += _field("topic", m("meeting.view.topic"), "textarea")
    out += _field("aim", m("meeting.view.aim"), "textarea")
    out += _field("date", m("meeting.view.date"), inputmode="decimal", autocomplete="off")
    out.append('<div class="meeting-times">')
    out += _field("start", m("meeting.view.start"), type="time")
    out += _field("end", m("meeting.view.end"), type="time")
    out.append("</div>")
    out += _field("place", m("meeting.view.place"))
    out += _field("convener", m("meeting.view.convener"))
    out += ["</details>", "</section>"]
    # The chair's board: recap, clock and phases.
    out += ['<section class="meeting-board" aria-labelledby="meeting-board-title">',
            f'<h2 id="meeting-board-title">{escape(m("meeting.view.board_title"))}</h2>',
            '<div class="meeting-recap" data-recap hidden>',
            f'<p class="meeting-recap__label">{escape(m("meeting.view.recap"))}</p>',
            '<p class="meeting-recap__topic" data-recap-topic></p>',
            '<p class="meeting-recap__aim" data-recap-aim></p>',
            '</div>',
            '<div class="meeting-clock" data-meeting-clock>',
            f'<p><span class="meeting-clock__label">{escape(m("meeting.view.clock"))}</span> '
            '<span class="meeting-clock__value" data-clock>—</span></p>',
            f'<p><span class="meeting-clock__label">{escape(m("meeting.view.time_left"))}</span> '
            '<span class="meeting-clock__value" data-time-left>—</span></p>',
            f'<p><span class="meeting-clock__label">{escape(m("meeting.view.phase_left"))}</span> '
            '<span class="meeting-clock__value" data-phase-left>—</span></p>',
            '</div>',
            '<div class="meeting-alert" data-meeting-alert aria-live="assertive"></div>',
            '<div class="form-buttons meeting-controls">',
            f'<button type="button" class="form-primary" data-start>{escape(m("meeting.view.start_meeting"))}</button>',
            f'<button type="button" data-prev-phase disabled>{escape(m("meeting.view.prev_phase"))}</button>',
            f'<button type="button" class="form-primary" data-next-phase aria-keyshortcuts="ArrowRight" disabled>'
            f'{escape(m("meeting.view.next_phase"))}</button>',
            '</div>',
            f'<p class="form-hint meeting-keys">{escape(m("meeting.view.keys"))}</p>',
            # While the clock is scrolled out of sight (the chair in the memo or the round):
            # the phase, the time left and the next step in a bar at the foot of the window.
            f'<div class="meeting-bar" data-meeting-bar role="group" aria-label="{_a(m("meeting.view.bar"))}" hidden>',
            '<p class="meeting-bar__text"><span data-bar-phase></span> <span data-bar-left></span></p>',
            '<p class="meeting-bar__alert" data-bar-alert></p>',
            f'<button type="button" class="form-primary" data-bar-next>{escape(m("meeting.view.next_phase"))}</button>',
            '</div>',
            '<div class="form-status" data-meeting-status aria-live="polite"></div>']
    out += _phases(meeting, memo, href)
    out.append("</section>")
    out += _participants(meeting, tuple(interpreters))
    # The room's screen, sound, the screen kept awake, and what the memo gets.
    out += ['<section class="meeting-room" aria-labelledby="meeting-room-title">',
            f'<h2 id="meeting-room-title">{escape(m("meeting.view.room_title"))}</h2>',
            f'<p class="form-hint">{escape(m("meeting.view.shared_hint"))}</p>',
            '<div class="form-buttons">',
            f'<button type="button" data-shared-screen data-url="{_a(href("yhteinen-naytto"))}">'
            f'{escape(m("meeting.view.shared_open"))}</button>',
            '</div>',
            '<div class="form-field form-field-checkbox"><input type="checkbox" id="meeting-share-phase" data-option="share_phase" checked>'
            f'<label for="meeting-share-phase">{escape(m("meeting.view.share_phase"))}</label></div>',
            '<div class="form-field form-field-checkbox"><input type="checkbox" id="meeting-share-alerts" data-option="share_alerts">'
            f'<label for="meeting-share-alerts">{escape(m("meeting.view.share_alerts"))}</label></div>',
            '<div class="form-field form-field-checkbox"><input type="checkbox" id="meeting-sound" data-option="sound">'
            f'<label for="meeting-sound">{escape(m("meeting.view.sound"))}</label></div>',
            '<p class="meeting-wake" data-wake-lock></p>',
            '<div class="form-buttons">',
            f'<button type="button" data-to-memo>{escape(m("meeting.view.to_memo"))}</button>',
            f'<button type="button" class="form-clear" data-clear-meeting>{escape(m("meeting.view.clear"))}</button>',
            '</div>',
            f'<p class="form-hint">{escape(m("meeting.view.to_memo_hint"))}</p>',
            "</section>",
            "</div>"]
    return "\n".join(out)
