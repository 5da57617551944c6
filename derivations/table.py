"""The worked example as data: classes, labels t and predictions y, and what makes them valid.

Owns `Table` (exact values; labels one-hot, or soft: quoted decimals summing to exactly 1;
predictions in [0, 1], a 0 only where a file may hold one, or a claims file's logits z with
y = softmax(z) evaluated from the exact logits to `SOFTMAX_DIGITS`), `Source`, and what a
valid class list and table row are (a `DataError` naming row and column otherwise). Reading TOML and the
shape of each kind of file are `datafiles`'.
"""
import functools
from dataclasses import dataclass
from types import MappingProxyType

import mpmath
import sympy

from derivations import limits
from derivations.fields import DataError, decimal_problems
from derivations.numbers import PrintedNumber, exact_value, half_unit
from derivations.symbols import t, y

# A softmax of logits is evaluated to this many significant digits: ten beyond those every
# comparison is made at, so that its last digit never decides a verdict.
SOFTMAX_DIGITS = limits.COMPARISON_DIGITS + 10
_GUARD_DIGITS = 10  # working digits beyond SOFTMAX_DIGITS, for the rounding of exp, the sum and the quotient


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    section: str
    note: str


@dataclass(frozen=True)
class Table:
    """N samples over K classes: t[i][k] as 0/1 or a quoted decimal, y[i][k] as printed decimals,
    or for a sample given by its logits, y[i] = softmax(z[i])."""

    classes: tuple
    labels: tuple  # N rows of K labels: the ints 0 and 1, or quoted decimals ("0.7"), each row summing to 1
    predictions: tuple  # N rows of K printed decimal strings; () for a sample given by its logits
    logits: tuple = ()  # N rows: () for a sample given by y, else its K logits as printed; () if none has any

    @property
    def samples(self) -> int:
        return len(self.labels)

    @property
    def has_logits(self) -> bool:
        return any(self.logits)

    def from_logits(self, sample: int) -> bool:
        """Whether sample `sample` (1-based) gives logits z, its y being their softmax."""
        return bool(self.logits) and bool(self.logits[sample - 1])

    @functools.cached_property
    def values(self) -> tuple:
        """N rows of K exact predictions: a printed y as its exact rational; softmax(z) at
        `SOFTMAX_DIGITS`, as a rational. Cached: every evaluation reads them."""
        return tuple(softmax(self.logits[n - 1]) if self.from_logits(n) else tuple(map(exact_value, row))
                     for n, row in enumerate(self.predictions, 1))

    @functools.cached_property
    def _digest(self) -> int:
        return hash((self.classes, self.labels, self.predictions, self.logits))

    def __hash__(self) -> int:
        # Computed once: the evaluation's caches are keyed by the table, and a table of 1,000
        # samples and 100 classes would be hashed anew, cell by cell, at every look-up.
        return self._digest

    @property
    def one_hot(self) -> bool:
        """Whether every sample has one true class (a label of 1, the others 0)."""
        return not self.first_soft_row()

    def first_soft_row(self) -> int:
        """The first sample (1-based) whose label is not one-hot; 0 if every one is."""
        return next((n for n in range(1, self.samples + 1) if not self.row_one_hot(n)), 0)

    def row_one_hot(self, sample: int) -> bool:
        return all(label_value(label) in (0, 1) for label in self.labels[sample - 1])

    def true_class(self, sample: int) -> int:
        """The class (1-based) whose label is 1 in sample `sample` (1-based); ValueError for a soft label."""
        values = [label_value(label) for label in self.labels[sample - 1]]
        if not self.row_one_hot(sample):
            raise ValueError(f"sample {sample} has a soft label: it has no single true class")
        return values.index(1) + 1

    def substitution(self) -> dict:
        """t[i, k] → its label (0, 1 or the printed decimal) and y[i, k] → the printed number, for every cell."""
        return dict(self.cells)

    @functools.cached_property
    def cells(self) -> MappingProxyType:
        """The substitution, read-only and made once: a claims file's formulas read a few cells of it each."""
        return MappingProxyType(dict(_substitution(self.labels, self.predictions, self.logits)))


