"""Shared fixtures: the article's data file, verified once per session."""
from pathlib import Path

import pytest

from derivations.parts import all_parts
from derivations.files import data_texts
from derivations.verify import FORMULAS_FILE, verify, verify_site

ROOT = Path(__file__).resolve().parents[1]
WORKED_EXAMPLE = next(part for part in all_parts() if part.worked_example)
DATA_FILE = ROOT / "data" / WORKED_EXAMPLE.data_file


@pytest.fixture(scope="session")
def article_text() -> str:
    return DATA_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def verified(article_text):
    """The worked example (the part that declares itself so), verified on its own."""
    return verify(article_text, f"data/{WORKED_EXAMPLE.data_file}", WORKED_EXAMPLE)


@pytest.fixture(scope="session")
def site(article_text):
    """Every part of the series, verified, as the pages are built from it (with every data file)."""
    names = [part.data_file for part in all_parts() if part.data_file] + [FORMULAS_FILE]
    return verify_site(data_texts(names))


SEED = ROOT.parent / "shared" / "seeds" / "000_97646d30e9998b4c.txt"


@pytest.fixture(scope="session")
def article_sentences() -> list:
    """The article's prose lines (not formulas), or a skip where the seed is not at hand."""
    if not SEED.exists():
        pytest.skip(f"the article text is not at {SEED}")
    text = SEED.read_text(encoding="utf-8").split("参考文献")[0]
    return [line.strip() for line in text.splitlines()
            if len(line.strip()) >= 20 and not any(ch in line for ch in "\\$&")]


@pytest.fixture(scope="session")
def browser_available():
    """Skips on a developer machine without Chromium or Playwright; fails under CI=true."""
    from browser_support import current_browser_rule

    decision = current_browser_rule()
    if decision.startswith("skip"):
        pytest.skip(decision[len("skip: "):])
    if decision.startswith("fail"):
        pytest.fail(decision[len("fail: "):], pytrace=False)


@pytest.fixture(scope="session")
def browser(browser_available):
    """Debian's Chromium driven by Playwright, one per session (never a downloaded browser)."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
