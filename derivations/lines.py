"""Where things stand in a TOML text: the line of each table header and key.

Owns locating: `Lines.of(text)` maps (table, entry, key) to a line number, and `located`
gives a `DataError` the line of the place it names. It is the one line locator for every
kind of file (part data, printed formulas, claims files). It validates nothing.
"""
import re
from collections.abc import Mapping
from dataclasses import dataclass

from derivations.fields import DataError

# A table header ([name] or [[name]]) and a key at the start of a line; a name is bare or quoted.
_NAME = r"""([A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_HEADER = re.compile(rf"^\s*(\[\[?)\s*{_NAME}\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(rf"^\s*{_NAME}\s*=")
# tomllib (Python 3.11–3.13) says where a syntax error is in its message only, not as attributes.
_TOML_LINE = re.compile(r"at line (\d+)")


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


def located(error: DataError, text: str) -> DataError:
    """The same defect with its line filled in (from its place, or from tomllib's message)."""
    if error.line is not None:
        return error
    syntax = _TOML_LINE.search(error.reason) if error.place == ("", 0, "") else None
    line = int(syntax[1]) if syntax else Lines.of(text).find(*error.place)
    return DataError(error.file, error.reason, error.row, error.column, error.place, line)
