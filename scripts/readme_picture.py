"""Refresh the README's picture of the derivation page (readme/derivation.png).

Builds the site into a temporary folder, serves it on loopback, and takes a screenshot
with Debian's Chromium through Playwright (never a downloaded browser). Usage:

    .venv/bin/python scripts/readme_picture.py
"""
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "readme" / "derivation.png"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_: object) -> None:  # one line per request would bury the result
        pass


def build(site: Path) -> None:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=environment, check=True)


def screenshot(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 960})
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # The first chain at the top, below the sticky header (48 px).
        page.evaluate("document.getElementById('chain-sample-1').scrollIntoView()")
        page.evaluate("window.scrollBy(0, -72)")
        page.wait_for_timeout(600)  # let the header's title transition settle
        page.screenshot(path=str(OUTPUT))
        browser.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        build(Path(folder))
        handler = functools.partial(QuietHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            screenshot(f"http://127.0.0.1:{server.server_port}/derivation/")
        finally:
            server.shutdown()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
