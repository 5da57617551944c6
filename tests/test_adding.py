"""Adding a derivation is one module: a throwaway one joins a temporary copy of the site."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from project_support import copy_of_the_project

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "uniform.py"


def _python_block(page: Path) -> str:
    return re.search(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S).group(1)


@pytest.mark.parametrize("page", ["adding.md", "adding.en.md"])
def test_the_how_to_page_shows_the_example_module_exactly(page):
    assert _python_block(ROOT / "docs" / page) == EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with the example module added and nothing else edited."""
    copy = copy_of_the_project(tmp_path_factory.mktemp("project"))
    shutil.copy(EXAMPLE, copy / "derivations" / "parts" / "uniform.py")
    return copy


def _run(project: Path, *argv: str) -> subprocess.CompletedProcess:
    # The copy's own package must be the one imported: it comes first on the path.
    environment = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *argv], cwd=project, env=environment, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def built(project) -> subprocess.CompletedProcess:
    return _run(project, "-m", "derivations", "build")


def test_building_with_the_new_module_writes_its_page_in_both_languages(project, built):
    assert built.returncode == 0, built.stderr
    for page in ("uniform.md", "uniform.en.md"):
        assert (project / "docs" / page).exists()
        assert f"wrote docs/{page}" in built.stdout
    assert "一様な予測の損失" in (project / "docs" / "uniform.md").read_text(encoding="utf-8")


def test_the_new_page_joins_the_navigation_the_overview_and_the_report(project, built):
    assert "  - uniform.md" in (project / "mkdocs.nav.yml").read_text(encoding="utf-8")
    assert "(uniform.md)" in (project / "docs" / "index.md").read_text(encoding="utf-8")
    assert "{#verify-uniform}" in (project / "docs" / "verification.md").read_text(encoding="utf-8")
    assert "uniform" not in (ROOT / "mkdocs.nav.yml").read_text(encoding="utf-8")  # the real project is untouched


def test_the_copy_checks_clean_and_its_site_builds_strict(project, built):
    checked = _run(project, "-m", "derivations", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = _run(project, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site"))
    assert site.returncode == 0, site.stderr
    assert (project / "site" / "uniform" / "index.html").exists()
    assert (project / "site" / "en" / "uniform" / "index.html").exists()
