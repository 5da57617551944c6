"""The printed claims, our verdict on each, and what makes a claim valid for its table.

Owns `Claim` (a number or a name as printed, where it is printed, which `quantity` it states,
the convention and precision its file declares, and the reviewed expectation), `Verdict`, the
comparison with a printed value (half a unit in the last printed digit, or under the slip of
truncated digits a unit toward zero; a percentage read with its point moved; for a float
printout, also `FLOAT_ULPS` units in the last place; `inf` for an infinite loss), and the
checks of a claim against its table. Evaluating a quantity is `evaluation`'s, the
search for the convention that explains a disagreement `diagnosis`'. Pure functions over
values; nothing here reads files or formats prose.
"""
import dataclasses
import functools
import math
import re
from dataclasses import dataclass
from fractions import Fraction

import sympy

from derivations import expressions, limits, texparse
from derivations.declared import fraction_text
from derivations.diagnosis import Convention, Deviation, diagnose
from derivations.arithmetic import ARITHMETICS, as_fraction, numpy_module, unit_in_last_place
from derivations.evaluation import evaluate
from derivations.latex import latex
from derivations.numbers import decimals_printed, exact_value, half_unit
from derivations.quantity import Formula, LossVector, Names, Quantity, SampleLoss, plain_name
from derivations.table import Table

AGREES, ERRATUM = "agrees", "erratum"
# A value printed with this many significant digits or more is a float64 printout (Python's
# repr prints 15 to 17): it is judged against the float64 computation of the same quantity.
FLOAT64_DIGITS = 15
# A float printout agrees when it lies within this many units in the last place of our float
# result: the order of a framework's sum and its log's last bit are not known, only bounded.
FLOAT_ULPS = 4
INFINITE = {"inf": sympy.oo, "-inf": -sympy.oo}  # an infinite loss as Python and numpy print it
# A printed name outside our notation (a misprint such as Q_{1}) is still shown on the pages, as
# math: a letter with a plain subscript, nothing that could close the math or run a command.
OTHER_NAME = re.compile(r"[A-Za-z](_\{[A-Za-z0-9, ]{1,20}\}|_[A-Za-z0-9])?")
BEYOND = f"beyond the limit of ±10^{limits.MAX_MAGNITUDE_DIGITS} on a value"


@dataclass(frozen=True)
class Claim:
    """Something a text prints, as printed, and what it states."""

    id: str
    location: str
    kind: str  # "number" or "name"
    quantity: Quantity  # E[2], E_sum, E, a formula, or for a name claim the names it should be
    printed: tuple  # one string, or one per component of a printed vector
    expect: str  # the reviewed verdict: "agrees" or "erratum"
    chain: str = ""  # the derivation chain the claim concerns
    step: int = 0  # 1-based step of that chain (0: the chain as a whole)
    location_en: str = ""  # the location in English, for the English pages (the article is Japanese)
    reviewed: bool = True  # False: nobody stated an expectation, so agreement is expected
    declared: Convention = Convention()  # how its file says the values are computed
    precision: str = ""  # "float32" or "float64" when its file declares it; "": exact, or float64 for a long printout
    code_causes: bool = False  # whether the diagnosis also tries an ε in the log and float32 (claims files)
    percent: bool = False  # every printed entry is a percentage, as its file declares ("28.77" for 0.2877)

    @property
    def stated(self) -> tuple:
        """The printed entries as fractions: a percentage ("28.77%", or any entry of a `percent`
        claim) with its decimal point moved two places; the others as printed."""
        return tuple(fraction_text(text) if self.percent or text.endswith("%") else text for text in self.printed)


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    computed: tuple  # our values (natural log) or our names, one per printed entry
    status: str
    diagnoses: tuple  # explanations, each a tuple of Deviations, fewest departures first
    base10: tuple = ()  # our values with log base 10, to show beside the article's
    precision: str = "exact"  # the arithmetic the printed values were judged against
    floats: tuple = ()  # our values in that arithmetic, when it is a float format

    @property
    def as_expected(self) -> bool:
        return self.status == self.claim.expect


def judge(claim: Claim, table: Table) -> Verdict:
    """Compare a claim with our value and, where they differ, diagnose the difference."""
    if isinstance(claim.quantity, Names):
        return _judge_name(claim, table)
    precision = judged_precision(claim)

    def reproduced(convention: Convention) -> bool:
        """Whether the quantity computed under a convention, in its arithmetic, gives the printed digits."""
        used = "float32" if convention.float32 else precision
        # Code's undeclared ε, clip or renormalizing is searched in float64, as code computes it:
        # far quicker than exact, and far finer than the < FLOAT64_DIGITS digits judged exactly.
        code = used == "exact" and convention.preparation != claim.declared.preparation
        values = evaluate(claim.quantity, table, convention, ARITHMETICS["float64" if code else used])
        printed = _other_way(claim) if convention.percentage else claim.stated
        return reproduces(values, printed, used, convention.truncated)

    computed = evaluate(claim.quantity, table, claim.declared)
    base10 = evaluate(claim.quantity, table, dataclasses.replace(claim.declared, base="10"))
    floats = () if precision == "exact" else evaluate(claim.quantity, table, claim.declared, ARITHMETICS[precision])
    if reproduced(claim.declared):
        return Verdict(claim, computed, AGREES, (), base10, precision, floats)
    places = max((decimals_printed(text) for text in claim.stated if text not in INFINITE), default=0)
    found = diagnose(claim.quantity, table, reproduced, claim.declared, claim.code_causes, precision != "float32", places)
    return Verdict(claim, computed, ERRATUM, found, base10, precision, floats)


