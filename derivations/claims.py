"""The printed claims, our verdict on each, and what makes a claim valid for its table.

Owns `Claim` (a number or a name as printed, where it is printed, which `quantity` it states,
and the reviewed expectation), `Verdict`, the comparison at the printed precision (half a unit
in the last printed digit), evaluating a quantity under a `Convention` (−Σ_k t log y with every
label the table gives, one-hot or soft), and the checks of a claim against its table. The
search for the convention that explains a disagreement is `diagnosis`'. Pure functions over values; nothing here reads files or formats prose.
"""
import functools
import re
from dataclasses import dataclass

import sympy

from derivations import expressions, limits, texparse
from derivations.diagnosis import Convention, Deviation, diagnose
from derivations.latex import latex
from derivations.numbers import exact_value, half_unit
from derivations.quantity import Formula, MeanLoss, Names, Quantity, SampleLoss, TotalLoss
from derivations.table import Table, label_value

AGREES, ERRATUM = "agrees", "erratum"
DIGITS = limits.COMPARISON_DIGITS  # evaluation precision: every printed digit counts (see limits)
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


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    computed: tuple  # our values (natural log) or our names, one per printed entry
    status: str
    diagnoses: tuple  # explanations, each a tuple of Deviations, fewest departures first
    base10: tuple = ()  # our values with log base 10, to show beside the article's

    @property
    def as_expected(self) -> bool:
        return self.status == self.claim.expect


def judge(claim: Claim, table: Table) -> Verdict:
    """Compare a claim with our value and, where they differ, diagnose the difference."""
    if isinstance(claim.quantity, Names):
        return _judge_name(claim, table)
    computed = evaluate(claim.quantity, table, Convention())
    base10 = evaluate(claim.quantity, table, Convention(base="10"))
    if reproduces(computed, claim.printed):
        return Verdict(claim, computed, AGREES, (), base10)
    found = diagnose(claim.quantity, claim.printed, table, lambda c: evaluate(claim.quantity, table, c), reproduces)
    return Verdict(claim, computed, ERRATUM, found, base10)


def reproduces(values: tuple, printed: tuple) -> bool:
    """Whether each value rounds to its printed counterpart (within half a unit)."""
    if len(values) != len(printed):
        return False
    return all(abs(v - exact_value(p)) <= half_unit(p) for v, p in zip(values, printed))


def evaluate(quantity: Quantity, table: Table, convention: Convention) -> tuple:
    """The quantity's value under a convention: one entry, or K for an elementwise vector."""
    match quantity:
        case Formula(expr=expr):
            exact = expressions.value(expr, table.substitution(), convention.base, convention.negated)
            return (sympy.N(exact, DIGITS),)
        case SampleLoss(sample=sample):
            return _sample_values(sample, table, convention)
        case MeanLoss() | TotalLoss():
            pass
        case _:
            raise TypeError(f"not a number claim's quantity: {quantity!r}")
    total = sum(sum(_sample_values(s, table, convention)) for s in range(1, table.samples + 1))
    averaged = isinstance(quantity, MeanLoss) if convention.averaged is None else convention.averaged
    return (total / table.samples if averaged else total,)


def _sample_values(sample: int, table: Table, convention: Convention) -> tuple:
    """−Σ_k t_k log y_k of one sample (its terms, if not summed), with its labels as the table
    gives them (one-hot or soft) or, under an "element" convention, one-hot at the chosen class."""
    sign = -1 if convention.negated else 1
    terms = [sign * label * _log(exact_value(text), convention.base)
             for label, text in zip(_labels(sample, table, convention), table.predictions[sample - 1])]
    return (sum(terms),) if convention.summed_over_classes else tuple(terms)


def _labels(sample: int, table: Table, convention: Convention) -> list:
    if convention.chosen_class:
        return [int(column == convention.chosen_class) for column in range(1, len(table.classes) + 1)]
    return [label_value(label) for label in table.labels[sample - 1]]


@functools.lru_cache(maxsize=None)
def _log(value: sympy.Rational, base: str) -> sympy.Expr:
    natural = sympy.log(value)
    exact = natural if base == "e" else natural / sympy.log(int(base))
    return sympy.N(exact, DIGITS)


def _judge_name(claim: Claim, table: Table) -> Verdict:
    # Names are compared as what they mean (read by the LaTeX grammar), not as LaTeX text.
    ours = claim.quantity.names
    wrong = [(text, name) for text, name in zip(claim.printed, ours) if _meant(text) != name]
    computed = tuple(latex(name) for name in ours)
    if not wrong:
        return Verdict(claim, computed, AGREES, ())
    explanation = tuple(Deviation("name", _meaning(text, table), text, latex(name)) for text, name in wrong)
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
    printed = _printed_problems(claim.printed)
    return {"printed": printed, "quantity": [] if printed else _quantity_problems(claim.quantity, table)}


def _name_count(claim: Claim) -> list:
    names, printed = len(claim.quantity.names), len(claim.printed)
    return [] if names == printed else [f"quantity names {names} symbol(s) but {printed} are printed"]


def _quantity_problems(quantity: Quantity, table: Table) -> list:
    if isinstance(quantity, SampleLoss) and not 1 <= quantity.sample <= table.samples:
        return [f"quantity {quantity.text} names sample {quantity.sample}, "
                f"but the table has samples 1 … {table.samples}"]
    if not isinstance(quantity, Formula):
        return []
    outside = expressions.cell_problems(quantity.expr, table.samples, len(table.classes))
    if outside:
        return [f"quantity {quantity.text!r} reads outside the table: " + "; ".join(outside)]
    (value,) = evaluate(quantity, table, Convention())
    if not (value.is_real and value.is_finite):
        return [f"quantity {quantity.text!r} has no finite real value (a log of zero or of a negative number?)"]
    if abs(value) > limits.MAX_MAGNITUDE:
        return [f"quantity {quantity.text!r} is about {float(value):.3g}, {BEYOND}"]
    return []


def _printed_problems(printed: tuple) -> list:
    """Each printed entry of a number claim must be a quoted decimal within the magnitude limit."""
    problems = []
    for text in printed:
        if not isinstance(text, str):
            problems.append(f"printed {text!r} must be quoted as printed, e.g. \"-0.481486\" (a float is not exact)")
            continue
        try:
            value = exact_value(text)
        except ValueError as error:
            problems.append(f"printed {error}")
            continue
        problems += [f"printed {text!r} is {BEYOND}"] if abs(value) > limits.MAX_MAGNITUDE else []
    return problems


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