@functools.lru_cache(maxsize=8)
def _substitution(labels: tuple, predictions: tuple, logits: tuple = ()) -> tuple:
    # Cached: a claims file's diagnosis substitutes the same table under each convention it tries,
    # and building SymPy's Indexed cells is most of that cost.
    cells = []
    for row, label_row in enumerate(labels, 1):
        given = logits[row - 1] if logits else ()
        shown = softmax(given) if given else tuple(map(PrintedNumber, predictions[row - 1]))
        for column, (label, prediction) in enumerate(zip(label_row, shown), 1):
            cells += [(t[row, column], label_symbol(label)), (y[row, column], prediction)]
    return tuple(cells)


@functools.lru_cache(maxsize=None)
def softmax(logits: tuple) -> tuple:
    """y_k = exp(z_k − m) / Σ_j exp(z_j − m) of printed logits (m the largest: the same number as
    without it, and no exp is huge), each a rational within 10^-SOFTMAX_DIGITS of it relatively.

    The exact logits go into mpmath, SymPy's own numeric engine, with `_GUARD_DIGITS` more
    working digits: what `sympy.N` of the symbolic quotient does, without building it (75 times
    faster: 4.6 ms against 0.06 ms a value, measured on rows of 100 logits)."""
    exact = [exact_value(text) for text in logits]
    largest = max(exact)
    with mpmath.workdps(SOFTMAX_DIGITS + _GUARD_DIGITS):
        powers = [mpmath.exp(_mpf(value - largest)) for value in exact]
        total = mpmath.fsum(powers)
        return tuple(_rational(power / total) for power in powers)


def _mpf(value: sympy.Rational):
    """A rational as an mpmath number at the working precision (p / q rounded once)."""
    return mpmath.mpf(int(value.p)) / int(value.q)


def _rational(value) -> sympy.Rational:
    """An mpmath number's binary value, exactly."""
    mantissa, exponent = value.man_exp
    return sympy.Rational(mantissa * 2**exponent) if exponent >= 0 else sympy.Rational(mantissa, 2**-exponent)


def label_value(label: int | str) -> sympy.Rational:
    """A label's exact value: 0 or 1, or a quoted decimal read exactly."""
    return sympy.Integer(label) if isinstance(label, int) else exact_value(label)


def label_symbol(label: int | str) -> sympy.Expr:
    """A label as a formula shows it: the integer, or the decimal as printed."""
    return sympy.Integer(label) if isinstance(label, int) else PrintedNumber(label)


def checked_classes(classes: object, file: str) -> tuple:
    """Two or more short names; they stand in tables and headings, so plain words only."""
    at = ("", 0, "classes")
    if not isinstance(classes, list) or len(classes) < 2 or not all(isinstance(name, str) for name in classes):
        raise DataError(file, "classes must be a list of at least two names", place=at)
    if len(classes) > limits.MAX_CLASSES:
        raise DataError(file, f"{len(classes)} classes; the limit is {limits.MAX_CLASSES}", place=at)
    for number, name in enumerate(classes, 1):
        if not name or len(name) > 40 or not all(ch.isalnum() or ch in " -_" for ch in name):
            raise DataError(file, f"class {number} {name!r} must be 1 to 40 letters, digits, spaces, '-' or '_'",
                            place=at)
    return tuple(classes)


def checked_row(labels: list, predictions: list, row: int, classes: tuple, file: str, zeros: bool = False) -> tuple:
    """One sample's labels and predictions as a table holds them; DataError naming row and column.

    `zeros` admits y = 0 (a claims file: the term is 0 where t = 0, the loss infinite where
    t > 0); a part's derivation chains take the log of every cell, so its data cannot."""
    for key, values in (("t", labels), ("y", predictions)):
        if len(values) != len(classes):
            raise DataError(file, f"{key} has {len(values)} entries but there are {len(classes)} classes", row,
                            place=("samples", row, key))
    _check_labels(labels, row, classes, file)
    _check_probabilities(predictions, row, classes, file, zeros)
    return tuple(labels), tuple(predictions)


