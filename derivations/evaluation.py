"""A loss quantity's value under a convention, in exact or in floating-point arithmetic.

Owns how a sample's loss −Σ_k t log y (or its binary cross-entropy −(t log p + (1 − t) log(1 − p)),
p = y[i,2] and 1 − p computed in the arithmetic as code does), the total and the mean (over all
samples or those listed) and a vector of per-sample losses are computed from a table: the
declared preparation of each prediction row (renormalized, clipped, ε added), the term 0 of a
label 0 (the limit of t·log y as y → 0 with t = 0) and the infinite term of a positive label
over y = 0, in three arithmetics: exact (60 significant digits, what every verdict is
measured against), float64 (Python's `math` functions, summed left to right) and float32
(numpy scalars, as the frameworks compute by default); also a value of any of them as an
exact fraction and a float format's unit in the last place. Judging values is `claims`'; this
module reads no file and knows nothing of printed text beyond a printed decimal's value.
"""
import functools
import math
from dataclasses import dataclass
from fractions import Fraction

import sympy

from derivations import expressions, limits
from derivations.diagnosis import Convention
from derivations.numbers import exact_value, rounded
from derivations.quantity import Formula, LossVector, MeanLoss, Quantity, SampleLoss, TotalLoss
from derivations.symbols import t, y
from derivations.table import Table, label_value

DIGITS = limits.COMPARISON_DIGITS  # exact evaluation: every printed digit counts (see limits)


@dataclass(frozen=True)
class Arithmetic:
    """One number format: how a rational becomes a number of it, and its logarithms."""

    name: str  # "exact", "float64" or "float32"

    def number(self, value: sympy.Rational):
        if self.name == "exact":
            return sympy.Rational(value)
        nearest = float(Fraction(int(value.p), int(value.q)))  # correctly rounded, unlike a float's repr
        return numpy_module().float32(nearest) if self.name == "float32" else nearest

    def log(self, value, base: str):
        if value == 0:  # the limit of log y as y → 0, in each format
            if self.name == "exact":
                return -sympy.oo
            return numpy_module().float32(-math.inf) if self.name == "float32" else -math.inf
        if self.name == "exact":
            return _exact_log(value, base)
        if self.name == "float32":
            numpy = numpy_module()
            return {"e": numpy.log, "2": numpy.log2, "10": numpy.log10}[base](value)
        return FLOAT64_LOGS[base](value)


def numpy_module():
    """numpy, imported only where a float32 number is made: importing it at start-up cost `check`
    48 ms (python -X importtime), a sixth of `import sympy`, for files that never ask for float32."""
    import numpy

    return numpy


def unit_in_last_place(value, precision: str) -> sympy.Rational:
    """The spacing of float numbers at `value` in its format, exactly."""
    if precision == "float32":
        numpy = numpy_module()
        return sympy.Rational(float(numpy.spacing(numpy.float32(abs(value)))))
    return sympy.Rational(math.ulp(float(value)))


def as_fraction(value) -> Fraction:
    """A value of any arithmetic as an exact Python fraction (a SymPy Float's binary digits, a
    Rational, a float): the diagnosis compares a few hundred values per claim with printed
    decimals, and fractions compare far faster than SymPy numbers."""
    if isinstance(value, sympy.Float):
        sign, mantissa, exponent, _ = value._mpf_
        magnitude = Fraction(mantissa) * Fraction(2) ** exponent
        return -magnitude if sign else magnitude
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return Fraction(float(value))


EXACT, FLOAT64, FLOAT32 = Arithmetic("exact"), Arithmetic("float64"), Arithmetic("float32")
ARITHMETICS = {arithmetic.name: arithmetic for arithmetic in (EXACT, FLOAT64, FLOAT32)}
FLOAT64_LOGS = {"e": math.log, "2": math.log2, "10": math.log10}


@functools.lru_cache(maxsize=None)
def _exact_log(value: sympy.Rational, base: str) -> sympy.Expr:
    natural = sympy.log(value)
    exact = natural if base == "e" else natural / sympy.log(int(base))
    return sympy.N(exact, DIGITS)


