"""The article's printed claims, our verdict on each, and the computed diagnosis.

Owns `Claim` (a number or a name as printed, where it is printed, which quantity it states,
and the reviewed expectation), the comparison at the printed precision (half a unit in the
last printed digit), and the diagnosis: a search over ways of computing the quantity
differently (log base, sign, element of y, summing over classes, sum versus mean) that keeps
the explanations reproducing every printed digit with the fewest departures from the
definitions. A quantity is E[i], E_sum, E or, where a caller admits them (an author's own
file), a formula over t and y (`expressions`), for which the search tries log base and sign.
Pure functions over values; nothing here reads files or formats prose.
"""
import functools
import itertools
from dataclasses import dataclass

import sympy

from derivations import expressions, fields, limits, texparse
from derivations.latex import latex
from derivations.numbers import exact_value, half_unit
from derivations.symbols import y
from derivations.fields import DataError
from derivations.table import Table, require_unique_ids

AGREES, ERRATUM = "agrees", "erratum"
DIGITS = limits.COMPARISON_DIGITS  # evaluation precision: every printed digit counts (see limits)
BASES = ("e", "10", "2")
NAMED = ("E_sum", "E")  # the quantities other than E[i] and formulas


@dataclass(frozen=True)
class Claim:
    """Something the article prints, as printed, and what it states."""

    id: str
    location: str
    kind: str  # "number" or "name"
    quantity: str  # "E[2]", "E_sum", "E", or for names e.g. "t[k], y[k]"
    printed: tuple  # one string, or one per component of a printed vector
    expect: str  # the reviewed verdict: "agrees" or "erratum"
    chain: str = ""  # the derivation chain the claim concerns
    step: int = 0  # 1-based step of that chain (0: the chain as a whole)
    location_en: str = ""  # the location in English, for the English pages (the article is Japanese)
    reviewed: bool = True  # False: nobody stated an expectation, so agreement is expected


@dataclass(frozen=True)
class Deviation:
    """One departure from the definitions: kind plus what it departs to."""

    kind: str  # "base", "sign", "element", "elementwise", "sum-for-mean", "mean-for-sum", "name"
    detail: str = ""  # the base, the element read instead, or what a misprinted name names
    printed: str = ""  # for "name": the name as printed
    ours: str = ""  # for "name": the name the model gives


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


@dataclass(frozen=True)
class Convention:
    """One way of computing a quantity; the default is the article's own definitions."""

    base: str = "e"
    negated: bool = True
    chosen_class: int = 0  # the class whose y is read for a sample loss; 0: the labelled one
    summed_over_classes: bool = True
    averaged: bool | None = None  # None: as the quantity defines it

    def deviations(self, quantity: str, table: Table) -> tuple:
        found = [Deviation("base", self.base)] if self.base != "e" else []
        found += [] if self.negated else [Deviation("sign")]
        if self.chosen_class:
            found.append(Deviation("element", latex(y[_sample_of(quantity), self.chosen_class])))
        found += [] if self.summed_over_classes else [Deviation("elementwise")]
        if self.averaged is not None:
            found.append(Deviation("mean-for-sum" if self.averaged else "sum-for-mean"))
        return tuple(found)


def judge(claim: Claim, table: Table) -> Verdict:
    """Compare a claim with our value and, where they differ, diagnose the difference."""
    if claim.kind == "name":
        return _judge_name(claim, table)
    computed = evaluate(claim.quantity, table, Convention())
    base10 = evaluate(claim.quantity, table, Convention(base="10"))
    if reproduces(computed, claim.printed):
        return Verdict(claim, computed, AGREES, (), base10)
    return Verdict(claim, computed, ERRATUM, diagnose(claim, table), base10)


def reproduces(values: tuple, printed: tuple) -> bool:
    """Whether each value rounds to its printed counterpart (within half a unit)."""
    if len(values) != len(printed):
        return False
    return all(abs(v - exact_value(p)) <= half_unit(p) for v, p in zip(values, printed))


def diagnose(claim: Claim, table: Table) -> tuple:
    """The explanations that reproduce the printed value, fewest departures first."""
    matches = [
        convention.deviations(claim.quantity, table)
        for convention in _conventions(claim.quantity, table)
        if reproduces(evaluate(claim.quantity, table, convention), claim.printed)
    ]
    if not matches:
        return ()
    fewest = min(len(m) for m in matches)
    return tuple(m for m in matches if len(m) == fewest)


def _conventions(quantity: str, table: Table) -> list:
    sample = _sample_of(quantity)
    classes = range(0, len(table.classes) + 1) if sample else [0]
    summed = (True, False) if sample else (True,)
    averaged = (None, not _is_mean(quantity)) if quantity in NAMED else (None,)
    grid = itertools.product(BASES, (True, False), classes, summed, averaged)
    return [Convention(*options) for options in grid if _applies(options, table, sample)]


