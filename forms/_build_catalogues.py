"""Compile the message catalogues (``forms/locale/<lang>/LC_MESSAGES/forms.po`` → ``.mo``) and
check them: ``python -m forms._build_catalogues``. Build time only (Babel does not ship to the
browser); the Makefile runs it before the site and the wheel are built.

``python -m forms._build_catalogues --init <code>`` starts a new language's catalogue (the code
must be in ``forms/languages.toml``): every id it needs, each text empty, with the Finnish text
beside it as a comment for the translator (PO editors such as Poedit and Weblate show it).

The check fails (exit 1) when a catalogue lacks an id that Finnish, the source, has (a site
language needs all; any other language those of what the invitee reads, see
``forms.language.LETTER_PREFIXES``), holds an id Finnish does not, or leaves one untranslated.
It also fails when Finnish lacks a word that a registry entry needs (a format in
``formats.toml``, a phase or role in ``phases.toml``, a status in ``contracts.toml``), naming the
entry, so that adding one says at once which words to write. Which other Finnish ids the code uses
is tested in tests/forms/test_catalogues.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from forms.language import DOMAIN, is_letter_id, languages

LOCALE = Path(__file__).with_name("locale")


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(code: str):
    with po_path(code).open("rb") as f:
        return read_po(f, locale=code)


def ids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def untranslated(catalog) -> list[str]:
    out = []
    for m in catalog:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        if not all(s and s.strip() for s in strings):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def registry_ids() -> dict[str, str]:
    """The ids the registries' entries need, each with where its need comes from."""
    from forms.contracts import contracts
    from forms.meeting import ROLE_DEFS, _raw as phases_raw, role_word_id
    from forms.model import FORM_IDS, _raw as form_raw
    from forms.model.formats import ALWAYS, formats

    need: dict[str, str] = {}
    offered = set(ALWAYS).union(*(form_raw(f)["exports"] for f in FORM_IDS))
    for f in formats().values():
        # A form's button says format.<id>.*, the feedback summary's feedback.export.<id>.*.
        prefixes = (["format"] if f.id in offered else []) + (["feedback.export"] if f.summary else [])
        for prefix in prefixes:
            for part in ("label", "name"):
                need[f"{prefix}.{f.id}.{part}"] = f"formats.toml [{f.id}]"
    for phase in phases_raw():
        for part in ("name", "chair"):
            need[f"meeting.phase.{phase['id']}.{part}"] = f"phases.toml phase {phase['id']}"
    for role in ROLE_DEFS:
        need[role_word_id(role.id)] = f"phases.toml role {role.id}"
        need[f"meeting.role_choice.{role.id}"] = f"phases.toml role {role.id}"
    for status in contracts().meeting_statuses:
        need[f"meeting.status.{status}"] = f"contracts.toml [meeting] status {status}"
    return need


def problems() -> list[str]:
    """Every difference between a catalogue and the Finnish one, as readable lines."""
    source = read("fi")
    source_ids = ids(source)
    out = [f"fi: {i} has no text" for i in untranslated(source)]
    out += [f"fi: missing {i} (for {origin})" for i, origin in registry_ids().items() if i not in source_ids]
    # Every language is named in the site languages (the invitee's letter language menu).
    out += [f"fi: missing language.{code} (the name of {lang.name} in Finnish)"
            for code, lang in languages().items() if f"language.{code}" not in source_ids]
    for code, lang in languages().items():
        if code == "fi":
            continue
        if not po_path(code).exists():
            out.append(f"{code}: no catalogue ({po_path(code)})")
            continue
        cat = read(code)
        have = ids(cat)
        wanted = source_ids if lang.site else {i for i in source_ids if is_letter_id(i)}
        out += [f"{code}: missing {i}" for i in sorted(wanted - have)]
        out += [f"{code}: {i} is not in the Finnish catalogue (unused)" for i in sorted(have - source_ids)]
        out += [f"{code}: {i} is not needed (the language is for letters only)" for i in sorted(have & source_ids - wanted)]
        out += [f"{code}: {i} has no text" for i in untranslated(cat) if i in wanted]
    return out


def compile_all() -> None:
    for code in languages():
        if not po_path(code).exists():
            continue
        with po_path(code).with_suffix(".mo").open("wb") as f:
            write_mo(f, read(code), use_fuzzy=False)


def init(code: str) -> Path:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    lang = languages()[code]
    if po_path(code).exists():
        raise SystemExit(f"{po_path(code)} exists already")
    new = Catalog(locale=code, project="verkostokokous")
    for m in read("fi"):
        if not m.id:
            continue
        msgid = m.id if isinstance(m.id, str) else m.id[0]
        if not lang.site and not is_letter_id(msgid):
            continue
        source = m.string if isinstance(m.string, str) else " | ".join(m.string)
        new.add(m.id, "" if isinstance(m.id, str) else ("",) * new.num_plurals,
                auto_comments=[f"fi: {line}" for line in source.splitlines() or [""]])
    if lang.site:
        new.add(f"language.{code}", "", auto_comments=[f"the name of {lang.name} in this language"])
    po_path(code).parent.mkdir(parents=True, exist_ok=True)
    with po_path(code).open("wb") as f:
        write_po(f, new, width=100)
    # Its name, to be written in every site language (the letter language menu names it).
    for site, other in languages().items():
        if other.site and site != code and po_path(site).exists():
            cat = read(site)
            if f"language.{code}" not in cat:
                cat.add(f"language.{code}", "", auto_comments=[f"the name of {lang.name} in this language"])
                with po_path(site).open("wb") as f:
                    write_po(f, cat, width=100)
    return po_path(code)


def main() -> int:
    if sys.argv[1:2] == ["--init"]:
        print(init(sys.argv[2]))
        return 0
    found = problems()
    for line in found:
        print(f"catalogues: {line}", file=sys.stderr)
    compile_all()
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
