"""Lighthouse 12.2.3 (pinned in package.json) on the built site (`make audit`). Prints scores; a
report target, not a test. Reports (HTML and JSON) go to build/lighthouse/.

The site is served on 127.0.0.1 by nginx with the shipped snippet (build/deploy/nginx.conf:
compression, CSP headers, caching), as a deployment would serve it. Lighthouse's time-to-interactive cannot see the Python worker; the form pages mark
readiness with performance.mark("python-ready"), printed beside the scores.
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

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.nginx import NginxServer  # noqa: E402

TARGETS = {"etusivu": "", "kutsu": "lomakkeet/kutsu/", "muistio": "lomakkeet/muistio/", "palaute": "lomakkeet/palaute/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def run(url: str, out: Path, preset: str) -> dict:
    flags = " ".join(a for a in CHROMIUM_ARGS if a != "--headless") + " --headless=new"
    cmd = [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", f"--chrome-flags={flags}",
           f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output=html",
           f"--output-path={out}", "--max-wait-for-load=60000"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    return json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    args = parser.parse_args()
    out_dir = ROOT / "build" / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    server = NginxServer(Path(args.site), out_dir / "nginx")
    rows = []
    try:
        for name, path in TARGETS.items():
            report = run(server.url + path, out_dir / f"{name}-{args.preset}", args.preset)
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
