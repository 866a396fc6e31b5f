"""Speed, bytes and memory of the form pages against a bare Pyodide boot, measured in Debian
Chromium (`make bench`). Prints one table, pages side by side with the floor; asserts nothing.

The floor is a bare page that only boots the same Pyodide in a module worker (scripts/bench/bare.*).
For the floor and each form page, per run, in a fresh persistent profile:

- ready cold (navigation -> Python ready, "exports can run") and ready warm: the same profile
  again after the service worker has copied the Python bundle for offline use (caches filled).
  `--start` picks the start path of the form pages: `auto` (no URL parameter: the page restores a
  memory snapshot when the service worker holds one, else boots), `boot` (`?python=boot`),
  `snapshot` (`?python=snapshot`), or `both` (the warm visit once per path). The path a page
  actually took is read from `<html data-python-start>` ("?" when the page does not say);
- a second form page opened in a new tab of the same cold profile within a second of the first
  being ready (kutsu, then muistio), compared with the warm floor;
- bytes over the wire, cold and warm. The bench's server (scripts/site_server.py) does not compress,
  so beside the bytes it sent each response is also counted as its file gzipped at level 6 (or
  raw when gzip would not shrink it: what a compressing server sends), and the cold page's gzip
  bytes are compared with the Pyodide core's (pyodide.asm.wasm, pyodide.asm.mjs, pyodide.mjs,
  python_stdlib.zip). What the service worker copies for offline use is counted apart;
- memory after the warm-up: the page's JS heap, the Python worker's JS heap (both CDP
  `Runtime.getHeapUsage`; the worker's through a `Target.attachToTarget` session of the page's
  CDP session, as Playwright gives no CDP session for a worker; `performance.memory` does not
  exist in workers and `measureUserAgentSpecificMemory` needs cross-origin isolation, which the
  site does not have), and the wasm memory the worker marks (`python-memory`, n/a if absent);
- click -> download of the first and of a repeated PDF.

Then: handbook pages load no Pyodide byte, the shared screen's delay, the feedback summary at scale,
and on the device handed round the room the time from "done" to an empty form (also right after a
respondent chose another language). `--feedback` measures only those two feedback figures.

Pages: by default every form in Finnish and one form per other language (kutsu in Swedish,
muistio in English), which keeps `make bench` (11 runs) near 20 minutes on 2 cores. `--pages`
picks others (`kutsu,muistio`, `sv/kutsu`, `all`); `--quick` is one run of the Finnish forms.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from forms.contracts import attribute, hook  # noqa: E402
from scripts.chromium import CHROMIUM_ARGS  # noqa: E402
from scripts.form_driver import FIXTURES, fill, wait_until  # noqa: E402
from scripts.site_server import TEST_FILES, StaticServer  # noqa: E402

BENCH_DIR = Path(__file__).with_name("bench")
FLOOR = "floor"
FLOOR_PATH = "__bench__/bare.html"
SECOND = ("kutsu", "muistio")  # the second form page: muistio opened right after kutsu is ready
CORE_FILES = ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", "python_stdlib.zip")
HANDBOOK_PAGES = ["", "kulku/", "kokouksessa/", "liitteet/"]
READY_TIMEOUT_MS = 120_000
PALAUTE = f"form{hook('form', 'palaute')}"
SETTLE_S = 1.5
SECOND_PAGE_WITHIN_S = 1.0
TARGETS = {"warm": 0.5, "cold": 1.0, "second": 1.0, "pdf": 0.3, "gzip": 1.2}


def form_pages() -> dict[str, str]:
    """Every form page in every site language: "kutsu" is Finnish (the root), "sv/kutsu" the
    Swedish page at /sv/."""
    from forms import FORM_IDS
    from forms.language import site_languages

    return {(form_id if i == 0 else f"{code}/{form_id}"): f"{'' if i == 0 else code + '/'}lomakkeet/{form_id}/"
            for i, code in enumerate(site_languages()) for form_id in FORM_IDS}


def select_pages(spec: str | None, quick: bool) -> dict[str, str]:
    every = form_pages()
    if spec == "all":
        return every
    if spec:
        names = [n.strip().replace(" ", "") for n in spec.split(",") if n.strip()]
        unknown = [n for n in names if n not in every]
        if unknown:
            sys.exit(f"unknown page(s) {', '.join(unknown)}; known: {', '.join(every)}, all")
        return {n: every[n] for n in names}
    finnish = {n: p for n, p in every.items() if "/" not in n}
    if quick:
        return finnish
    return {**finnish, **{n: every[n] for n in ("sv/kutsu", "en/muistio") if n in every}}


def start_query(start: str) -> str:
    return f"?python={start}" if start in ("boot", "snapshot") else ""


def warm_paths(start: str) -> list[str]:
    return ["boot", "snapshot"] if start == "both" else [start]


MARKS_JS = """names => [performance.timeOrigin, Object.fromEntries(performance.getEntriesByType('mark')
    .filter(m => names.includes(m.name)).map(m => [m.name, m.startTime]))]"""


def is_python_worker(url: str) -> bool:
    return "python-worker" in url or "bare-worker" in url


def marks(page) -> dict:
    """The page's marks, and the Python worker's (worker-start, python-runtime) on the page's
    clock; "start" is the path the page says it took (data-python-start)."""
    python_ready(page)
    origin, found = page.evaluate(MARKS_JS, ["form-interactive", "python-ready"])
    for worker in page.workers:
        if is_python_worker(worker.url):
            worker_origin, worker_marks = worker.evaluate(MARKS_JS, ["worker-start", "python-runtime"])
            found.update({k: v + worker_origin - origin for k, v in worker_marks.items()})
    found["start"] = page.evaluate("a => document.documentElement.getAttribute(a) ?? '?'", attribute("python_start"))
    return found


@functools.lru_cache(maxsize=None)
def file_sizes(path: Path) -> tuple[int, int]:
    """A file's size, and its size gzipped at level 6 (or raw, if gzip would not shrink it)."""
    data = path.read_bytes()
    return len(data), min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