def judged_precision(claim: Claim) -> str:
    """The arithmetic a claim is judged in: its file's declared float format, else float64 for a
    value printed with `FLOAT64_DIGITS` significant digits or more, else exact."""
    if claim.precision:
        return claim.precision
    long = any(significant_digits(text) >= FLOAT64_DIGITS for text in claim.stated)
    return "float64" if long else "exact"


def significant_digits(text: str) -> int:
    """The significant digits of a printed decimal: "0.0012" has 2, "1.50" has 3; inf has none."""
    return len(text.lstrip("-").replace(".", "").lstrip("0")) if text not in INFINITE else 0


def _other_way(claim: Claim) -> tuple:
    """The printed entries read the other way: a percentage as a plain number, a plain number as a percentage."""
    return tuple(text.removesuffix("%") if text.endswith("%") or claim.percent else fraction_text(text)
                 for text in claim.printed)


@functools.lru_cache(maxsize=4 * limits.MAX_CLAIMS)
def printed_value(text: str) -> sympy.Expr:
    """A printed number's exact value: a decimal, or ±∞ for `inf` and `-inf`."""
    return INFINITE[text] if text in INFINITE else exact_value(text)


def reproduces(values: tuple, printed: tuple, precision: str = "exact", truncated: bool = False) -> bool:
    """Whether each value rounds to its printed counterpart (within half a unit; for a float
    result, or within `FLOAT_ULPS` units in its last place); `truncated`: whether each value cut
    off after the printed digits gives them."""
    if len(values) != len(printed):
        return False
    return all(_agrees(value, text, precision, truncated) for value, text in zip(values, printed))


def _agrees(value, text: str, precision: str, truncated: bool = False) -> bool:
    stated = printed_value(text)
    if text in INFINITE or not _finite(value):
        return text in INFINITE and _finite(value) is False and (value > 0) == (stated > 0)
    if truncated:
        middle, half = _interval(text)
        cut = as_fraction(value) - middle
        return 0 <= (cut if stated >= 0 else -cut) < 2 * half
    if precision == "exact":
        middle, half = _interval(text)
        return abs(as_fraction(value) - middle) <= half
    ours = sympy.Rational(float(value))
    if abs(ours - stated) <= half_unit(text):
        return True
    # Else the printout must be one of a float of the format (the nearest to it lies within its
    # last digit), and that float within FLOAT_ULPS units in the last place of ours.
    nearest = sympy.Rational(float(float(text) if precision == "float64" else numpy_module().float32(float(text))))
    limit = FLOAT_ULPS * unit_in_last_place(value, precision)
    return abs(nearest - stated) <= half_unit(text) and abs(nearest - ours) <= limit


@functools.lru_cache(maxsize=4 * limits.MAX_CLAIMS)
def _interval(text: str) -> tuple:
    """A printed decimal's exact value and half a unit of its last digit, as fractions."""
    return Fraction(text), Fraction(1, 2 * 10 ** decimals_printed(text))


def _finite(value) -> bool | None:
    """Whether a value is a finite real number; None for no real value (a log of a negative number)."""
    if isinstance(value, sympy.Basic):
        return True if value.is_finite and value.is_real else (False if value in (sympy.oo, -sympy.oo) else None)
    return bool(math.isfinite(value))


def _judge_name(claim: Claim, table: Table) -> Verdict:
    # Names are compared as what they mean (read by the LaTeX grammar), not as LaTeX text.
    ours = claim.quantity.names
    wrong = [(text, name) for text, name in zip(claim.printed, ours) if _meant(text) != name]
    computed = tuple(latex(name) for name in ours)
    if not wrong:
        return Verdict(claim, computed, AGREES, ())
    explanation = tuple(Deviation("name", _meaning(text, table), text, latex(name), plain_name(name))
                        for text, name in wrong)
    return Verdict(claim, computed, ERRATUM, (explanation,))


def _meaning(printed: str, table: Table) -> str:
    """Which of the model's names a printed name is, as a quantity is written, or ""."""
    candidates = [f"E[{n}]" for n in range(1, table.samples + 1)] + ["t[k]", "y[k]", "E_sum"]
    meant = _meant(printed)
    return next((text for text in candidates if expressions.parse_names(text)[0] == meant), "")


