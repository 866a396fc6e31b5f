"""The names the layers agree on, read from ``contracts.toml`` (their one home; see its comments):
storage keys, channel names and DOM hooks. The page scripts get the same names from the
generated ``overrides/assets/js/contracts.mjs`` (:mod:`forms._build_contracts`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


class UnknownHook(Exception):
    """A hook id that ``contracts.toml`` does not declare. Not a ``KeyError``/``AttributeError``:
    Jinja turns those into an empty value, and a template must fail loudly instead."""


class Hooks(dict):
    """Hook id -> attribute, also readable as attributes (``hooks.form`` in a template); an
    unknown id raises :class:`UnknownHook` rather than rendering nothing. A hook id wins over a
    dict method of the same name (``hooks.clear`` is ``data-clear``, not ``dict.clear``), so the
    ids may not be the names of the methods the code calls on it (:data:`RESERVED`)."""

    #: dict methods the code calls on the hooks; no hook id may take their names.
    RESERVED = frozenset({"get", "items", "keys", "values", "copy"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if clash := sorted(self.RESERVED & set(self)):
            raise ValueError(f"forms/contracts.toml: hook ids {clash} are names of dict methods")

    def __getattribute__(self, name: str):
        if not name.startswith("_") and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return super().__getattribute__(name)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise UnknownHook(f"no DOM hook {name!r} in forms/contracts.toml") from None

    def __missing__(self, name: str) -> str:
        raise UnknownHook(f"no DOM hook {name!r} in forms/contracts.toml")


@dataclass(frozen=True)
class Contracts:
    #: What every key and channel name starts with.
    prefix: str
    #: JS export name -> full storage key (``{"DRAFT_PREFIX": "verkostokokous:luonnos:", ...}``).
    storage: dict[str, str]
    #: JS export name -> full BroadcastChannel name.
    channels: dict[str, str]
    #: Hook id -> attribute (``{"form": "data-form", ...}``).
    hooks: Hooks
    #: A meeting participant's statuses, a new participant's first.
    meeting_statuses: tuple[str, ...]

    def selector(self, hook: str, value: str | None = None) -> str:
        """A CSS selector for a hook: ``[data-form]``, ``[data-form="kutsu"]``."""
        attribute = self.hooks[hook]
        return f"[{attribute}]" if value is None else f'[{attribute}="{value}"]'


@lru_cache(maxsize=None)
def contracts() -> Contracts:
    import tomllib
    from importlib import resources

    raw = tomllib.loads(resources.files("forms").joinpath("contracts.toml").read_text("utf-8"))
    prefix = raw["storage"]["prefix"]
    return Contracts(
        prefix=prefix,
        storage={name: prefix + rest for name, rest in raw["storage"]["keys"].items()},
        channels={name: prefix + rest for name, rest in raw["channels"].items()},
        hooks=Hooks(raw["hooks"]),
        meeting_statuses=tuple(raw["meeting"]["statuses"]),
    )


def attribute(hook: str) -> str:
    """A hook's attribute name: ``attribute("form")`` is ``"data-form"``."""
    return contracts().hooks[hook]


def hook(hook: str, value: str | None = None) -> str:
    """A hook's CSS selector: ``hook("form")`` is ``[data-form]``, ``hook("form", "kutsu")``
    is ``[data-form="kutsu"]``."""
    return contracts().selector(hook, value)