def served_file(site: Path, url: str) -> Path | None:
    path = urlsplit(url).path
    if path in TEST_FILES:
        return TEST_FILES[path]
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


class Bytes:
    """Bytes over the wire of every request of a context, workers and the service worker included:
    headers as Chromium counted them, plus each body as the file served (the bench's server sends
    files as they are) and as that file gzipped. A response from the HTTP cache or from the
    service worker's cache costs nothing; a revalidation (the URL was fetched before in this
    profile, no body came) costs its headers. Chromium reports no body size for a worker's own
    script, so the file's size is used whenever a body came or the URL is new to the profile.
    Sizes are asked for only after the measured part of a visit (each ask is a round trip to the
    browser, which would otherwise load the machine while the page boots)."""

    def __init__(self, context, site: Path):
        self.site = site
        self.requests: list = []
        self.urls: list[str] = []
        self.seen: set[str] = set()
        context.on("requestfinished", self._add)

    def _add(self, request) -> None:
        self.requests.append(request)
        self.urls.append(request.url)

    def take(self) -> dict[str, dict[str, int]]:
        """{"page": {"raw", "gzip"}, "offline": {...}} of the requests finished so far ("offline":
        the service worker's own fetches); counting starts again from zero."""
        totals = {who: {"raw": 0, "gzip": 0} for who in ("page", "offline")}
        for request in self.requests:
            url = urlsplit(request.url)._replace(fragment="").geturl()
            first = url not in self.seen
            self.seen.add(url)
            try:
                sizes = request.sizes()
            except Exception:  # noqa: BLE001 (a request torn down with its page)
                continue
            body, headers = sizes["responseBodySize"], sizes["responseHeadersSize"]
            if body + headers <= 0:
                continue
            raw = gz = max(body, 0)
            file = served_file(self.site, request.url)
            if file is not None and (body > 0 or first):
                raw, gz = file_sizes(file)
            total = totals["offline" if request.service_worker else "page"]
            total["raw"] += headers + raw
            total["gzip"] += headers + gz
        self.requests.clear()
        return totals


