"""Check a deployment of the site: `python scripts/check_deploy.py https://verkostokokous.example.fi/`,
or a built folder before it is copied: `python scripts/check_deploy.py --site site https://verkostokokous.example.fi/`.

Both refuse a site built for another address than the one it is published at (its QR codes,
canonical links, sitemap and accessibility statement would point there): a test build
(`make test` builds for https://verkostokokous.test/ into build/test-site/), a `make serve` build for
127.0.0.1, or a build without SITE_URL.

Fetches what the browser needs and checks what breaks forms or offline use when a host is set up
wrong: every file of the service worker's lists is there, .mjs and .wasm have the right types, a
Content-Security-Policy arrives (header or <meta>), sw.js is not cached for long (and, as a note,
that the Pyodide runtime's content-named folder is), and the site is on
HTTPS (service workers and the offline mode need it, except on localhost). Exit code 1 on a problem.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

TYPES = {".mjs": ("text/javascript", "application/javascript"), ".wasm": ("application/wasm",),
         ".webmanifest": ("application/manifest+json", "application/json")}


def fetch(url: str, method: str = "GET") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, method=method, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read() if method == "GET" else b""
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, b""


BUILD_FOR_PUBLISHING = "build it for publishing with: SITE_URL={public} make build (then deploy site/)"


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def address_problem(built_for: str, public: str) -> str | None:
    """Why a site built for ``built_for`` must not be published at ``public``, or None."""
    public = _slash(public)
    if not built_for:
        return "the site was built without SITE_URL (no QR codes, no canonical links); " + BUILD_FOR_PUBLISHING.format(public=public)
    if _slash(built_for) != public:
        return (f"the site was built for {built_for}, not {public}: its QR codes and links would point "
                f"there; " + BUILD_FOR_PUBLISHING.format(public=public))
    return None


def check_folder(site: Path, public: str) -> list[str]:
    """A built folder, before it is copied to the host at ``public``."""
    lists = site / "offline.json"
    if not lists.is_file():
        return [f"{site}: no offline.json (is this a folder `make build` made?)"]
    problem = address_problem(json.loads(lists.read_text(encoding="utf-8")).get("site_url", ""), public)
    return [problem] if problem else []


def check(base: str, public: str | None = None) -> list[str]:
    """The site served at ``base``, published at ``public`` (default: ``base``; a test serves a
    build on a loopback address and names the public one)."""
    base = _slash(base)
    problems: list[str] = []
    parts = urlsplit(base)
    if parts.scheme != "https" and parts.hostname not in {"127.0.0.1", "localhost"}:
        problems.append("not HTTPS: browsers allow service workers (offline use) only on HTTPS")
    status, headers, body = fetch(base)
    if status != 200:
        return problems + [f"{base}: HTTP {status}"]
    html = body.decode("utf-8", "replace")
    if "content-security-policy" not in headers and 'http-equiv="Content-Security-Policy"' not in html:
        problems.append("no Content-Security-Policy (header or <meta>)")
    if "frame-ancestors" not in headers.get("content-security-policy", ""):
        problems.append("note: no frame-ancestors header (only a header can forbid framing; see README)")
    status, headers, _ = fetch(urljoin(base, "sw.js"))
    if status != 200:
        problems.append(f"sw.js: HTTP {status}")
    elif re.search(r"max-age=(\d{4,})", headers.get("cache-control", "")):
        problems.append("sw.js is cached for long: updates would reach users late")
    status, _, body = fetch(urljoin(base, "offline.json"))
    if status != 200:
        return problems + [f"offline.json: HTTP {status} (is this the built site/?)"]
    lists = json.loads(body)
    problem = address_problem(lists.get("site_url", ""), public or base)
    if problem:
        problems.append(problem)
    paths = lists["core"] + lists["python"]

    def one(path: str) -> str | None:
        status, headers, _ = fetch(urljoin(base, path), "HEAD")
        if status != 200:
            return f"{path}: HTTP {status}"
        for suffix, allowed in TYPES.items():
            if path.endswith(suffix):
                given = headers.get("content-type", "").split(";")[0].strip()
                if given not in allowed:
                    return f"{path}: Content-Type {given or 'missing'} (should be {allowed[0]})"
        return None

    with ThreadPoolExecutor(8) as pool:
        problems += [p for p in pool.map(one, paths) if p]
    # The runtime's folder is named by its content: a host that lets browsers keep it makes
    # every later form page start faster (no revalidation; compiled code reused).
    _, headers, _ = fetch(urljoin(base, lists["runtime"] + "pyodide.asm.wasm"), "HEAD")
    if not re.search(r"max-age=\d{5,}", headers.get("cache-control", "")):
        problems.append(f"note: {lists['runtime']} is not cached for long (Cache-Control "
                        f"{headers.get('cache-control', 'missing')}); see the deploy headers in README")
    print(f"checked {len(paths)} files of version {lists['version']} at {base}")
    return problems


def main() -> None:
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "--site":
        problems = check_folder(Path(args[1]), args[2])
    elif len(args) == 1:
        problems = check(args[0])
    else:
        sys.exit(__doc__)
    for p in problems:
        print(("NOTE " if p.startswith("note:") else "PROBLEM ") + p.removeprefix("note: "))
    sys.exit(1 if any(not p.startswith("note:") for p in problems) else 0)


if __name__ == "__main__":
    main()
