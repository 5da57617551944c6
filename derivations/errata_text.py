"""The corrected text an author can paste in place of an erratum, as LaTeX printed from SymPy.

Owns what an erratum's correction is: for a printed number, the line the article should
print (the step it follows from, then our natural-log value with as many decimals as the
article printed, joined by the article's "=" rather than our chains' "≈"); for a printed name, the names it should print. Must not type a derived
formula or a computed number by hand, nor edit LaTeX that `latex` printed: every formula is
SymPy's, joined only by the relation between two sides, as a chain's line is.
"""
import sympy

from derivations.claims import INFINITE, Claim, Verdict
from derivations.latex import latex
from derivations.numbers import PrintedNumber, decimals_printed, rounded
from derivations.verify import Verified


def places(claim: Claim) -> int:
    """How many decimals the article printed for a claim: the most any printed entry has."""
    return max((decimals_printed(text) for text in claim.stated if text not in INFINITE), default=0)


def corrected_values(verdict: Verdict) -> tuple:
    """Our natural-log values as the article should print them, to its own number of decimals;
    a percentage as a percentage (its decimals counted without the sign)."""
    claim = verdict.claim
    if claim.percent or any(text.endswith("%") for text in claim.printed):
        digits = max(decimals_printed(text.rstrip("%")) for text in claim.printed)
        return tuple(_number(100 * value, digits) for value in verdict.computed)
    return tuple(_number(value, places(claim)) for value in verdict.computed)


def _number(value: sympy.Expr, digits: int) -> sympy.Expr:
    # An infinite loss (log 0) has no digits to round: it is printed as SymPy's ∞.
    return value if value.is_infinite else PrintedNumber(rounded(value, digits))


def corrected_number(verified: Verified, verdict: Verdict) -> str:
    """The corrected line of a printed number: "= <the step it follows from> = <value>" where the
    claim points at a chain's rounded value, else "= <value>"; a vector as a column.

    The line replaces the article's, so it relates its sides with the article's own "=" (printed
    by the printer from a SymPy equation), where our chains show a rounded value with "≈"."""
    values = corrected_values(verdict)
    value = values[0] if len(values) == 1 else sympy.Matrix(values)
    before = _preceding_step(verified, verdict.claim)
    if before is None:
        return f"{{}} = {latex(value)}"
    return f"{{}} = {latex(sympy.Eq(before, value, evaluate=False))}"


def _preceding_step(verified: Verified, claim: Claim) -> sympy.Basic | None:
    """The expression a claim's rounded value follows from: the step before it in its chain."""
    chains = [checked.chain for checked in verified.checked if checked.chain.id == claim.chain]
    if not chains or claim.step < 2 or not chains[0].steps[claim.step - 1].approximate:
        return None
    return chains[0].steps[claim.step - 2].expr


def corrected_names(verdict: Verdict) -> tuple:
    """The names the article should print at a name erratum's place, in its order, as LaTeX."""
    return tuple(latex(name) for name in verdict.claim.quantity.names)
