"""The export formats, read from ``formats.toml`` (the one list of them; see its comments)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Format:
    id: str
    label: str
    name: str
    module: str = ""
    function: str = ""
    extension: str = ""
    mime: str = ""
    suffix: str = ""

    @property
    def is_file(self) -> bool:
        return bool(self.extension)


@lru_cache(maxsize=None)
def formats() -> dict[str, Format]:
    import tomllib
    from importlib import resources

    raw = tomllib.loads(resources.files("forms").joinpath("formats.toml").read_text("utf-8"))
    return {fid: Format(id=fid, **spec) for fid, spec in raw.items()}


#: Formats every form offers besides those its definition lists.
ALWAYS = ("print", "blank")
