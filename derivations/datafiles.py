"""Every data file of the project, read: a part's worked example (with the settings its part
declares), the printed formulas, and an author's claims file.

Owns the schemas of the three kinds of TOML file, as declarative field tables (`fields.Field`;
`SETTINGS` lists every setting a part may declare in `Part.settings`), and reading a file's
text into frozen values (`PartData`, `AuthorFile`, `audit.PrintedFormula`).
A defect is a `DataError` carrying its place; `lines` gives it its line. What makes a table, a
claim or a formula valid beyond its shape is asked of `table`, `claims` and `audit`. Given text
and a file name; it reads no file and judges nothing.
"""
import contextlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field

from derivations import audit, claims, declared, fields, limits, lines, quantity
from derivations.claims import AGREES, ERRATUM, Claim
from derivations.expressions import FormulaError
from derivations.fields import DataError, Field, Where, read_entry
from derivations.table import Source, Table, checked_classes, checked_logits, checked_row

TEXT = (fields.text_problems,)
QUOTED_LABELS = {"0": 0, "1": 1}  # an author may quote labels as printed
_QUOTE = ": quote numbers as printed, e.g. \"-0.481486\" (a float is not exact)"


def _one_of(*allowed: str):
    def rule(name: str, value: str) -> list:
        return [] if value in allowed else [f"{name} must be {' or '.join(allowed)}, not {value[:40]!r}"]
    return rule


def _part_number(name: str, value: int) -> list:
    return [] if 1 <= value <= 999 else [f"{name} must be a part number of the series, 1 to 999, not {value}"]


def _sources(required: bool) -> tuple:
    """[source]: where the numbers are printed; an author may leave out any of it."""
    return (Field("url", (str,), required, "", (fields.url_problems,)), Field("title", (str,), required, "", TEXT),
            Field("section", (str,), required, "", TEXT), Field("note", (str,), False, "", TEXT))


PART_SOURCE, AUTHOR_SOURCE = _sources(True), _sources(False)
TOP = (Field("source", (dict,), False), Field("classes", (list,)), Field("samples", (list,)),
       Field("claims", (list,), False, []))
AUTHOR_TOP = TOP + declared.FIELDS  # a claims file may declare how its values were computed
PART_TOP = TOP + (Field("settings", (dict,), False),)  # a part's file may give the settings its part declares
SAMPLE = (Field("t", (list,)), Field("y", (list,)))
AUTHOR_SAMPLE = (Field("t", (list,)), Field("y", (list,), False), Field("z", (list,), False))  # y or logits z
_CLAIM_ID, _EXPECT = Field("id", (str,), rules=(fields.id_problems,)), _one_of(AGREES, ERRATUM)
_KIND = (_one_of("number", "name"),)
PART_CLAIM = (_CLAIM_ID, Field("location", (str,), rules=TEXT), Field("kind", (str,), rules=_KIND),
              Field("quantity", (str,)), Field("printed", (list,)), Field("expect", (str,), rules=(_EXPECT,)),
              Field("chain", (str,), False, ""), Field("step", (int,), False, 0),
              Field("location_en", (str,), False, "", TEXT))
AUTHOR_CLAIM = (_CLAIM_ID, Field("location", (str,), rules=TEXT), Field("printed", (str, list), hint=_QUOTE),
                Field("quantity", (str,)), Field("kind", (str,), False, "number", _KIND),
                Field("expect", (str,), False, None, (_EXPECT,)), Field("percent", (bool,), False, False))
FORMULA = (Field("id", (str,), rules=(fields.id_problems,)), Field("url", (str,), rules=(fields.url_problems,)),
           Field("equation", (str,), rules=TEXT), Field("latex", (str,)), Field("states", (str,)),
           Field("expect", (str,), rules=(_EXPECT,)), Field("section", (str,), False, "", TEXT),
           Field("section_en", (str,), False, "", TEXT), Field("note", (str,), False, "", TEXT),
           Field("part", (int,), False, 0, (_part_number,)), Field("equation_en", (str,), False, "", TEXT))


def _smoothing_problems(name: str, value: str) -> list:
    return fields.decimal_problems(name, value, "0.1", lambda v: 0 <= v < 1, 'at least 0 and below 1, e.g. "0.1"')


# Every setting a part may declare (`Part.settings`), as its data file's [settings] gives it.
SETTINGS = (Field("class_weights", (list,), hint=': one quoted decimal per class, e.g. ["2", "1", "1"]'),
            Field("label_smoothing", (str,), rules=(_smoothing_problems,), hint=': quote it, e.g. "0.1"'))


@dataclass(frozen=True)
class PartData:
    """A part's data file: where its numbers are printed, its table and what it claims."""

    source: Source
    table: Table
    claims: tuple  # Claim per [[claims]] entry, in file order
    settings: Mapping = field(default_factory=dict)  # [settings]: name -> value as read (a list as a tuple)


