"""The series' own formulas, audited: each formula as printed against the one we derive.

Owns `PrintedFormula` (a formula's LaTeX as printed, where, which derived formula it states,
the reviewed expectation) and its validation from data/formulas.toml; the registry of
derived formulas by name; the equality test, symbolic where SymPy can show it, else exact on
random rational tables for several small N and K; the computed diagnosis, a search for the
fewest departures (a sign, a limit, a reading of a subscript, a name) that make the printed
formula agree; and `FormulaVerdict`. Diagnoses are data (kind + details), never sentences.
Pure: text in, verdicts out; reading files and prose belong to the caller.
"""
import functools
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

import sympy
from sympy.simplify.simplify import factor_sum

from derivations import model
from derivations.claims import AGREES, ERRATUM
from derivations.latex import latex
from derivations.steps import SYMBOLIC, Evidence
from derivations.symbols import (
    E, K, N, batch_loss_name, binary_loss_name, i, k, likelihood_name, one_sample_loss_name, t, total_loss_name, y,
)
from derivations.table import DataError, parse_toml, require_unique_ids
from derivations.texparse import Member, ParseError, parse

SAMPLED = "sampled"  # equal, exactly, on random rational tables of the sizes below: not a proof
SIZES = ((1, 2), (2, 3), (3, 2), (2, 4))  # (N, K) of the random tables, one table each
SEED = 5  # the tables are random but fixed: verdicts must not change from run to run
MAX_DEPARTURES = 2  # a diagnosis explains with at most this many departures, fewest first
CLASS_READINGS = (1, 2)  # classes a per-sample t_i, y_i may be read as (binary: the first two)
LOSS_NAMES = (one_sample_loss_name, total_loss_name, binary_loss_name, likelihood_name)
# Every kind of diagnosis, for the prose catalogues: each needs a sentence template whose
# ${placeholders} are the keys of its details (every kind also has member, members, printed).
DIAGNOSIS_KINDS = (
    "lower-limits-missing",  # indices, assumed
    "minus-sign-missing", "minus-sign-extra",
    "upper-limit-differs", "lower-limit-differs",  # index, printed_limit, derived_limit
    "subscript-meaning", "index-missing", "index-extra", "subscripts-swapped",  # symbols, reading
    "mean-factor-missing", "mean-factor-extra",
    "name-differs",  # name, derived_name
    "undefined-name",  # names
    "differs",  # nothing within MAX_DEPARTURES explains the difference
)


# --- the derived formulas, by name ---------------------------------------------------------


@dataclass(frozen=True)
class Derived:
    """A formula as we derive it, lhs = rhs, with how the names in it unfold."""

    name: str
    lhs: sympy.Expr
    rhs: sympy.Expr
    unfold: Callable[[sympy.Basic], sympy.Basic]  # names (E, E_sum, E_i, L, BCE) → definitions
    # Binary: class 2 is the complement of class 1, t_2 = 1 − t_1 (one-hot) and y_2 = 1 − y_1
    # (probabilities sum to 1). The number of indices of such a cell: 1 (t_k) or 2 (t_ik); 0: no.
    binary_rank: int = 0

    def latex(self) -> str:
        return f"{latex(self.lhs)} = {latex(self.rhs)}"


def _unfold_likelihood(classes: int) -> Callable[[sympy.Basic], sympy.Basic]:
    return lambda expr: model.unfold_likelihoods(expr, classes=classes)


def _unfold_binary(expr: sympy.Basic) -> sympy.Basic:
    """BCE = −log L (part 6), L = Π_{k=1}^{2} y_k^{t_k}: two classes, whatever K is."""
    with_likelihood = expr.xreplace({binary_loss_name: -sympy.log(likelihood_name)})
    return model.unfold_likelihoods(with_likelihood, classes=2)


def _unfold_binary_batch(expr: sympy.Basic) -> sympy.Basic:
    return model.unfold_names(expr, classes=2)


