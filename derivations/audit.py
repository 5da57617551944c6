"""The series' own formulas, audited: each formula as printed against the one we derive.

Owns `PrintedFormula` (a formula's LaTeX as printed, where, which derived formula it states,
the reviewed expectation) and its validation from data/formulas.toml, the audit of each
member of its "=" chain (equality: `equality`; the explanation of a difference: `slips`),
and `FormulaVerdict` with its diagnoses. Diagnoses are data (kind + details), never
sentences. Pure: text in, verdicts out; reading files and prose belong to the caller.
"""
from dataclasses import dataclass

import sympy

from derivations import equality, limits, normal
from derivations.claims import AGREES, ERRATUM
from derivations.equality import REGISTRY, Derived, derived, equal
from derivations.evidence import SAMPLED, SYMBOLIC
from derivations.latex import latex
from derivations.slips import explain
from derivations.symbols import K, N, i, k
from derivations.texparse import Member, ParseError, parse

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
    "differs",  # nothing within slips.MAX_DEPARTURES explains the difference
)


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
    part: int = 0  # which part of the series prints it (0: none of the series); its url is only a link
    equation_en: str = ""  # the equation number for the English pages, where the printed one has words

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
    part: int = 0  # which part of the series prints it (0: none of the series)

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
                          formula.equation_en or formula.equation or formula.section_en or formula.section,
                          formula.part)


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
    known = _names(equality.target(target)) | {i, k, N, K}
    return sorted(latex(s) for s in _names(target.unfold(expr)) - known)


def _names(expr: sympy.Expr) -> set:
    labels = {base.label for base in expr.atoms(sympy.IndexedBase)}
    return {s for s in expr.free_symbols if isinstance(s, sympy.Symbol) and s not in labels}


# --- the data file --------------------------------------------------------------------------


def formula_problems(formula: PrintedFormula) -> dict:
    """What is wrong with a printed formula beyond its shape, by the key where it lies."""
    problems = {
        "states": [] if formula.states in REGISTRY else [
            f"states {formula.states!r} is not a derived formula; known: {', '.join(REGISTRY)}"],
        "expect": [] if formula.expect in (AGREES, ERRATUM) else [
            f"expect must be {AGREES} or {ERRATUM}, not {formula.expect!r}"],
        "equation": [] if formula.equation or formula.section else [
            "an unnumbered formula (equation = \"\") needs a section saying where it stands"],
    }
    try:
        parsed = parse(formula.latex)
    except ParseError as error:
        return {**problems, "latex": [f"latex cannot be read: {error.reason} at position {error.position}"]}
    problems["latex"] = [problem for expr in parsed.exprs for problem in _size_problems(expr)]
    if parsed.tag and parsed.tag != formula.equation:
        problems["latex"].append(f"latex is tagged {parsed.tag!r} but equation is {formula.equation!r}")
    return problems


def _size_problems(expr: sympy.Expr) -> list:
    """A member too large to audit in seconds (limits.MAX_EXPANDED_TERMS, MAX_WRITTEN_TERMS)."""
    multiplied = normal.expanded_terms(expr, 1, limits.MAX_EXPANDED_TERMS + 1)
    written = normal.expanded_terms(expr, 4, limits.MAX_WRITTEN_TERMS + 1)
    if multiplied > limits.MAX_EXPANDED_TERMS:
        return [f"latex multiplies out to {limits.MAX_EXPANDED_TERMS + 1} terms or more; the limit is "
                f"{limits.MAX_EXPANDED_TERMS}"]
    if written > limits.MAX_WRITTEN_TERMS:
        return [f"latex writes out to {limits.MAX_WRITTEN_TERMS + 1:,} terms or more (K taken as 4); the limit "
                f"is {limits.MAX_WRITTEN_TERMS:,}"]
    return []
