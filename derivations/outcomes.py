"""How a command ends, and its exit code: the one place that maps a failure to a number.

Owns `Failure`, the base of every exception that ends a command with its own code (a data
file's defect, a step that does not hold, a file that cannot be written), the outcomes that
are findings rather than exceptions (a stale page, a changed verdict), and the table of exit
codes that `--help` prints and the README repeats (a test compares them). `cli.main` catches a
`Failure` once and returns its code; anything else is a bug (INTERNAL_ERROR).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    code: int
    meaning: str


OK = Outcome(0, "everything holds and every page is up to date (check --claims: every claim is as expected)")
STALE = Outcome(1, "a generated page or picture is stale, or a build left a temporary file "
                   "(check prints the diff; fix: python -m derivations build)")
USAGE = Outcome(2, "the command line is wrong")
STEP_FAILS = Outcome(3, "a step of a derivation chain does not hold (the message names chain and step; "
                        "nothing is written)")
VERDICT_CHANGED = Outcome(4, "a claim's verdict differs from its reviewed expectation (check --claims: from its "
                             "expect, or from \"agrees\" where it has none)")
DATA_INVALID = Outcome(5, "a data file (or the --claims file) is invalid or passes a limit (the message names "
                          "file and line; nothing is written)")
TOOL_MISSING = Outcome(69, "build: a program needed to redraw a picture is missing (the message names it and "
                           "how to install it; nothing is changed)")
INTERNAL_ERROR = Outcome(70, "an internal error: a bug in this program (please report it with the traceback)")
CANNOT_WRITE = Outcome(73, "build: a file cannot be written (the message names it and why; nothing is changed)")
ALL = (OK, STALE, USAGE, STEP_FAILS, VERDICT_CHANGED, DATA_INVALID, TOOL_MISSING, INTERNAL_ERROR, CANNOT_WRITE)


class Failure(Exception):
    """An exception that ends a command with its outcome's exit code; `kind` names it in reports."""

    outcome: Outcome = INTERNAL_ERROR
    kind: str = "internal"

    def location(self) -> dict | None:
        """Where in a file the failure lies, for a JSON report; None where that does not apply."""
        return None


def help_text() -> str:
    """The exit codes as `--help` lists them."""
    return "exit codes:\n" + "\n".join(f"  {o.code:<3} {o.meaning}" for o in ALL) + "\n"
