"""Build-time HTML of the chair's view: ``render_meeting(meeting, memo, href) -> str``.

The view works from the phases (``forms/phases.toml``, resolved in a language by
``forms.meeting.get_meeting``) and the memo form (its sections' titles, to link each phase to
what is written in it). ``href("page.md#id")`` gives a link relative to the page the view is on
(the macro knows the page). The page's script (``overrides/assets/js/meeting.mjs``) brings it to
life; the hooks it and the tests use (ids of ``forms/contracts.toml`` [hooks], which names their
attributes; the template writes them as ``hooks.<id>``):

* root ``meeting``; the meeting's own fields ``meeting_field=<key>`` (the keys of the meeting
  state in ``forms/meeting/papers.py``); the file input ``import_invitation`` and the button
  ``from_draft`` start it from an invitation;
* the clock ``clock``, ``time_left`` (minutes left in the meeting, a number in its text),
  ``phase_left``, the warning ``meeting_alert`` (assertive live region);
* phases ``li`` ``phase=<id>`` (``share``, ``protected``; the current one gets
  ``aria-current="step"``) with ``phase_minutes`` and a link to the memo's sections the phase
  fills, the buttons ``start``, ``next_phase``, ``prev_phase``;
* the participants' list ``participants`` filled from the ``template`` ``participant_template``
  (``li`` ``participant`` with the buttons ``spoken`` and ``leaves`` and the select
  ``attendance``; ``round="false"`` on one outside the speaking round); the button
  ``add_participant`` with ``add_name``, the select ``add_role`` (its options carry the roles'
  ``round`` and ``language``), ``add_org``, ``add_language``;
* the button ``shared_screen`` (``url``: the shared screen's page), the choices ``option=<key>``,
  the buttons ``to_memo`` and ``clear_meeting``, the status ``meeting_status`` (polite live
  region).

The markup is ``macros/templates/forms/meeting.html``; this module decides what it shows. One
block of HTML without blank lines (Markdown ends a raw-HTML block at a blank line).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from forms.meeting import ROLE_DEFS, Meeting, Phase
from forms.meeting.papers import STATUSES
from forms.model import FormDef
from forms.rendering import render


@dataclass(frozen=True)
class PhaseView:
    phase: Phase
    handbook: str            # the handbook's section on the phase, relative to the view's page
    memo_titles: list[str]   # the memo's sections the phase fills (linked to the first)
    offer: str               # a form's page the phase offers ("palaute"), or ""


def render_meeting(meeting: Meeting, memo: FormDef, href: Callable[[str], str]) -> str:
    """The chair's view in the meeting's language (see the module docstring). ``href`` takes a
    handbook link (``page.md#id``) or the name of a page of the forms (a phase's ``offer``, such
    as ``palaute``; ``yhteinen-naytto``, the room's shared screen) and gives the URL relative to
    the view's page."""
    from forms.model import get_form

    phases = [PhaseView(p, href(p.link), [s.title for s in memo.sections if s.id in p.memo],
                        href(p.offer) if p.offer else "")
              for p in meeting.phases]
    return render(
        "forms/meeting.html", meeting=meeting, memo=memo, t=meeting.messages, phases=phases,
        roles=ROLE_DEFS, statuses=STATUSES,
        # The interpreter languages the invitation names (kutsu.toml [letter] interpreters).
        interpreters=tuple(get_form("kutsu", meeting.lang).letter.get("interpreters", ())),
        shared_screen=href("yhteinen-naytto"),
    )
