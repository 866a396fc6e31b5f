"""The glossary (forms/locale/glossary.toml): no catalogue text, and no Swedish or English page of
the site, uses a word the glossary avoids for its language (see the file's header for why the
docs pages are checked and the Finnish ones are not)."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

# The catalogue files are read with Babel, as in test_catalogues.py (build time, CPython).
pytest.importorskip("babel")

from forms._build_catalogues import LOCALE, po_path, read  # noqa: E402
from forms.language import languages  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = LOCALE / "glossary.toml"
#: The site's own translated pages, checked like the catalogue of their language.
DOCS = {code: ROOT / "docs" / code for code in ("sv", "en")}


def load(path: Path = GLOSSARY) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["term"]


def pattern(word: str) -> re.Pattern:
    """A glossary pattern as a regular expression: whole words, case-insensitive, a "*" at
    either end takes any beginning or ending, and the pattern's words are apart by any white space."""
    head, tail = word.startswith("*"), word.endswith("*")
    words = word.strip("*").split()
    body = r"\s+".join(map(re.escape, words))
    return re.compile((r"\w*" if head else r"(?<!\w)") + body + (r"\w*" if tail else r"(?!\w)"), re.IGNORECASE)


def uses(term: dict, code: str) -> str:
    word = term.get(code, "")
    return " / ".join(word) if isinstance(word, list) else word


def avoided(terms: list[dict], code: str, key: str, text: str, docs: bool = False) -> list[str]:
    """Every avoided word in ``text`` (a catalogue id's text, or a docs page with ``docs``) as
    "key: 'found' (concept: use 'word')"; the term's exceptions and scope are honoured."""
    out = []
    for term in terms:
        scope = term.get("scope")
        if scope and (docs or not key.startswith(tuple(scope))):
            continue
        if key in term.get("except", {}).get(code, ()):
            continue
        for word in term.get("avoid", {}).get(code, ()):
            for found in pattern(word).finditer(text):
                where = f"{key}:{text.count(chr(10), 0, found.start()) + 1}" if docs else key
                out.append(f"{code} {where}: {found.group(0)!r} ({term['concept']}: use {uses(term, code)!r})")
    return out


def catalogue_texts(code: str) -> dict[str, str]:
    out = {}
    for m in read(code):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        out[m.id if isinstance(m.id, str) else m.id[0]] = "\n".join(strings)
    return out


def docs_pages(code: str) -> dict[str, str]:
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(DOCS[code].rglob("*.md"))}


@pytest.mark.parametrize("code", list(languages()))
def test_no_catalogue_text_uses_a_word_the_glossary_avoids(code):
    terms = load()
    found = [line for key, text in catalogue_texts(code).items() for line in avoided(terms, code, key, text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("code", list(DOCS))
def test_no_translated_page_uses_a_word_the_glossary_avoids(code):
    terms = load()
    found = [line for key, text in docs_pages(code).items() for line in avoided(terms, code, key, text, docs=True)]
    assert not found, "\n".join(found)


def test_the_glossary_is_well_formed():
    """Each term says what it means and, for every language it avoids words in, what to use; the
    languages are the registry's; a term's own word is not one it avoids; each exception is an id
    or page that exists and still holds an avoided word (a stale exception is removed)."""
    terms = load()
    codes = set(languages())
    for term in terms:
        assert term.get("concept"), term
        words = {c: term[c] for c in codes if c in term}
        assert words, term["concept"]
        assert set(term.get("avoid", {})) <= set(words), term["concept"]
        assert set(term.get("except", {})) <= set(words), term["concept"]
        for code, avoid in term.get("avoid", {}).items():
            own = words[code] if isinstance(words[code], list) else [words[code]]
            assert not [w for w in own for a in avoid if pattern(a).search(w)], (term["concept"], code)
        for code, keys in term.get("except", {}).items():
            texts = catalogue_texts(code) | (docs_pages(code) if code in DOCS else {})
            for key in keys:
                assert key in texts, (term["concept"], code, key)
                assert any(pattern(a).search(texts[key]) for a in term["avoid"][code]), (term["concept"], code, key)
    assert all(po_path(c).exists() for c in codes)


def test_the_check_finds_an_avoided_word_and_only_whole_words(tmp_path):
    """The check is not vacuous, and it is word-aware: a compound counts only where the pattern
    allows it, a longer word that merely starts the same does not."""
    glossary = tmp_path / "glossary.toml"
    glossary.write_text(
        '[[term]]\nconcept = "invitation"\nsv = "inbjudan"\nen = "invitation"\n'
        'avoid.sv = ["*kallelse*", "kalla"]\n'
        '[[term]]\nconcept = "client"\nsv = "klient"\navoid.sv = ["kund"]\n'
        '[[term]]\nconcept = "close"\nen = "person close to the client"\navoid.en = ["close one*"]\n'
        'except.en = ["kept.id"]\n'
        '[[term]]\nconcept = "you"\nsv = "ni"\navoid.sv = ["du"]\nscope = ["letter."]\n', encoding="utf-8")
    terms = load(glossary)
    assert avoided(terms, "sv", "a", "Gör en Kallelse till uppföljningsmötet") == [
        "sv a: 'Kallelse' (invitation: use 'inbjudan')"]
    assert len(avoided(terms, "sv", "a", "Kallelsebrevet och uppföljningskallelsen")) == 2
    assert avoided(terms, "sv", "a", "Sammankallare; det kunde gå; kallas") == []
    assert avoided(terms, "sv", "a", "Vem ska kalla till mötet?") != []
    assert avoided(terms, "sv", "a", "Kunden kom") == []  # only the word the glossary names
    assert avoided(terms, "sv", "a", "En kund") != []
    assert avoided(terms, "en", "a", "the close\nones and workers") != []
    assert avoided(terms, "en", "kept.id", "the close ones") == []  # the exception
    assert avoided(terms, "en", "a", "enclose one") == []
    assert avoided(terms, "sv", "letter.x", "Du är välkommen") != []
    assert avoided(terms, "sv", "form.x", "Du är välkommen") == []  # out of the term's scope
    assert avoided(terms, "sv", "docs/sv/x.md", "Du", docs=True) == []


# One way of writing times per language: a time in any text (a hint's example, a sentence) is
# written as the language's "time.format" writes it (fi and sv 14.00, en 14:00).
TIME = re.compile(r"(?<![\d./:])(\d{1,2})([:.])(\d{2})(?![\d/:])(?!\.\d)")


def stray_times(code: str, texts: dict[str, str]) -> list[str]:
    separator = texts["time.format"].replace("{h}", "").replace("{mm}", "")
    return [f"{code} {key}: {found.group(0)!r} (this language writes {separator!r})"
            for key, text in texts.items() if key != "time.format"
            for found in TIME.finditer(text) if found.group(2) != separator]


@pytest.mark.parametrize("code", list(languages()))
def test_every_time_in_a_text_is_written_the_language_s_way(code):
    found = stray_times(code, catalogue_texts(code))
    assert not found, "\n".join(found)


def test_the_time_check_finds_a_stray_time_and_leaves_dates_alone():
    texts = {"time.format": "{h}.{mm}", "a": "T.ex. 14:00", "b": "T.ex. 14.00.", "c": "7.3.2027 och 15.12.2026",
             "d": "15/12/2026", "e": "kl. 9.05–10.30"}
    assert stray_times("sv", texts) == ["sv a: '14:00' (this language writes '.')"]
