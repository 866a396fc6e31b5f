"""Speed of the form pages, measured in Debian Chromium (`make bench`). Prints a table; asserts nothing.

For each form page and for a bare page that only boots the same Pyodide in a worker (the floor):
navigation -> form interactive and -> Python ready ("exports can run"), cold (a fresh persistent
profile) and warm (the same profile, HTTP cache filled); click -> download of the first and of a
repeated PDF; bytes transferred. Handbook pages are checked to load no Pyodide byte at all.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.browser.formdriver import FIXTURES, fill, wait_until  # noqa: E402
from tests.sitebuild import TEST_FILES, StaticServer  # noqa: E402

BENCH_DIR = Path(__file__).with_name("bench")
def _pages() -> dict[str, str]:
    """The floor, then every form page in every site language ("kutsu" is Finnish, the root;
    "kutsu (sv)" the Swedish page at /sv/)."""
    from forms import FORM_IDS
    from forms.language import site_languages

    pages = {"floor (bare Pyodide)": "__bench__/bare.html"}
    for i, code in enumerate(site_languages()):
        for form_id in FORM_IDS:
            pages[form_id if i == 0 else f"{form_id} ({code})"] = f"{'' if i == 0 else code + '/'}lomakkeet/{form_id}/"
    return pages


PAGES = _pages()
HANDBOOK_PAGES = ["", "kulku/", "kokouksessa/", "liitteet/"]
READY_TIMEOUT_MS = 120_000
SETTLE_S = 1.5


MARKS_JS = """names => [performance.timeOrigin, Object.fromEntries(performance.getEntriesByType('mark')
    .filter(m => names.includes(m.name)).map(m => [m.name, m.startTime]))]"""


def marks(page) -> dict[str, float]:
    """The page's marks, and the Python worker's (worker-start, python-runtime) on the page's clock."""
    wait_until(page, "() => document.documentElement.dataset.python === 'ready'", timeout_ms=READY_TIMEOUT_MS)
    origin, found = page.evaluate(MARKS_JS, ["form-interactive", "python-ready"])
    for worker in page.workers:
        if "python-worker" in worker.url or "bare-worker" in worker.url:
            worker_origin, worker_marks = worker.evaluate(MARKS_JS, ["worker-start", "python-runtime"])
            found.update({k: v + worker_origin - origin for k, v in worker_marks.items()})
    return found


class Bytes:
    """Bytes over the wire (encoded body + headers) of every request of a context, workers included.
    Sizes are asked for only after the measured part of a visit (each ask is a round trip to the
    browser, which would otherwise load the machine while the page boots)."""

    def __init__(self, context):
        self.requests: list = []
        self.urls: list[str] = []
        context.on("requestfinished", self._add)

    def _add(self, request) -> None:
        self.requests.append(request)
        self.urls.append(request.url)

    def total(self) -> int:
        """Bytes of the requests finished so far; counting starts again from zero."""
        total = 0
        for request in self.requests:
            try:
                sizes = request.sizes()
            except Exception:  # noqa: BLE001 (a request torn down with its page)
                continue
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.requests.clear()
        return total


def visit(playwright, url: str, profile: Path, warm_too: bool) -> dict:
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True,
        accept_downloads=True)
    result = {}
    try:
        counter = Bytes(context)
        page = context.new_page()
        # A browser just started on a new profile is still creating its databases and processes:
        # let it settle, so the visit measures the page and not the browser's own start-up.
        time.sleep(SETTLE_S)
        page.goto(url)
        result["cold"] = marks(page)
        if "/lomakkeet/" in url:
            # Warm means caches filled: let the service worker finish keeping the Python bundle
            # for offline use (it starts after "ready"), as it would while the user types.
            wait_until(page, "() => document.documentElement.dataset.offlinePython === 'true'",
                       timeout_ms=READY_TIMEOUT_MS)
        result["bytes_cold"] = counter.total()
        page.close()
        if warm_too:
            page = context.new_page()
            page.goto(url)
            result["warm"] = marks(page)
            result["bytes_warm"] = counter.total()
            form_id = url.rstrip("/").rsplit("/", 1)[-1]
            if form_id in FIXTURES["FULL"]:
                fill(page, form_id, FIXTURES["FULL"][form_id])
                # The worker warms the PDF stack after ready while the user types; a user takes
                # far longer to fill a form than the warm-up, so the click comes after it.
                wait_until(page, "() => document.documentElement.dataset.pythonWarm === 'true'",
                           timeout_ms=READY_TIMEOUT_MS)
                result["warm_done"] = page.evaluate(
                    "performance.getEntriesByName('python-warm')[0]?.startTime ?? NaN")
                result["pdf"] = [pdf_click_to_download(page, form_id) for _ in range(3)]
            page.close()
    finally:
        context.close()
    return result


