"""The built site, read as files: content completeness, links, anchors, self-containment."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.sitebuild import ROOT
from tests.support.sitetext import read_page

# The printed handbook's text as extracted from its PDF (kept here, so the content test runs on
# every clone): every line of it must be on the site, in order.
HANDBOOK = Path(__file__).parent / "handbook" / "original.txt"
ORDER_MIN_CHARS = 25
NAV_ORDER = ["", "milloin/", "kulku/", "valmistelut/", "kokouksessa/", "lopuksi/", "yhteystiedot/", "liitteet/"]


def handbook_lines() -> list[str]:
    """The handbook's lines, normalised: layout columns (3+ spaces) split, bullets, whitespace
    and a heading's trailing colon dropped, and a bare URL compared without its scheme."""
    lines = []
    for raw in HANDBOOK.read_text(encoding="utf-8").splitlines():
        for part in re.split(r"\s{3,}", raw):
            line = " ".join(part.split()).strip(" ")
            line = re.sub(r"^[•\-–]\s+", "", line)
            line = re.sub(r"^https?://(.*?)/?$", r"\1", line)
            line = line.rstrip(":").strip()
            if line:
                lines.append(line)
    return lines


def site_text(site_dir: Path) -> str:
    return " ".join(read_page(site_dir / url / "index.html").text for url in NAV_ORDER)


def test_every_handbook_line_is_on_the_site_in_order(site_dir):
    text = site_text(site_dir).casefold()
    lines = handbook_lines()
    missing, out_of_order, position = [], [], 0
    for line in lines:
        needle = line.casefold()
        if needle not in text:
            missing.append(line)
        elif len(needle) >= ORDER_MIN_CHARS:  # short fragments ("kutsut") recur: order by distinct lines
            found = text.find(needle, position)
            if found < 0:
                out_of_order.append(line)
            else:
                position = found
    found_share = 1 - len(missing) / len(lines)
    print(f"handbook lines: {len(lines)}, found: {found_share:.1%}, out of order: {len(out_of_order)}")
    assert not missing, f"handbook lines missing from the site: {missing}"
    assert not out_of_order, f"handbook lines out of order: {out_of_order}"


