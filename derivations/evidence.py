"""What a check found out about one "=": the evidence, its method, and the conditions it needed.

Owns `Evidence` (holds, method, detail, conditions), `Condition` (one stated assumption: a
letter fixed, such as K = 3, or a fact assumed, such as y > 0) and the method names every
module reports. It must not decide anything: the deciding is in `normal` (the normal form),
`steps` (chains), `proofs` (provers) and `equality` (the audit); printing is in `render`.
"""
from dataclasses import dataclass

import sympy

from derivations.latex import latex

SYMBOLIC = "symbolic"  # proved for the letters as letters (under the conditions listed, if any)
EXACT = "exact"  # equal in exact arithmetic with numbers in place of every letter
NUMERIC = "numeric"  # a rounded value within half a unit of its last digit (50-digit evaluation)
FINITE = "finite"  # checked case by case over a finite range, not proved in general
SAMPLED = "sampled"  # equal, exactly, on random rational tables of a few sizes: not a proof

ALL_VALUES = "for all values of the letters"  # the detail of a symbolic proof without conditions


@dataclass(frozen=True)
class Condition:
    """One assumption a proof used: as plain text (the JSON report) and as LaTeX (the page)."""

    text: str
    tex: str


def fixed(letter: sympy.Symbol, value: sympy.Basic) -> Condition:
    """The condition `letter = value`, e.g. K = 3, a letter the chain fixed."""
    return Condition(f"{letter} = {value}", f"{latex(letter)} = {latex(value)}")


def equation(lhs: sympy.Basic, rhs: sympy.Basic, text: str) -> Condition:
    """A condition lhs = rhs, such as Σ_k t_k = 1, with its plain-text wording."""
    return Condition(text, f"{latex(lhs)} = {latex(rhs)}")


@dataclass(frozen=True)
class Evidence:
    """How one "=" was verified: whether it holds, by which method, and a short detail.

    `conditions` are what a symbolic proof assumed (letters fixed, positivity, a one-hot label);
    the detail names them, or says "for all values of the letters" when there are none.
    """

    holds: bool
    method: str
    detail: str = ""
    conditions: tuple = ()  # of Condition, in the order they were stated
    note: str = ""  # what a prover adds to the detail, e.g. "solved for class 2"
    # A numeric "≈": how far the value lies from the printed number, and the half unit of its last
    # digit it must lie within; kept as numbers so a page can word the comparison in its language.
    gap: object = None
    tolerance: object = None


def proved(method: str, conditions: tuple = (), note: str = "") -> Evidence:
    """Evidence that holds; a symbolic proof's detail says under which conditions."""
    if method != SYMBOLIC:
        return Evidence(True, method, note)
    scope = "for " + ", ".join(c.text for c in conditions) if conditions else ALL_VALUES
    return Evidence(True, method, f"{scope}; {note}" if note else scope, conditions, note)


def refuted(method: str, detail: str) -> Evidence:
    """Evidence that an "=" does not hold, and why."""
    return Evidence(False, method, detail)