def pdf_click_to_download(page, form_id: str) -> float:
    button = page.locator(f'form[data-form="{form_id}"] button[data-export="pdf"]')
    start = time.perf_counter()
    with page.expect_download(timeout=READY_TIMEOUT_MS) as info:
        button.click()
    info.value.path()
    return time.perf_counter() - start


def handbook_pyodide_bytes(playwright, base: str) -> tuple[int, list[str]]:
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
        counter = Bytes(context)
        page = context.new_page()
        for path in HANDBOOK_PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        context.close()
    python_urls = [u for u in counter.urls if "/pyodide/" in u or "python-" in u]
    return len(python_urls), python_urls


SHARED_KEYS = "Aino kertoi omin sanoin, mitä toivoo."


def shared_screen_delays(playwright, base: str) -> list[float]:
    """The chair's view and the room's shared screen, two windows of one browser: for each key
    typed into the memo, the time until the text is on the shared screen (the screen measures it
    from the key event's time stamp: meeting-screen.mjs, shared-view.mjs)."""
    browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "lomakkeet/kokous/")
    wait_until(page, "() => document.querySelector('[data-meeting]')?.dataset.meetingReady === 'true'")
    with context.expect_page() as opened:
        page.click("[data-shared-screen]")
    shared = opened.value
    wait_until(shared, "() => document.documentElement.dataset.sharedReady === 'true'")
    field = page.locator("#muistio-positives")
    delays = []
    for i, key in enumerate(SHARED_KEYS):
        field.press_sequentially(key)  # a real key event per character (ä too)
        wait_until(shared, "n => (document.querySelector('[data-shared-memo] dd')?.textContent.length ?? 0) >= n",
                   len(SHARED_KEYS[: i + 1].strip()))
        delays.append(float(shared.evaluate("document.documentElement.dataset.sharedDelay")))
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
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True)
        page = context.new_page()
        page.goto(base + "lomakkeet/yhteenveto/")
        wait_until(page, "() => document.documentElement.dataset.python === 'ready'", timeout_ms=READY_TIMEOUT_MS)
        wait_until(page, "() => document.querySelector('[data-coordinator]')?.dataset.summaryReady === 'true'")
        page.wait_for_timeout(3000)  # the warm-up after ready is done: measure the summary alone
        page.set_input_files("[data-summary-files]", paths)
        wait_until(page, "() => document.querySelector('[data-feedback-summary]') !== null", timeout_ms=READY_TIMEOUT_MS)
        shown, reading = page.evaluate("""() => [performance.measure('summary', 'summary-files-chosen', 'summary-shown').duration,
            performance.measure('reading', 'summary-files-chosen', 'summary-files-read').duration]""")
        respondents = page.locator("[data-feedback-summary] .summary-total").inner_text()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "offline.json").is_file():
        sys.exit(f"{site} has no Pyodide: run `make build` first")
    TEST_FILES.update({f"/__bench__/{p.name}": p for p in BENCH_DIR.iterdir()})
    runtime = json.loads((site / "offline.json").read_text(encoding="utf-8"))["runtime"].split("/")[1]
    PAGES["floor (bare Pyodide)"] += f"?runtime={runtime}"
    server = StaticServer(site)
    rows = {name: [] for name in PAGES}
    try:
        with sync_playwright() as pw:
            for run in range(args.runs):
                for name, path in PAGES.items():
                    with tempfile.TemporaryDirectory() as profile:
                        rows[name].append(visit(pw, server.url + path, Path(profile), warm_too=True))
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
            handbook_count, handbook_urls = handbook_pyodide_bytes(pw, server.url)
            delays = shared_screen_delays(pw, server.url)
            scale = feedback_scale(pw, server.url)
    finally:
        server.stop()
    report(rows, args.runs, handbook_count, handbook_urls)
    print(f"\nShared screen (the chair's view and the room's window, one browser): key press -> text on the"
          f" room's screen,\n  median {med(delays):.1f} ms, slowest {max(delays):.1f} ms over {len(delays)} keys"
          " (target under 200 ms)")
    print(f"\nFeedback summary of {SCALE_FILES * SCALE_PER_FILE} answers in {SCALE_FILES} files: files chosen -> summary"
          f" shown {scale['ms'] / 1000:.2f} s, of which reading the files {scale['reading_ms'] / 1000:.2f} s (target under 3 s;"
          f" {scale['respondents']}); page JS heap"
          f" {scale['js_heap'] / 1e6:.0f} MB, the browser's resident memory {scale['rss'] / 1e6:.0f} MB")