REGISTRY = {
    "one_sample_loss": lambda: Derived(
        "one_sample_loss", one_sample_loss_name, model.one_sample_loss(), model.unfold_one_sample),
    "per_sample_loss": lambda: Derived("per_sample_loss", E[i], model.per_sample_loss(), model.unfold_names),
    "total_loss": lambda: Derived("total_loss", total_loss_name, model.total_loss(), model.unfold_names),
    "batch_loss": lambda: Derived("batch_loss", batch_loss_name, model.batch_loss(), model.unfold_names),
    "log_likelihood_6": lambda: Derived(
        "log_likelihood_6", sympy.log(likelihood_name), model.log_likelihood(6), _unfold_likelihood(6)),
    "neg_log_likelihood": lambda: Derived(
        "neg_log_likelihood", -sympy.log(likelihood_name), model.one_sample_loss(), model.unfold_one_sample),
    # Part 6's binary case is the multi-class formula with K = 2, in part 5's notation.
    "binary_loss": lambda: Derived(
        "binary_loss", binary_loss_name, -model.log_likelihood(2), _unfold_binary, binary_rank=1),
    # Part 1's (2) is (6.3) with K = 2; model.binary_batch_loss is the same in part 1's notation.
    "binary_batch_loss": lambda: Derived(
        "binary_batch_loss", batch_loss_name, model.batch_loss(N, 2), _unfold_binary_batch, binary_rank=2),
}


@functools.lru_cache(maxsize=None)
def derived(name: str) -> Derived:
    """The derived formula registered under `name`; KeyError if there is none."""
    return REGISTRY[name]()


# --- equality -------------------------------------------------------------------------------


def equal(printed: sympy.Expr, formula: Derived) -> Evidence:
    """Whether a printed expression equals the derived right-hand side, and how we know."""
    left, right = formula.unfold(printed), _target(formula)
    if _normal(left - right, formula.binary_rank) == 0:
        return Evidence(True, SYMBOLIC)
    holds = all(_equal_on(left, right, size, seed, formula.binary_rank) for seed, size in enumerate(SIZES))
    return Evidence(holds, SAMPLED, f"(N, K) in {', '.join(map(str, SIZES))}")


@functools.lru_cache(maxsize=None)
def _target(formula: Derived) -> sympy.Expr:
    return formula.unfold(formula.rhs)


def _normal(expr: sympy.Expr, binary_rank: int) -> sympy.Expr:
    """Finite sums written out, logs of products split (y > 0), constants out of the sums."""
    expanded = sympy.expand(_complemented(sympy.expand_log(_written_out(expr), force=True), binary_rank))
    return sympy.expand(expanded.replace(lambda e: isinstance(e, sympy.Sum), factor_sum))


def _written_out(expr: sympy.Expr) -> sympy.Expr:
    """Sums and products with whole-number limits written out term by term.

    Not `doit()`: that also tries closed forms for sums up to a symbolic N, which is slow and
    never succeeds on t and y cells.
    """
    return expr.replace(_is_finite, _write_out)


def _is_finite(expr: sympy.Basic) -> bool:
    """A sum or product with at least one index running between whole numbers."""
    return isinstance(expr, (sympy.Sum, sympy.Product)) and any(
        lower.is_Integer and upper.is_Integer for _, lower, upper in expr.limits)


def _write_out(expr: sympy.Expr) -> sympy.Expr:
    kind = type(expr)
    combine = sympy.Add if kind is sympy.Sum else sympy.Mul
    value = expr.function
    for index, lower, upper in expr.limits:  # innermost first; symbolic ranges stay as they are
        if lower.is_Integer and upper.is_Integer:
            value = combine(*[value.xreplace({index: n}) for n in range(lower, upper + 1)])
        else:
            value = kind(value, (index, lower, upper))
    return value


def _complemented(expr: sympy.Expr, binary_rank: int) -> sympy.Expr:
    """In the binary case, t and y of class 2 written as 1 − those of class 1."""
    if not binary_rank:
        return expr
    return expr.replace(lambda e: _is_second_class(e, binary_rank), lambda e: 1 - e.base[(*e.indices[:-1], 1)])


def _is_second_class(expr: sympy.Basic, rank: int) -> bool:
    # Only cells of the derived formula's rank: in a batch, a singly indexed t_2 is sample 2.
    return (isinstance(expr, sympy.Indexed) and expr.base in (t, y)
            and len(expr.indices) == rank and expr.indices[-1] == 2)


def _equal_on(left: sympy.Expr, right: sympy.Expr, size: tuple, seed: int, binary_rank: int) -> bool:
    """Exact equality on one random table of rationals in (0, 1) for N, K = size."""
    a, b = _finite(left, size, binary_rank), _finite(right, size, binary_rank)
    values = _random_table(a - b, seed)
    return _exact_zero((a - b).xreplace(values))


