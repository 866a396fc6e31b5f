"""Every word the forms say, per language: gettext catalogues in ``forms/locale/<lang>/``.

The ids are symbolic ("kutsu.field.date.label", "validation.required"), so no code and no form
definition holds a user-facing word: Finnish is the source language, but it lives in its own
catalogue like the others (a translator's tool opens them as monolingual PO files with Finnish
as the base). ``python -m forms._build_catalogues`` compiles the ``.po`` files to ``.mo`` at build
time with Babel; here the standard library's ``gettext`` reads the ``.mo`` files, which works the
same in CPython and in Pyodide (where the package is a zip on ``sys.path``, so they are read
through ``importlib.resources``, not from a folder).

Texts are ``str.format`` templates: ``messages("validation.too_long", limit=200)``.
"""
from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache

DOMAIN = "forms"


class MissingMessage(KeyError):
    """A catalogue lacks an id the code asks for (the tests and the build catch every one)."""


class UnknownLanguage(ValueError):
    """A language code that is not in ``forms/languages.toml``."""


@dataclass(frozen=True)
class Language:
    code: str
    #: Its own name ("Svenska"), for language menus.
    name: str
    #: The whole site, the forms and every export speak it.
    site: bool


@lru_cache(maxsize=None)
def languages() -> dict[str, Language]:
    """The registry ``forms/languages.toml``, in its order (the first is the site's root)."""
    import tomllib
    from importlib import resources

    raw = tomllib.loads(resources.files("forms").joinpath("languages.toml").read_text("utf-8"))
    return {code: Language(code, v["name"], bool(v.get("site", False))) for code, v in raw.items()}


def site_languages() -> tuple[str, ...]:
    return tuple(c for c, lang in languages().items() if lang.site)


def default_language() -> str:
    return site_languages()[0]


#: Ids every language must have, site languages or not: what the invitee reads (the letter, the
#: phone checklist, the marks on every page, dates). A site language must have every id.
LETTER_PREFIXES = ("kutsu.letter.", "kutsu.phone.", "kutsu.calendar.", "document.", "date.", "time.",
                   "duration.",
                   # The feedback form, filled by each respondent in their own language (palaute.toml
                   # any_language), with the form's common words and its checks' messages.
                   "palaute.", "scale.choice", "field.label_optional", "form.required_note",
                   "field.date_example", "validation.date_format", "validation.no_date",
                   "validation.wrong_weekday", "validation.type", "validation.choice",
                   "validation.required_choice", "validation.too_long", "feedback.collect.next",
                   "feedback.collect.done_hint", "feedback.respondent_language.label", "js.collect.saved")


def is_letter_id(msgid: str) -> bool:
    """An id every language needs: what the invitee reads (:data:`LETTER_PREFIXES`) and the
    fixed words of a record that can be in any letter language (the memo's, read from its
    definition: :func:`forms.model.record_ids`), and the role words a letter prints
    (:func:`forms.meeting.letter_role_ids`)."""
    if msgid.startswith(LETTER_PREFIXES):
        return True
    from forms.meeting import letter_role_ids  # forms.meeting imports this module
    from forms.model import FORM_IDS, record_ids  # forms.model imports this module

    return msgid in letter_role_ids() or any(msgid in record_ids(form_id) for form_id in FORM_IDS)


class Messages:
    """One language's catalogue. Call it with an id (and the template's values) for the text."""

    def __init__(self, code: str, translations: gettext.NullTranslations):
        self.code = code
        self.language = languages()[code]
        self._t = translations

    def get(self, msgid: str) -> str | None:
        text = self._t.gettext(msgid)
        return None if text == msgid else text

    def __contains__(self, msgid: str) -> bool:
        return self.get(msgid) is not None

    def __call__(self, msgid: str, /, **values) -> str:
        text = self.get(msgid)
        if text is None:
            raise MissingMessage(f"{self.code}: {msgid}")
        return text.format(**values) if values else text

    def plural(self, msgid: str, n: int, /, **values) -> str:
        """The form of ``msgid`` for the number ``n`` (the catalogue's Plural-Forms decide)."""
        text = self._t.ngettext(msgid, msgid, n)
        if text == msgid:
            raise MissingMessage(f"{self.code}: {msgid} (plural)")
        return text.format(n=n, **values)

    def items(self, prefix: str) -> tuple[str, ...]:
        """A list kept as ``prefix.1``, ``prefix.2``, … (a checklist, a letter's paragraphs)."""
        out = []
        while (text := self.get(f"{prefix}.{len(out) + 1}")) is not None:
            out.append(text)
        return tuple(out)

    def with_prefix(self, prefix: str) -> dict[str, str]:
        """Every message whose id starts with ``prefix`` (the scripts' words, for a page).
        Reads the catalogue's table, which gettext keeps as ``_catalog`` (unchanged since
        Python 2; the public API only looks ids up one by one)."""
        return {k: v for k, v in self._t._catalog.items() if isinstance(k, str) and k.startswith(prefix)}

    def __repr__(self) -> str:
        return f"Messages({self.code!r})"


@lru_cache(maxsize=None)
def messages(code: str) -> Messages:
    """The catalogue of ``code``; UnknownLanguage for a code not in the registry."""
    from importlib import resources

    if code not in languages():
        raise UnknownLanguage(code)
    mo = resources.files("forms").joinpath("locale", code, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with mo.open("rb") as fp:
            return Messages(code, gettext.GNUTranslations(fp))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{mo}: the catalogues are not compiled; run `make build` "
            "(or `python -m forms._build_catalogues`)") from None
