"""Adding a derivation is what the how-to page says: one module and one data file, nothing else.

The page's example (a cross-entropy split into entropy and KL divergence, on a soft label) is
added to a throwaway copy of the project exactly where the page says, and the copy is then
built, checked, and run through the tests that know no part by name.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from project_support import copy_of_the_project

ROOT = Path(__file__).resolve().parents[1]
MODULE, DATA = ROOT / "examples" / "entropy_kl.py", ROOT / "examples" / "entropy-kl.toml"
# Where the page says each file goes, read off the page itself.
PAGES = ["adding.md", "adding.en.md"]
# The tests that list no part and no page by hand: they must pass with the new part as they stand.
PART_INDEPENDENT = ["tests/test_pages.py",
                    "tests/test_cli.py::test_the_committed_pages_are_all_here",
                    "tests/test_cli.py::test_check_on_the_committed_pages_exits_0_and_summarises",
                    "tests/test_cli.py::test_data_replaces_the_data_file_of_any_part_by_its_name",
                    "tests/test_cli.py::test_data_may_be_given_once_for_each_of_several_parts",
                    "tests/test_site.py::test_the_site_builds_strict_into_a_temporary_folder",
                    "tests/test_site.py::test_built_html_references_nothing_outside_the_site",
                    "tests/test_site.py::test_links_to_anchors_such_as_equations_land_on_an_existing_id"]


def _block(page: str, language: str) -> str:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.search(rf"```{language}\n(.*?)```", text, flags=re.S).group(1)


def _destination(page: str, file: Path) -> str:
    """The path the page names for a file: the first `derivations/parts/….py` or `data/….toml`."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    folder = "derivations/parts" if file.suffix == ".py" else "data"
    return re.search(rf"`({folder}/{re.escape(file.name)})`", text).group(1)


@pytest.mark.parametrize("page", PAGES)
def test_the_how_to_page_shows_the_example_module_and_data_file_exactly(page):
    assert _block(page, "python") == MODULE.read_text(encoding="utf-8")
    assert _block(page, "toml") == DATA.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_the_how_to_page_says_where_each_file_goes(page):
    assert _destination(page, MODULE) == "derivations/parts/entropy_kl.py"
    assert _destination(page, DATA) == "data/entropy-kl.toml"


def test_the_example_data_file_has_soft_labels():
    assert re.search(r'^t = \["0\.\d+", "0\.\d+", "0\.\d+"\]$', DATA.read_text(encoding="utf-8"), flags=re.M)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project (with its tests) and the two files put where the page says; nothing else edited."""
    copy = copy_of_the_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(ROOT / "tests", copy / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    for file in (MODULE, DATA):
        shutil.copy(file, copy / _destination("adding.en.md", file))
    return copy


def _run(project: Path, *argv: str, timeout: int = 300) -> subprocess.CompletedProcess:
    # The copy's own package must be the one imported: it comes first on the path.
    environment = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *argv], cwd=project, env=environment, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


@pytest.fixture(scope="module")
def built(project) -> subprocess.CompletedProcess:
    return _run(project, "-m", "derivations", "build")


def test_building_with_the_new_part_writes_its_page_in_both_languages(project, built):
    assert built.returncode == 0, built.stderr
    for page in ("entropy-kl.md", "entropy-kl.en.md"):
        assert f"wrote docs/{page}" in built.stdout
    japanese = (project / "docs" / "entropy-kl.md").read_text(encoding="utf-8")
    assert "エントロピー" in japanese and '<span class="chain-tag">(KL)</span>' in japanese


def test_the_soft_label_is_worked_to_minus_the_sum_of_t_log_y(project, built):
    # −(0.7 ln 0.6 + 0.2 ln 0.3 + 0.1 ln 0.1) = 0.8286310068…, by hand (and by math.log: 0.82863100680).
    english = (project / "docs" / "entropy-kl.en.md").read_text(encoding="utf-8")
    assert r"0.7 \cdot \log 0.6 + 0.2 \cdot \log 0.3 + 0.1 \cdot \log 0.1" in english
    assert r"{} \approx 0.828631\)" in english


def test_the_new_part_joins_the_navigation_the_overview_the_report_and_the_data(project, built):
    assert "  - entropy-kl.md" in (project / "mkdocs.nav.yml").read_text(encoding="utf-8")
    index = (project / "docs" / "index.en.md").read_text(encoding="utf-8")
    assert "(entropy-kl.md)" in index and "- [(KL)](entropy-kl.md#eq-KL)" in index
    assert "{#verify-entropy-kl}" in (project / "docs" / "verification.md").read_text(encoding="utf-8")
    assert "| 0.7 | 0.2 | 0.1 |" in (project / "docs" / "data.en.md").read_text(encoding="utf-8")
    assert "entropy-kl" not in (ROOT / "mkdocs.nav.yml").read_text(encoding="utf-8")  # the real project is untouched


def test_the_copy_imports_its_own_package_with_the_new_part(project):
    done = _run(project, "-c", "import derivations.parts as p; print(p.__file__, [q.slug for q in p.all_parts()])")
    assert done.stdout.startswith(str(project / "derivations")) and "'entropy-kl'" in done.stdout, done.stderr


def test_the_copy_checks_clean(project, built):
    checked = _run(project, "-m", "derivations", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_tests_that_name_no_part_pass_in_the_copy_as_they_stand(project, built):
    done = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PART_INDEPENDENT, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