@functools.lru_cache(maxsize=None)
def _finite(expr: sympy.Expr, size: tuple, binary_rank: int) -> sympy.Expr:
    samples, classes = size
    finite = _written_out(expr.xreplace({N: samples, K: classes}))
    return sympy.expand(_complemented(sympy.expand_log(finite, force=True), binary_rank))


def _random_table(expr: sympy.Expr, seed: int) -> dict:
    """A rational in (0, 1) for every cell t_…, y_… and every other free name, by name order."""
    rng = random.Random(seed)
    atoms = sorted(expr.atoms(sympy.Indexed) | expr.free_symbols, key=str)
    table = {}
    for atom in atoms:
        denominator = rng.randint(3, 40)
        table[atom] = sympy.Rational(rng.randint(1, denominator - 1), denominator)
    return table


def _exact_zero(number: sympy.Expr) -> bool:
    """Zero exactly: logs of rationals split into logs of primes, which are independent over Q."""
    return sympy.expand(number.replace(_is_log_of_rational, lambda e: _prime_logs(e.args[0]))) == 0


def _is_log_of_rational(expr: sympy.Basic) -> bool:
    return isinstance(expr, sympy.log) and expr.args[0].is_Rational


def _prime_logs(value: sympy.Rational) -> sympy.Expr:
    """log(p/q) as Σ e·log(prime), each log(prime) a symbol of its own (−1 too, for log of < 0)."""
    numerator = sympy.factorint(value.p).items()
    denominator = sympy.factorint(value.q).items()
    return sum(e * _prime_log(p) for p, e in numerator) - sum(e * _prime_log(p) for p, e in denominator)


def _prime_log(prime: int) -> sympy.Symbol:
    return sympy.Symbol(f"log({prime})")


# --- departures: what may differ between a printed formula and the derived one -------------


@dataclass(frozen=True)
class Departure:
    """One way the printed expression departs from the derived formula, and its undoing."""

    kind: str
    details: tuple  # (key, value) pairs for the prose templates; values are LaTeX or plain
    touches: str  # departures touching the same thing are never combined
    limit: tuple = ()  # (sum number in preorder, limit position, 1 lower / 2 upper, value)
    undo: Callable[[sympy.Expr], sympy.Expr] | None = None  # for readings, names and the sign
    stage: int = 1  # undone in stage order: 0 limits, 1 readings and names, 2 the sign


def departures(expr: sympy.Expr, formula: Derived) -> tuple:
    """Every single departure worth trying for a printed member, in a fixed order."""
    return (*_limit_departures(expr, formula), *_reading_departures(expr, formula),
            *_swap_departures(expr, formula), *_name_departures(expr, formula), *_mean_departures(formula),
            _sign_departure(expr))


def undo(expr: sympy.Expr, chosen: tuple) -> sympy.Expr:
    """The printed expression with the chosen departures undone."""
    limits = [d.limit for d in chosen if d.limit]
    result = _with_limits(expr, limits) if limits else expr
    for departure in sorted((d for d in chosen if d.undo), key=lambda d: d.stage):
        result = departure.undo(result)
    return result


def _sign_departure(expr: sympy.Expr) -> Departure:
    kind = "minus-sign-extra" if expr.could_extract_minus_sign() else "minus-sign-missing"
    return Departure(kind, (), "sign", undo=lambda e: -e, stage=2)


def _sums(expr: sympy.Expr) -> list:
    return [node for node in sympy.preorder_traversal(expr) if isinstance(node, sympy.Sum)]


def _limit_departures(expr: sympy.Expr, formula: Derived) -> list:
    """Each printed limit replaced by each different limit of the derived formula's sums."""
    derived_limits = [limit for s in _sums(formula.rhs) for limit in s.limits]
    found = []
    for number, printed_sum in enumerate(_sums(expr)):
        for position, (index, *bounds) in enumerate(printed_sum.limits):
            for bound in (1, 2):
                values = dict.fromkeys(limit[bound] for limit in derived_limits)
                found += [_limit_departure((number, position, bound, v), index, bounds[bound - 1])
                          for v in values if v != bounds[bound - 1]]
    return found


def _limit_departure(limit: tuple, index: sympy.Expr, printed: sympy.Expr) -> Departure:
    kind = "lower-limit-differs" if limit[2] == 1 else "upper-limit-differs"
    # SymPy's own order for a limit: K - 1 rather than the article printer's unordered -1 + K.
    details = (("index", latex(index)), ("printed_limit", sympy.latex(printed)),
               ("derived_limit", sympy.latex(limit[3])))
    return Departure(kind, details, f"sum {limit[0]} limit {limit[1]} bound {limit[2]}", limit=limit, stage=0)


