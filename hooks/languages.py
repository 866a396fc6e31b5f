"""MkDocs hook: the site in several languages, one build per language.

``mkdocs.yml`` builds the root language (the first site language of ``forms/languages.toml``)
into ``site/``; ``mkdocs.<code>.yml`` (which inherits it) builds ``docs/<code>/`` into
``site/<code>/``. Every language has the same page files, so a page's counterparts are at the
same path under each language's root. This hook, before anything else reads the config:

* gives a language site its own address (``SITE_URL`` + ``<code>/``) for canonical links and
  QR codes, and ``extra.root_path``: the way from its root up to the whole site's root, where the
  one Pyodide bundle and the one service worker live;
* lists the languages in ``extra.languages`` (name, code, root on this host, folder prefix):
  the language menu (``partials/alternate.html``) links the current page's counterparts on this
  host, each page's ``<head>`` names them by absolute address with ``hreflang`` and
  ``x-default`` (``partials/hreflang.html``), and so does each language's ``sitemap.xml``
  (``overrides/sitemap.xml``). ``extra.alternate`` is only true, so Material's header shows the
  menu while its own ``<head>`` loop, which names the language roots, writes nothing;
* puts the theme's own words (the palette toggles, the heading-link title) and the templates'
  words (``extra.t``) from the language's catalogue into the config.

A per-language folder is what both Material for MkDocs and Zensical document; no i18n plugin is
involved (Zensical ignores plugins it does not support).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from forms.contracts import contracts
from forms.language import default_language, messages, site_languages
from forms.model import FORM_IDS

#: Catalogue ids the templates use (overrides/*.html read them as ``config.extra.t[id]``).
TEMPLATE_TEXTS = ("site.unreviewed", "site.short_name", "site.footer.label", "site.footer.accessibility",
                  "shared.waiting", "shared.fullscreen",
                  "site.footer.privacy", "site.footer.contact",
                  "site.device.legend", "site.device.hint", "site.device.own", "site.device.own_hint",
                  "site.device.shared", "site.device.shared_hint", "site.device.change")
#: The scripts' words: every catalogue id under this prefix is embedded in each page as JSON
#: (overrides/main.html; read by overrides/assets/js/messages.mjs).
SCRIPT_PREFIX = "js."
#: Ids outside that prefix the scripts use too, so a script writes them as the papers do: the
#: chair's clock writes times by the language's "time.format" (overrides/assets/js/clock-format.mjs).
#: The privacy page's list of what is kept on the device names a form's draft by the form's title.
#: A draft's last change is written by "date.format" and the month names (clock-format.mjs).
SCRIPT_TEXTS = ("time.format", "date.format", *(f"date.month.{i}" for i in range(1, 13)),
                *(f"{form_id}.title" for form_id in FORM_IDS))


def script_messages(m) -> dict[str, str]:
    """The words embedded in a page for its scripts."""
    return {**m.with_prefix(SCRIPT_PREFIX), **{key: m(key) for key in SCRIPT_TEXTS}}


def language(config) -> str:
    return config["theme"]["language"]


def is_root(config) -> bool:
    return language(config) == default_language()


def site_root(config) -> Path:
    """The folder of the whole site (every language's pages, Pyodide, the service worker)."""
    site_dir = Path(config["site_dir"])
    return site_dir if is_root(config) else site_dir.parent


def prefix(code: str) -> str:
    return "" if code == default_language() else f"{code}/"


@event_priority(100)  # before mkdocs-macros reads site_url and the page words
def on_config(config):
    code = language(config)
    if code not in site_languages():
        raise ValueError(f"theme.language {code!r} is not a site language of forms/languages.toml")
    m = messages(code)
    base = config["site_url"] or ""
    if base and not base.endswith("/"):
        base += "/"
    extra = config["extra"]
    if base and not is_root(config):
        config["site_url"] = base + prefix(code)
    extra["root_path"] = "" if is_root(config) else "../"
    from urllib.parse import urlsplit

    # The menu links paths on this host (SITE_URL's path, "/" without one), so it works from a
    # preview address and offline; the <head> links are absolute (root_url), for search engines.
    root = urlsplit(base).path or "/"
    extra["root_url"] = base
    extra["languages"] = [{"name": languages_name(c), "lang": c, "link": root + prefix(c), "prefix": prefix(c)}
                          for c in site_languages()]
    extra["alternate"] = True
    extra["t"] = {key: m(key) for key in TEMPLATE_TEXTS}
    # The DOM hooks' attributes (forms/contracts.toml) for the theme's templates, as the macros'
    # templates get them: {{ config.extra.hooks.device_choice }}; an unknown id fails the build.
    extra["hooks"] = contracts().hooks
    extra["script_messages"] = script_messages(m)
    extra.setdefault("reviewed", is_root(config))
    extra["retention_days"] = retention_days(extra)
    extra["closed_tab_minutes"] = closed_tab_minutes(extra)
    for scheme in config["theme"]["palette"]:
        toggle = scheme.get("toggle")
        if toggle:
            toggle["name"] = m(f"site.palette.{scheme['scheme']}")
    toc = config["mdx_configs"].setdefault("toc", {})
    toc["permalink_title"] = m("site.permalink_title")
    return config


#: Days a draft kept on an own computer lasts after its last change when mkdocs.yml names none.
RETENTION_DAYS = 14


def retention_days(extra: dict) -> int:
    """``extra.retention_days`` (a whole number of days, at least 1; RETENTION_DAYS when unset):
    the pages give it to their scripts (overrides/main.html, draft-store.mjs) and the privacy page
    names it."""
    days = extra.get("retention_days", RETENTION_DAYS)
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"extra.retention_days must be a whole number of days (at least 1), not {days!r}")
    return days


#: Minutes after which a closed tab brought back on a shared computer loses its drafts.
CLOSED_TAB_MINUTES = 5


def closed_tab_minutes(extra: dict) -> int:
    """``extra.closed_tab_minutes`` (a whole number of minutes, at least 2: background tabs'
    timers may beat only once a minute; CLOSED_TAB_MINUTES when unset): the pages give it to
    tab-heartbeat.mjs, the shared-computer notice and the privacy page name it."""
    minutes = extra.get("closed_tab_minutes", CLOSED_TAB_MINUTES)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 2:
        raise ValueError(f"extra.closed_tab_minutes must be a whole number of minutes (at least 2), not {minutes!r}")
    return minutes


def languages_name(code: str) -> str:
    from forms.language import languages

    return languages()[code].name