def memory(page) -> dict:
    """The page's and its Python worker's JS heap (bytes used) and the wasm memory the worker
    marked (python-memory); None for what could not be read."""
    result = {"page": None, "worker": None, "wasm": None}
    cdp = page.context.new_cdp_session(page)
    try:
        result["page"] = cdp.send("Runtime.getHeapUsage")["usedSize"]
        targets = [t for t in cdp.send("Target.getTargets")["targetInfos"]
                   if t["type"] == "worker" and is_python_worker(t["url"])]
        if len(targets) == 1:  # one page open: its worker
            answers: list[dict] = []
            cdp.on("Target.receivedMessageFromTarget", lambda event: answers.append(json.loads(event["message"])))
            session = cdp.send("Target.attachToTarget", {"targetId": targets[0]["targetId"], "flatten": False})["sessionId"]
            cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(
                {"id": 1, "method": "Runtime.getHeapUsage"})})
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not any(a.get("id") == 1 for a in answers):
                page.wait_for_timeout(20)  # (Playwright delivers events only while it runs)
            heap = next((a for a in answers if a.get("id") == 1), {}).get("result", {})
            result["worker"] = heap.get("usedSize")
            cdp.send("Target.detachFromTarget", {"sessionId": session})
    except Exception as error:  # noqa: BLE001 (a figure missing is printed as n/a)
        print(f"memory: {error}", file=sys.stderr)
    finally:
        cdp.detach()
    for worker in page.workers:
        if is_python_worker(worker.url):
            result["wasm"] = worker.evaluate(
                "performance.getEntriesByName('python-memory').at(-1)?.detail?.wasm ?? null")
    return result


def launch(playwright, profile: Path):
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True,
        accept_downloads=True)


def visit(playwright, site: Path, base: str, name: str, path: str, profile: Path, start: str) -> dict:
    """One page, cold then warm (once per start path), in a fresh profile."""
    is_form = name != FLOOR
    context = launch(playwright, profile)
    result: dict = {"warm": {}}
    try:
        counter = Bytes(context, site)
        page = context.new_page()
        # A browser just started on a new profile is still creating its databases and processes:
        # let it settle, so the visit measures the page and not the browser's own start-up.
        time.sleep(SETTLE_S)
        page.goto(base + path + (start_query(start) if is_form else ""))
        result["cold"] = marks(page)
        if is_form:
            # Warm means caches filled: let the service worker finish keeping the Python bundle
            # for offline use (it starts after "ready"), as it would while the user types.
            wait_until(page, "a => document.documentElement.getAttribute(a) === 'true'", attribute("offline_python"),
                       timeout_ms=READY_TIMEOUT_MS)
        else:
            page.wait_for_load_state("networkidle")
        result["bytes_cold"] = counter.take()
        page.close()
        for path_ in warm_paths(start) if is_form else ["auto"]:
            page = context.new_page()
            page.goto(base + path + (start_query(path_) if is_form else ""))
            warm = result["warm"][path_] = {"marks": marks(page)}
            warm["bytes"] = counter.take()
            form_id = name.rsplit("/", 1)[-1]
            if is_form:
                # The worker warms the PDF stack after ready while the user types; a user takes
                # far longer to fill a form than the warm-up, so the click comes after it.
                if form_id in FIXTURES["FULL"]:
                    fill(page, form_id, FIXTURES["FULL"][form_id])
                wait_until(page, "a => document.documentElement.getAttribute(a) === 'true'", attribute("python_warm"),
                           timeout_ms=READY_TIMEOUT_MS)
            warm["memory"] = memory(page)
            if is_form and form_id in FIXTURES["FULL"]:
                warm["pdf"] = [pdf_click_to_download(page, form_id) for _ in range(3)]
            page.close()
    finally:
        context.close()
    return result