def med(values) -> float:
    return statistics.median(values) if values else float("nan")


def report(rows: dict, runs: int, handbook_count: int, handbook_urls: list[str]) -> None:
    floor = rows["floor (bare Pyodide)"]
    floor_cold = med([r["cold"]["python-ready"] for r in floor])
    floor_warm = med([r["warm"]["python-ready"] for r in floor])
    print(f"\nMedians of {runs} runs, Debian Chromium, loopback, fresh persistent profile per run (ms)\n")
    header = (f"{'page':<22}{'interactive':>12}{'ready cold':>12}{'x floor':>9}{'interactive':>12}"
              f"{'ready warm':>12}{'x floor':>9}{'1st PDF':>9}{'2nd PDF':>9}{'kB cold':>9}{'kB warm':>9}")
    print(header)
    print(f"{'':<22}{'(cold)':>12}{'':>21}{'(warm)':>12}{'':>21}{'(s)':>9}{'(s)':>9}")
    print("-" * len(header))
    for name, results in rows.items():
        cold_ready = med([r["cold"]["python-ready"] for r in results])
        warm_ready = med([r["warm"]["python-ready"] for r in results])
        pdf1 = med([r["pdf"][0] for r in results if "pdf" in r])
        pdf2 = med([r["pdf"][-1] for r in results if "pdf" in r])
        print(f"{name:<22}{med([r['cold']['form-interactive'] for r in results]):>12.0f}{cold_ready:>12.0f}"
              f"{cold_ready / floor_cold:>9.2f}{med([r['warm']['form-interactive'] for r in results]):>12.0f}"
              f"{warm_ready:>12.0f}{warm_ready / floor_warm:>9.2f}{pdf1:>9.3f}{pdf2:>9.3f}"
              f"{med([r['bytes_cold'] for r in results]) / 1000:>9.0f}{med([r['bytes_warm'] for r in results]) / 1000:>9.0f}")
    print("\nReady vs the floor, run by run (each run visits the floor and the form pages in turn, so a slow"
          " spell of this machine\nslows both): median of the per-run ratios, and the middle half of them")
    for visit in ("cold", "warm"):
        for name, results in rows.items():
            if results is floor:
                continue
            ratios = sorted(r[visit]["python-ready"] / f[visit]["python-ready"] for r, f in zip(results, floor))
            low, _, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else (ratios[0],) * 3
            print(f"  {visit} {name:<22} x {med(ratios):.2f}   (middle half {low:.2f}-{high:.2f})")
    print("\nWhere the time goes (medians, ms from navigation): the worker starts, the runtime is loaded"
          " (Pyodide's own boot), ready (the forms' wheel mounted; their modules are imported right after, while the export libraries download)")
    for visit in ("cold", "warm"):
        for name, results in rows.items():
            marks_ = [r[visit] for r in results]
            start, runtime, ready = (med([m[k] for m in marks_ if k in m])
                                     for k in ("worker-start", "python-runtime", "python-ready"))
            print(f"  {visit} {name:<22} worker {start:6.0f}   runtime {runtime:6.0f} ({runtime - start:5.0f} after"
                  f" start)   ready {ready:6.0f} ({ready - runtime:4.0f} after runtime)")
    print(f"\nHandbook pages {', '.join(p or '/' for p in HANDBOOK_PAGES)}: {handbook_count} Pyodide/worker requests"
          + (f" {handbook_urls}" if handbook_urls else ""))
    print("Targets: ready within 1.10x the floor (cold and warm); first PDF within 0.3 s of the click; "
          "no Pyodide byte on handbook pages.")


if __name__ == "__main__":
    main()
