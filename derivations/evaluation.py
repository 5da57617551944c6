"""A loss quantity's value under a convention, in exact or in floating-point arithmetic.

Owns how a sample's loss −Σ_k t log y (or its binary cross-entropy −(t log p + (1 − t) log(1 − p)),
p = y[i,2] and 1 − p computed in the arithmetic as code does), the total and the mean (over all
samples or those listed) and a vector of per-sample losses are computed from a table: the
declared preparation of each prediction row (renormalized, clipped, ε added), the term 0 of a
label 0 (the limit of t·log y as y → 0 with t = 0) and the infinite term of a positive label
over y = 0, in the three arithmetics of `arithmetic` (exact, float64 and float32; a formula
in a float format step by step in the order written, as code computes it). Judging values is
`claims`'; this module reads no file and knows nothing of printed text beyond a printed
decimal's value.
"""
import dataclasses
import functools
import math

import sympy

from derivations import expressions, limits
from derivations.arithmetic import DIGITS, EXACT, Arithmetic, run
from derivations.diagnosis import Convention
from derivations.numbers import exact_value, half_up, rounded
from derivations.quantity import Formula, LossVector, MeanLoss, Quantity, SampleLoss, TotalLoss
from derivations.symbols import t, y
from derivations.table import Table, label_value, softmax

def evaluate(quantity: Quantity, table: Table, convention: Convention, arithmetic: Arithmetic = EXACT) -> tuple:
    """The quantity's value under a convention: one entry, K for an elementwise vector, or one per listed sample."""
    match quantity:
        case Formula():
            return (_formula_value(quantity, table, convention, arithmetic),)
        case SampleLoss(sample=sample, binary=binary):
            return _sample_values(sample, table, convention, arithmetic, binary)
        case LossVector(samples=samples, binary=binary):
            return tuple(_sample_values(n, table, convention, arithmetic, binary)[0] for n in samples)
        case MeanLoss() | TotalLoss():
            pass
        case _:
            raise TypeError(f"not a number claim's quantity: {quantity!r}")
    samples = quantity.samples or tuple(range(1, table.samples + 1))
    shared = _terms_convention(convention)
    if convention.rounded_terms:
        terms = [_signed(term, convention.negated) for term in _terms(samples, table, shared, arithmetic, quantity.binary)]
        total = _sum([_rounded(term, convention.rounded_terms, arithmetic) for term in terms], arithmetic)
    else:
        total = _signed(_total(samples, table, shared, arithmetic, quantity.binary), convention.negated)
    averaged = isinstance(quantity, MeanLoss) if convention.averaged is None else convention.averaged
    divisor = {"": len(samples), "K": len(table.classes), "N-1": len(samples) - 1}[convention.divisor]
    return (total / arithmetic.number(sympy.Integer(divisor)) if averaged else total,)


def _terms_convention(convention: Convention) -> Convention:
    """The convention with what does not change the unsigned per-sample terms set to its default,
    so that the conventions that differ only in it share the terms and their sum: the sign (exact
    in every format, and a sum's rounding is symmetric), mean or sum, divisor, rounded terms and
    how the printed digits are read."""
    return dataclasses.replace(convention, negated=False, averaged=None, divisor="", rounded_terms=0,
                               truncated=False, percentage=False)


@functools.lru_cache(maxsize=256)
def _terms(samples: tuple, table: Table, shared: Convention, arithmetic: Arithmetic, binary: bool) -> tuple:
    return tuple(_sample_values(n, table, shared, arithmetic, binary)[0] for n in samples)


@functools.lru_cache(maxsize=256)
def _total(samples: tuple, table: Table, shared: Convention, arithmetic: Arithmetic, binary: bool):
    return _sum(list(_terms(samples, table, shared, arithmetic, binary)), arithmetic)


def _signed(value, negated: bool):
    return -value if negated and value != 0 else value


def _rounded(value, places: int, arithmetic: Arithmetic):
    """A term rounded to `places` decimals, as a hand computation writes it down (half away from zero)."""
    if arithmetic is EXACT:
        return exact_value(rounded(value, places)) if value.is_finite else value
    return arithmetic.number(sympy.Rational(round(float(value), places))) if math.isfinite(value) else value


def _formula_value(formula: Formula, table: Table, convention: Convention, arithmetic: Arithmetic):
    """Exactly; or in a float format step by step in the order written, as code computes it
    (`a + b + c` is (a + b) + c, each sum rounded), over the prepared predictions."""
    if arithmetic is EXACT:
        return _formula_exact(formula.expr, table, convention.preparation, convention.base, convention.negated,
                              convention.smoothing, convention.softmax_places)
    steps = expressions.program(formula.text)
    value = run(steps, _float_cells(steps, table, convention, arithmetic), convention.base, arithmetic)
    return value if convention.negated else -value


