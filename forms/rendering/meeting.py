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
  ``aria-current="step"``) with ``[data-phase-minutes]`` and a link to the memo's sections the
  phase fills, ``button[data-start]``, ``button[data-next-phase]``, ``button[data-prev-phase]``;
* the participants' list ``ol[data-participants]`` filled from ``template[data-participant-template]``
  (``li[data-participant]`` with ``button[data-spoken]``, ``select[data-attendance]``,
  ``button[data-leaves]``; ``data-round="false"`` on one outside the speaking round);
  ``button[data-add-participant]`` with ``[data-add-name]``, ``select[data-add-role]`` (its options
  carry the roles' ``data-round`` and ``data-language``), ``[data-add-org]``, ``[data-add-language]``;
* ``button[data-shared-screen]`` (``data-url``: the shared screen's page), ``button[data-to-memo]``,
  ``button[data-clear-meeting]``, status ``[data-meeting-status]`` (polite live region).

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
