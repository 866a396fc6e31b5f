"""Lighthouse 12.2.3 (pinned in package.json) on the built site (`make audit`). Prints scores; a
report target, not a test. Reports (HTML and JSON) go to build/lighthouse/.

The site is served on 127.0.0.1 by nginx with the shipped snippet (build/deploy/nginx.conf:
compression, CSP headers, caching), as a deployment would serve it. Lighthouse's time-to-interactive cannot see the Python worker; the form pages mark
readiness with performance.mark("python-ready"), printed beside the scores.

Lighthouse now and then fails on its own trace (NO_NAVSTART was seen on the kutsu page, NO_FCP
is its kin): it then writes a report whose `runtimeError` holds the code and exits non-zero. Such
a page is run once more, and the retry is printed; any other failure stops the audit.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"etusivu": "", "kutsu": "lomakkeet/kutsu/", "muistio": "lomakkeet/muistio/", "palaute": "lomakkeet/palaute/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def retry_reason(returncode: int, report: dict | None) -> str | None:
    """Why a Lighthouse run is worth one more try, or None. Lighthouse's own trace errors
    (NO_NAVSTART, NO_FCP, ...) land in the report's `runtimeError` with a NO_* code and make the
    CLI exit non-zero after writing the report; a non-zero exit without a readable report is
    retried too. A clean report is kept, whatever its scores."""
    error = (report or {}).get("runtimeError") or {}
    code = error.get("code") if isinstance(error, dict) else None
    if code:
        return f"runtimeError {code}"
    if returncode != 0:
        return f"exit code {returncode}" + ("" if report is not None else ", no report")
    if report is None:
        return "no report"
    return None


def run_once(url: str, out: Path, preset: str) -> tuple[int, dict | None]:
    from scripts.chromium import CHROMIUM_ARGS

    flags = " ".join(a for a in CHROMIUM_ARGS if a != "--headless") + " --headless=new"
    cmd = [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", f"--chrome-flags={flags}",
           f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output=html",
           f"--output-path={out}", "--max-wait-for-load=60000"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    report_path = out.with_suffix(".report.json")
    report_path.unlink(missing_ok=True)  # never read the last audit's report as this one's
    returncode = subprocess.run(cmd, env=env, cwd=ROOT).returncode
    try:
        return returncode, json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return returncode, None


def run(url: str, out: Path, preset: str, name: str) -> dict:
    """One page's report; a run that fails on Lighthouse's own trace error is run once more."""
    returncode, report = run_once(url, out, preset)
    reason = retry_reason(returncode, report)
    if reason:
        print(f"{name}: Lighthouse failed ({reason}); retrying once", file=sys.stderr, flush=True)
        returncode, report = run_once(url, out, preset)
        reason = retry_reason(returncode, report)
        if reason:
            sys.exit(f"{name}: Lighthouse failed again ({reason}); see {out}.report.*")
        print(f"{name}: the retry succeeded", file=sys.stderr, flush=True)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    args = parser.parse_args()
    from scripts.nginx_server import NginxServer

    out_dir = ROOT / "build" / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    server = NginxServer(Path(args.site), out_dir / "nginx")
    rows = []
    try:
        for name, path in TARGETS.items():
            report = run(server.url + path, out_dir / f"{name}-{args.preset}", args.preset, name)
            scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
            failed = [a["id"] for a in report["audits"].values()
                      if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
            rows.append((name, scores, failed))
    finally:
        server.stop()
    print(f"\nLighthouse 12.2.3, {args.preset}, Debian Chromium, loopback\n")
    print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, scores, failed in rows:
        print(f"{name:<10}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
        if failed:
            print(f"{'':<10}failed audits: {', '.join(failed)}")
    print(f"\nReports: {out_dir}/")


if __name__ == "__main__":
    main()
