"""Shared fixtures: the article's data file, verified once per session; for the browser tests,
one Chromium and one built, served site per session (every browser test module uses them: a
site build costs seconds, and Playwright's sync API allows one browser per process). Under
pytest-xdist (`./dev test`) a session is a worker: each runs these once, if its tests need them."""
import importlib.util
import os
from pathlib import Path

import pytest

from derivations.parts import all_parts
from derivations.files import DOCS_DIR, data_texts, read_computed
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
    computed = [computed for part in all_parts() for computed in part.computed]
    return verify_site(data_texts(names), committed=read_computed(DOCS_DIR, computed))


SEED = ROOT.parent / "shared" / "seeds" / "000_97646d30e9998b4c.txt"


@pytest.fixture(scope="session")
def article_sentences() -> list:
    """The article's prose lines (not formulas), or a skip where the seed is not at hand."""
    if not SEED.exists():
        pytest.skip(f"the article text is not at {SEED}")
    text = SEED.read_text(encoding="utf-8").split("参考文献")[0]
    return [line.strip() for line in text.splitlines()
            if len(line.strip()) >= 20 and not any(ch in line for ch in "\\$&")]


TORCH_HINT = "pip install -e '.[test]' (it pins torch==2.13.0, the CPU build)"


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the oracle of the parts past the series, or a skip that says how to install it;
    under CI=true a failure instead. Imported here only: building and checking never need it."""
    from browser_support import is_ci

    if importlib.util.find_spec("torch") is None:
        if is_ci(os.environ.get("CI")):
            pytest.fail(f"CI=true, so the PyTorch oracle must run, but torch is not installed: {TORCH_HINT}",
                        pytrace=False)
        pytest.skip(f"the PyTorch oracle needs torch: {TORCH_HINT}")
    import torch as module
    return module


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


@pytest.fixture(scope="session")
def server(browser_available, tmp_path_factory):
    """The site, built once per session for and served at http://127.0.0.1:<free port>/ (so that
    navigation.instant is active: see browser_support.build_site). Tests only read it."""
    from browser_support import SiteServer, build_site

    site = tmp_path_factory.mktemp("browser-site")
    server = SiteServer(site)   # binds the port first: the build needs the address
    try:
        result = build_site(site, server.base_url)
        assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pages(server) -> list:
    """Every page of the session's built site, both languages."""
    from browser_support import site_pages

    return site_pages(server.folder)


@pytest.fixture
def new_context(browser):
    """Opens the test's browser contexts (desktop size unless told); closed after the test."""
    from browser_support import DESKTOP, browser_context

    contexts = []

    def make(viewport=DESKTOP):
        contexts.append(browser_context(browser, viewport))
        return contexts[-1]
    yield make
    for context in contexts:
        context.close()


# --- the order pytest-xdist hands out modules -----------------------------------------------

# The modules that take longest, longest first (measured on 2 cores). `./dev test` gives each
# worker whole modules, in the order collected, a new one as the last runs out; a long module
# handed out late is left running on one core while the other idles. Handed out first, the
# long ones overlap with each other and the many short ones fill in around them.
LONGEST_FIRST = ("test_page_checks.py", "test_page_checks_en.py", "test_browser.py", "test_adding.py",
                 "test_reading.py", "test_chains_on_a_phone.py", "test_benchmarks.py",
                 "test_cli.py", "test_live_preview.py", "test_calculator_browser.py")


def pytest_configure(config):
    # pytest-xdist would otherwise reorder the modules by their number of tests, not their time.
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items):
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))   # stable: each module keeps its order