def _float_cells(steps: tuple, table: Table, convention: Convention, arithmetic: Arithmetic) -> dict:
    """("t" or "y", row, column) → that cell in the format, for each cell the steps read: a label
    (smoothed, if so declared), a prediction prepared as the convention prepares its row."""
    cells = {}
    for name, row, column in {step[1:] for step in steps if step[0] == "cell"}:
        if name == "t":
            value = arithmetic.number(smoothed(_label_values(table.labels[row - 1]), convention.smoothing)[column - 1])
        else:
            numbers = _read_numbers(row, table, convention.softmax_places, arithmetic)
            value = _prepared(numbers, convention.preparation, arithmetic)[column - 1]
        cells[name, row, column] = value
    return cells


@functools.lru_cache(maxsize=4 * limits.MAX_CLAIMS)
def _formula_exact(expr: sympy.Expr, table: Table, preparation: tuple, base: str, negated: bool,
                   smoothing: sympy.Rational = sympy.Integer(0), softmax_places: int = 0) -> sympy.Expr:
    # Cached: the diagnosis asks for the same formula under conventions that differ only in
    # what a formula does not read (a sum for a mean, the digits truncated).
    table_cells, read = table.cells, expr.atoms(sympy.Indexed)
    # Only the cells the formula reads: substituting a large table's every cell would cost more than the rest.
    cells = {cell: table_cells[cell] for cell in read if cell in table_cells}
    if smoothing:
        for cell in (cell for cell in read if cell.base == t and cell in table_cells):
            row, column = (int(index) for index in cell.indices)
            cells[cell] = smoothed(_label_values(table.labels[row - 1]), smoothing)[column - 1]
    if any(preparation) or softmax_places:
        for row in sorted({int(cell.indices[0]) for cell in read if cell.base == y and cell in table_cells}):
            numbers = _read_numbers(row, table, softmax_places, EXACT)
            cells.update({y[row, column]: value for column, value in enumerate(_prepared(numbers, preparation, EXACT), 1)})
    return sympy.N(expressions.value(expr, cells, base, negated), DIGITS)


def prepared_row(sample: int, table: Table, convention: Convention, arithmetic: Arithmetic) -> tuple:
    """A sample's predictions as the convention takes their log: divided by the row's sum
    (renormalized), then clipped to [ε, 1 − ε], then with ε added, in that order."""
    return _prepared(_read_numbers(sample, table, 0, arithmetic), convention.preparation, arithmetic)


def _read_numbers(row: int, table: Table, softmax_places: int, arithmetic: Arithmetic) -> tuple:
    """A row of y in the arithmetic: its printed values, or the softmax of its logits (rounded to
    `softmax_places` decimals, if any). Cached by the printed text, which hashes far faster
    than SymPy numbers: the diagnosis asks for every row under hundreds of conventions."""
    if table.from_logits(row):
        return _softmax_numbers(table.logits[row - 1], softmax_places, arithmetic)
    return _printed_numbers(table.predictions[row - 1], arithmetic)


@functools.lru_cache(maxsize=None)
def _printed_numbers(texts: tuple, arithmetic: Arithmetic) -> tuple:
    return tuple(arithmetic.number(exact_value(text)) for text in texts)


@functools.lru_cache(maxsize=None)
def _softmax_numbers(logits: tuple, places: int, arithmetic: Arithmetic) -> tuple:
    """The softmax of logits in the arithmetic; rounded first to `places` decimals, as an article
    prints them and then computes from the printed digits (0: not rounded)."""
    return tuple(arithmetic.number(half_up(value, places) if places else value) for value in softmax(logits))


@functools.lru_cache(maxsize=None)
def _binary_row(p, arithmetic: Arithmetic) -> tuple:
    """(1 − p, p) for a prediction p of the arithmetic: 1 − p computed in it, as code computes log(1 - p)."""
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
    numbers = _row_numbers(sample, table, convention, arithmetic)
    row = _binary_row(numbers[1], arithmetic) if binary else numbers
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


def _row_numbers(sample: int, table: Table, convention: Convention, arithmetic: Arithmetic) -> tuple:
    """The predictions a sample's loss reads: its own row, another sample's, or under a
    transposed reading the column y[·, i] (a class past the table's rows has label 0 there and
    is never read: 1 stands in for it)."""
    if not convention.transposed:
        return _read_numbers(convention.row or sample, table, convention.softmax_places, arithmetic)
    rows = table.values
    return tuple(arithmetic.number(rows[k - 1][sample - 1] if k <= len(rows) else sympy.Integer(1))
                 for k in range(1, len(table.classes) + 1))


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
