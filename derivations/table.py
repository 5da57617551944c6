"""The worked example as data: classes, one-hot labels t and predictions y, validated.

Owns parsing and validating a data file's text (TOML) into a `Table` of exact values and
the `DataError` that names the file, row and column of any defect. It is given text and a
name; reading the file is the caller's business.
"""
import tomllib
from dataclasses import dataclass

import sympy

from derivations.numbers import PrintedNumber, exact_value, half_unit
from derivations.symbols import t, y


class DataError(ValueError):
    """A defect in a data file, located by file, row (sample) and column (class)."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None):
        self.file, self.row, self.column, self.reason = file, row, column, message
        where = "".join([f", row {row}" if row else "", f", column {column}" if column else ""])
        super().__init__(f"{file}{where}: {message}")


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    section: str
    note: str


@dataclass(frozen=True)
class Table:
    """N samples over K classes: t[i][k] in {0, 1}, y[i][k] as printed decimals."""

    classes: tuple
    labels: tuple  # N rows of K ints, one-hot
    predictions: tuple  # N rows of K printed decimal strings

    @property
    def samples(self) -> int:
        return len(self.labels)

    def true_class(self, sample: int) -> int:
        """The class (1-based) whose label is 1 in sample `sample` (1-based)."""
        return self.labels[sample - 1].index(1) + 1

    def substitution(self) -> dict:
        """t[i, k] → 0 or 1 and y[i, k] → the printed number, for every cell."""
        cells = {}
        for row, (labels, predictions) in enumerate(zip(self.labels, self.predictions), 1):
            for column, (label, prediction) in enumerate(zip(labels, predictions), 1):
                cells[t[row, column]] = sympy.Integer(label)
                cells[y[row, column]] = PrintedNumber(prediction)
        return cells


def require_unique_ids(ids: list, what: str, file: str) -> None:
    """A DataError naming every id that is used more than once (ids link pages and errata)."""
    repeated = sorted({name for name in ids if ids.count(name) > 1})
    if repeated:
        raise DataError(file, f"{what} ids must be unique; repeated: {', '.join(repeated)}")


def parse_toml(text: str, file: str) -> dict:
    """The TOML document, or a DataError carrying tomllib's line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(file, f"not valid TOML: {error}") from None


def parse_source(document: dict, file: str) -> Source:
    source = _require(document, "source", dict, file)
    fields = [_require(source, name, str, file, f"[source].{name}") for name in ("url", "title", "section")]
    return Source(*fields, note=source.get("note", ""))


def parse_table(document: dict, file: str) -> Table:
    """Validate the classes and samples of a parsed document into a Table."""
    classes = tuple(_require(document, "classes", list, file))
    if len(classes) < 2 or not all(isinstance(name, str) for name in classes):
        raise DataError(file, "classes must be a list of at least two names")
    samples = _require(document, "samples", list, file, "[[samples]]")
    if not samples:
        raise DataError(file, "there must be at least one [[samples]] entry")
    rows = [_sample_row(sample, row, classes, file) for row, sample in enumerate(samples, 1)]
    return Table(classes, tuple(r[0] for r in rows), tuple(r[1] for r in rows))


def _sample_row(sample: object, row: int, classes: tuple, file: str) -> tuple:
    if not isinstance(sample, dict):
        raise DataError(file, "each [[samples]] entry must be a table with t and y", row)
    labels = _row_of(sample, "t", row, classes, file)
    predictions = _row_of(sample, "y", row, classes, file)
    _check_one_hot(labels, row, classes, file)
    _check_probabilities(predictions, row, classes, file)
    return tuple(labels), tuple(predictions)


def _row_of(sample: dict, key: str, row: int, classes: tuple, file: str) -> list:
    values = sample.get(key)
    if not isinstance(values, list):
        raise DataError(file, f"{key} is missing or not a list", row)
    if len(values) != len(classes):
        raise DataError(file, f"{key} has {len(values)} entries but there are {len(classes)} classes", row)
    return values


def _column(classes: tuple, column: int) -> str:
    return f"{column} ({classes[column - 1]})"


def _check_one_hot(labels: list, row: int, classes: tuple, file: str) -> None:
    for column, label in enumerate(labels, 1):
        if type(label) is not int or label not in (0, 1):
            raise DataError(file, f"t = {label!r} is not 0 or 1", row, _column(classes, column))
    if sum(labels) != 1:
        raise DataError(file, f"t is not one-hot: {sum(labels)} entries are 1, expected exactly 1", row)


def _check_probabilities(predictions: list, row: int, classes: tuple, file: str) -> None:
    for column, text in enumerate(predictions, 1):
        where = _column(classes, column)
        if not isinstance(text, str):
            raise DataError(file, f"y = {text!r} must be a quoted decimal such as \"0.33\"", row, where)
        try:
            value = exact_value(text)
        except ValueError:
            raise DataError(file, f"y = {text!r} is not a decimal number", row, where) from None
        if not 0 < value <= 1:
            raise DataError(file, f"y = {text} is outside (0, 1]", row, where)
    _check_sums_to_one(predictions, row, file)


def _check_sums_to_one(predictions: list, row: int, file: str) -> None:
    # Printed decimals may each be rounded by half a unit of their last digit; a row is
    # accepted when 1 lies within the sum of those half units (exactly 1 for exact data).
    total = sum(exact_value(text) for text in predictions)
    slack = sum(half_unit(text) for text in predictions)
    if abs(total - 1) > slack:
        raise DataError(file, f"y sums to {float(total):g}, not 1 (allowed rounding: ±{slack})", row)


def _require(mapping: dict, key: str, kind: type, file: str, label: str | None = None):
    value = mapping.get(key)
    if not isinstance(value, kind):
        raise DataError(file, f"{label or key} is missing or is not a {kind.__name__}")
    return value