def second_page(playwright, base: str, pages: dict[str, str], pair: tuple[str, str], profile: Path, start: str) -> dict:
    """A cold profile: the first page until ready, then within a second a new tab of the same
    browser opens the second page, whose ready is measured from its own navigation."""
    context = launch(playwright, profile)
    try:
        first = context.new_page()
        time.sleep(SETTLE_S)
        first.goto(base + pages[pair[0]] + start_query(start))
        python_ready(first)
        ready_at = time.perf_counter()
        second = context.new_page()
        gap = time.perf_counter() - ready_at
        second.goto(base + pages[pair[1]] + start_query(start))
        result = {"marks": marks(second), "gap": gap}
    finally:
        context.close()
    if gap > SECOND_PAGE_WITHIN_S:
        print(f"second page opened {gap:.2f} s after the first was ready (meant within {SECOND_PAGE_WITHIN_S} s)",
              file=sys.stderr)
    return result


def pdf_click_to_download(page, form_id: str) -> float:
    button = page.locator(f'form{hook("form", form_id)} button{hook("export", "pdf")}:not({hook("letter")})')
    start = time.perf_counter()
    with page.expect_download(timeout=READY_TIMEOUT_MS) as info:
        button.click()
    info.value.path()
    return time.perf_counter() - start


def handbook_pyodide_bytes(playwright, base: str) -> tuple[int, list[str]]:
    with tempfile.TemporaryDirectory() as profile:
        context = launch(playwright, Path(profile))
        urls: list[str] = []
        context.on("requestfinished", lambda request: urls.append(request.url))
        page = context.new_page()
        for path in HANDBOOK_PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        context.close()
    python_urls = [u for u in urls if "/pyodide/" in u or "python-" in u]
    return len(python_urls), python_urls


SHARED_KEYS = "Aino told us in her own words what she hopes for."


def shared_screen_delays(playwright, base: str) -> list[float]:
    """The chair's view and the room's shared screen, two windows of one browser: for each key
    typed into the memo, the time until the text is on the shared screen (the screen measures it
    from the key event's time stamp: meeting-screen.mjs, shared-view.mjs)."""
    browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "lomakkeet/kokous/")
    wait_until(page, "([s, a]) => document.querySelector(s)?.getAttribute(a) === 'true'", [hook("meeting"), attribute("meeting_ready")])
    with context.expect_page() as opened:
        page.click(hook("shared_screen"))
    shared = opened.value
    wait_until(shared, "a => document.documentElement.getAttribute(a) === 'true'", attribute("shared_ready"))
    field = page.locator("#muistio-positives")
    delays = []
    for i, key in enumerate(SHARED_KEYS):
        field.press_sequentially(key)  # a real key event per character (ä too)
        wait_until(shared, "([s, n]) => (document.querySelector(s)?.textContent.length ?? 0) >= n",
                   [f"{hook('shared_memo')} dd", len(SHARED_KEYS[: i + 1].strip())])
        delays.append(float(shared.evaluate("a => document.documentElement.getAttribute(a)", attribute("shared_delay"))))
    browser.close()
    return delays


SCALE_FILES, SCALE_PER_FILE = 2000, 5


