"""The rules every field of every data file obeys, whatever the file: keys, text, ids, links.

Owns what is common to part data, printed formulas and claims files: that a table has only
the keys its schema names, that text is one line of printable characters, that an id is a
short ASCII name (ids become page anchors), that a link is an http(s) address, that a quoted
decimal lies in its range, and that a list stays within its stated limit. Each check raises a
`DataError` carrying the place of the defect; `lines.located` adds its line. It knows no schema
of its own.
"""
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from derivations.numbers import exact_value
from derivations.outcomes import DATA_INVALID, Failure


class DataError(Failure):
    """A defect in a data file, located by file, line, row (sample) and column (class).

    `place` is where the defect lies in the TOML structure, (table, entry, key): table "" is
    the top level, entry n the n-th [[table]] (0 for a [table] or the top level), key "" the
    entry itself. `lines.located` turns it into a line number; messages are never parsed.
    """

    outcome, kind = DATA_INVALID, "data"

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None,
                 place: tuple = ("", 0, ""), line: int | None = None):
        self.file, self.row, self.column, self.reason = file, row, column, message
        self.place, self.line = place, line
        parts = (("line", line), ("row", row), ("column", column))
        where = "".join(f", {name} {value}" for name, value in parts if value)
        super().__init__(f"{file}{where}: {message}")

    def location(self) -> dict:
        """Where the defect lies, for a report: file, line, row and column, None where unknown."""
        return {"file": self.file, "line": self.line, "row": self.row, "column": self.column}


MAX_TEXT_CHARS = 500  # a location, title or note: a sentence, not a document
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_URL = re.compile(r"https?://[^\s<>\"'`\\]+")


def require_known_keys(mapping: dict, allowed: tuple, where: str, file: str, table: str = "", entry: int = 0) -> None:
    """Reject the first key that the schema does not name, at that key's line."""
    unknown = [name for name in mapping if name not in allowed]
    if unknown:
        raise DataError(file, f"{where}: unknown key {unknown[0]!r} (the keys are {', '.join(allowed)})",
                        place=(table, entry, unknown[0]))


def text_problems(name: str, value: str) -> list:
    """What is wrong with one line of text: a control character (a new line too), or its length."""
    controls = [ch for ch in value if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\t"]
    if controls:
        return [f"{name} contains the control character U+{ord(controls[0]):04X} at character "
                f"{value.index(controls[0]) + 1}: text fields are one line of printable text"]
    if len(value) > MAX_TEXT_CHARS:
        return [f"{name} is {len(value)} characters long; the limit is {MAX_TEXT_CHARS}"]
    return []


def id_problems(name: str, value: str) -> list:
    """An id becomes a page anchor (#erratum-E1): ASCII letters, digits, . _ -, at most 64."""
    if _ID.fullmatch(value):
        return []
    return [f"{name} {value!r} must be 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"]


def url_problems(name: str, value: str) -> list:
    """A link on the pages must be an http(s) address (no javascript:, no spaces or quotes)."""
    if _URL.fullmatch(value) and not text_problems(name, value):
        return []
    return [f"{name} {value!r} must be an http:// or https:// address"]


def decimal_problems(name: str, value: object, example: str, within: Callable = lambda _: True,
                     words: str = "") -> list:
    """What is wrong with a quoted decimal, written as a prediction y is: not quoted, not a decimal,
    or not `within` its range (`words` says which)."""
    if not isinstance(value, str):
        return [f"{name} = {repr(value)[:40]} must be a quoted decimal such as \"{example}\""]
    try:
        number = exact_value(value)
    except ValueError as error:
        return [f"{name} = {error}"]
    return [] if within(number) else [f"{name} = {value} must be {words}"]


def require_at_most(entries: list, limit: int, what: str, file: str, table: str) -> None:
    """Refuse a list longer than its stated limit, at the first entry past it."""
    if len(entries) > limit:
        raise DataError(file, f"{len(entries)} {what}; the limit is {limit}", place=(table, limit + 1, ""))


@dataclass(frozen=True)
class Field:
    """One key of a TOML table: its type(s), whether it must be there, its default, its rules.

    A rule is `rule(key, value) -> list of problems`, run once the type is right.
    """

    name: str
    kinds: tuple  # the accepted Python types, exactly (a bool is not a whole number here)
    required: bool = True
    default: object = None
    rules: tuple = ()
    hint: str = ""  # said after a wrong type, e.g. how to write the value


KIND_NAMES = {str: "string", int: "whole number", list: "list", dict: "table", bool: "boolean (true or false)"}


@dataclass(frozen=True)
class Where:
    """Where an entry stands: its file, its table and entry number, and how messages name it."""

    file: str
    table: str = ""
    entry: int = 0
    label: str = "top level"

    def error(self, message: str, key: str = "", row: int | None = None, column: str | None = None) -> DataError:
        return DataError(self.file, f"{self.label}: {message}", row, column, place=(self.table, self.entry, key))


def read_entry(entry: object, schema: tuple, where: Where) -> dict:
    """The entry's values by key (defaults filled in), checked against the schema in key order:
    a table, no unknown key, every required key, the right types, then each field's rules."""
    if not isinstance(entry, dict):
        raise where.error("must be a table")
    require_known_keys(entry, tuple(field.name for field in schema), where.label, where.file, where.table,
                       where.entry)
    return {field.name: _value(entry, field, where) for field in schema}


def _value(entry: dict, field: Field, where: Where) -> object:
    if field.name not in entry:
        if field.required:
            raise where.error(f"{field.name} is missing", field.name)
        return field.default
    value = entry[field.name]
    if type(value) not in field.kinds:
        kinds = " or ".join(KIND_NAMES[kind] for kind in field.kinds)
        raise where.error(f"{field.name} must be a {kinds}, not {_shown(value)}{field.hint}", field.name)
    for rule in field.rules:
        problems = rule(field.name, value)
        if problems:
            raise where.error("; ".join(problems), field.name)
    return value


def _shown(value: object) -> str:
    kind = KIND_NAMES.get(type(value), type(value).__name__)
    return f"a {kind}" if isinstance(value, (list, dict)) else f"{kind} {str(value)[:40]!r}"