def _with_limits(expr: sympy.Expr, limits: list) -> sympy.Expr:
    """expr rebuilt with the given limits changed; sums are numbered in preorder."""
    counter = itertools.count()

    def rebuild(node: sympy.Basic) -> sympy.Basic:
        number = next(counter) if isinstance(node, sympy.Sum) else None
        if not node.args:
            return node
        args = [rebuild(arg) for arg in node.args]
        if number is None:
            return node.func(*args)
        bounds = [list(limit) for limit in args[1:]]
        for _, position, bound, value in (c for c in limits if c[0] == number):
            bounds[position][bound] = value
        return sympy.Sum(args[0], *[tuple(b) for b in bounds])

    return rebuild(expr)


def _cells(expr: sympy.Expr, rank: int) -> list:
    """The label and prediction cells t_…, y_… of `rank` indices, t before y, by name."""
    cells = [e for e in expr.atoms(sympy.Indexed) if e.base in (t, y) and len(e.indices) == rank]
    return sorted(cells, key=lambda e: (str(e.base), str(e)))


def _reading_departures(expr: sympy.Expr, formula: Derived) -> list:
    """Cells read with the number of indices the derived formula's cells have."""
    if _cells(formula.rhs, 2):
        return _two_index_readings(expr, formula)
    if _cells(formula.rhs, 1):
        return _one_index_readings(expr)
    return []


def _two_index_readings(expr: sympy.Expr, formula: Derived) -> list:
    """t_a read as t_{a1} or t_{a2} (a per-sample label of one class), or as t_{sa} (s a sample)."""
    samples = dict.fromkeys(c.indices[0] for c in _cells(formula.rhs, 2) if c.indices[0].is_Symbol)
    found = []
    for index in dict.fromkeys(cell.indices for cell in _cells(expr, 1)):
        found += [_reading("subscript-meaning", expr, index, (*index, m)) for m in CLASS_READINGS]
        found += [_reading("index-missing", expr, index, (s, *index)) for s in samples if (s,) != index]
    return found


def _one_index_readings(expr: sympy.Expr) -> list:
    """t_{ab} read as t_b or as t_a: one index too many for a formula of one sample."""
    pairs = dict.fromkeys(cell.indices for cell in _cells(expr, 2))
    return [_reading("index-extra", expr, pair, (kept,)) for pair in pairs for kept in reversed(pair)]


def _reading(kind: str, expr: sympy.Expr, indices: tuple, target: tuple) -> Departure:
    printed = [cell for cell in expr.atoms(sympy.Indexed) if cell.base in (t, y) and cell.indices == indices]
    printed.sort(key=lambda cell: str(cell.base))
    readings = {cell: cell.base[target] for cell in printed}
    details = (("symbols", ", ".join(latex(c) for c in printed)),
               ("reading", ", ".join(latex(r) for r in readings.values())))
    touches = "cells " + ",".join(map(str, indices))
    return Departure(kind, details, touches, undo=lambda e: e.xreplace(readings))


def _swap_departures(expr: sympy.Expr, formula: Derived) -> list:
    """t_{ab}, y_{ab} read as t_{ba}, y_{ba}: both together, or t or y alone."""
    if not _cells(formula.rhs, 2):
        return []
    found = []
    for pair in dict.fromkeys(c.indices for c in _cells(expr, 2) if c.indices[0] != c.indices[1]):
        cells = [c for c in _cells(expr, 2) if c.indices == pair]
        groups = [cells] + ([[c] for c in cells] if len(cells) > 1 else [])
        found += [_swap(group) for group in groups]
    return found


def _swap(cells: list) -> Departure:
    swapped = {c: c.base[tuple(reversed(c.indices))] for c in cells}
    details = (("symbols", ", ".join(latex(c) for c in cells)),
               ("reading", ", ".join(latex(s) for s in swapped.values())))
    touches = f"swap {latex(cells[0].indices[0])}{latex(cells[0].indices[1])}"
    return Departure("subscripts-swapped", details, touches, undo=lambda e: e.xreplace(swapped))


def _mean_departures(formula: Derived) -> list:
    """Printed without the mean's 1/N (N times the derived value), or with one too many."""
    if N not in formula.rhs.free_symbols:
        return []
    return [Departure("mean-factor-missing", (), "mean", undo=lambda e: e / N),
            Departure("mean-factor-extra", (), "mean", undo=lambda e: e * N)]