@dataclass(frozen=True)
class AuthorFile:
    """An author's claims file (docs/claims-file.md): optional source, table, claims."""

    file: str
    source: Source | None
    table: Table
    claims: tuple


def read_part_data(text: str, file: str, settings: tuple = ()) -> PartData:
    """A part's data file (its `Part.data_file` under data/), validated, with the `settings` its
    part declares (`Part.settings`); DataError naming file, line and key."""
    with _located(text):
        document = read_entry(parse_toml(text, file), PART_TOP, Where(file))
        source = Source(**read_entry(document["source"] or {}, PART_SOURCE, Where(file, "source", 0, "[source]")))
        table = read_table(document, file)
        chosen = read_settings(document["settings"], settings, table, file)
        entries = _entries(document["claims"], "claims", file, limits.MAX_CLAIMS)
        stated = tuple(_part_claim(entry, number, table, file) for number, entry in entries)
        require_unique_ids([claim.id for claim in stated], "claim", file, "claims")
        return PartData(source, table, stated, chosen)


def read_settings(entry: dict | None, declared: tuple, table: Table, file: str) -> dict:
    """[settings]: every value the part declares, each required; a part that declares none
    refuses the table, so that no value is silently ignored."""
    where = Where(file, "settings", 0, "[settings]")
    if not declared:
        if entry is not None:
            raise where.error("the part that reads this file declares no settings: remove the table")
        return {}
    if entry is None:
        raise DataError(file, f"[settings] is missing: its part needs {', '.join(declared)}")
    values = read_entry(entry, tuple(s for s in SETTINGS if s.name in declared), where)
    if "class_weights" in values:  # one per class: checked here, where the table's classes are known
        values["class_weights"] = _class_weights(values["class_weights"], table, where)
    return values


def _class_weights(weights: list, table: Table, where: Where) -> tuple:
    """One quoted decimal per class, each above 0 and at most `limits.MAX_CLASS_WEIGHT`."""
    if len(weights) != len(table.classes):
        raise where.error(f"class_weights has {len(weights)} entries but there are {len(table.classes)} classes",
                          "class_weights")
    words = f"above 0 and at most {limits.MAX_CLASS_WEIGHT:,}"
    for column, (name, text) in enumerate(zip(table.classes, weights), 1):
        problems = fields.decimal_problems("class_weights", text, "2", lambda v: 0 < v <= limits.MAX_CLASS_WEIGHT,
                                           words)
        if problems:
            raise where.error(problems[0], "class_weights", column=f"{column} ({name})")
    return tuple(weights)


def read_claims_file(text: str, file: str) -> AuthorFile:
    """An author's claims file, validated; DataError naming file, line and key."""
    with _located(text):
        document = read_entry(parse_toml(text, file), AUTHOR_TOP, Where(file))
        source = None
        if document["source"] is not None:
            source = Source(**read_entry(document["source"], AUTHOR_SOURCE, Where(file, "source", 0, "[source]")))
        table = read_table(document, file, QUOTED_LABELS, author=True)
        if not document["claims"]:
            raise DataError(file, "there must be at least one [[claims]] entry: nothing to check",
                            place=("claims", 1, ""))
        entries = _entries(document["claims"], "claims", file, limits.MAX_CLAIMS)
        computed = {"declared": declared.convention(document), "precision": document["precision"], "code_causes": True}
        stated = tuple(_author_claim(entry, number, table, file, computed) for number, entry in entries)
        require_unique_ids([claim.id for claim in stated], "claim", file, "claims")
        return AuthorFile(file, source, table, stated)


def read_formulas(text: str, file: str) -> tuple:
    """The [[formulas]] of data/formulas.toml, validated; DataError naming file, line and key."""
    with _located(text):
        document = read_entry(parse_toml(text, file), (Field("formulas", (list,), False, []),), Where(file))
        if not document["formulas"]:
            raise DataError(file, "there must be at least one [[formulas]] entry", place=("formulas", 1, ""))
        entries = _entries(document["formulas"], "formulas", file, limits.MAX_FORMULAS)
        formulas = tuple(_formula(entry, number, file) for number, entry in entries)
        require_unique_ids([formula.id for formula in formulas], "formula", file, "formulas")
        return formulas


def require_unique_ids(ids: list, what: str, file: str, table: str = "") -> None:
    """A DataError at the first id used a second time (ids link pages and errata)."""
    seen = set()
    for entry, name in enumerate(ids, 1):
        if name in seen:
            raise DataError(file, f"{what} ids must be unique; repeated: {name}", place=(table, entry, "id"))
        seen.add(name)


