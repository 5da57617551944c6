"""An author's own claims file → a validated Table and Claims, with line numbers in errors.

Owns the author's schema (close to data/part5.toml; documented in docs/claims-file.md):
an optional [source], `classes`, [[samples]] whose labels t may be quoted ("1", "0"), and
[[claims]] whose `kind` defaults to "number", whose `expect` may be left out (an unreviewed
claim expects agreement) and whose quantity may be a formula over t and y. Owns locating
each defect on a line of the text. Checking labels, predictions and claims stays with
`table` and `claims`; judging stays with `claims`. Given text and a name; it reads nothing.
"""
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from derivations import claims
from derivations.claims import AGREES, ERRATUM, Claim
from derivations.table import DataError, Source, Table, parse_table, parse_toml

TOP_FIELDS = ("source", "classes", "samples", "claims")
SOURCE_FIELDS = ("url", "title", "section", "note")
SAMPLE_FIELDS = ("t", "y")
CLAIM_FIELDS = ("id", "location", "printed", "quantity", "kind", "expect")
QUOTED_LABELS = {"0": 0, "1": 1}
# A table header ([name] or [[name]]) and a key at the start of a line; a name is bare or quoted.
_NAME = r"""([A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_HEADER = re.compile(rf"^\s*(\[\[?)\s*{_NAME}\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(rf"^\s*{_NAME}\s*=")
_TOML_LINE = re.compile(r"at line (\d+)")


class LocatedError(DataError):
    """A defect in an author's file, located by file, line and, where they apply, row and column."""

    def __init__(self, file: str, message: str, line: int | None, row: int | None = None, column: str | None = None):
        super().__init__(file, message, row, column)
        self.line = line
        parts = (("line", line), ("row", row), ("column", column))
        where = "".join(f", {name} {value}" for name, value in parts if value)
        self.args = (f"{file}{where}: {message}",)


def place(error: DataError) -> dict:
    """Where a defect lies, for a report: file, line, row and column, None where unknown."""
    return {"file": error.file, "line": getattr(error, "line", None), "row": error.row, "column": error.column}


@dataclass(frozen=True)
class Lines:
    """The line of each table header and key of a TOML text: (table, entry, key) → line."""

    places: Mapping  # table "" is the top level; entry n is the n-th [[table]], 0 a [table]; key "" the header

    @classmethod
    def of(cls, text: str) -> "Lines":
        places, section, entries = {}, ("", 0), {}
        # Split on "\n" only, as tomllib counts lines (splitlines would also split on \x0c …).
        for number, line in enumerate(text.split("\n"), 1):
            header, key = _HEADER.match(line), _KEY.match(line)
            if header:
                name = _unquoted(header[2])
                entries[name] = entries.get(name, 0) + 1 if header[1] == "[[" else 0
                section = (name, entries[name])
                places.setdefault((*section, ""), number)
            elif key:
                places.setdefault((*section, _unquoted(key[1])), number)
        return cls(places)

    def find(self, table: str = "", entry: int = 0, key: str = "") -> int | None:
        """The key's line in that entry, else the entry's header, else the table's own line."""
        for place in ((table, entry, key), (table, entry, ""), ("", 0, table)):
            if place in self.places:
                return self.places[place]
        return None


def _unquoted(name: str) -> str:
    return name[1:-1] if name[:1] in "\"'" else name


@dataclass(frozen=True)
class AuthorFile:
    file: str
    source: Source | None
    table: Table
    claims: tuple  # Claim per [[claims]] entry, in file order


def load(text: str, file: str) -> AuthorFile:
    """The author's file, validated; a LocatedError names the file and line of any defect."""
    lines = Lines.of(text)
    document = _document(text, file)
    _check_fields(document, TOP_FIELDS, "top level", lines.find, file)  # find(name): a key or a [name]
    table = _table(document, lines, file)
    return AuthorFile(file, _source(document, lines, file), table, _claims(document, table, lines, file))


def _document(text: str, file: str) -> dict:
    try:
        return parse_toml(text, file)
    except DataError as error:
        at = _TOML_LINE.search(error.reason)  # tomllib says where, in its message only
        raise LocatedError(file, error.reason, int(at[1]) if at else None) from None


def _check_fields(mapping: dict, allowed: tuple, where: str, locate: Callable, file: str) -> None:
    """Reject the first field not in `allowed`, at the line `locate(field)` gives."""
    unknown = [name for name in mapping if name not in allowed]
    if unknown:
        raise LocatedError(file, f"{where}: unknown field {unknown[0]!r} (the fields are {', '.join(allowed)})",
                           locate(unknown[0]))