def _name_departures(expr: sympy.Expr, formula: Derived) -> list:
    """A member that is only a name, printed as another of our names than the derived one."""
    is_name = expr in LOSS_NAMES or (isinstance(expr, sympy.Indexed) and expr.base == E)
    if not is_name or expr == formula.lhs:
        return []
    details = (("name", latex(expr)), ("derived_name", latex(formula.lhs)))
    return [Departure("name-differs", details, "name", undo=lambda e: formula.lhs)]


def explain(expr: sympy.Expr, formula: Derived) -> tuple | None:
    """The fewest departures whose undoing makes the printed expression agree, or None."""
    candidates = departures(expr, formula)
    for size in range(1, MAX_DEPARTURES + 1):
        for chosen in itertools.combinations(candidates, size):
            if len({d.touches for d in chosen}) == size and equal(undo(expr, chosen), formula).holds:
                return chosen
    return None


# --- verdicts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Diagnosis:
    """One computed difference: a kind with the details its prose template needs."""

    kind: str
    details: tuple = ()  # (key, value) pairs: member, members, printed, and the kind's own

    def detail(self, key: str) -> str:
        return dict(self.details)[key]

    @property
    def fields(self) -> dict:
        """The details as a mapping, e.g. for string.Template(…).substitute(diagnosis.fields)."""
        return dict(self.details)


@dataclass(frozen=True)
class MemberCheck:
    """One member of a printed "=" chain against the derived right-hand side."""

    printed: str
    holds: bool
    method: str  # how the literal reading was decided: symbolic or sampled


@dataclass(frozen=True)
class PrintedFormula:
    """A formula as printed, where, what it states (a registry name), and the reviewed verdict."""

    id: str
    url: str
    equation: str  # the equation number as printed, e.g. "6.3" or "4.3、再掲"; "" if none
    latex: str
    states: str
    expect: str
    section: str = ""  # where an unnumbered formula stands, e.g. "7章"
    note: str = ""
    section_en: str = ""  # the section in English, for the English pages

    @property
    def location(self) -> str:
        return f"{self.url} ({self.equation or self.section})"


@dataclass(frozen=True)
class FormulaVerdict:
    """Our verdict on one printed formula, with what we derived and why they differ."""

    id: str
    location: str
    printed: str  # the LaTeX as printed
    derived: str  # the derived formula, printed by derivations.latex
    status: str
    diagnoses: tuple  # of Diagnosis, in member order
    method: str  # symbolic when every member was decided symbolically, else sampled
    expect: str
    checks: tuple = ()  # of MemberCheck
    url: str = ""  # the part of the series that prints it
    equation: str = ""  # its equation number as printed, or where it stands if unnumbered
    equation_en: str = ""  # the same for the English pages (a section named in English)

    @property
    def as_expected(self) -> bool:
        return self.status == self.expect


def audit(formula: PrintedFormula) -> FormulaVerdict:
    """The verdict on one printed formula: every member of its chain against the derived one."""
    target = derived(formula.states)
    members = parse(formula.latex).members
    results = [_audit_member(m, n, len(members), target) for n, m in enumerate(members, 1)]
    checks = tuple(check for check, _ in results)
    diagnoses = tuple(d for _, found in results for d in found)
    status = AGREES if not diagnoses else ERRATUM
    method = SYMBOLIC if all(c.method == SYMBOLIC for c in checks) else SAMPLED
    return FormulaVerdict(formula.id, formula.location, formula.latex, target.latex(), status,
                          diagnoses, method, formula.expect, checks, formula.url, formula.equation or formula.section,
                          formula.equation or formula.section_en or formula.section)


def _audit_member(member: Member, number: int, count: int, target: Derived) -> tuple:
    context = (("member", str(number)), ("members", str(count)), ("printed", member.text))
    evidence = equal(member.expr, target)
    found = _note_diagnoses(member, context)
    if not evidence.holds:
        found += _difference_diagnoses(member.expr, target, context)
    return MemberCheck(member.text, evidence.holds, evidence.method), found


def _note_diagnoses(member: Member, context: tuple) -> tuple:
    missing = [note for note in member.notes if note.kind == "lower-limit-missing"]
    if not missing:
        return ()
    indices = ", ".join(note.index for note in missing)
    assumed = ", ".join(f"{note.index} = {note.assumed}" for note in missing)
    return (Diagnosis("lower-limits-missing", context + (("indices", indices), ("assumed", assumed))),)


