"""Derivation chains "lhs = step 1 = step 2 = …" and the check of every "=" in them.

Owns the chain values and the order of attempts: each "=" is tried symbolically first (the
chain's names unfolded and its fixed letters, e.g. K = 3, substituted), then exactly with
the article's table substituted (rationals, no floats), and a "≈" numerically at 50 digits
against half a unit of the last shown digit. Whether two sides are equal is decided by the
normal form (`normal`), never here; the evidence records the method and the conditions a
symbolic proof used (the fixed letters that occur, y > 0 for the log rules). A step that
does not hold raises `StepFailure` naming the chain and the step. Pure: no printing, no files.
"""
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy

from derivations import normal
from derivations.evidence import EXACT, NUMERIC, SYMBOLIC, Evidence, fixed, proved, refuted
from derivations.numbers import PrintedNumber, exact_form, half_unit
from derivations.outcomes import STEP_FAILS, Failure
from derivations.symbols import letters

NUMERIC_DIGITS = 50

Prover = Callable[[sympy.Expr, sympy.Expr], Evidence]


@dataclass(frozen=True)
class Step:
    """One right-hand side of a chain, the reason it follows, and how it is related."""

    expr: sympy.Basic
    reason: str
    approximate: bool = False  # shown with ≈: a computed value rounded for display
    prover: Prover | None = None  # for a step the generic methods cannot close


@dataclass(frozen=True)
class Context:
    """What a chain's check may substitute: names → definitions, fixed letters, the table."""

    unfold: Callable[[sympy.Basic], sympy.Basic] = lambda expr: expr
    assumptions: Mapping = field(default_factory=dict)  # fixed letters, e.g. {K: 3}: each proof names those it used
    table: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Chain:
    """lhs = steps[0] = steps[1] = …, with an id for links and errors."""

    id: str
    title: str
    lhs: sympy.Basic
    steps: tuple
    context: Context = Context()
    tag: str | None = None  # the article's equation number, shown as \tag
    params: Mapping = field(default_factory=dict)  # values for the prose, e.g. the sample number
    uses: tuple = ()  # the equation numbers it is derived from: the edges of the overview's diagram


@dataclass(frozen=True)
class CheckedChain:
    chain: Chain
    evidence: tuple  # one Evidence per step, in order


class StepFailure(Failure):
    """A step of a chain does not follow from the previous one."""

    outcome, kind = STEP_FAILS, "step"

    def __init__(self, chain: Chain, position: int, evidence: Evidence) -> None:
        self.chain, self.position, self.evidence = chain, position, evidence
        super().__init__(
            f"chain '{chain.id}', step {position + 1} ({chain.steps[position].reason}): "
            f"does not hold ({evidence.detail or evidence.method})"
        )


def check_chain(chain: Chain) -> CheckedChain:
    """Verify every "=" of the chain in order; raise StepFailure at the first that fails."""
    return checked(chain, chain_evidence(chain))


def chain_evidence(chain: Chain) -> tuple:
    """The Evidence of each step in order, up to and including the first that fails.

    A plain tuple of plain values, so that a worker process can hand it back (see `workers`).
    """
    evidence = []
    for left, step in zip((chain.lhs, *(s.expr for s in chain.steps)), chain.steps):
        evidence.append(check_step(left, step, chain.context))
        if not evidence[-1].holds:
            break
    return tuple(evidence)


def checked(chain: Chain, evidence: tuple) -> CheckedChain:
    """The chain with its evidence; StepFailure if a step does not hold."""
    for position, result in enumerate(evidence):
        if not result.holds:
            raise StepFailure(chain, position, result)
    return CheckedChain(chain, evidence)


def check_step(left: sympy.Basic, step: Step, context: Context) -> Evidence:
    """Verify left = step.expr by the first method that applies."""
    if step.prover is not None:
        return step.prover(left, step.expr)
    if step.approximate:
        return _numerically_close(left, step.expr, context)
    if not _substitutes_table(left, step.expr, context):
        symbolic = _symbolically(left, step.expr, context)
        if symbolic.holds:
            return symbolic
    tabled = {**context.assumptions, **context.table}
    if context.table and normal.compare(*(_evaluated(side, context, tabled) for side in (left, step.expr))).holds:
        return proved(EXACT)
    return refuted(EXACT if context.table else SYMBOLIC, "the two sides differ")