def feedback_scale(playwright, base: str) -> dict:
    """The coordinator's page with 10 000 answers in 2 000 bundle files: from the files being
    chosen to the summary shown (ms, the page's own marks), and memory afterwards: the page's JS
    heap and the whole browser's resident memory (every Chromium process of this run)."""
    import os
    import random

    from forms.api import handle

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as profile:
        paths = []
        for i in range(SCALE_FILES):
            answers = [{"id": f"bench-{i:05d}-{j}", "saved": "2027-03-07T12:00:00+00:00",
                        "data": dict(FIXTURES["FULL"]["palaute"], role=rng.choice(["asiakas", "laheinen", "tyontekija"]),
                                     safe=str(rng.randint(1, 5)), meeting_date=f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.2027")}
                       for j in range(SCALE_PER_FILE)]
            data = handle({"op": "feedback", "lang": "fi", "answers": answers, "format": "json"})["file"]["data"]
            path = Path(folder) / f"kokous-{i:04d}.json"
            path.write_bytes(data)
            paths.append(str(path))
        context = launch(playwright, Path(profile))
        page = context.new_page()
        page.goto(base + "lomakkeet/yhteenveto/")
        python_ready(page)
        wait_until(page, "([s, a]) => document.querySelector(s)?.getAttribute(a) === 'true'", [hook("coordinator"), attribute("summary_ready")])
        page.wait_for_timeout(3000)  # the warm-up after ready is done: measure the summary alone
        page.set_input_files(hook("summary_files"), paths)
        wait_until(page, "s => document.querySelector(s) !== null", hook("feedback_summary"), timeout_ms=READY_TIMEOUT_MS)
        shown, reading = page.evaluate("""() => [performance.measure('summary', 'summary-files-chosen', 'summary-shown').duration,
            performance.measure('reading', 'summary-files-chosen', 'summary-files-read').duration]""")
        respondents = page.locator(f"{hook('feedback_summary')} .summary-total").inner_text()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                   if m["name"] in ("JSHeapUsedSize",)}
        rss = 0
        for pid in os.listdir("/proc"):
            try:
                if pid.isdigit() and profile.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            rss += int(line.split()[1]) * 1024
            except OSError:
                continue
        context.close()
    return {"ms": shown, "reading_ms": reading, "respondents": respondents, "js_heap": metrics.get("JSHeapUsedSize", 0), "rss": rss}


DONE_RUNS = 6


def feedback_done(playwright, base: str) -> dict:
    """The device handed round the room, warm: from pressing "done" to the form empty and painted
    (ms), each answer complete, half of them after the respondent chose another language."""
    with tempfile.TemporaryDirectory() as profile:
        context = launch(playwright, Path(profile))
        page = context.new_page()
        page.on("dialog", lambda d: d.accept())
        page.goto(base + "lomakkeet/palaute/")
        python_ready(page)
        wait_until(page, "([s, a]) => document.querySelector(s)?.getAttribute(a) === 'true'", [hook("collect"), attribute("collect_ready")])
        page.wait_for_timeout(3000)  # the warm-up after ready is done
        page.fill(f"input{hook('chair_code')}", "bench")
        page.click(hook("collect_start"))
        times: dict[str, list[float]] = {"fi": [], "uk": []}
        for i in range(DONE_RUNS):
            lang = "uk" if i % 2 else "fi"
            if lang != "fi":
                page.select_option(hook("respondent_language"), lang)
            page.check(f'{PALAUTE} [name="role"][value="{["asiakas", "laheinen", "tyontekija"][i % 3]}"]')
            for name in ("safe", "heard", "future", "what_next", "who_does", "useful", "overall"):
                page.check(f'{PALAUTE} [name="{name}"][value="{i % 5 + 1}"]')
            page.fill(f'{PALAUTE} [name="helped"]', f"Vastaus {i}")
            times[lang].append(page.evaluate("""([formSelector, next]) => new Promise((resolve) => {
                const form = document.querySelector(formSelector);
                const t0 = performance.now();
                document.querySelector(next).click();
                const empty = () => !form.querySelector('input:checked') && form.querySelector('[name=helped]').value === '';
                const wait = () => (empty() ? requestAnimationFrame(() => resolve(performance.now() - t0)) : setTimeout(wait, 5));
                wait();
            })""", [PALAUTE, hook("collect_next")]))
            page.wait_for_timeout(800)  # the next person reads the confirmation
        from forms.contracts import contracts

        kept = page.evaluate("(k) => JSON.parse(sessionStorage.getItem(k)).answers.length", contracts().storage["COLLECT_KEY"])
        context.close()
    return {"times": times, "kept": kept}


def python_ready(page) -> None:
    wait_until(page, "a => document.documentElement.getAttribute(a) === 'ready'", attribute("python"),
               timeout_ms=READY_TIMEOUT_MS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--start", choices=["auto", "boot", "snapshot", "both"], default="auto",
                        help="the form pages' start path (default auto; both: the warm visit once per path)")
    parser.add_argument("--pages", help="form pages to measure, comma-separated: kutsu, sv/kutsu, ... or all")
    parser.add_argument("--quick", action="store_true", help="one run of the Finnish form pages")
    parser.add_argument("--feedback", action="store_true",
                        help="only the feedback figures: 'done' to an empty form, and the summary at scale")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    pages = select_pages(args.pages, args.quick)
    site = Path(args.site)
    if not (site / "offline.json").is_file():
        sys.exit(f"{site} has no Pyodide: run `make build` first")
    TEST_FILES.update({f"/__bench__/{p.name}": p for p in BENCH_DIR.iterdir()})
    runtime = json.loads((site / "offline.json").read_text(encoding="utf-8"))["runtime"].split("/")[1]
    core_gzip = sum(file_sizes(site / "pyodide" / runtime / name)[1] for name in CORE_FILES)
    columns = {FLOOR: f"{FLOOR_PATH}?runtime={runtime}", **pages}
    names = list(pages)
    pair = SECOND if all(n in pages for n in SECOND) else (tuple(names[:2]) if len(names) > 1 else None)
    rows: dict[str, list] = {name: [] for name in columns}
    seconds: list[dict] = []
    began = time.monotonic()
    server = StaticServer(site)
    if args.feedback:
        try:
            with sync_playwright() as pw:
                done = feedback_done(pw, server.url)
                scale = feedback_scale(pw, server.url)
        finally:
            server.stop()
        report_feedback(done, scale)
        print(f"\n{time.monotonic() - began:.0f} s in all")
        return
    try:
        with sync_playwright() as pw:
            for run in range(runs):
                for name, path in columns.items():
                    with tempfile.TemporaryDirectory() as profile:
                        rows[name].append(visit(pw, site, server.url, name, path, Path(profile), args.start))
                if pair:
                    with tempfile.TemporaryDirectory() as profile:
                        seconds.append(second_page(pw, server.url, pages, pair, Path(profile), args.start))
                print(f"run {run + 1}/{runs} done ({time.monotonic() - began:.0f} s)", file=sys.stderr)
            # Each part is printed as soon as it is measured: a later part that fails loses nothing.
            report(rows, seconds, pair, runs, args.start, core_gzip)
            handbook_count, handbook_urls = handbook_pyodide_bytes(pw, server.url)
            print(f"\nHandbook pages {', '.join(p or '/' for p in HANDBOOK_PAGES)}: {handbook_count} Pyodide/worker"
                  " requests" + (f" {handbook_urls}" if handbook_urls else "") + " (target 0)", flush=True)
            delays = shared_screen_delays(pw, server.url)
            print(f"\nShared screen (the chair's view and the room's window, one browser): key press -> text on the"
                  f" room's screen,\n  median {med(delays):.1f} ms, slowest {max(delays):.1f} ms over {len(delays)} keys"
                  " (target under 200 ms)", flush=True)
            scale = feedback_scale(pw, server.url)
            done = feedback_done(pw, server.url)
    finally:
        server.stop()
    report_feedback(done, scale)
    print(f"\n{time.monotonic() - began:.0f} s in all")


def report_feedback(done: dict, scale: dict) -> None:
    every = [t for ts in done["times"].values() for t in ts]
    print(f"\nFeedback on one device, warm: 'done' -> empty form painted, median {med(every):.0f} ms, slowest"
          f" {max(every):.0f} ms over {len(every)} answers (after choosing Ukrainian: median {med(done['times']['uk']):.0f} ms)"
          f" {'✓' if max(every) <= 500 else '✗'} (target <= 500 ms); answers kept {done['kept']}/{len(every)}")
    print(f"\nFeedback summary of {SCALE_FILES * SCALE_PER_FILE} answers in {SCALE_FILES} files: files chosen -> summary"
          f" shown {scale['ms'] / 1000:.2f} s, of which reading the files {scale['reading_ms'] / 1000:.2f} s"
          f" {'✓' if scale['ms'] < 3000 else '✗'} (target under 3 s; {scale['respondents']}); page JS heap"
          f" {scale['js_heap'] / 1e6:.0f} MB, the browser's resident memory {scale['rss'] / 1e6:.0f} MB")


def med(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def fmt(value, digits: int = 0) -> str:
    return "n/a" if value is None or value != value else f"{value:.{digits}f}"


def taken(values) -> str:
    """The start path(s) the runs took, e.g. "boot", or "boot/snapshot" when runs differed."""
    return "/".join(sorted(set(values))) if values else "-"


WIDTH_NAME, WIDTH = 30, 12


def report(rows: dict, seconds: list[dict], pair, runs: int, start: str, core_gzip: int) -> None:
    floor = rows[FLOOR]
    names = [n for n in rows if n != FLOOR]
    second_name = f"{pair[1]} 2nd" if pair else None
    columns = [FLOOR, *names] + ([second_name] if pair else [])
    paths = warm_paths(start)

    def warm(result, path):
        return result["warm"].get(path) or next(iter(result["warm"].values()))

    def ratio(name, visit, path=None) -> float:
        """Median over runs of this run's ready / the same run's floor ready (each run visits the
        floor and the pages in turn, so a slow spell of the machine slows both)."""
        if visit == "cold":
            pairs = [(r["cold"], f["cold"]) for r, f in zip(rows[name], floor)]
        else:
            pairs = [(warm(r, path)["marks"], warm(f, path)["marks"]) for r, f in zip(rows[name], floor)]
        return med([a["python-ready"] / b["python-ready"] for a, b in pairs])

    table: list[tuple[str, dict[str, str]]] = []

    def row(label: str, values: dict[str, str]) -> None:
        table.append((label, values))

    row("ready cold (ms)", {n: fmt(med([r["cold"]["python-ready"] for r in rows[n]])) for n in rows})
    row("  x floor cold", {n: fmt(ratio(n, "cold"), 2) for n in rows})
    row("  path taken", {n: taken([r["cold"]["start"] for r in rows[n]]) for n in names})
    row("interactive cold (ms)", {n: fmt(med([r["cold"].get("form-interactive") for r in rows[n]])) for n in rows})
    kb = lambda values: fmt(med(values) / 1000)  # noqa: E731
    row("sent cold (kB, as served)", {n: kb([r["bytes_cold"]["page"]["raw"] for r in rows[n]]) for n in rows})
    row("  gzip 6 (kB)", {n: kb([r["bytes_cold"]["page"]["gzip"] for r in rows[n]]) for n in rows})
    row("  x Pyodide core gzip", {n: fmt(med([r["bytes_cold"]["page"]["gzip"] for r in rows[n]]) / core_gzip, 2)
                                  for n in rows})
    row("offline copy, gzip 6 (kB)", {n: kb([r["bytes_cold"]["offline"]["gzip"] for r in rows[n]]) for n in names})
    for path in paths:
        tag = "" if len(paths) == 1 and path == "auto" else f" [{path}]"
        with_second = pair and path == paths[0]  # measured once, with the cold visits' start path
        values = {n: fmt(med([warm(r, path)["marks"]["python-ready"] for r in rows[n]])) for n in rows}
        if with_second:
            values[second_name] = fmt(med([s["marks"]["python-ready"] for s in seconds]))
        row(f"ready warm{tag} (ms)", values)
        values = {n: fmt(ratio(n, "warm", path), 2) for n in rows}
        if with_second:
            values[second_name] = fmt(med([s["marks"]["python-ready"] / warm(f, path)["marks"]["python-ready"]
                                          for s, f in zip(seconds, floor)]), 2)
        row("  x floor warm", values)
        values = {n: taken([warm(r, path)["marks"]["start"] for r in rows[n]]) for n in names}
        if with_second:
            values[second_name] = taken([s["marks"]["start"] for s in seconds])
        row("  path taken", values)
        row("interactive warm (ms)", {n: fmt(med([warm(r, path)["marks"].get("form-interactive") for r in rows[n]]))
                                      for n in rows})
        row("sent warm (kB, as served)", {n: kb([warm(r, path)["bytes"]["page"]["raw"] for r in rows[n]]) for n in rows})
        row("  gzip 6 (kB)", {n: kb([warm(r, path)["bytes"]["page"]["gzip"] for r in rows[n]]) for n in rows})
        row("first PDF (s)", {n: fmt(med([warm(r, path)["pdf"][0] for r in rows[n] if "pdf" in warm(r, path)]), 3)
                              for n in names})
        row("repeated PDF (s)", {n: fmt(med([warm(r, path)["pdf"][-1] for r in rows[n] if "pdf" in warm(r, path)]), 3)
                                 for n in names})
        mb = lambda values: fmt(med(values) / 1e6, 1) if any(v is not None for v in values) else "n/a"  # noqa: E731
        for key, label in (("page", "JS heap, page (MB)"), ("worker", "JS heap, worker (MB)"), ("wasm", "wasm memory (MB)")):
            row(label, {n: mb([warm(r, path)["memory"][key] for r in rows[n]]) for n in rows})

    print(f"\nMedians of {runs} run(s), Debian Chromium, loopback, a fresh persistent profile per page and run;"
          f" --start {start}.\nfloor: a bare Pyodide boot; warm: the same profile after the service worker's offline"
          f" copy; {second_name or '2nd'}: opened in a new tab\nwithin {SECOND_PAGE_WITHIN_S:.0f} s of "
          f"{pair[0] if pair else 'the first page'} being ready (cold profile), compared with the warm floor;"
          " memory after the warm-up.\n")
    print(f"{'':<{WIDTH_NAME}}" + "".join(f"{c:>{WIDTH}}" for c in columns))
    print("-" * (WIDTH_NAME + WIDTH * len(columns)))
    for label, values in table:
        print(f"{label:<{WIDTH_NAME}}" + "".join(f"{values.get(c, ''):>{WIDTH}}" for c in columns))
    print(f"\nPyodide core ({', '.join(CORE_FILES)}): {core_gzip / 1000:.0f} kB gzip 6")
    if pair:
        print(f"{second_name}: opened {fmt(1000 * med([s['gap'] for s in seconds]))} ms (median; slowest"
              f" {fmt(1000 * max(s['gap'] for s in seconds))} ms) after {pair[0]} was ready")

    def line(label: str, target: float, values: dict[str, float], unit: str = "x") -> None:
        cells = "   ".join(f"{n} {fmt(v, 2 if unit == 'x' else 3)} {'✓' if v <= target else '✗'}"
                           for n, v in values.items())
        print(f"  {label:<44}{cells}")

    print("\nTargets (medians; ✓ met, ✗ missed)")
    line(f"ready cold <= {TARGETS['cold']}x floor cold", TARGETS["cold"], {n: ratio(n, "cold") for n in names})
    for path in paths:
        tag = "" if len(paths) == 1 and path == "auto" else f" [{path}]"
        line(f"ready warm{tag} <= {TARGETS['warm']}x floor warm", TARGETS["warm"],
             {n: ratio(n, "warm", path) for n in names})
        if pair and path == paths[0]:
            line(f"2nd page <= {TARGETS['second']}x floor warm", TARGETS["second"],
                 {second_name: med([s["marks"]["python-ready"] / warm(f, path)["marks"]["python-ready"]
                                   for s, f in zip(seconds, floor)])})
        line(f"first PDF{tag} <= {TARGETS['pdf']} s", TARGETS["pdf"],
             {n: med([warm(r, path)["pdf"][0] for r in rows[n] if "pdf" in warm(r, path)]) for n in names}, unit="s")
    line(f"cold gzip bytes <= {TARGETS['gzip']}x Pyodide core gzip", TARGETS["gzip"],
         {n: med([r["bytes_cold"]["page"]["gzip"] for r in rows[n]]) / core_gzip for n in names})

    print("\nWhere the time goes (medians, ms from navigation): the worker starts, the runtime is loaded"
          " (Pyodide's own boot or the snapshot's restore), ready (the forms' wheel mounted)")
    for visit_ in ["cold", *paths]:
        for name, results in rows.items():
            marks_ = [r["cold"] if visit_ == "cold" else warm(r, visit_)["marks"] for r in results]
            start_, runtime, ready = (med([m.get(k) for m in marks_]) for k in ("worker-start", "python-runtime", "python-ready"))
            label = "cold" if visit_ == "cold" else f"warm{'' if visit_ == 'auto' else ' ' + visit_}"
            print(f"  {label:<14} {name:<12} worker {fmt(start_):>6}   runtime {fmt(runtime):>6} ({fmt(runtime - start_):>5}"
                  f" after start)   ready {fmt(ready):>6} ({fmt(ready - runtime):>4} after runtime)")


if __name__ == "__main__":
    main()