def _source(document: dict, lines: Lines, file: str) -> Source | None:
    if "source" not in document:
        return None
    source = document["source"]
    if not isinstance(source, dict):
        raise LocatedError(file, "source must be a table: [source] with url, title, section", lines.find("source"))
    _check_fields(source, SOURCE_FIELDS, "[source]", functools.partial(lines.find, "source", 0), file)
    for name, value in source.items():
        if not isinstance(value, str):
            raise LocatedError(file, f"[source].{name} must be a string", lines.find("source", 0, name))
    return Source(*(source.get(name, "") for name in SOURCE_FIELDS))


def _table(document: dict, lines: Lines, file: str) -> Table:
    samples = document.get("samples")
    for number, sample in enumerate(samples if isinstance(samples, list) else [], 1):
        if isinstance(sample, dict):
            _check_fields(sample, SAMPLE_FIELDS, f"[[samples]] entry {number}",
                          functools.partial(lines.find, "samples", number), file)
    try:
        return parse_table({**document, "samples": _labels_as_integers(samples)}, file)
    except DataError as error:
        raise LocatedError(file, error.reason, lines.find(*_table_place(error)), error.row, error.column) from None


def _labels_as_integers(samples: object) -> object:
    """Labels written as printed ("1", "0") become the integers the table checks."""
    if not isinstance(samples, list):
        return samples
    return [{**sample, "t": [QUOTED_LABELS.get(label, label) if isinstance(label, str) else label
                             for label in sample["t"]]}
            if isinstance(sample, dict) and isinstance(sample.get("t"), list) else sample for sample in samples]


def _table_place(error: DataError) -> tuple:
    """Where a table defect lies: (table, entry, key) for Lines.find."""
    if error.row:
        # table.py's messages about a row begin with the key they concern: "t …" or "y …".
        key = error.reason.split(" ", 1)[0]
        return "samples", error.row, key if key in SAMPLE_FIELDS else ""
    return ("", 0, "classes") if error.reason.startswith("classes") else ("samples", 1)


def _claims(document: dict, table: Table, lines: Lines, file: str) -> tuple:
    entries = document.get("claims")
    if not isinstance(entries, list) or not entries:
        raise LocatedError(file, "there must be at least one [[claims]] entry: nothing to check",
                           lines.find("claims"))
    stated = tuple(_claim(entry, number, table, lines, file) for number, entry in enumerate(entries, 1))
    seen = set()
    for number, claim in enumerate(stated, 1):
        if claim.id in seen:
            raise LocatedError(file, f"claim ids must be unique; repeated: {claim.id}",
                               lines.find("claims", number, "id"))
        seen.add(claim.id)
    return stated


def _claim(entry: object, number: int, table: Table, lines: Lines, file: str) -> Claim:
    at = functools.partial(lines.find, "claims", number)  # at(key): that key's line in this entry
    if not isinstance(entry, dict):
        raise LocatedError(file, f"[[claims]] entry {number} is not a table", at())
    where = f"[[claims]] entry {number}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")
    _check_fields(entry, CLAIM_FIELDS, where, at, file)
    for name in ("id", "location", "quantity"):
        if not isinstance(entry.get(name), str):
            raise LocatedError(file, f"{where}: {name} is missing or is not a string", at(name))
    if entry.get("printed") in (None, "", []):
        raise LocatedError(file, f"{where}: printed is missing or empty", at("printed" if "printed" in entry else ""))
    printed = entry["printed"] if isinstance(entry["printed"], list) else [entry["printed"]]
    claim = Claim(entry["id"], entry["location"], entry.get("kind", "number"), entry["quantity"], tuple(printed),
                  entry.get("expect", AGREES), reviewed="expect" in entry)
    for key, problems in _claim_problems(claim, table).items():
        if problems:
            raise LocatedError(file, f"{where}: " + "; ".join(problems), at(key))
    return claim


def _claim_problems(claim: Claim, table: Table) -> dict:
    """What is wrong with a claim, by the key where it lies, in the order to report it."""
    problems = {
        "kind": [] if claim.kind in ("number", "name") else [f"kind must be number or name, not {claim.kind!r}"],
        "expect": [] if claim.expect in (AGREES, ERRATUM) else [f"expect must be {AGREES} or {ERRATUM}, "
                                                                   f"not {claim.expect!r}"],
    }
    if claim.kind == "number":
        problems["quantity"] = claims.quantity_problems(claim.quantity, table, formulas=True)
        problems["printed"] = claims.printed_problems(claim.printed)
    if claim.kind == "name":
        problems["quantity"] = claims.name_problems(claim)
    return problems