def parse_toml(text: str, file: str) -> dict:
    """The TOML document, or a DataError carrying tomllib's line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(file, f"not valid TOML: {error}") from None
    except RecursionError:
        # tomllib reads nested arrays and inline tables recursively: about 500 levels exhaust
        # Python's stack. No data file of ours nests more than two.
        raise DataError(file, "not valid TOML here: arrays or inline tables nest too deeply to be read",
                        line=1) from None


@contextlib.contextmanager
def _located(text: str):
    """Within it, a DataError is given the line of its place in `text`."""
    try:
        yield
    except DataError as error:
        raise lines.located(error, text) from None


def _entries(entries: list, table: str, file: str, limit: int) -> list:
    """(number, entry) of an array of tables, refused past its stated limit."""
    fields.require_at_most(entries, limit, table, file, table)
    return list(enumerate(entries, 1))


def read_table(document: dict, file: str, quoted: dict | None = None, author: bool = False) -> Table:
    """The classes and [[samples]] of a document as a Table (`quoted`: labels quoted as printed;
    `author`: a claims file's, where y = 0 is admitted and a sample may give logits z instead)."""
    classes = checked_classes(document.get("classes"), file)
    if not isinstance(document.get("samples"), list) or not document["samples"]:
        raise DataError(file, "there must be at least one [[samples]] entry", place=("samples", 1, ""))
    rows = []
    for row, sample in _entries(document["samples"], "samples", file, limits.MAX_SAMPLES):
        where = Where(file, "samples", row, f"[[samples]] entry {row}")
        values = read_entry(sample, AUTHOR_SAMPLE if author else SAMPLE, where)
        labels = [quoted.get(label, label) if quoted and isinstance(label, str) else label for label in values["t"]]
        rows.append(_row(labels, values, classes, where, author))
    logits = tuple(r[2] for r in rows) if any(r[2] for r in rows) else ()
    return Table(classes, tuple(r[0] for r in rows), tuple(r[1] for r in rows), logits)


def _row(labels: list, values: dict, classes: tuple, where: Where, author: bool) -> tuple:
    """(labels, printed y, logits z) of one sample: y or (in a claims file) z, not both, not neither."""
    row, given = where.entry, [key for key in ("y", "z") if values.get(key) is not None]
    if len(given) != 1:
        found = "both y and z" if given else "neither y nor z"
        raise where.error(f"a sample gives its predictions y or its logits z, not {found}", given[-1] if given else "",
                          row)
    if given == ["z"]:
        labels, logits = checked_logits(labels, values["z"], row, classes, where.file)
        return labels, (), logits
    return (*checked_row(labels, values["y"], row, classes, where.file, zeros=author), ())


def _claim_where(entry: object, number: int, file: str) -> Where:
    named = f" ({entry['id']})" if isinstance(entry, dict) and isinstance(entry.get("id"), str) else ""
    return Where(file, "claims", number, f"[[claims]] entry {number}{named}")


def _part_claim(entry: object, number: int, table: Table, file: str) -> Claim:
    where = _claim_where(entry, number, file)
    values = read_entry(entry, PART_CLAIM, where)
    stated = _quantity(values, where, formulas=False)
    return _checked(Claim(**{**values, "quantity": stated, "printed": tuple(values["printed"])}), table, where)


def _author_claim(entry: object, number: int, table: Table, file: str, computed: dict) -> Claim:
    where = _claim_where(entry, number, file)
    values = read_entry(entry, AUTHOR_CLAIM, where)
    printed = values["printed"] if isinstance(values["printed"], list) else [values["printed"]]
    if not printed or printed == [""]:
        raise where.error("printed is empty", "printed")
    claim = Claim(values["id"], values["location"], values["kind"], _quantity(values, where, formulas=True),
                  tuple(printed), values["expect"] or AGREES, reviewed=values["expect"] is not None,
                  percent=values["percent"], **computed)
    return _checked(claim, table, where)


def _quantity(values: dict, where: Where, formulas: bool) -> quantity.Quantity:
    try:
        return quantity.read(values["quantity"], values["kind"], formulas)
    except FormulaError as error:
        losses = "E[i], E_sum, E, BCE[i], BCE, mean(…) or sum(…) of E[i] or BCE[i], a list of them"
        allowed = f"{losses} or a formula over t and y" if formulas else losses
        what = "a list of names such as \"t[k], y[k]\"" if values["kind"] == "name" else allowed
        raise where.error(f"quantity must be {what}: {error}", "quantity") from None


def _checked(claim: Claim, table: Table, where: Where) -> Claim:
    for key, problems in claims.claim_problems(claim, table).items():
        if problems:
            raise where.error("; ".join(problems), key)
    return claim


def _formula(entry: object, number: int, file: str) -> audit.PrintedFormula:
    named = f" ({entry['id']})" if isinstance(entry, dict) and isinstance(entry.get("id"), str) else ""
    where = Where(file, "formulas", number, f"[[formulas]] entry {number}{named}")
    formula = audit.PrintedFormula(**read_entry(entry, FORMULA, where))
    for key, problems in audit.formula_problems(formula).items():
        if problems:
            raise where.error("; ".join(problems), key)
    return formula
