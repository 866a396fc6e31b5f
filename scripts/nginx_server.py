"""nginx serving a built site with the shipped snippet (build/deploy/nginx.conf), as deployed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "build" / "deploy" / "nginx.conf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NginxServer:
    def __init__(self, site: Path, work: Path):
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("nginx is not installed (make test installs nginx-light as root)")
        if not SNIPPET.is_file():
            raise RuntimeError(f"{SNIPPET} is made by `make build`")
        work.mkdir(parents=True, exist_ok=True)
        work.chmod(0o777)
        port = _free_port()
        # As root, nginx's workers would run as "nobody" and might not read a private tmp dir.
        user = "user root;" if os.geteuid() == 0 else ""
        temp = "\n".join(f"    {k}_temp_path {work}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = work / "nginx.conf"
        conf.write_text(f"""{user}
daemon off;
pid {work}/nginx.pid;
error_log stderr warn;
events {{}}
http {{
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{port};
        root {Path(site).resolve()};
        include {SNIPPET};
    }}
}}
""", encoding="utf-8")
        self.process = subprocess.Popen([binary, "-c", str(conf), "-p", str(work)], stderr=subprocess.PIPE, text=True)
        self.url = f"http://127.0.0.1:{port}/"
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url, timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"nginx did not start: {self.process.stderr.read()}") from None
                time.sleep(0.05)
        raise RuntimeError("nginx did not answer")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
