"""The HTML copy of a paper (formats.toml `html`): one self-contained page that a screen reader
reads as the printed paper reads, and that opens anywhere without fetching or running anything.

The forms and languages come from the registries (each definition's `exports`, the site
languages); the realistic letters (``letters-case.json``: a Ukrainian letter posted to the
mother, a Finnish and a Swedish one) are a reviewed golden file.
"""
import copy
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from forms import FORM_IDS
from forms.exports import export, prepared_state
from forms.exports.document import documents_for, letters
from forms.language import messages, site_languages
from forms.model import get_form
from forms.settings import confidential_mark

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURES = json.loads((HERE / "fixtures.json").read_text("utf-8"))
LETTERS = json.loads((HERE / "letters-case.json").read_text("utf-8"))["kutsu"]
VOID = {"meta", "br", "link", "img", "input", "hr", "col", "area", "base", "wbr", "source", "track", "embed"}
FORMS = [f for f in FORM_IDS if "html" in get_form(f).exports]
CASES = [(lang, form_id, kind) for lang in site_languages() for form_id in FORMS for kind in ("FULL", "MINIMAL")]


class Page(HTMLParser):
    """Every element with its attributes and the language it is in (its own ``lang`` or its
    nearest ancestor's), the text with its language, and whether every tag closes in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.elements: list[tuple[str, dict, str]] = []
        self.texts: list[tuple[str, str, str]] = []
        self.errors: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang") or (self.stack[-1][1] if self.stack else "")
        self.elements.append((tag, a, lang))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> does not close <{self.stack[-1][0] if self.stack else ''}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            self.texts.append((self.stack[-1][0] if self.stack else "", self.stack[-1][1] if self.stack else "", data))

    def all(self, tag):
        return [(a, lang) for t, a, lang in self.elements if t == tag]


def parsed(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    assert page.errors == [] and page.stack == [], (page.errors, page.stack)
    assert page.doctype.lower() == "doctype html"
    return page


def _state(form_id: str, kind: str) -> dict:
    return copy.deepcopy(FIXTURES[kind][form_id])


@pytest.mark.parametrize(("lang", "form_id", "kind"), CASES, ids=["-".join(c) for c in CASES])
def test_a_self_contained_accessible_page(lang, form_id, kind):
    form = get_form(form_id, lang)
    state = _state(form_id, kind)
    file = export(form, "html", state)
    assert file.name.endswith(".html") and file.mime == "text/html;charset=utf-8"
    page = parsed(file.data)
    text = file.data.decode("utf-8")
    # Nothing runs and nothing is fetched.
    assert "<script" not in text.lower() and not page.all("script") and not page.all("link")
    for tag, attrs, _ in page.elements:
        for name in ("src", "srcset", "action", "data"):
            assert name not in attrs, (tag, attrs)
        # The only links: the typed phone numbers and e-mail addresses, to call or write by tapping.
        assert "href" not in attrs or (tag == "a" and attrs["href"].startswith(("tel:", "mailto:"))), (tag, attrs)
    phone = state.get("worker_phone", "")
    if phone and form_id == "kutsu":
        href = "tel:" + re.sub(r"[^\d+]", "", phone)
        assert f'<a href="{href}">{phone}</a>' in text
        email = state.get("worker_email", "")
        if email:
            assert f'<a href="mailto:{email}">{email}</a>' in text
    assert "url(" not in text and "@import" not in text, "no resource from the CSS"
    # The one address in it is the meeting's own remote link, as text.
    own_link = prepared_state(form, state).get("remote_link", "")
    assert re.findall(r"https?://", text.replace(own_link, "") if own_link else text) == []
    (policy, _), = [(a, la) for a, la in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy["content"] and "script-src" not in policy["content"]
    # The page's language, its title, each document's language and its confidentiality mark.
    docs = documents_for(form, prepared_state(form, state))
    (html, _), = page.all("html")
    assert html["lang"] in {d.lang for d in docs} | {lang}
    (title_text,) = [t for tag, _, t in page.texts if tag == "title"]
    assert title_text.strip() and title_text in {d.title for d in docs} | {documents_for(form, prepared_state(form, state), L=form.messages)[0].title}
    articles = [a for a, _ in page.all("article")]
    assert [a["lang"] for a in articles] == [d.lang for d in docs]
    for d in docs:
        assert confidential_mark(d.messages) in text
    # Headings and tables as structure: one h1 per document, every header cell scoped.
    assert len(page.all("h1")) == len(docs)
    assert all(a.get("scope") in ("col", "row") for a, _ in page.all("th"))
    assert len(page.all("caption")) == len(page.all("table"))
    # The CSS is inlined, print styles and the page marks included.
    (style,) = [t for tag, _, t in page.texts if tag == "style"]
    assert "@media print" in style and "@page confidential-" in style and ".print-document h1" in style


def test_each_letter_part_says_its_language():
    form = get_form("kutsu")
    st = prepared_state(form, LETTERS)
    expected = [x.lang for x in letters(form, st)]
    assert len(set(expected)) >= 3, "the realistic case holds letters in three languages"
    page = parsed(export(form, "html", LETTERS).data)
    assert [a["lang"] for a, _ in page.all("article")] == expected
    # Text typed in Finnish inside the Ukrainian letter is marked as Finnish.
    uk_fi = [t for tag, lang, t in page.texts if lang == "fi" and "Artem muutti" in t]
    assert uk_fi, "the Finnish lines quoted in another letter carry lang=fi"
    (html, _), = page.all("html")
    assert html["lang"] == form.lang


@pytest.mark.parametrize("index", range(3))
def test_one_letter_alone(index):
    form = get_form("kutsu")
    st = prepared_state(form, LETTERS)
    chosen = letters(form, st)[index]
    file = export(form, "html", LETTERS, letter=chosen.id)
    page = parsed(file.data)
    assert [a["lang"] for a, _ in page.all("article")] == [chosen.lang]
    (html, _), = page.all("html")
    assert html["lang"] == chosen.lang, "a page of one letter is in that letter's language"
    (title,) = [t for tag, _, t in page.texts if tag == "title"]
    assert title == documents_for(form, st, letter=chosen)[0].title
    assert file.name.endswith(".html") and "artem" not in file.name.lower()


@pytest.mark.parametrize("index", range(3))
def test_every_letter_reads_typed_lines_in_the_page_language(index):
    """The place and who each invitee is (typed in the page's language) carry the page's
    language in a letter in any language; the interpreter's role word the letter's."""
    from letter_reading import read_as

    form = get_form("kutsu")
    chosen = letters(form, prepared_state(form, LETTERS))[index]
    page = parsed(export(form, "html", LETTERS, letter=chosen.id).data)
    for text, expected in read_as(form, LETTERS, chosen.lang):
        found = [lang for tag, lang, t in page.texts if text in t and tag != "title"]
        assert found and set(found) == {expected}, (chosen.id, text, found)


def test_the_same_document_as_the_print():
    """The copy is what "Tulosta" prints, not a second rendering of it."""
    form = get_form("muistio")
    state = FIXTURES["CASE"]["muistio"]
    printed = export(form, "print", state)
    assert printed in export(form, "html", state).data.decode("utf-8")


def test_golden_letters_page():
    """The realistic letters as a page (the CSS left out: it is the site's, reviewed there)."""
    text = export(get_form("kutsu"), "html", LETTERS).data.decode("utf-8")
    text = re.sub(r"<style>.*?</style>", "<style>…</style>", text, flags=re.S).replace("><", ">\n<")
    path = GOLDEN / "kutsu-kirjeet.html"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), "no golden file: run with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), "the letters' page differs from the reviewed golden file"


def test_each_letter_offers_its_html_copy_beside_its_pdf():
    from forms.api import handle

    r = handle({"op": "validate", "form": "kutsu", "lang": "en", "state": LETTERS, "letters": True,
                "today": "2027-02-01"})["letters"]
    assert [x["letter"] for x in r["html"]] == [x["letter"] for x in r["pdf"]] == ["post-0", "fi", "sv"]
    assert r["html"][0]["label"] == "HTML: letter, Olena Kovalenko (Ukrainian)"
    assert r["html"][0]["file"] == "verkostokokous-kutsu-olena-kovalenko-2027-03-10.html"
    assert len({x["label"] for x in r["html"] + r["pdf"]}) == 6, "every button says which file it gives"