def _meant(printed: str) -> sympy.Expr | None:
    """The name a printed name reads as, or None for a name outside our notation (Q_{1})."""
    try:
        return printed_name(printed)
    except texparse.ParseError:
        return None


def printed_name(text: str) -> sympy.Expr:
    """One name of our LaTeX subset (t_{k}, E_{2}, E_{sum}); ParseError otherwise."""
    parsed = texparse.parse(text)
    if parsed.tag or len(parsed.members) != 1 or not isinstance(parsed.members[0].expr, (sympy.Symbol, sympy.Indexed)):
        raise texparse.ParseError("expected one name", 0, text)
    return parsed.members[0].expr


def claim_problems(claim: Claim, table: Table) -> dict:
    """What is wrong with a claim given its table, by the key where it lies, in report order."""
    if isinstance(claim.quantity, Names):
        return {"printed": _printed_name_problems(claim.printed), "quantity": _name_count(claim)}
    printed = _printed_problems(claim.printed, claim.percent)
    quantity_problems = [] if printed else _quantity_problems(claim.quantity, table, claim.declared,
                                                               len(claim.printed))
    return {"printed": printed, "quantity": quantity_problems}


def _name_count(claim: Claim) -> list:
    names, printed = len(claim.quantity.names), len(claim.printed)
    return [] if names == printed else [f"quantity names {names} symbol(s) but {printed} are printed"]


def _quantity_problems(quantity: Quantity, table: Table, declared: Convention, printed: int = 1) -> list:
    if not isinstance(quantity, Formula):
        return _loss_problems(quantity, table, printed)
    outside = expressions.cell_problems(quantity.expr, table.samples, len(table.classes))
    if outside:
        return [f"quantity {quantity.text!r} reads outside the table: " + "; ".join(outside)]
    (value,) = evaluate(quantity, table, declared)
    if not value.is_finite and _reads_a_zero(quantity, table):
        return [f"quantity {quantity.text!r} takes the log of a y that is 0; a formula cannot stand for an "
                "infinite loss (E[i], E_sum and E can: there a term with t = 0 counts as 0)"]
    if not (value.is_real and value.is_finite):
        return [f"quantity {quantity.text!r} has no finite real value (a log of zero or of a negative number?)"]
    if abs(value) > limits.MAX_MAGNITUDE:
        return [f"quantity {quantity.text!r} is about {float(value):.3g}, {BEYOND}"]
    return []


def _loss_problems(quantity: Quantity, table: Table, printed: int) -> list:
    """The samples a loss names must be in the table; a binary loss needs two classes; a vector
    of losses is printed with one value per listed sample."""
    samples = (quantity.sample,) if isinstance(quantity, SampleLoss) else quantity.samples
    outside = [n for n in samples if not 1 <= n <= table.samples]
    if outside:
        return [f"quantity {quantity.text[:60]} names sample {outside[0]}, "
                f"but the table has samples 1 … {table.samples}"]
    if quantity.binary and len(table.classes) != 2:
        return [f"quantity {quantity.text[:60]} is a binary cross-entropy: the table must have two classes "
                f"(class 2 the positive one, y[i,2] = P(class 1)), not {len(table.classes)}"]
    if isinstance(quantity, LossVector) and printed != len(samples):
        return [f"quantity lists {len(samples)} samples but {printed} value(s) are printed"]
    return []


def _printed_problems(printed: tuple, percent: bool = False) -> list:
    """Each printed entry of a number claim must be a quoted decimal (a percentage may end in
    "%") within the magnitude limit."""
    problems = []
    for text in printed:
        if not isinstance(text, str):
            problems.append(f"printed {text!r} must be quoted as printed, e.g. \"-0.481486\" (a float is not exact)")
            continue
        if text in INFINITE:
            continue
        try:
            value = exact_value(text.removesuffix("%"))
        except ValueError as error:
            problems.append(f"printed {error}")
            continue
        scale = 100 if percent or text.endswith("%") else 1
        problems += [f"printed {text!r} is {BEYOND}"] if abs(value) > limits.MAX_MAGNITUDE * scale else []
    return problems


def _reads_a_zero(quantity: Formula, table: Table) -> bool:
    cells = table.substitution()
    return any(cells[cell].is_zero for cell in quantity.expr.atoms(sympy.Indexed) if cell in cells)


def _printed_name_problems(printed: tuple) -> list:
    """A printed name is LaTeX that goes onto the pages: it must be one name of our LaTeX subset."""
    problems = []
    for text in printed:
        if not isinstance(text, str):
            problems.append(f"printed {text!r} must be a quoted LaTeX name")
            continue
        if _meant(text) is None and not OTHER_NAME.fullmatch(text):
            problems.append(f"printed {text[:40]!r} is not a name such as \"t_{{k}}\" or \"E_{{2}}\" (a letter, "
                            "optionally with a subscript of letters, digits and commas)")
    return problems