def _difference_diagnoses(expr: sympy.Expr, target: Derived, context: tuple) -> tuple:
    chosen = explain(expr, target)
    if chosen is not None:
        return tuple(Diagnosis(d.kind, context + d.details) for d in chosen)
    unknown = _unknown_names(expr, target)
    if unknown:
        return (Diagnosis("undefined-name", context + (("names", ", ".join(unknown)),)),)
    return (Diagnosis("differs", context),)


def _unknown_names(expr: sympy.Expr, target: Derived) -> list:
    """Plain names left after unfolding that the derived formula does not have (beyond i, k)."""
    known = _names(_target(target)) | {i, k, N, K}
    return sorted(latex(s) for s in _names(target.unfold(expr)) - known)


def _names(expr: sympy.Expr) -> set:
    labels = {base.label for base in expr.atoms(sympy.IndexedBase)}
    return {s for s in expr.free_symbols if isinstance(s, sympy.Symbol) and s not in labels}


# --- the data file --------------------------------------------------------------------------


FIELDS = {"id": str, "url": str, "equation": str, "latex": str, "states": str, "expect": str}
OPTIONAL_FIELDS = {"section": str, "section_en": str, "note": str}


def audit_file(text: str, file: str) -> tuple:
    """The verdict on every formula of a formulas file (data/formulas.toml), in file order."""
    return tuple(audit(formula) for formula in load_formulas(text, file))


def load_formulas(text: str, file: str) -> tuple:
    """The [[formulas]] of a formulas file, validated; a DataError names the entry and line."""
    document = parse_toml(text, file)
    unknown = sorted(set(document) - {"formulas"})
    if unknown:
        raise DataError(file, f"unknown top-level key(s) {', '.join(unknown)}; expected [[formulas]] only")
    entries = document.get("formulas")
    if not isinstance(entries, list) or not entries:
        raise DataError(file, "there must be at least one [[formulas]] entry")
    lines = _entry_lines(text)
    formulas = tuple(_formula(entry, n, lines, file) for n, entry in enumerate(entries, 1))
    require_unique_ids([formula.id for formula in formulas], "formula", file)
    return formulas


def _entry_lines(text: str) -> list:
    """The line number of each [[formulas]] header, in order."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[formulas]]"]


def _formula(entry: object, number: int, lines: list, file: str) -> PrintedFormula:
    line = f", line {lines[number - 1]}" if number <= len(lines) else ""
    if not isinstance(entry, dict):
        raise DataError(file, f"[[formulas]] entry {number}{line} is not a table")
    name = f" ({entry['id']})" if isinstance(entry.get("id"), str) else ""
    where = f"[[formulas]] entry {number}{name}{line}"
    problems = _field_problems(entry)
    if problems:
        raise DataError(file, f"{where}: " + "; ".join(problems))
    formula = PrintedFormula(**entry)
    problems = _content_problems(formula)
    if problems:
        raise DataError(file, f"{where}: " + "; ".join(problems))
    return formula


def _field_problems(entry: dict) -> list:
    problems = [f"{name} is missing or is not a string" for name, kind in FIELDS.items()
                if not isinstance(entry.get(name), kind)]
    problems += [f"{name} must be a string" for name, kind in OPTIONAL_FIELDS.items()
                 if name in entry and not isinstance(entry[name], kind)]
    unknown = sorted(set(entry) - set(FIELDS) - set(OPTIONAL_FIELDS))
    return problems + ([f"unknown field(s) {', '.join(unknown)}"] if unknown else [])


def _content_problems(formula: PrintedFormula) -> list:
    problems = []
    if formula.states not in REGISTRY:
        problems.append(f"states {formula.states!r} is not a derived formula; known: {', '.join(REGISTRY)}")
    if formula.expect not in (AGREES, ERRATUM):
        problems.append(f"expect must be {AGREES} or {ERRATUM}, not {formula.expect!r}")
    if not formula.equation and not formula.section:
        problems.append("an unnumbered formula (equation = \"\") needs a section saying where it stands")
    try:
        tag = parse(formula.latex).tag
    except ParseError as error:
        return problems + [f"latex cannot be read: {error.reason} at position {error.position}"]
    if tag and tag != formula.equation:
        problems.append(f"latex is tagged {tag!r} but equation is {formula.equation!r}")
    return problems