def _applies(options: tuple, table: Table, sample: int) -> bool:
    chosen = options[2]
    return not chosen or chosen != table.true_class(sample)


def evaluate(quantity: str, table: Table, convention: Convention) -> tuple:
    """The quantity's value under a convention: one entry, or K for an elementwise vector."""
    if is_formula(quantity):
        formula = expressions.parse(quantity)
        exact = expressions.value(formula, table.substitution(), convention.base, convention.negated)
        return (sympy.N(exact, DIGITS),)
    sample = _sample_of(quantity)
    if sample:
        return _sample_values(sample, table, convention)
    losses = [sum(_sample_values(s, table, convention)) for s in range(1, table.samples + 1)]
    averaged = _is_mean(quantity) if convention.averaged is None else convention.averaged
    total = sum(losses)
    return (total / table.samples if averaged else total,)


def _sample_values(sample: int, table: Table, convention: Convention) -> tuple:
    chosen = convention.chosen_class or table.true_class(sample)
    sign = -1 if convention.negated else 1
    terms = []
    for column, text in enumerate(table.predictions[sample - 1], 1):
        label = 1 if column == chosen else 0
        terms.append(sign * label * _log(exact_value(text), convention.base))
    return (sum(terms),) if convention.summed_over_classes else tuple(terms)


@functools.lru_cache(maxsize=None)
def _log(value: sympy.Rational, base: str) -> sympy.Expr:
    natural = sympy.log(value)
    exact = natural if base == "e" else natural / sympy.log(int(base))
    return sympy.N(exact, DIGITS)


def _sample_of(quantity: str) -> int:
    """The sample number of a quantity "E[n]", or 0 for E_sum and E."""
    inside = quantity[2:-1]
    return int(inside) if quantity.startswith("E[") and quantity.endswith("]") and inside.isdigit() else 0


def is_formula(quantity: str) -> bool:
    """Whether a quantity is a formula over t and y rather than E[i], E_sum or E."""
    return quantity not in NAMED and not quantity.startswith("E[")


def _is_mean(quantity: str) -> bool:
    return quantity == "E"


def _judge_name(claim: Claim, table: Table) -> Verdict:
    ours = tuple(latex(name) for name in names_in(claim.quantity))
    printed = tuple(p.replace(" ", "") for p in claim.printed)
    if printed == tuple(o.replace(" ", "") for o in ours):
        return Verdict(claim, ours, AGREES, ())
    wrong = [(p, o) for p, o in zip(claim.printed, ours) if p.replace(" ", "") != o.replace(" ", "")]
    explanation = tuple(Deviation("name", _meaning(p, table), p, o) for p, o in wrong)
    return Verdict(claim, ours, ERRATUM, (explanation,))


def names_in(quantity: str) -> tuple:
    """The model's names that a name claim states, e.g. "t[k], y[k]" or "E[4]"; FormulaError if none."""
    return expressions.parse_names(quantity)


def _meaning(printed: str, table: Table) -> str:
    """Which of the model's names a printed name is, as the quantity string, or ""."""
    candidates = [f"E[{n}]" for n in range(1, table.samples + 1)] + ["t[k]", "y[k]", "E_sum"]
    for candidate in candidates:
        if latex(names_in(candidate)[0]).replace(" ", "") == printed.replace(" ", ""):
            return candidate
    return ""


CLAIM_FIELDS = {"id": str, "location": str, "kind": str, "quantity": str, "printed": list, "expect": str}
OPTIONAL_FIELDS = {"chain": str, "step": int, "location_en": str}
_KIND_NAMES = {str: "string", int: "whole number", list: "list"}


def parse_claims(document: dict, table: Table, file: str) -> tuple:
    """The [[claims]] of a parsed data file, validated; a DataError names the claim and key."""
    entries = document.get("claims", [])
    if not isinstance(entries, list):
        raise DataError(file, "claims must be an array of tables ([[claims]])", place=("", 0, "claims"))
    fields.require_at_most(entries, limits.MAX_CLAIMS, "claims", file, "claims")
    claims = tuple(_claim(entry, number, table, file) for number, entry in enumerate(entries, 1))
    require_unique_ids([claim.id for claim in claims], "claim", file, "claims")
    return claims


def _claim(entry: object, number: int, table: Table, file: str) -> Claim:
    if not isinstance(entry, dict):
        raise DataError(file, f"[[claims]] entry {number} is not a table", place=("claims", number, ""))
    where = f"[[claims]] entry {number}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")
    fields.require_known_keys(entry, (*CLAIM_FIELDS, *OPTIONAL_FIELDS), where, file, "claims", number)
    for name, kind in CLAIM_FIELDS.items():
        if not isinstance(entry.get(name), kind):
            raise DataError(file, f"{where}: {name} is missing or is not a {_KIND_NAMES[kind]}",
                            place=("claims", number, name))
    for name, kind in OPTIONAL_FIELDS.items():
        if name in entry and (type(entry[name]) is not kind):
            raise DataError(file, f"{where}: {name} must be a {_KIND_NAMES[kind]}", place=("claims", number, name))
    claim = Claim(**{**entry, "printed": tuple(entry["printed"])})
    for key, problems in claim_problems(claim, table).items():
        if problems:
            raise DataError(file, f"{where}: " + "; ".join(problems), place=("claims", number, key))
    return claim


