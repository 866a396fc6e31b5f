"""The meeting itself: its phases (``forms/phases.toml``) in a language, for the chair's view.

``get_meeting(lang)`` joins the phases with the language's catalogue once (like
``forms.model.get_form``); the build renders the view from it (``forms.rendering.meeting``) and
the page's script plans the booked time by the phases' shares. The papers that flow through a
meeting (invitation → meeting → memo → follow-up invitation) are mapped in ``papers.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from forms.language import Messages, UnknownLanguage, default_language, messages


@dataclass(frozen=True)
class Role:
    """A role of the people in the room (``forms/phases.toml`` ``[[roles]]``)."""
    id: str
    #: Takes a turn in the speaking round and is counted in it.
    round: bool = True
    #: Gets the memo and is invited to the follow-up unless the worker says otherwise.
    invited: bool = True
    #: Works in a language, named with it in the memo ("tulkki (ukraina)").
    language: bool = False
    #: The invitation's checkbox that books this role again in the follow-up ("interpreter").
    arranged: str = ""
    #: The invitation's letter names the role after the person's name ("Iryna Tulkki, tulkki"),
    #: in every letter language: the worker describes close ones and workers in their own words.
    letter: bool = False


def _toml() -> dict:
    import tomllib
    from importlib import resources

    return tomllib.loads(resources.files("forms").joinpath("phases.toml").read_text("utf-8"))


#: The roles in the handbook's speaking order: "Anna ensimmäinen puheenvuoro asiakkaalle,
#: sitten läheisille ja sen jälkeen työntekijöille", then the interpreter, who takes no turn.
#: All but the client are the invitation's relations (kutsu.toml's invitees' ``relation``).
ROLE_DEFS: tuple[Role, ...] = tuple(Role(**r) for r in _toml()["roles"])
ROLES: tuple[str, ...] = tuple(r.id for r in ROLE_DEFS)
CLIENT = ROLES[0]
#: The relations an invitee can have (every role but the client's).
RELATIONS: tuple[str, ...] = ROLES[1:]


def role(role_id: str) -> Role | None:
    return next((r for r in ROLE_DEFS if r.id == role_id), None)


def role_word_id(role_id: str) -> str:
    """The catalogue id of a role's word in running text ("tulkki")."""
    return f"meeting.role.{role_id}"


def letter_role_ids() -> frozenset[str]:
    """The role words a letter prints, so every letter language's catalogue holds them."""
    return frozenset(role_word_id(r.id) for r in ROLE_DEFS if r.letter)


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    #: What the chair does, one item per line of the catalogue text.
    chair: tuple[str, ...]
    share: int
    link: str
    memo: tuple[str, ...] = ()
    protected: bool = False
    offer: str = ""


@dataclass(frozen=True)
class Meeting:
    phases: tuple[Phase, ...]
    messages: Messages

    @property
    def lang(self) -> str:
        return self.messages.code


@lru_cache(maxsize=1)
def _raw() -> tuple[dict, ...]:
    raw = _toml()
    phases = tuple(raw["phases"])
    if sum(p["share"] for p in phases) != 100:
        raise ValueError("forms/phases.toml: the phases' shares must add up to 100")
    return phases


@lru_cache(maxsize=None)
def get_meeting(lang: str | None = None) -> Meeting:
    """The phases in ``lang`` (a site language; UnknownLanguage otherwise)."""
    m = messages(lang or default_language())
    if not m.language.site:
        raise UnknownLanguage(m.code)
    phases = tuple(
        Phase(id=p["id"], name=m(f"meeting.phase.{p['id']}.name"),
              chair=tuple(line for line in m(f"meeting.phase.{p['id']}.chair").splitlines() if line.strip()),
              share=int(p["share"]), link=p["link"], memo=tuple(p.get("memo", ())),
              protected=bool(p.get("protected", False)), offer=p.get("offer", ""))
        for p in _raw()
    )
    return Meeting(phases=phases, messages=m)
