"""The export formats, read from ``formats.toml`` (the one list of them; see its comments)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from forms.language import Messages


@dataclass(frozen=True)
class Format:
    id: str
    module: str = ""
    function: str = ""
    extension: str = ""
    mime: str = ""
    suffix: str = ""
    #: What makes the feedback summary's file in this format ("report" or "bundle"), or "".
    summary: str = ""
    #: Every form offers it, whatever its definition lists.
    every_form: bool = False
    #: The page prints it: "document" (Python's printable document) or "blank" (the empty form).
    printed: str = ""
    #: A link (a mailto: draft), not a file: its button is an <a>.
    link: bool = False

    @property
    def is_file(self) -> bool:
        return bool(self.extension)

    def label(self, m: Messages) -> str:
        """Its button's text ("Lataa PDF")."""
        return m(f"format.{self.id}.label")

    def name(self, m: Messages) -> str:
        """What the page announces when it is ready ("PDF-tiedosto")."""
        return m(f"format.{self.id}.name")


@lru_cache(maxsize=None)
def formats() -> dict[str, Format]:
    import tomllib
    from importlib import resources

    raw = tomllib.loads(resources.files("forms").joinpath("formats.toml").read_text("utf-8"))
    return {fid: Format(id=fid, **spec) for fid, spec in raw.items()}


#: Formats every form offers besides those its definition lists (``every_form``).
ALWAYS = tuple(fid for fid, spec in formats().items() if spec.every_form)


def summary_formats() -> list[Format]:
    """The feedback summary's file formats: the summary's own first, then the bundle of the
    collected answers (the order of their buttons)."""
    found = [f for f in formats().values() if f.summary]
    return [f for f in found if f.summary != "bundle"] + [f for f in found if f.summary == "bundle"]
