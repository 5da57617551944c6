"""The command line, run in-process (`main(argv) -> int`) on copies in a temporary folder.

Every test points `--data` and `--docs` into tmp_path, so the committed data file and pages
are never touched.
"""
import dataclasses
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import mpmath
import pytest
import sympy

from derivations import calculator
from derivations.parts import all_parts, part5
from derivations.cli import main
from derivations.pages import SITE_PAGES
from derivations.pages import WRITTEN_BY_HAND as HAND_WRITTEN
from derivations.numbers import PrintedNumber

ROOT = Path(__file__).resolve().parents[1]
# The pages name the data file they were built from (relative to the project root where it
# lies inside it), so comparisons with the committed pages read the committed data file
# itself; check only reads it. Tests that edit the data or build use a copy in tmp_path.
COMMITTED_DATA = ROOT / "data" / "part5.toml"
# Every part's page and the site's own pages, in both languages; nothing listed by hand.
PAGE_NAMES = ["index", *(part.slug for part in all_parts()), *SITE_PAGES]
WRITTEN_BY_HAND = [f"{name}{suffix}.md" for name in HAND_WRITTEN for suffix in ("", ".en")]  # not generated
# Japanese pages are name.md, English ones name.en.md (mkdocs-static-i18n's suffix layout).
PAGES = sorted([f"{name}.md" for name in PAGE_NAMES] + [f"{name}.en.md" for name in PAGE_NAMES])
# The pictures and their manifest (fingerprints), generated beside the pages: whatever is committed.
FIGURES = sorted(path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs" / "figures").iterdir())
# The files parts compute beside their pages (Derivation.generated): whatever is committed.
COMPUTED = sorted(path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs" / "computed").iterdir())
# The calculator's module, printed from the formulas like the pages (derivations/calculator.py).
GENERATED = sorted(PAGES + FIGURES + COMPUTED + [calculator.SCRIPT])
EXIT_OK, EXIT_STALE, EXIT_USAGE, EXIT_STEP, EXIT_VERDICT, EXIT_DATA = 0, 1, 2, 3, 4, 5


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data" / "part5.toml"
    target.parent.mkdir()
    shutil.copyfile(ROOT / "data" / "part5.toml", target)
    return target


@pytest.fixture
def docs(tmp_path) -> Path:
    """A copy of the committed generated files (docs/*.md and docs/figures/)."""
    target = tmp_path / "docs"
    (target / "figures").mkdir(parents=True)
    (target / calculator.SCRIPT).parent.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "docs" / name, target / name)
    return target


@pytest.fixture
def empty_docs(tmp_path) -> Path:
    target = tmp_path / "empty-docs"
    target.mkdir()
    return target


def _run(*argv) -> int:
    return main([str(arg) for arg in argv])


def _snapshot(folder: Path) -> dict:
    """Every file in the folder (hidden ones too) with its bytes and modification time."""
    return {path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the test's edit does not apply: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_committed_pages_are_all_here():
    assert sorted(p.name for p in (ROOT / "docs").glob("*.md")) == sorted(PAGES + WRITTEN_BY_HAND)


# --- check ----------------------------------------------------------------------------------------


def test_check_on_the_committed_pages_exits_0_and_summarises(docs, capsys):
    assert _run("check", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_OK
    out, err = capsys.readouterr()
    assert err == ""
    assert "7 claims and 10 printed formulas judged" in out
    generated = len(GENERATED) - 1 + 1  # the pictures' manifest is not counted; the generated nav is
    assert f"{generated}/{generated} pages and pictures up to date" in out


def test_check_writes_nothing(data, docs):
    before = _snapshot(docs)
    _run("check", "--data", data, "--docs", docs)
    assert _snapshot(docs) == before


def test_check_after_editing_a_page_exits_1_with_a_unified_diff_and_the_fix_command(docs, capsys):
    page = docs / "errata.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "a line someone added by hand\n", encoding="utf-8")
    assert _run("check", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_STALE
    out, err = capsys.readouterr()
    assert f"--- {page} (committed)" in out
    assert f"+++ {page} (generated)" in out
    assert "\n@@ " in out
    assert "\n-a line someone added by hand\n" in out
    assert "python -m derivations build" in out + err
    assert "1 page(s) stale" in err
    assert page.read_text(encoding="utf-8") == text + "a line someone added by hand\n"  # check fixes nothing


def test_check_in_one_process_says_what_check_on_every_core_says(docs, capsys):
    assert _run("check", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_OK
    shared = capsys.readouterr()
    assert _run("check", "--data", COMMITTED_DATA, "--docs", docs, "--jobs", "1") == EXIT_OK
    assert capsys.readouterr() == shared


def test_importing_the_command_line_starts_no_thread_so_check_can_share_its_checks():
    # A module that imports numpy at start-up would: its OpenBLAS starts a thread per further
    # core, and a process with a second thread never forks (workers.can_fork), so check would
    # run on one core whatever the machine.
    code = "import sys, derivations.cli; from derivations import workers; sys.exit(0 if workers.can_fork() else 1)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=300).returncode == 0


def test_check_never_imports_numpy_or_torch():
    # numpy costs check about 48 ms and starts OpenBLAS threads (see above); part 8's floats are
    # numpy's, kept in docs/computed/; torch is the tests' oracle only.
    code = ("import sys, runpy; sys.argv = ['derivations', 'check', '--jobs', '1'];\n"
            "try:\n    runpy.run_module('derivations', run_name='__main__')\n"
            "except SystemExit as end:\n    assert end.code in (0, 1), end.code\n"
            "assert 'numpy' not in sys.modules and 'torch' not in sys.modules, 'numpy or torch was imported'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_command_exits_with_main_s_code_and_all_of_its_output(docs):
    # `python -m derivations` leaves through os._exit (no teardown): the code and every line
    # printed before it must still come out.
    (docs / "errata.md").write_text("stale\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "derivations", "check", "--data", str(COMMITTED_DATA),
                           "--docs", str(docs)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == EXIT_STALE
    assert "\n-stale\n" in done.stdout and done.stdout.endswith("pages and pictures up to date\n")
    assert "1 page(s) stale; fix with: python -m derivations build\n" in done.stderr


def test_check_reports_a_missing_page_as_stale(docs, capsys):
    (docs / "data.en.md").unlink()
    assert _run("check", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_STALE
    out, _ = capsys.readouterr()
    assert "data.en.md (generated)" in out


def test_pages_built_from_a_copy_of_the_data_name_that_copy_and_differ_only_there(data, docs, capsys):
    assert _run("check", "--data", data, "--docs", docs) == EXIT_STALE
    out, _ = capsys.readouterr()
    assert f"{docs / 'data.md'} (generated)" in out and f"{docs / 'data.en.md'} (generated)" in out
    assert f"+- データファイル：`{data}`" in out
    assert "index.md (generated)" not in out and "errata.md (generated)" not in out


# --- build ----------------------------------------------------------------------------------------


def test_build_into_an_empty_folder_writes_every_page_in_both_languages(data, empty_docs, capsys):
    assert _run("build", "--data", data, "--docs", empty_docs) == EXIT_OK
    out, _ = capsys.readouterr()
    assert _generated_in(empty_docs) == GENERATED
    wrote = sorted(line for line in out.splitlines() if line.startswith("wrote "))
    assert wrote == sorted(f"wrote {empty_docs / name}" for name in GENERATED)


def _generated_in(folder: Path) -> list:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_build_into_an_empty_folder_reproduces_the_committed_pages(empty_docs):
    _run("build", "--data", COMMITTED_DATA, "--docs", empty_docs)
    for name in GENERATED:
        assert (empty_docs / name).read_bytes() == (ROOT / "docs" / name).read_bytes(), name


def test_a_second_build_writes_nothing(data, empty_docs, capsys):
    _run("build", "--data", data, "--docs", empty_docs)
    capsys.readouterr()
    before = _snapshot(empty_docs)
    assert _run("build", "--data", data, "--docs", empty_docs) == EXIT_OK
    out, _ = capsys.readouterr()
    assert "wrote" not in out
    assert _snapshot(empty_docs) == before


def test_build_rewrites_only_the_page_that_changed(docs, capsys):
    edited = docs / "index.en.md"
    edited.write_text("stale\n", encoding="utf-8")
    before = _snapshot(docs)
    assert _run("build", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_OK
    out, _ = capsys.readouterr()
    assert out.splitlines() == [f"wrote {edited}"]
    after = _snapshot(docs)
    assert {name for name in after if after[name] != before[name]} == {"index.en.md"}
    assert edited.read_bytes() == (ROOT / "docs" / "index.en.md").read_bytes()


# --- invalid data: exit 5, nothing written --------------------------------------------------------

# tomllib reports a "[source" header without its "]" at the end of that line: column 8.
SOURCE_LINE = (ROOT / "data" / "part5.toml").read_text(encoding="utf-8").splitlines().index("[source]") + 1
BAD_DATA = {
    # name: (old text, new text, what the message must contain)
    "malformed TOML": ("[source]", "[source", ["not valid TOML", f"line {SOURCE_LINE}, column 8"]),
    "y out of range": ('y = ["0.30", "0.36", "0.34"]', 'y = ["0", "0.36", "0.34"]',
                       ["row 2", "column 1 (イヌ)", "outside (0, 1]"]),
    "y above one": ('y = ["0.37", "0.31", "0.32"]', 'y = ["0.37", "1.2", "0.32"]',
                    ["row 3", "column 2 (キツネ)", "outside (0, 1]"]),
    "unquoted float y": ('y = ["0.33", "0.32", "0.35"]', 'y = [0.33, "0.32", "0.35"]',
                         ["row 1", "column 1 (イヌ)", "quoted decimal"]),
    "not one-hot": ("t = [0, 0, 1]", "t = [0, 1, 1]", ["row 3", "not one-hot"]),
    "label of two": ("t = [0, 0, 1]", "t = [0, 0, 2]", ["row 3", "column 3 (オオカミ)", "not 0 or 1"]),
    "row sum": ('y = ["0.34", "0.33", "0.33"]', 'y = ["0.34", "0.33", "0.43"]', ["row 4", "y sums to 1.1"]),
    "shape": ("t = [1, 0, 0]", "t = [1, 0]", ["row 1", "t has 2 entries but there are 3 classes"]),
    "bad claim": ('kind = "number"', 'kind = "value"', ["(E1)", "kind must be number or name"]),
}


@pytest.mark.parametrize("kind", BAD_DATA)
def test_check_on_invalid_data_exits_5_naming_file_row_and_column(data, docs, capsys, kind):
    old, new, expected = BAD_DATA[kind]
    _edit(data, old, new)
    assert _run("check", "--data", data, "--docs", docs) == EXIT_DATA
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"error: {data}")
    for part in expected:
        assert part in err


@pytest.mark.parametrize("kind", BAD_DATA)
def test_build_on_invalid_data_exits_5_and_leaves_the_pages_exactly_as_they_were(data, docs, capsys, kind):
    old, new, _ = BAD_DATA[kind]
    _edit(data, old, new)
    (docs / "errata.md").write_text("stale\n", encoding="utf-8")  # a build would rewrite this
    before = _snapshot(docs)
    assert _run("build", "--data", data, "--docs", docs) == EXIT_DATA
    assert _snapshot(docs) == before
    assert "wrote" not in capsys.readouterr().out


def test_build_on_invalid_data_writes_nothing_into_an_empty_folder(data, empty_docs):
    _edit(data, "t = [0, 0, 1]", "t = [0, 1, 1]")
    assert _run("build", "--data", data, "--docs", empty_docs) == EXIT_DATA
    assert list(empty_docs.iterdir()) == []


def test_a_missing_data_file_exits_5_naming_it(tmp_path, docs, capsys):
    missing = tmp_path / "nowhere" / COMMITTED_DATA.name
    assert _run("check", "--data", missing, "--docs", docs) == EXIT_DATA
    assert f"error: {missing}: cannot be read" in capsys.readouterr().err


# --- --data: any part's data file, replaced by file name -------------------------------------------


def test_data_of_a_name_no_part_reads_exits_5_naming_the_file_and_the_names(tmp_path, docs, capsys):
    other = tmp_path / "other.toml"
    other.write_text("", encoding="utf-8")
    assert _run("check", "--data", other, "--docs", docs) == EXIT_DATA
    err = capsys.readouterr().err
    assert f"error: {other}: --data: no part reads a data file named 'other.toml'" in err
    for part in all_parts():
        assert part.data_file is None or part.data_file in err


def test_data_given_twice_for_one_name_exits_5(data, docs, capsys):
    assert _run("check", "--data", data, "--data", data, "--docs", docs) == EXIT_DATA
    assert f"--data: '{data.name}' is given twice" in capsys.readouterr().err


@pytest.mark.parametrize("part", [part for part in all_parts() if part.data_file], ids=lambda part: part.slug)
def test_data_replaces_the_data_file_of_any_part_by_its_name(part, tmp_path, docs, capsys):
    """A broken copy of each part's file is read instead of the committed one: its error names the copy."""
    copy = tmp_path / "elsewhere" / part.data_file
    copy.parent.mkdir()
    copy.write_text((ROOT / "data" / part.data_file).read_text(encoding="utf-8") + "\nnonsense\n", encoding="utf-8")
    assert _run("check", "--data", copy, "--docs", docs) == EXIT_DATA
    assert f"error: {copy}" in capsys.readouterr().err


def test_data_may_be_given_once_for_each_of_several_parts(docs, capsys):
    named = [ROOT / "data" / part.data_file for part in all_parts() if part.data_file]
    assert _run("check", *[argument for path in named for argument in ("--data", path)], "--docs", docs) == EXIT_OK


def test_the_help_says_what_data_replaces(capsys):
    assert _run("check", "--help") == EXIT_OK
    help_text = " ".join(capsys.readouterr().out.split())
    assert "use FILE instead of the data file of the same name under data/" in help_text
    assert "may be given more than once" in help_text


def test_a_soft_label_in_a_one_hot_part_exits_5_naming_file_and_row(data, docs, capsys):
    _edit(data, "t = [0, 0, 1]", 't = ["0.5", "0", "0.5"]')
    assert _run("check", "--data", data, "--docs", docs) == EXIT_DATA
    err = capsys.readouterr().err
    assert str(data) in err and "row 3: part 5 (derivation) needs one-hot labels" in err


def test_invalid_data_in_json_format_is_reported_as_a_json_error(data, docs, capsys):
    _edit(data, 'y = ["0.30", "0.36", "0.34"]', 'y = ["0", "0.36", "0.34"]')
    assert _run("check", "--format", "json", "--data", data, "--docs", docs) == EXIT_DATA
    report = json.loads(capsys.readouterr().out)
    assert report["exit_code"] == EXIT_DATA
    assert report["error"]["kind"] == "data"
    assert "row 2, column 1 (イヌ)" in report["error"]["message"]


def test_an_unquoted_float_printed_value_exits_5_instead_of_crashing(data, docs, capsys):
    _edit(data, 'printed = ["-0.481486"]', "printed = [-0.481486]")
    assert _run("check", "--data", data, "--docs", docs) == EXIT_DATA
    assert "E1" in capsys.readouterr().err


def test_a_claim_step_that_is_not_an_integer_exits_5_instead_of_crashing(data, docs, capsys):
    _edit(data, 'chain = "sample-1"\nstep = 5', 'chain = "sample-1"\nstep = "5"')
    assert _run("check", "--data", data, "--docs", docs) == EXIT_DATA
    assert "E1" in capsys.readouterr().err


# --- what a build is given: the committed files of --docs, the [settings] of --data --------------


def test_check_trusts_the_float_results_committed_in_the_docs_folder_it_is_given(docs, capsys):
    # A value planted in the copy's file, under its current fingerprint, is trusted there: the
    # stability page (built from it) is stale in the copy, and the file itself is not.
    path = docs / "computed" / "stability-floats.json"
    planted = json.loads(path.read_text(encoding="utf-8"))
    planted["values"]["float64"]["naive-lse"] = "12345.0"
    path.write_text(json.dumps(planted, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert _run("check", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_STALE
    out = capsys.readouterr().out
    for page in ("stability.md", "stability.en.md"):
        diff = out.split(f"+++ {docs / page} (generated)", 1)[1].split("\n--- ", 1)[0]
        assert "\n+" in diff and "12345.0" in diff, page
    assert "stability-floats.json" not in out


def _frameworks_data(tmp_path: Path, old: str, new: str) -> Path:
    copy = tmp_path / "elsewhere" / "frameworks.toml"
    copy.parent.mkdir()
    shutil.copyfile(ROOT / "data" / "frameworks.toml", copy)
    _edit(copy, old, new)
    return copy


def _shown_value(page: str, chain_id: str) -> str:
    """The value a chain of a page shows with ≈, read off the page's text."""
    chain = page.split(f'id="chain-{chain_id}"', 1)[1].split('<a id="chain-', 1)[0]
    return chain.rsplit(r"{} \approx ", 1)[1].split(r"\)", 1)[0]


def test_data_with_equal_class_weights_makes_pytorchs_weighted_mean_the_plain_mean(tmp_path, docs):
    # (6.3) by hand: the true classes' y are 0.33, 0.36, 0.32 and 0.33, so with every weight 1
    # the weighted mean is E = −(ln 0.33 + ln 0.36 + ln 0.32 + ln 0.33)/4, at 30 digits.
    with mpmath.workdps(30):
        mean = -sum(mpmath.log(mpmath.mpf(p) / 100) for p in (33, 36, 32, 33)) / 4
        plain = mpmath.nstr(mean, 7)
    committed = (docs / "frameworks.en.md").read_text(encoding="utf-8")
    assert _shown_value(committed, "frameworks-table-weighted-mean") != plain  # the data file's weights are not equal
    data = _frameworks_data(tmp_path, 'class_weights = ["2", "1", "1"]', 'class_weights = ["1", "1", "1"]')
    assert _run("build", "--data", data, "--docs", docs) == EXIT_OK
    page = (docs / "frameworks.en.md").read_text(encoding="utf-8")
    assert plain == "1.094603"
    for chain_id in ("frameworks-table-weighted-mean", "frameworks-table-mean-of-weighted", "frameworks-table-mean"):
        assert _shown_value(page, chain_id) == plain, chain_id


def test_a_bad_setting_in_data_exits_5_naming_the_file_and_the_line(tmp_path, docs, capsys):
    data = _frameworks_data(tmp_path, 'label_smoothing = "0.1"', 'label_smoothing = "1.5"')
    text = data.read_text(encoding="utf-8")
    line = text[:text.index('label_smoothing = "1.5"')].count("\n") + 1
    assert _run("check", "--data", data, "--docs", docs) == EXIT_DATA
    assert f"{data}, line {line}: [settings]: label_smoothing = 1.5 must be at least 0 and below 1" in \
        capsys.readouterr().err


def test_a_settings_table_for_a_part_that_declares_none_exits_5_at_its_line(data, docs, capsys):
    text = data.read_text(encoding="utf-8") + '\n[settings]\nlabel_smoothing = "0.1"\n'
    data.write_text(text, encoding="utf-8")
    line = text[:text.index("[settings]")].count("\n") + 1
    assert _run("check", "--data", data, "--docs", docs) == EXIT_DATA
    assert f"{data}, line {line}: [settings]: the part that reads this file declares no settings" in \
        capsys.readouterr().err


# --- a changed verdict: exit 4 ---------------------------------------------------------------------


def test_a_flipped_expectation_makes_check_exit_4_and_name_the_claim(data, docs, capsys):
    third = data.read_text(encoding="utf-8").index('id = "E3"')
    text = data.read_text(encoding="utf-8")
    data.write_text(text[:third] + text[third:].replace('expect = "erratum"', 'expect = "agrees"', 1),
                    encoding="utf-8")
    assert _run("check", "--data", data, "--docs", docs) == EXIT_VERDICT
    _, err = capsys.readouterr()
    assert "claim E3 (" in err and "verdict erratum, expected agrees" in err
    assert "claim E1" not in err and "claim E4" not in err


def test_a_flipped_expectation_makes_build_exit_4_with_a_warning(data, empty_docs, capsys):
    _edit(data, 'expect = "erratum"', 'expect = "agrees"')
    assert _run("build", "--data", data, "--docs", empty_docs) == EXIT_VERDICT
    assert "warning: claim E1 is now erratum, expected agrees" in capsys.readouterr().err


# --- a wrong step: exit 3, nothing written --------------------------------------------------------


def _log_of_the_next_column(table, sample):
    """Like part5._true_log, but reads the class after the true one: a false step."""
    wrong = table.true_class(sample) % len(table.classes)  # 0-based index of the next class
    with sympy.evaluate(False):
        return -sympy.log(PrintedNumber(table.predictions[sample - 1][wrong]))


def test_a_false_one_hot_step_makes_check_exit_3_naming_the_chain_and_step(data, docs, capsys, monkeypatch):
    monkeypatch.setattr(part5, "_true_log", _log_of_the_next_column)
    assert _run("check", "--data", data, "--docs", docs) == EXIT_STEP
    _, err = capsys.readouterr()
    # sample 1: true class 1 (y = 0.33) is replaced by class 2 (y = 0.32) in step 4.
    assert "chain 'sample-1', step 4 (one-hot-keeps-true-class): does not hold" in err


def test_a_false_step_makes_build_exit_3_and_write_no_page(data, docs, empty_docs, monkeypatch):
    monkeypatch.setattr(part5, "_true_log", _log_of_the_next_column)
    (docs / "errata.md").write_text("stale\n", encoding="utf-8")
    before = _snapshot(docs)
    assert _run("build", "--data", data, "--docs", docs) == EXIT_STEP
    assert _snapshot(docs) == before
    assert _run("build", "--data", data, "--docs", empty_docs) == EXIT_STEP
    assert list(empty_docs.iterdir()) == []


def _with_mean_value(printed: str):
    """part5.derivation, but the mean-table chain ends in `printed` instead of its value."""
    original = part5.derivation

    def derivation(inputs):
        built = original(inputs)
        sections = []
        for section in built.sections:
            items = []
            for item in section.items:
                if getattr(item, "id", None) == "mean-table":
                    last = dataclasses.replace(item.steps[-1], expr=PrintedNumber(printed))
                    item = dataclasses.replace(item, steps=item.steps[:-1] + (last,))
                items.append(item)
            sections.append(dataclasses.replace(section, items=tuple(items)))
        return dataclasses.replace(built, sections=tuple(sections))

    return derivation


def test_a_wrong_shown_value_makes_build_exit_3_naming_the_chain_and_step(data, empty_docs, capsys, monkeypatch):
    # The mean is −(ln 0.33 + ln 0.36 + ln 0.32 + ln 0.33)/4 = 1.0946…; 1.2 is 0.105 away, more
    # than half a unit (0.05) of its last digit.
    mean = -(math.log(0.33) + math.log(0.36) + math.log(0.32) + math.log(0.33)) / 4
    assert abs(mean - 1.2) > 0.05
    monkeypatch.setattr(part5, "PART", dataclasses.replace(part5.PART, build=_with_mean_value("1.2")))
    assert _run("build", "--data", data, "--docs", empty_docs) == EXIT_STEP
    _, err = capsys.readouterr()
    assert "chain 'mean-table', step 2 (natural-log-value): does not hold" in err
    assert list(empty_docs.iterdir()) == []


def test_the_mean_value_rounded_by_hand_still_holds(data, docs, monkeypatch):
    mean = -(math.log(0.33) + math.log(0.36) + math.log(0.32) + math.log(0.33)) / 4
    monkeypatch.setattr(part5, "PART", dataclasses.replace(part5.PART, build=_with_mean_value(f"{mean:.3f}")))
    # The step holds (no exit 3); the pages, which show the value to six places, are stale.
    assert _run("check", "--data", data, "--docs", docs) == EXIT_STALE


def test_a_failing_numeric_step_does_not_state_a_false_inequality(data, empty_docs, capsys, monkeypatch):
    # |1.0946… − 1.2| = 0.105 > 1/20: a message reading "|difference| = 0.105 ≤ 1/20" says the
    # opposite of what was found.
    monkeypatch.setattr(part5, "PART", dataclasses.replace(part5.PART, build=_with_mean_value("1.2")))
    assert _run("check", "--data", data, "--docs", empty_docs) == EXIT_STEP
    err = capsys.readouterr().err
    assert "≤ 1/20" not in err


def test_a_failing_step_in_json_format_is_reported_as_a_json_error(data, docs, capsys, monkeypatch):
    monkeypatch.setattr(part5, "_true_log", _log_of_the_next_column)
    assert _run("check", "--format", "json", "--data", data, "--docs", docs) == EXIT_STEP
    report = json.loads(capsys.readouterr().out)
    assert report["exit_code"] == EXIT_STEP and report["error"]["kind"] == "step"
    assert "chain 'sample-1', step 4" in report["error"]["message"]


# --- check --format json ------------------------------------------------------------------------


@pytest.fixture
def json_report(docs, capsys) -> dict:
    assert _run("check", "--format", "json", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def test_the_json_report_has_every_claim_with_its_fields(json_report):
    assert json_report["exit_code"] == EXIT_OK and json_report["stale_pages"] == []
    claims = json_report["claims"]
    assert [c["id"] for c in claims] == ["E1", "E2", "E3", "E4", "E1-vector", "E4-heading", "index-pair"]
    for claim in claims:
        assert {"id", "location", "printed", "computed", "status", "diagnosis"} <= set(claim)
        assert claim["status"] == "erratum"
        assert isinstance(claim["printed"], list) and isinstance(claim["computed"], list)


def test_the_json_report_has_every_chain_with_the_holds_and_method_of_each_step(json_report):
    chains = json_report["chains"]
    part5 = next(p for p in json_report["parts"] if p["part"] == 5)["chains"]
    assert [c["id"] for c in part5][:4] == ["sample-1", "sample-2", "sample-3", "sample-4"]
    assert sum(len(c["steps"]) for c in chains) > 0
    for chain in chains:
        assert chain["steps"], chain["id"]
        for step in chain["steps"]:
            assert step["holds"] is True
            assert step["method"] in {"symbolic", "exact", "numeric", "finite"}


def test_the_json_computed_value_of_e1_is_minus_ln_0_33_to_12_places(json_report):
    e1 = next(c for c in json_report["claims"] if c["id"] == "E1")
    assert e1["printed"] == ["-0.481486"]
    assert e1["computed"] == [f"{-math.log(0.33):.12f}"]


def test_the_json_computed_values_of_all_samples_are_natural_logs(json_report):
    true_y = {"E1": 0.33, "E2": 0.36, "E3": 0.32, "E4": 0.33}
    for claim in json_report["claims"]:
        if claim["id"] in true_y:
            (computed,) = claim["computed"]
            assert math.isclose(float(computed), -math.log(true_y[claim["id"]]), abs_tol=1e-12)


def test_the_json_diagnosis_of_e4_lists_base_sign_and_element(json_report):
    e4 = next(c for c in json_report["claims"] if c["id"] == "E4")
    (explanation,) = e4["diagnosis"]
    assert {(d["kind"], d["detail"]) for d in explanation} == {("base", "10"), ("sign", ""), ("element", "y_{4,1}")}


def test_the_json_report_is_the_whole_of_stdout(data, docs, capsys):
    _run("check", "--format", "json", "--data", data, "--docs", docs)
    out, err = capsys.readouterr()
    json.loads(out)  # raises if anything but the report is printed
    assert err == ""


def test_a_stale_page_is_listed_in_the_json_report(docs, capsys):
    (docs / "data.md").write_text("stale\n", encoding="utf-8")
    assert _run("check", "--format", "json", "--data", COMMITTED_DATA, "--docs", docs) == EXIT_STALE
    report = json.loads(capsys.readouterr().out)
    assert report["stale_pages"] == ["data.md"] and report["exit_code"] == EXIT_STALE


# --- usage ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["check", "--format", "xml"], ["build", "--format", "json"],
                                  ["check", "--no-such-option"], ["build", "extra"], ["check", "--jobs", "0"],
                                  ["build", "--jobs", "two"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["build", "--help"]])
def test_help_exits_0_and_lists_every_exit_code(argv, capsys):
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert "exit codes:" in out
    for code in range(6):
        assert f"\n  {code}  " in out


# --- determinism and the installed command ---------------------------------------------------------


def _build_in_subprocess(docs: Path, data: Path, seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-m", "derivations", "build", "--data", str(data), "--docs", str(docs)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_builds_under_different_hash_seeds_are_byte_identical(tmp_path, data):
    folders = {seed: tmp_path / f"seed-{seed}" for seed in ("1", "12345")}
    for seed, folder in folders.items():
        done = _build_in_subprocess(folder, data, seed)
        assert done.returncode == EXIT_OK, done.stderr
    first, second = (_generated_in(folder) for folder in folders.values())
    assert first == second == GENERATED
    for name in GENERATED:
        assert (folders["1"] / name).read_bytes() == (folders["12345"] / name).read_bytes(), name


CONSOLE_SCRIPT = Path(sys.executable).with_name("derivations")


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(),
                    reason=f"the console script is not installed at {CONSOLE_SCRIPT} (pip install -e .)")
def test_the_installed_console_script_checks_the_committed_pages(docs):
    done = subprocess.run([str(CONSOLE_SCRIPT), "check", "--data", str(COMMITTED_DATA), "--docs", str(docs)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == EXIT_OK, done.stderr
    assert "pages and pictures up to date" in done.stdout


# --- check --claims FILE: an author's own claims file ------------------------------------------------

EXAMPLE = ROOT / "examples" / "claims-example.toml"


@pytest.fixture
def claims_file(tmp_path) -> Path:
    """A copy of the example claims file, to edit."""
    target = tmp_path / "my-claims.toml"
    shutil.copyfile(EXAMPLE, target)
    return target


def _claim_lines(out: str) -> dict:
    """The text report's claim lines, by claim id (the summary line is left out)."""
    return {line.split(" ", 1)[0]: line for line in out.splitlines()[:-1]}


def test_the_example_claims_file_passes_with_the_verdicts_computed_by_hand(capsys):
    assert _run("check", "--claims", EXAMPLE) == EXIT_OK
    out, err = capsys.readouterr()
    lines = _claim_lines(out)
    assert list(lines) == ["loss-1", "loss-2", "loss-2-as-bird", "mean"]
    # Ours, with natural logs to 6 places: −ln 0.7, −ln 0.6, −ln 0.3, and the mean of −ln 0.7, −ln 0.6, −ln 0.5.
    ours = {"loss-1": -math.log(0.7), "loss-2": -math.log(0.6), "loss-2-as-bird": -math.log(0.3),
            "mean": -(math.log(0.7) + math.log(0.6) + math.log(0.5)) / 3}
    for claim_id, value in ours.items():
        assert f"Ours (natural log) {value:.6f} |" in lines[claim_id]
    # What is printed: −ln 0.7 to 4 places agrees; log10 0.6 (base 10, no minus sign) does not.
    assert f"{-math.log(0.7):.4f}" == "0.3567" and f"{math.log10(0.6):.4f}" == "-0.2218"
    assert lines["loss-1"].endswith("| agrees")
    assert "| erratum | Diagnosis: computed with base-10 logarithms" in lines["loss-2"]
    assert "the leading minus sign is dropped" in lines["loss-2"]
    assert lines["loss-2-as-bird"].endswith("| agrees")
    assert lines["mean"].endswith("| agrees (unreviewed)")
    assert out.splitlines()[-1] == "examples/claims-example.toml: claims judged 4: agree 3, erratum 1; not as expected 0"
    assert err == ""


def test_check_claims_builds_and_compares_no_page(empty_docs, capsys):
    # An empty pages folder would make a plain check exit 1 (stale); --claims never looks at it.
    assert _run("check", "--claims", EXAMPLE, "--docs", empty_docs) == EXIT_OK
    assert list(empty_docs.iterdir()) == []
    assert "pages" not in capsys.readouterr().out


def test_the_diagnosis_can_be_printed_in_japanese(capsys):
    assert _run("check", "--claims", EXAMPLE, "--language", "ja") == EXIT_OK
    assert "診断: 底 10 の対数で計算している" in _claim_lines(capsys.readouterr().out)["loss-2"]


def test_a_flipped_expectation_in_an_author_file_exits_4_naming_the_claim(claims_file, capsys):
    _edit(claims_file, 'expect = "erratum"', 'expect = "agrees"')
    assert _run("check", "--claims", claims_file) == EXIT_VERDICT
    out, err = capsys.readouterr()
    assert "| erratum (expected agrees) |" in _claim_lines(out)["loss-2"]
    assert err == "claim loss-2 (section 3, the loss of the second example): verdict erratum, expected agrees\n"


def test_an_agreeing_claim_expected_to_be_an_erratum_exits_4(claims_file, capsys):
    _edit(claims_file, 'printed = "0.3567"\nexpect = "agrees"', 'printed = "0.3567"\nexpect = "erratum"')
    assert _run("check", "--claims", claims_file) == EXIT_VERDICT
    assert "claim loss-1 (" in capsys.readouterr().err


def test_an_unreviewed_claim_that_disagrees_exits_4(claims_file, capsys):
    # The mean is 0.520216…; 0.5203 is 0.000084 away, more than half a unit (0.00005).
    _edit(claims_file, 'printed = "0.5202"', 'printed = "0.5203"')
    assert _run("check", "--claims", claims_file) == EXIT_VERDICT
    out, err = capsys.readouterr()
    assert "| erratum (unreviewed; expected agrees) |" in _claim_lines(out)["mean"]
    assert "claim mean (" in err and "verdict erratum, expected agrees" in err


# Each kind of defect: (old text, new text, the text on the line the message must name, what it must say).
BAD_CLAIMS_FILES = {
    "TOML syntax": ('[[claims]]\nid = "loss-2"', '[[claims]\nid = "loss-2"', "[[claims]\n", ["not valid TOML"]),
    "bad y": ('y = ["0.1", "0.6", "0.3"]', 'y = ["0.1", "six", "0.3"]', 'y = ["0.1", "six"',
              ["row 2, column 2 (dog)", "'six' is not a decimal number"]),
    "not one-hot": ('t = [0, 0, 1]', 't = [1, 0, 1]', "t = [1, 0, 1]", ["row 3: t is not one-hot"]),
    "row sum": ('y = ["0.7", "0.2", "0.1"]', 'y = ["0.7", "0.4", "0.1"]', 'y = ["0.7", "0.4"',
                ["row 1: y sums to 1.2"]),
    "wrong shape": ('t = ["0", "1", "0"]', 't = ["0", "1"]', 't = ["0", "1"]',
                    ["row 2: t has 2 entries but there are 3 classes"]),
    "unknown quantity": ('quantity = "E"', 'quantity = "Loss"', 'quantity = "Loss"',
                         ["(mean)", "'Loss' is not allowed"]),
    "index out of range": ('quantity = "-log(y[2,3])"', 'quantity = "-log(y[4,3])"', 'quantity = "-log(y[4,3])"',
                           ["(loss-2-as-bird)", "sample 4 is outside 1 … 3"]),
    "unknown field": ('expect = "agrees"', 'expect = "agrees"\nexpected = "agrees"', 'expected = "agrees"',
                      ["(loss-1): unknown key 'expected'"]),
}


@pytest.mark.parametrize("kind", BAD_CLAIMS_FILES)
def test_an_invalid_claims_file_exits_5_naming_the_file_and_line(claims_file, capsys, kind):
    old, new, on_line, words = BAD_CLAIMS_FILES[kind]
    _edit(claims_file, old, new)
    text = claims_file.read_text(encoding="utf-8")
    line = text[:text.index(on_line)].count("\n") + 1
    assert _run("check", "--claims", claims_file) == EXIT_DATA
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"error: {claims_file}, line {line}")
    for part in words:
        assert part in err


def test_an_invalid_claims_file_in_json_is_a_json_error_with_its_place(claims_file, capsys):
    _edit(claims_file, 'y = ["0.1", "0.6", "0.3"]', 'y = ["0.1", "six", "0.3"]')
    assert _run("check", "--claims", claims_file, "--format", "json") == EXIT_DATA
    error = json.loads(capsys.readouterr().out)["error"]
    text = claims_file.read_text(encoding="utf-8")
    assert error["kind"] == "data" and error["file"] == str(claims_file)
    assert (error["line"], error["row"], error["column"]) == (text[:text.index('"six"')].count("\n") + 1, 2, "2 (dog)")


def test_a_missing_claims_file_exits_5_naming_it(tmp_path, capsys):
    missing = tmp_path / "nowhere.toml"
    assert _run("check", "--claims", missing) == EXIT_DATA
    assert f"error: {missing}: cannot be read" in capsys.readouterr().err


def test_the_claims_json_report_has_the_documented_fields(capsys):
    assert _run("check", "--claims", EXAMPLE, "--format", "json") == EXIT_OK
    out, err = capsys.readouterr()
    report = json.loads(out)  # raises if anything but the report is printed
    assert err == ""
    assert (report["exit_code"], report["file"]) == (EXIT_OK, "examples/claims-example.toml")
    fields = {"id", "location", "kind", "quantity", "printed", "computed", "status", "expect", "as_expected",
              "diagnosis", "reviewed", "file", "precision", "computed_float", "differs_at", "ambiguous"}
    assert all(set(claim) == fields for claim in report["claims"])
    claims = {claim["id"]: claim for claim in report["claims"]}
    assert claims["loss-1"]["computed"] == [f"{-math.log(0.7):.12f}"]
    assert claims["loss-2"]["printed"] == ["-0.2218"] and claims["loss-2"]["status"] == "erratum"
    assert claims["loss-2"]["diagnosis"] == [[{"kind": "base", "detail": "10"}, {"kind": "sign", "detail": ""}]]
    assert claims["loss-2-as-bird"]["quantity"] == "-log(y[2,3])"
    assert (claims["mean"]["reviewed"], claims["mean"]["expect"]) == (False, "agrees")
    assert all(claim["file"] == "examples/claims-example.toml" for claim in report["claims"])


def test_the_claims_json_report_exits_4_when_a_claim_is_not_as_expected(claims_file, capsys):
    _edit(claims_file, 'printed = "0.5202"', 'printed = "0.5203"')
    assert _run("check", "--claims", claims_file, "--format", "json") == EXIT_VERDICT
    report = json.loads(capsys.readouterr().out)
    assert report["exit_code"] == EXIT_VERDICT
    assert [c["id"] for c in report["claims"] if not c["as_expected"]] == ["mean"]
