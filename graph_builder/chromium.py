"""How the views are opened in a real browser (tests and benchmarks): Debian's
headless Chromium, without the background connections this machine refuses."""

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
