"""An author's own claims file → a validated Table and Claims, with line numbers in errors.

Owns the author's schema (close to data/part5.toml; documented in docs/claims-file.md):
an optional [source], `classes`, [[samples]] whose labels t may be quoted ("1", "0"), and
[[claims]] whose `kind` defaults to "number", whose `expect` may be left out (an unreviewed
claim expects agreement) and whose quantity may be a formula over t and y. Checking labels,
predictions and claims stays with `table` and `claims`, the common field rules with `fields`,
finding a defect's line with `lines`; judging stays with `claims`. Given text and a name; it
reads nothing.
"""
from dataclasses import dataclass

from derivations import claims, fields, limits, lines
from derivations.claims import AGREES, Claim
from derivations.fields import DataError
from derivations.table import Source, Table, parse_source, parse_table, parse_toml, require_unique_ids

TOP_FIELDS = ("source", "classes", "samples", "claims")
CLAIM_FIELDS = ("id", "location", "printed", "quantity", "kind", "expect")
QUOTED_LABELS = {"0": 0, "1": 1}


@dataclass(frozen=True)
class AuthorFile:
    file: str
    source: Source | None
    table: Table
    claims: tuple  # Claim per [[claims]] entry, in file order


def load(text: str, file: str) -> AuthorFile:
    """The author's file, validated; a DataError names the file and line of any defect."""
    try:
        document = parse_toml(text, file)
        fields.require_known_keys(document, TOP_FIELDS, "top level", file)
        table = parse_table({**document, "samples": _labels_as_integers(document.get("samples"))}, file)
        return AuthorFile(file, parse_source(document, file, required=()), table, _claims(document, table, file))
    except DataError as error:
        raise lines.located(error, text) from None


def _labels_as_integers(samples: object) -> object:
    """Labels written as printed ("1", "0") become the integers the table checks."""
    if not isinstance(samples, list):
        return samples
    return [{**sample, "t": [QUOTED_LABELS.get(label, label) if isinstance(label, str) else label
                             for label in sample["t"]]}
            if isinstance(sample, dict) and isinstance(sample.get("t"), list) else sample for sample in samples]


def _claims(document: dict, table: Table, file: str) -> tuple:
    entries = document.get("claims")
    if not isinstance(entries, list) or not entries:
        raise DataError(file, "there must be at least one [[claims]] entry: nothing to check", place=("claims", 1, ""))
    fields.require_at_most(entries, limits.MAX_CLAIMS, "claims", file, "claims")
    stated = tuple(_claim(entry, number, table, file) for number, entry in enumerate(entries, 1))
    require_unique_ids([claim.id for claim in stated], "claim", file, "claims")
    return stated


def _claim(entry: object, number: int, table: Table, file: str) -> Claim:
    at = ("claims", number)
    if not isinstance(entry, dict):
        raise DataError(file, f"[[claims]] entry {number} is not a table", place=(*at, ""))
    where = f"[[claims]] entry {number}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")
    fields.require_known_keys(entry, CLAIM_FIELDS, where, file, *at)
    for name in ("id", "location", "quantity"):
        if not isinstance(entry.get(name), str):
            raise DataError(file, f"{where}: {name} is missing or is not a string", place=(*at, name))
    if entry.get("printed") in (None, "", []):
        raise DataError(file, f"{where}: printed is missing or empty", place=(*at, "printed"))
    printed = entry["printed"] if isinstance(entry["printed"], list) else [entry["printed"]]
    claim = Claim(entry["id"], entry["location"], entry.get("kind", "number"), entry["quantity"], tuple(printed),
                  entry.get("expect", AGREES), reviewed="expect" in entry)
    for key, problems in claims.claim_problems(claim, table, formulas=True).items():
        if problems:
            raise DataError(file, f"{where}: " + "; ".join(problems), place=(*at, key))
    return claim
