"""One table of exit codes: `--help` prints it, the README repeats it, and each failure carries its code."""
import re
from pathlib import Path

from derivations import outcomes
from derivations.cli import main
from derivations.fields import DataError
from derivations.files import CannotWrite
from derivations.steps import StepFailure

ROOT = Path(__file__).resolve().parents[1]


def test_the_codes_are_distinct_and_70_is_the_bug_code():
    codes = [outcome.code for outcome in outcomes.ALL]
    assert len(set(codes)) == len(codes)
    assert outcomes.INTERNAL_ERROR.code == 70 and outcomes.OK.code == 0


def test_the_readme_table_is_the_table_of_outcomes():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.+) \|$", text, re.MULTILINE)
    assert [(int(code), meaning) for code, meaning in rows] == [(o.code, o.meaning) for o in outcomes.ALL]


def test_help_lists_every_code_with_its_meaning(capsys):
    assert main(["--help"]) == 0
    flowing = " ".join(capsys.readouterr().out.split())
    for outcome in outcomes.ALL:
        assert f"{outcome.code} {outcome.meaning}" in flowing


def test_each_failure_ends_with_its_own_outcome():
    assert DataError("f", "m").outcome is outcomes.DATA_INVALID
    assert CannotWrite.outcome is outcomes.CANNOT_WRITE
    assert StepFailure.outcome is outcomes.STEP_FAILS
    assert all(issubclass(kind, outcomes.Failure) for kind in (DataError, CannotWrite, StepFailure))
