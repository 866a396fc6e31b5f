"""How the tests, the benchmark and the audit start Debian Chromium (headless, nothing of its own
over the network: no component updates, sync or background requests)."""

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