def checked_logits(labels: list, logits: list, row: int, classes: tuple, file: str) -> tuple:
    """One sample given by its logits: its labels, and K quoted decimals (any sign) no larger
    than `limits.MAX_LOGIT` in size; DataError naming row and column."""
    at = ("samples", row, "z")
    if len(logits) != len(classes):
        raise DataError(file, f"z has {len(logits)} entries but there are {len(classes)} classes", row, place=at)
    _check_labels(labels, row, classes, file)
    for column, text in enumerate(logits, 1):
        where = _column(classes, column)
        value = _quoted_decimal(text, "z", "-1.5", file, (row, where, at))
        if abs(value) > limits.MAX_LOGIT:
            raise DataError(file, f"z = {text} is beyond the limit of ±{limits.MAX_LOGIT} on a logit", row, where, at)
    return tuple(labels), tuple(logits)


def _quoted_decimal(text, key: str, example: str, file: str, place: tuple):
    """The exact value of one quoted decimal of a row; DataError at (row, column, key path)."""
    problems = decimal_problems(key, text, example)
    if problems:
        raise DataError(file, problems[0], *place)
    return exact_value(text)


def _column(classes: tuple, column: int) -> str:
    return f"{column} ({classes[column - 1]})"


def _check_labels(labels: list, row: int, classes: tuple, file: str) -> None:
    """0/1 integers or quoted decimals, none negative, summing to exactly 1 (a distribution)."""
    at = ("samples", row, "t")
    for column, label in enumerate(labels, 1):
        where = _column(classes, column)
        if type(label) is int and label in (0, 1):
            continue
        try:
            value = exact_value(label) if isinstance(label, str) else None
        except ValueError:
            value = None
        if value is None:
            raise DataError(file, f"t = {label!r} is not 0 or 1 or a quoted decimal such as \"0.7\"", row, where, at)
        if value < 0:
            raise DataError(file, f"t = {label} is negative", row, where, at)
    total = sum(label_value(label) for label in labels)
    if total != 1:
        raise DataError(file, f"t is not one-hot and not a distribution: it sums to {total}, not exactly 1",
                        row, place=at)


def _check_probabilities(predictions: list, row: int, classes: tuple, file: str, zeros: bool) -> None:
    at = ("samples", row, "y")
    for column, text in enumerate(predictions, 1):
        where = _column(classes, column)
        value = _quoted_decimal(text, "y", "0.33", file, (row, where, at))
        if not (0 <= value <= 1 if zeros else 0 < value <= 1):
            raise DataError(file, f"y = {text} is outside {'[0, 1]' if zeros else '(0, 1]'}{_why(value, zeros)}",
                            row, where, at)
    _check_sums_to_one(predictions, row, file)


def _why(value: sympy.Rational, zeros: bool) -> str:
    if value == 0 and not zeros:
        return ": a part's derivation chains take the log of every y, so its data cannot hold a 0 (a claims file can)"
    return ""


def _check_sums_to_one(predictions: list, row: int, file: str) -> None:
    # Printed decimals may each be rounded by half a unit of their last digit; a row is
    # accepted when 1 lies within the sum of those half units (exactly 1 for exact data).
    total = sum(exact_value(text) for text in predictions)
    if total == 0:
        raise DataError(file, "y is 0 in every class: a prediction is a distribution", row,
                        place=("samples", row, "y"))
    slack = sum(half_unit(text) for text in predictions)
    if abs(total - 1) > slack:
        raise DataError(file, f"y sums to {float(total):g}, not 1 (allowed rounding: ±{slack})", row,
                        place=("samples", row, "y"))
