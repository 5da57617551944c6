"""Live preview: under `mkdocs serve`, editing the data or the code regenerates the page and the
browser reloads.

Runs `mkdocs serve` on a temporary copy of the project (so the real files are never edited),
opens a page in Debian's Chromium, edits the copy's data file, then its English prose (code:
a module the generator imports), and each time waits for the page to show the new text after
a reload that nobody asked for. Skips like the browser tests.
"""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from project_support import copy_of_the_project

ROOT = Path(__file__).resolve().parents[1]
OLD, NEW = "1件目の式の最終行", "1件目の式の最終行（ライブ確認）"
PROSE_OLD, PROSE_NEW = '"title.errata": "Errata"', '"title.errata": "Errata, live"'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(browser_available, tmp_path_factory):
    project = copy_of_the_project(tmp_path_factory.mktemp("live"))
    port = _free_port()
    environment = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    # mkdocs serve logs every rebuild: a file, not a pipe that could fill up and stall it.
    log = project / "serve.log"
    with log.open("w", encoding="utf-8") as stream:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=environment, stdout=stream, stderr=stream)
        try:
            _wait_for_port(port, server, log)
            yield project, f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for_port(port: int, server: subprocess.Popen, log: Path, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited: {log.read_text(encoding='utf-8')}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    pytest.fail("mkdocs serve did not start listening")


def _edit_and_wait_for(page, path: Path, old: str, new: str, shown: str) -> None:
    """Edit the file, then wait until the open page has reloaded by itself and shows `shown`."""
    page.evaluate("window.__notReloaded = true")
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the test's edit does not apply to {path}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # Mid-reload there is no body yet: the predicate must not throw then.
    page.wait_for_function(f"document.body !== null && document.body.innerText.includes({shown!r})",
                           timeout=90_000)
    assert page.evaluate("window.__notReloaded === undefined")  # a real reload, not a patch


def test_editing_the_data_regenerates_the_page_and_the_browser_reloads_by_itself(served, browser):
    project, address = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{address}/errata/")
    assert OLD in page.inner_text("body") and NEW not in page.inner_text("body")
    _edit_and_wait_for(page, project / "data" / "part5.toml", OLD, NEW, NEW)
    context.close()
    assert NEW in (project / "docs" / "errata.md").read_text(encoding="utf-8")


def test_editing_the_code_regenerates_the_page_too(served, browser):
    # An edit to a module the generator imports: it must not be served from a stale import.
    project, address = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{address}/en/errata/")
    assert "Errata, live" not in page.inner_text("body")
    _edit_and_wait_for(page, project / "derivations" / "prose" / "en.py", PROSE_OLD, PROSE_NEW, "Errata, live")
    context.close()
    assert "# Errata, live\n" in (project / "docs" / "errata.en.md").read_text(encoding="utf-8")
