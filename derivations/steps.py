"""Derivation chains "lhs = step 1 = step 2 = …" and the check of every "=" in them.

Owns the chain values and the verification: each "=" is tried symbolically first (with the
chain's assumptions, e.g. K = 3), then exactly with the article's table substituted
(rationals, no floats), and a "≈" numerically at 50 digits against half a unit of the last
shown digit. The method that closed each step is recorded. A step that does not hold raises
`StepFailure` naming the chain and the step. Pure: no printing, no files.
"""
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy
from sympy.simplify.simplify import factor_sum

from derivations.numbers import PrintedNumber, exact_form, half_unit

SYMBOLIC = "symbolic"  # proved for all values of the free symbols
EXACT = "exact"  # equal in exact arithmetic with the table substituted
NUMERIC = "numeric"  # a rounded value within half a unit of its last digit (50-digit evaluation)
FINITE = "finite"  # checked case by case over a finite range, not proved in general
NUMERIC_DIGITS = 50


@dataclass(frozen=True)
class Evidence:
    """How one "=" was verified: whether it holds, by which method, and a short detail."""

    holds: bool
    method: str
    detail: str = ""


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
    """What a chain's check may substitute: names → definitions, assumptions, the table."""

    unfold: Callable[[sympy.Basic], sympy.Basic] = lambda expr: expr
    assumptions: Mapping = field(default_factory=dict)
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


class StepFailure(Exception):
    """A step of a chain does not follow from the previous one."""

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
    if not _substitutes_table(left, step.expr, context) and \
            _is_zero(_difference(left, step.expr, context, context.assumptions)):
        general = bool(context.unfold(left).free_symbols | context.unfold(step.expr).free_symbols)
        return Evidence(True, SYMBOLIC if general else EXACT)
    tabled = {**context.assumptions, **context.table}
    if context.table and _is_zero(_difference(left, step.expr, context, tabled)):
        return Evidence(True, EXACT)
    return Evidence(False, EXACT if context.table else SYMBOLIC, "the two sides differ")


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
    # finite Σ wrote out); printed numbers become rationals before the final rebuild.
    expanded = _rebuilt(unfold(expr).xreplace(dict(values)))
    return _rebuilt(exact_form(expanded.xreplace(dict(values))))


def _rebuilt(expr: sympy.Basic) -> sympy.Basic:
    """expr rebuilt bottom-up with evaluation on; only Σ with numeric limits is expanded.

    The display forms are built unevaluated (1·log 0.33 + 0·log 0.32 …); rebuilding makes
    SymPy's arithmetic apply. doit() would do that too, but it also hunts for closed forms
    of every Σ with a symbolic limit (Gosper's algorithm), which costs most of `check`.
    """
    if expr.is_Atom or isinstance(expr, (sympy.Indexed, sympy.Tuple)):
        return expr
    arguments = [_rebuilt(arg) for arg in expr.args]
    # A function of unchanged, evaluated arguments is already evaluated: rebuilding log(y_ik)
    # would only re-ask SymPy's assumptions, the largest cost of `check`.
    if isinstance(expr, sympy.Function) and all(new is old for new, old in zip(arguments, expr.args)):
        return expr
    rebuilt = expr.func(*arguments)
    if isinstance(rebuilt, sympy.Sum):
        return _written_out(rebuilt)
    return rebuilt.doit(deep=False)  # the node's own evaluation only, e.g. a dot product


def _written_out(total: sympy.Sum) -> sympy.Basic:
    """A Σ with numeric limits as the sum of its terms (innermost index first); else as is."""
    if not all(bound.is_Integer for limit in total.limits for bound in limit[1:]):
        return total
    terms = [total.function]
    for index, lower, upper in total.limits:
        terms = [term.xreplace({index: n}) for term in terms for n in range(int(lower), int(upper) + 1)]
    return sympy.Add(*[_rebuilt(term) for term in terms])


def value_on_table(expr: sympy.Basic, context: Context) -> sympy.Basic:
    """The exact value of expr with its names unfolded and the whole table substituted."""
    return _evaluated(expr, context, {**context.assumptions, **context.table})


def _difference(left: sympy.Basic, right: sympy.Basic, context: Context, values: Mapping) -> sympy.Basic:
    return _evaluated(left, context, values) - _evaluated(right, context, values)


def _is_zero(difference: sympy.Basic) -> bool:
    # expand + expand_log(force) decides the identities of these chains quickly; simplify()
    # would too, at many times the cost, and `check` runs on every commit.
    if difference == 0:
        return True
    # factor_sum pulls constant factors out of every Σ (Σ_i −f_i → −Σ_i f_i); expand does not.
    factored = difference.replace(lambda e: isinstance(e, sympy.Sum), factor_sum)
    expanded = sympy.expand_log(sympy.expand(factored), force=True)
    return expanded == 0 or sympy.expand(expanded) == 0


def _numerically_close(left: sympy.Basic, right: sympy.Basic, context: Context) -> Evidence:
    if not isinstance(right, PrintedNumber):
        return Evidence(False, NUMERIC, "a value shown with ≈ must be a printed number")
    value = sympy.N(value_on_table(left, context), NUMERIC_DIGITS)
    gap = abs(value - right.exact())
    tolerance = half_unit(right.text)
    holds = bool(gap <= tolerance)
    detail = f"|difference| = {sympy.N(gap, 3)} {'≤' if holds else '>'} {tolerance}"
    return Evidence(holds, NUMERIC, detail)