def evaluate(quantity: Quantity, table: Table, convention: Convention, arithmetic: Arithmetic = EXACT) -> tuple:
    """The quantity's value under a convention: one entry, K for an elementwise vector, or one per listed sample."""
    match quantity:
        case Formula(expr=expr):
            return (_formula_value(expr, table, convention, arithmetic),)
        case SampleLoss(sample=sample, binary=binary):
            return _sample_values(sample, table, convention, arithmetic, binary)
        case LossVector(samples=samples, binary=binary):
            return tuple(_sample_values(n, table, convention, arithmetic, binary)[0] for n in samples)
        case MeanLoss() | TotalLoss():
            pass
        case _:
            raise TypeError(f"not a number claim's quantity: {quantity!r}")
    samples = quantity.samples or tuple(range(1, table.samples + 1))
    terms = [_sample_values(n, table, convention, arithmetic, quantity.binary)[0] for n in samples]
    if convention.rounded_terms:
        terms = [_rounded(term, convention.rounded_terms, arithmetic) for term in terms]
    total = _sum(terms, arithmetic)
    averaged = isinstance(quantity, MeanLoss) if convention.averaged is None else convention.averaged
    divisor = {"": len(samples), "K": len(table.classes), "N-1": len(samples) - 1}[convention.divisor]
    return (total / arithmetic.number(sympy.Integer(divisor)) if averaged else total,)


def _rounded(value, places: int, arithmetic: Arithmetic):
    """A term rounded to `places` decimals, as a hand computation writes it down (half away from zero)."""
    if arithmetic is EXACT:
        return exact_value(rounded(value, places)) if value.is_finite else value
    return arithmetic.number(sympy.Rational(round(float(value), places))) if math.isfinite(value) else value


def _formula_value(expr: sympy.Expr, table: Table, convention: Convention, arithmetic: Arithmetic):
    # A formula is computed exactly, over the prepared predictions, and then rounded to the
    # number format: its own order of operations is not known once it is read.
    exact = _formula_exact(expr, table, convention.preparation, convention.base, convention.negated,
                           convention.smoothing)
    if arithmetic is EXACT or not exact.is_finite:
        return exact
    return arithmetic.number(sympy.Rational(exact))


@functools.lru_cache(maxsize=4 * limits.MAX_CLAIMS)
def _formula_exact(expr: sympy.Expr, table: Table, preparation: tuple, base: str, negated: bool,
                   smoothing: sympy.Rational = sympy.Integer(0)) -> sympy.Expr:
    # Cached: the diagnosis asks for the same formula under conventions that differ only in
    # what a formula does not read (a sum for a mean, the digits truncated).
    cells = table.substitution()
    if smoothing:
        for row, labels in enumerate(table.labels, 1):
            cells.update({t[row, k]: label for k, label in enumerate(smoothed(_label_values(labels), smoothing), 1)})
    if any(preparation):
        for row, texts in enumerate(table.predictions, 1):
            prepared = _prepared(_numbers(texts, EXACT), preparation, EXACT)
            cells.update({y[row, column]: value for column, value in enumerate(prepared, 1)})
    return sympy.N(expressions.value(expr, cells, base, negated), DIGITS)


def prepared_row(sample: int, table: Table, convention: Convention, arithmetic: Arithmetic) -> tuple:
    """A sample's predictions as the convention takes their log: divided by the row's sum
    (renormalized), then clipped to [ε, 1 − ε], then with ε added, in that order."""
    return _prepared(_numbers(table.predictions[sample - 1], arithmetic), convention.preparation, arithmetic)


@functools.lru_cache(maxsize=None)
def _numbers(texts: tuple, arithmetic: Arithmetic) -> tuple:
    return tuple(arithmetic.number(exact_value(text)) for text in texts)


@functools.lru_cache(maxsize=None)
def _binary_row(text: str, arithmetic: Arithmetic) -> tuple:
    """(1 − p, p) for a printed p: 1 − p computed in the arithmetic, as code computes log(1 - p)."""
    p = arithmetic.number(exact_value(text))
    return arithmetic.number(sympy.Integer(1)) - p, p