def claim_problems(claim: Claim, table: Table, formulas: bool = False) -> dict:
    """What is wrong with a claim, by the key where it lies, in the order to report it;
    `formulas` admits a formula over t and y as a number claim's quantity."""
    problems = {
        "id": fields.id_problems("id", claim.id),
        "location": fields.text_problems("location", claim.location),
        "location_en": fields.text_problems("location_en", claim.location_en),
        "kind": [] if claim.kind in ("number", "name") else [f"kind must be number or name, not {claim.kind!r}"],
        "expect": [] if claim.expect in (AGREES, ERRATUM) else [f"expect must be {AGREES} or {ERRATUM}, "
                                                                   f"not {claim.expect!r}"],
    }
    if claim.kind == "number":
        problems["printed"] = printed_problems(claim.printed)
        problems["quantity"] = [] if problems["printed"] else quantity_problems(claim.quantity, table, formulas)
    if claim.kind == "name":
        problems["printed"] = printed_name_problems(claim.printed)
        problems["quantity"] = name_problems(claim)
    return problems


def name_problems(claim: Claim) -> list:
    """What is wrong with a name claim: its printed entries and the names it states."""
    problems = [f"printed {p!r} must be a quoted LaTeX name" for p in claim.printed if not isinstance(p, str)]
    try:
        names = names_in(claim.quantity)
    except expressions.FormulaError as error:
        return problems + [f"quantity {claim.quantity!r} is not a list of names such as \"t[k], y[k]\": {error}"]
    if len(names) != len(claim.printed):
        problems.append(f"quantity names {len(names)} symbol(s) but {len(claim.printed)} are printed")
    return problems


def quantity_problems(quantity: str, table: Table, formulas: bool = False) -> list:
    """What is wrong with a number claim's quantity; `formulas` admits a formula over t and y."""
    if formulas and is_formula(quantity):
        return _formula_problems(quantity, table)
    if quantity not in NAMED and not 1 <= _sample_of(quantity) <= table.samples:
        allowed = "E_sum, E or a formula over t and y" if formulas else "E_sum or E"
        return [f"quantity must be E[1] … E[{table.samples}], {allowed}, not {quantity!r}"]
    return []


def _formula_problems(quantity: str, table: Table) -> list:
    try:
        formula = expressions.parse(quantity)
    except expressions.FormulaError as error:
        return [f"quantity must be E[1] … E[{table.samples}], E_sum, E or a formula over t and y: {error}"]
    outside = expressions.cell_problems(formula, table.samples, len(table.classes))
    if outside:
        return [f"quantity {quantity!r} reads outside the table: " + "; ".join(outside)]
    (value,) = evaluate(quantity, table, Convention())
    if not (value.is_real and value.is_finite):
        return [f"quantity {quantity!r} has no finite real value (a log of zero or of a negative number?)"]
    if abs(value) > limits.MAX_MAGNITUDE:
        return [f"quantity {quantity!r} is about {float(value):.3g}, beyond the limit of ±10^{limits.MAX_MAGNITUDE_DIGITS} on a value"]
    return []


def printed_problems(printed: tuple) -> list:
    """What is wrong with a number claim's printed entries: each must be a quoted decimal."""
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
        if abs(value) > limits.MAX_MAGNITUDE:
            problems.append(f"printed {text!r} is beyond the limit of ±10^{limits.MAX_MAGNITUDE_DIGITS} on a value")
    return problems


def _printed_name(text: str) -> sympy.Expr:
    """One name of our LaTeX subset (t_{k}, E_{2}, E_{sum}); ParseError otherwise."""
    parsed = texparse.parse(text)
    if parsed.tag or len(parsed.members) != 1 or not isinstance(parsed.members[0].expr, (sympy.Symbol, sympy.Indexed)):
        raise texparse.ParseError("expected one name", 0, text)
    return parsed.members[0].expr


def printed_name_problems(printed: tuple) -> list:
    """A printed name is LaTeX that goes onto the pages: it must be one name of our LaTeX subset."""
    problems = []
    for text in printed:
        if not isinstance(text, str):
            continue  # name_problems reports it
        try:
            _printed_name(text)
        except texparse.ParseError as error:
            problems.append(f"printed {text[:40]!r} is not a name such as \"t_{{k}}\" or \"E_{{2}}\": {error.reason}")
    return problems