def test_motto_keeps_its_line_breaks(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    motto = re.search(r'<blockquote class="motto">(.*?)</blockquote>', html, re.S).group(1)
    assert motto.count("<br>") == 3 and motto.count("<p>") == 2
    assert "Sie oot sie, mie oon mie,<br>" in motto


def _pages(site_dir: Path) -> dict[str, Path]:
    return {str(p.parent.relative_to(site_dir)).replace(".", "") + "/": p for p in site_dir.rglob("index.html")}


def test_every_internal_link_and_anchor_resolves(site_dir):
    infos = {p: read_page(p) for p in site_dir.rglob("*.html")}
    broken = []
    for page, info in infos.items():
        for tag, url in info.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            if parts.path.startswith("/"):  # root-relative (Material's 404 page): site_url's path is "/"
                target = site_dir / unquote(parts.path).lstrip("/")
            else:
                target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site_dir)}: {url} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = infos[target].ids if target in infos else read_page(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site_dir)}: {url} (no #{parts.fragment})")
    assert not broken, "\n".join(broken)


def test_no_resource_from_another_host(site_dir):
    """Scripts, styles, images, fonts and frames: all from the site itself."""
    offending = []
    for page in site_dir.rglob("*.html"):
        for tag, url in read_page(page).links:
            if tag in {"script", "link", "img", "iframe", "source", "video", "audio", "embed", "image"}:
                parts = urlsplit(url)
                if (parts.scheme in {"http", "https"} or url.startswith("//")) and not (tag == "link" and _is_canonical(page, url)):
                    offending.append(f"{page.relative_to(site_dir)}: <{tag}> {url}")
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            if re.match(r"['\"]?(https?:)?//", url):
                offending.append(f"{css.relative_to(site_dir)}: {url}")
    assert not offending, "\n".join(offending)


def _is_canonical(page: Path, url: str) -> bool:
    """The page's own address, or the same page in another language (a link, not a resource)."""
    html = page.read_text(encoding="utf-8")
    return (f'<link rel="canonical" href="{url}"' in html
            or re.search(rf'<link rel="alternate" href="{re.escape(url)}" hreflang="([a-z]+|x-default)">', html) is not None)


def test_site_is_finnish_with_finnish_search(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fi"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    search_config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
    worker = (site_dir / search_config["search"]).resolve()
    assert worker.is_file() and worker.name.startswith("search.") and worker.suffix == ".js"
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fi"]


def test_branding_comes_from_mkdocs_yml(tmp_path):
    """Another county re-brands by editing extra: in mkdocs.yml only."""
    from tests.support.sitebuild import build_site_with

    site = build_site_with(tmp_path, {"extra": {"organisation": {
        "name": "Testin hyvinvointialue", "publisher": "Testin hyvinvointialue",
        "short_name": "Testi", "logo_text": "Testi", "website": "https://testi.example/",
        "website_label": "testi.example"},
        "contact": {"name": "Maija Meikäläinen", "title": "verkostokoordinaattori", "position": "esihenkilö",
                    "email": "maija@testi.example", "phone": "+358 40 000 0000"}}})
    contact = read_page(site / "yhteystiedot" / "index.html").text
    assert "Maija Meikäläinen, verkostokoordinaattori" in contact and "maija@testi.example" in contact
    assert "Tiina Vormisto" not in contact
    assert "Testin hyvinvointialue testi.example" in read_page(site / "lopuksi" / "index.html").text


def test_every_page_carries_the_content_security_policy(site_dir):
    from hooks.csp import script_hashes

    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert match, f"{page.relative_to(site_dir)} has no CSP"
        csp = match.group(1)
        assert html.index(match.group(0)) < html.index("<script"), "the policy must come before any script"
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert "form-action 'none'" in csp and "object-src 'none'" in csp
        for digest in script_hashes(html):
            assert digest in csp


def test_missing_privacy_setting_fails_the_strict_build_naming_it(tmp_path):
    from tests.support.sitebuild import BuildFailed, build_site_with

    with pytest.raises(BuildFailed) as failed:
        build_site_with(tmp_path, {"extra": {"privacy": {"controller": "", "host_logs": " "}}})
    assert "extra.privacy.controller is missing" in str(failed.value)
    assert "extra.privacy.host_logs is missing" in str(failed.value)
    assert "Aborted" in str(failed.value)


def test_privacy_page_and_statement_come_from_the_settings(tmp_path):
    from tests.support.sitebuild import build_site_with

    site = build_site_with(tmp_path, {"extra": {
        "privacy": {"controller": "Testin hyvinvointialue", "controller_email": "kirjaamo@testi.example",
                    "host_logs": "Palvelin tallentaa IP-osoitteen 7 päivän ajan."},
        "accessibility": {"feedback_email": "saavutettavuus@testi.example", "feedback_name": "Testin kirjaamo"}}})
    privacy = " ".join(read_page(site / "tietosuoja" / "index.html").text.split())
    assert "vastaa Testin hyvinvointialue" in privacy and "kirjaamo@testi.example" in privacy
    assert "Palvelin tallentaa IP-osoitteen 7 päivän ajan." in privacy
    assert "Kalenteritiedosto" in privacy  # calendars are covered too
    statement = " ".join(read_page(site / "saavutettavuusseloste" / "index.html").text.split())
    assert "saavutettavuus@testi.example (Testin kirjaamo)" in statement
    # every shortcoming names the WCAG success criteria it concerns
    shortcomings = statement.split("Puutteet ja WCAG 2.1 -kriteerit")[1].split("Tarkoituksellinen ratkaisu")[0]
    assert shortcomings.count("Kriteerit: ") == 1 and "1.3.2 Merkityksellinen järjestys (A)" in shortcomings
    # the downloadable files: what each is and how it is checked
    files = statement.split("Ladattavat tiedostot")[1].split("Sisältö, joka ei ole saavutettavaa")[0]
    assert all(word in files for word in ("PDF/UA-1", "pdfua", "HTML-tiedosto", "Word-tiedostossa", "Matterhorn"))


def test_build_without_site_address_warns_and_shows_no_qr_codes(tmp_path):
    from tests.support.sitebuild import build_site_with

    printed: list[str] = []
    site = build_site_with(tmp_path, {}, env={"SITE_URL": ""}, output=printed)
    assert "SITE_URL is not set" in printed[0]
    html = (site / "kouluttajille" / "index.html").read_text(encoding="utf-8")
    assert "QR-koodit puuttuvat tästä versiosta" in html
    assert 'class="qr-code"' not in html and "<figure class=\"qr\"" not in html
    assert "example.fi" not in html and 'href="/kokouksessa/#' in html


def test_configured_build_has_qr_codes_for_its_address(site_dir):
    from mkdocs.config import load_config

    site_url = load_config(str(ROOT / "mkdocs.yml"))["site_url"]
    assert site_url and "example" not in site_url, "make test builds with a real-looking SITE_URL"
    html = (site_dir / "kouluttajille" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<figcaption><a href="([^"]+)">', html)
    assert len(links) >= 20 and all(link.startswith(site_url) for link in links)
    assert "QR-koodit puuttuvat" not in html


def test_serve_shows_qr_codes_for_the_local_address():
    """`make serve` (mkdocs serve) sets the site address to where it serves: the trainer page's
    codes work on the machine that serves it."""
    from tests.support.mkdocs_serve import mkdocs_serve

    with mkdocs_serve("--no-livereload", drop_env=("SITE_URL",)) as read:
        html = read("kouluttajille/")
    links = re.findall(r'<figcaption><a href="([^"]+)">', html)
    assert links and all(link.startswith(read.base) for link in links)
    assert "QR-koodit puuttuvat" not in html