@functools.lru_cache(maxsize=None)
def _prepared(values: tuple, preparation: tuple, arithmetic: Arithmetic) -> tuple:
    # Cached: the diagnosis evaluates every row under each of a few hundred conventions, and
    # only these three of a convention's fields change the row.
    renormalized, clip, epsilon = preparation
    values = list(values)
    if renormalized:
        total = _sum(values, arithmetic)
        values = [value / total for value in values]
    if clip:
        low = arithmetic.number(clip)
        high = arithmetic.number(sympy.Integer(1)) - low  # as Keras does: 1 − ε in the format itself
        values = [min(max(value, low), high) for value in values]
    if epsilon:
        values = [value + arithmetic.number(epsilon) for value in values]
    return tuple(values)


def _sample_values(sample: int, table: Table, convention: Convention, arithmetic: Arithmetic,
                   binary: bool = False) -> tuple:
    """−Σ_k t_k log y_k of one sample (its terms, if not summed), with its labels as the table
    gives them (one-hot or soft) or, under an "element" convention, one-hot at the chosen class;
    `binary`: over (1 − t, t) and (1 − p, p) with t, p the second class's label and prediction."""
    labels = _binary_labels(table.labels[sample - 1][1]) if binary else _labels(sample, table, convention)
    labels = smoothed(labels, convention.smoothing)
    texts = _row_texts(sample, table, convention)
    row = _binary_row(texts[1], arithmetic) if binary else _numbers(texts, arithmetic)
    values = _unsigned(labels, _prepared(row, convention.preparation, arithmetic), convention.base,
                       convention.summed_over_classes, arithmetic)
    # Negation is exact in every format: the sign needs no second computation.
    return tuple(-value if value != 0 else value for value in values) if convention.negated else values


@functools.lru_cache(maxsize=None)
def _unsigned(labels: tuple, row: tuple, base: str, summed: bool, arithmetic: Arithmetic) -> tuple:
    """Σ_k t_k log y_k (or its terms) over a prepared row. Cached: the diagnosis meets each sample
    under many conventions that differ only in sign or in sum against mean. A term with label 0
    is 0 whatever y is (the limit of t·log y as y → 0 with t = 0) and is left out of the sum,
    which adding a zero would not change."""
    zero = arithmetic.number(sympy.Integer(0))
    terms = {k: arithmetic.number(labels[k]) * arithmetic.log(row[k], base) for k in _nonzero(labels)}
    if not summed:
        return tuple(terms.get(k, zero) for k in range(len(labels)))
    return (_sum(list(terms.values()), arithmetic),)


def _row_texts(sample: int, table: Table, convention: Convention) -> tuple:
    """The printed predictions a sample's loss reads: its own row, another sample's, or under a
    transposed reading the column y[·, i] (a class past the table's rows has label 0 there and
    is never read: "1" stands in for it)."""
    if convention.transposed:
        rows = table.predictions
        return tuple(rows[k - 1][sample - 1] if k <= len(rows) else "1" for k in range(1, len(table.classes) + 1))
    return table.predictions[(convention.row or sample) - 1]


@functools.lru_cache(maxsize=None)
@functools.lru_cache(maxsize=None)
def smoothed(labels: tuple, smoothing: sympy.Rational) -> tuple:
    """Labels under label smoothing ε, exactly: (1 − ε)·t + ε/K for each of the K classes (as
    PyTorch's and Keras's label_smoothing read them); unchanged for ε = 0."""
    if not smoothing:
        return labels
    share = smoothing / len(labels)
    return tuple((1 - smoothing) * sympy.Rational(label) + share for label in labels)


def _binary_labels(label: int | str) -> tuple:
    value = label_value(label)
    return 1 - value, value


@functools.lru_cache(maxsize=None)
def _nonzero(labels: tuple) -> tuple:
    return tuple(k for k, label in enumerate(labels) if label != 0)


def _labels(sample: int, table: Table, convention: Convention) -> tuple:
    if convention.chosen_class:
        return _one_hot(convention.chosen_class, len(table.classes))
    return _label_values(table.labels[sample - 1])


@functools.lru_cache(maxsize=None)
def _one_hot(chosen: int, classes: int) -> tuple:
    return tuple(sympy.Integer(column == chosen) for column in range(1, classes + 1))


@functools.lru_cache(maxsize=None)
def _label_values(labels: tuple) -> tuple:
    return tuple(label_value(label) for label in labels)


def _sum(values: list, arithmetic: Arithmetic):
    """Left to right, as Python's `sum` and a plain loop add."""
    total = arithmetic.number(sympy.Integer(0))
    for value in values:
        total = total + value
    return total