def _symbolically(left: sympy.Basic, right: sympy.Basic, context: Context) -> Evidence:
    """left = right with the names unfolded and the chain's fixed letters substituted; the
    evidence names the fixed letters that occur in either side, and y > 0 if a log rule used it."""
    values = context.assumptions
    comparison = normal.compare(_evaluated(left, context, values), _evaluated(right, context, values))
    if not comparison.holds:
        return refuted(SYMBOLIC, "the two sides differ")
    found = _letters(_unfolded(left, context.unfold)) | _letters(_unfolded(right, context.unfold))
    if not found:
        return proved(EXACT)
    used = tuple(fixed(letter, value) for letter, value in values.items() if letter in found)
    return proved(SYMBOLIC, used + comparison.conditions)


def _substitutes_table(left: sympy.Basic, right: sympy.Basic, context: Context) -> bool:
    """Whether one side has the table's printed numbers and the other not: an "=" that only
    the table can show, so the symbolic attempt is skipped (it costs, and cannot succeed)."""
    return bool(context.table) and left.has(PrintedNumber) != right.has(PrintedNumber)


def _evaluated(expr: sympy.Basic, context: Context, values: Mapping) -> sympy.Basic:
    return _evaluated_once(expr, context.unfold, frozenset(values.items()))


# Remembered per process: each side of a chain is evaluated twice, as the right side of one
# "=" and the left side of the next (a fifth of the time spent evaluating).
@functools.lru_cache(maxsize=None)
def _evaluated_once(expr: sympy.Basic, unfold: Callable, values: frozenset) -> sympy.Basic:
    # The table is substituted both before (cells already written out) and after (cells a
    # finite Σ wrote out); printed numbers become rationals before the final evaluation.
    expanded = normal.evaluated(_unfolded(expr, unfold).xreplace(dict(values)))
    return normal.evaluated(exact_form(expanded.xreplace(dict(values))))


# Remembered per process: each side of a chain is the left side of one "=" and the right side
# of the one before. `letters`, not SymPy's `free_symbols`, which rebuilds every Σ's summand
# (measured, medians of 10 runs on a shared machine: chains checked in 0.235 s instead of 0.251 s).
@functools.lru_cache(maxsize=None)
def _letters(expr: sympy.Basic) -> frozenset:
    return frozenset(letters(expr))


# Remembered per process: a side is unfolded for the symbolic attempt, for the table and for
# the letters a proof used, and model.replace_cells walks the whole tree each time (measured:
# `check --jobs 1` checks its chains in 0.223 s instead of 0.236 s).
@functools.lru_cache(maxsize=None)
def _unfolded(expr: sympy.Basic, unfold: Callable) -> sympy.Basic:
    return unfold(expr)


def value_on_table(expr: sympy.Basic, context: Context) -> sympy.Basic:
    """The exact value of expr with its names unfolded and the whole table substituted."""
    return _evaluated(expr, context, {**context.assumptions, **context.table})


def _numerically_close(left: sympy.Basic, right: sympy.Basic, context: Context) -> Evidence:
    if not isinstance(right, PrintedNumber):
        return refuted(NUMERIC, "a value shown with ≈ must be a printed number")
    exact = value_on_table(left, context)
    # A rational value is compared exactly: at 50 digits, 0.125 − 0.12 need not be 1/200.
    value = exact if exact.is_Rational else sympy.N(exact, NUMERIC_DIGITS)
    gap = abs(value - right.exact())
    tolerance = half_unit(right.text)
    holds = bool(gap <= tolerance)
    detail = f"|difference| = {sympy.N(gap, 3)} {'≤' if holds else '>'} {tolerance}"
    return Evidence(holds, NUMERIC, detail, gap=sympy.N(gap, 3), tolerance=tolerance)
