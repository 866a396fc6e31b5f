"""The worker's start from the forms' memory snapshot (scripts/build_snapshot.py): used on warm
visits only, and anything wrong with it means a normal boot the user never notices."""

from __future__ import annotations

import json
import pytest

from forms.contracts import attribute
from scripts.site_server import TEST_FILES
from scripts.form_driver import FIXTURES, export, fill, wait_python_ready, wait_until

START = f"document.documentElement.getAttribute({json.dumps(attribute('python_start'))})"


def snapshot_info(site_dir) -> dict:
    return json.loads((site_dir / "pyodide" / "snapshot.json").read_text(encoding="utf-8"))


def exports_a_pdf(page, tmp_path) -> None:
    fill(page, "kutsu", FIXTURES["FULL"]["kutsu"])
    assert export(page, "kutsu", "pdf", tmp_path).read_bytes().startswith(b"%PDF-")


def damaged(kind: str, data: bytes, info: dict) -> tuple[bytes | None, dict]:
    """The snapshot's bytes and snapshot.json as a broken deployment or cache would give them."""
    import hashlib

    if kind == "corrupt":            # one byte changed in the middle of the heap
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:], info
    if kind == "truncated":          # a download cut short
        return data[: len(data) // 2], info
    if kind == "missing":
        return None, info
    if kind == "other_wheels":       # made with another build of the forms
        return data, {**info, "wheels": {name: "0" * 64 for name in info["wheels"]}}
    if kind == "other_runtime":      # intact and listed, but made by another Pyodide build:
        # the header's build id (bytes 16-48) differs, so the runtime itself refuses it.
        other = data[:16] + bytes(32) + data[48:]
        return other, {**info, "sha256": hashlib.sha256(other).hexdigest(), "size": len(other)}
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "missing", "other_wheels", "other_runtime"])
def test_a_bad_snapshot_means_a_normal_boot_and_the_form_exports(page, site_dir, tmp_path, monkeypatch, kind):
    info = snapshot_info(site_dir)
    data, listed = damaged(kind, (site_dir / "pyodide" / info["file"]).read_bytes(), info)
    # Served by the test server in place of the site's files (a missing file: a 404).
    bad = tmp_path / "snapshot.bin"
    if data is not None:
        bad.write_bytes(data)
    (tmp_path / "snapshot.json").write_text(json.dumps(listed), encoding="utf-8")
    monkeypatch.setitem(TEST_FILES, f"/pyodide/{info['file']}", bad)
    monkeypatch.setitem(TEST_FILES, "/pyodide/snapshot.json", tmp_path / "snapshot.json")
    asked = []
    page.context.on("request", lambda request: asked.append(request.url))
    page.goto("lomakkeet/kutsu/?python=snapshot")
    wait_python_ready(page)
    assert [u for u in asked if f"/pyodide/{info['file']}" in u], "the worker never asked for the snapshot"
    assert page.evaluate(START) == "boot"
    exports_a_pdf(page, tmp_path)


def test_an_intact_snapshot_is_restored_and_the_form_exports(page, tmp_path):
    # The control for the test above: the same forced path with nothing changed.
    page.goto("lomakkeet/kutsu/?python=snapshot")
    wait_python_ready(page)
    assert page.evaluate(START) == "snapshot"
    exports_a_pdf(page, tmp_path)


def test_the_first_visit_boots_and_the_next_starts_from_the_offline_copy(page, site_dir):
    info = snapshot_info(site_dir)
    asked = []
    page.context.on("request", lambda request: asked.append(request.url))
    page.goto("lomakkeet/muistio/")
    wait_python_ready(page)
    assert page.evaluate(START) == "boot"
    # A first visit never downloads the 31 MB snapshot before it is ready: only the offline
    # copy fetches it, in the background, last.
    assert not [u for u in asked if f"/pyodide/{info['file']}" in u]
    wait_until(page, "(cached) => document.documentElement.getAttribute(cached) === 'true'", attribute("offline_python"),
               timeout_ms=60_000)
    cached = page.evaluate("async (href) => Boolean(await caches.match(new URL(href, location.href).href))",
                           f"../../pyodide/{info['file']}")
    assert cached, "the offline copy does not hold the snapshot"
    page.reload()
    wait_python_ready(page)
    assert page.evaluate(START) == "snapshot"
    # What the worker marks for `make bench`: the size of the heap it restored.
    heap = [w.evaluate("performance.getEntriesByName('python-memory')[0]?.detail.wasm")
            for w in page.workers if "python-worker" in w.url]
    assert heap and 0 < info["size"] - heap[0] < 65536, heap   # the file is the heap plus a short header
