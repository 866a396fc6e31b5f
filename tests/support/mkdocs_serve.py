"""`mkdocs serve` (what `make serve` and an editor's preview run) on a free loopback port, for the
tests that check what it serves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from tests.support.sitebuild import ROOT


@contextmanager
def mkdocs_serve(*args: str, drop_env: tuple[str, ...] = ()):
    """Yields a function that reads a path of the served site once the server answers; its
    `base` is the served address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in drop_env:
        env.pop(name, None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *args, "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def read(path: str, timeout_s: float = 120) -> str:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path.lstrip('/')}", timeout=5) as r:
                    return r.read().decode("utf-8")
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not answer"
                assert server.poll() is None, "mkdocs serve stopped"
                time.sleep(0.5)

    read.base = f"http://127.0.0.1:{port}/"
    try:
        yield read
    finally:
        server.terminate()
        server.wait(timeout=30)
