"""The chair's view as built (forms/rendering/meeting.py): the hooks its script and the outside
checks use, in every site language."""
import re

import pytest

pytest.importorskip("jinja2")  # build-time rendering (Jinja templates): not inside Pyodide

from forms.contracts import attribute
from forms.language import site_languages
from forms.meeting import get_meeting
from forms.model import get_form
from forms.rendering import render_form
from forms.rendering.meeting import render_meeting


def href(target):
    return f"/{target}"


@pytest.mark.parametrize("lang", site_languages())
def test_view_has_every_phase_and_hook(lang):
    meeting = get_meeting(lang)
    html = render_meeting(meeting, get_form("muistio", lang), href)
    assert "\n\n" not in html, "a blank line would end Markdown's HTML block"
    assert re.findall(rf'{attribute("phase")}="([^"]+)"', html) == [p.id for p in meeting.phases]
    assert html.count(attribute("protected")) == sum(p.protected for p in meeting.phases)
    for hook in ("meeting", "next_phase", "prev_phase", "start", "time_left", "import_invitation", "shared_screen",
                 "participant_template", "spoken", "to_memo", "clear_meeting", "meeting_alert", "wake_lock"):
        assert re.search(rf"\b{attribute(hook)}\b(?!-)", html), hook
    assert 'type="file"' in html and 'aria-live="assertive"' in html
    # Links go where the data says: the handbook's sections, the feedback form, the memo's sections.
    for p in meeting.phases:
        assert f'href="/{p.link}"' in html
        if p.memo:
            assert f'href="#muistio-{p.memo[0]}"' in html
    assert 'href="/palaute"' in html and f'{attribute("url")}="/yhteinen-naytto"' in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    controls = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    assert controls <= labelled, controls - labelled


def test_memo_offers_the_follow_up_invitation_only_with_links():
    memo = get_form("muistio")
    to_invitation = attribute("to_invitation")
    assert to_invitation not in render_form(memo)
    html = render_form(memo, href)
    link = re.search(rf'<a [^>]*{to_invitation}[^>]*>', html).group(0)
    assert 'href="/kutsu"' in link and f'{attribute("target")}="kutsu"' in link
    # It sits in the follow-up meeting's section, after its fields.
    section = html[html.index('id="muistio-seuranta"'):]
    assert section.index(to_invitation) < section.index("</section>")
    assert to_invitation not in render_form(get_form("kutsu"), href)
