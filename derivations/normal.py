"""The one normal form that decides "=": for the steps of chains, the provers and the audit.

Owns the rules two expressions are brought through before they are compared, in this order:
evaluate (the page forms are built unevaluated); write out every Σ and Π over whole-number
limits, index by index; expand the logarithms by log ab = log a + log b, log a/b = log a −
log b, log a^t = t log a and log Π f = Σ log f, which hold because the predictions are
positive and the labels real — stated here (y > 0) and reported by `compare` whenever a
rule was applied to letters, never assumed blindly with `force`; split the log of a positive
rational into logs of primes (independent over Q, so a sum of them is zero only if it is);
merge nested Σ into one; split a Σ of a sum into sums; take constant factors out of every Σ.

It must not unfold names, substitute tables or fix letters (K = 3): callers do that, and say
so in their evidence. Nothing here prints or reads.
"""
import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import sympy
from sympy.simplify.simplify import factor_sum

from derivations.evidence import Condition
from derivations.symbols import t, y

# The assumption under which the log rules apply: a model's predicted probabilities are
# positive (a prediction of exactly 0 makes the loss infinite), the labels real numbers.
POSITIVITY = Condition("y > 0", "y > 0")
_STATED = {y: sympy.IndexedBase(y.label.name, positive=True), t: sympy.IndexedBase(t.label.name, real=True)}
_UNSTATED = {stated: plain for plain, stated in _STATED.items()}


@dataclass(frozen=True)
class Comparison:
    """Whether two expressions have the same normal form, and what that needed."""

    holds: bool
    conditions: tuple = ()  # (POSITIVITY,) when a log rule was applied to letters


def compare(left: sympy.Basic, right: sympy.Basic, then: Callable | None = None) -> Comparison:
    """Whether left = right by the normal form; positivity is named only where it was used.

    `then` rewrites both normal forms before they are compared (the audit's class 2 = 1 −
    class 1, which must come after the logs are expanded); the result is normalised again."""
    if left == right:
        return Comparison(True)
    (a, a_logs), (b, b_logs) = _normal(left), _normal(right)
    # Without `then`, the forms are compared in the stated names (t ↦ t and y ↦ y with their
    # assumptions is one-to-one): renaming back rebuilt both. Measured over `check --jobs 1`:
    # 0.106 s in compare instead of 0.113 s.
    if then is not None:
        a, b = then(a.xreplace(_UNSTATED)), then(b.xreplace(_UNSTATED))
    holds = a == b or sympy.expand(a - b) == 0 or (then is not None and is_zero(a - b))
    return Comparison(holds, (POSITIVITY,) if holds and (a_logs or b_logs) else ())


def is_zero(expr: sympy.Basic) -> bool:
    """Whether expr's normal form is 0."""
    return _normal(expr)[0] == 0


def normal(expr: sympy.Basic) -> sympy.Basic:
    """expr in the normal form (see the module's docstring), in the plain names t and y."""
    return _normal(expr)[0].xreplace(_UNSTATED)


@functools.lru_cache(maxsize=None)
def _normal(expr: sympy.Basic) -> tuple:
    """The normal form in the stated names (y > 0, t real), and whether a log rule was applied
    to letters (so y > 0 was used)."""
    stated = evaluated(expr, _STATED)
    logs_of_letters = any(_splits(log) for log in stated.atoms(sympy.log))
    logs = _prime_logs(sympy.expand_log(stated, deep=True))
    return _sums_canonical(logs), logs_of_letters


def _splits(log: sympy.log) -> bool:
    """Whether one of the log rules applies to this log of letters (not of a number)."""
    argument = log.args[0]
    # The type first: `is_number` of a Π rebuilds its factor (SymPy 1.14); measured: 18,000
    # fewer function calls (of 1.37 million) while the chains are checked.
    return isinstance(argument, (sympy.Mul, sympy.Pow, sympy.Product)) and not argument.is_number


# --- evaluation -----------------------------------------------------------------------------


def evaluated(expr: sympy.Basic, names: Mapping = MappingProxyType({})) -> sympy.Basic:
    """expr rebuilt bottom-up with evaluation on; every Σ and Π index over whole numbers written
    out; each base in `names` (t, y) replaced by its value, in the same pass.

    doit() would evaluate too, but it also hunts for closed forms of every Σ with a symbolic
    limit (Gosper's algorithm), which costs most of `check` and never succeeds on t and y.
    Renaming in the same pass saves a second rebuild of the tree, whose every log SymPy's
    assumptions would examine again (measured over `check --jobs 1`: 0.108 s in the normal
    form instead of 0.115 s).
    """
    return _evaluated(expr, tuple(names.items()))


# Remembered per process, node by node: the sides of a chain share most of their subtrees
# (measured: `check --jobs 1` checks its chains in 0.223 s instead of 0.251 s).
@functools.lru_cache(maxsize=None)
def _evaluated(expr: sympy.Basic, names: tuple) -> sympy.Basic:
    if isinstance(expr, (sympy.Indexed, sympy.Tuple)) or expr.is_Atom:
        return expr.xreplace(dict(names)) if names else expr
    arguments = [_evaluated(arg, names) for arg in expr.args]
    # A function of unchanged, evaluated arguments is already evaluated: rebuilding log(y_ik)
    # would only re-ask SymPy's assumptions, the largest cost of `check`.
    if isinstance(expr, sympy.Function) and all(new is old for new, old in zip(arguments, expr.args)):
        return expr
    rebuilt = expr.func(*arguments)
    if isinstance(rebuilt, (sympy.Sum, sympy.Product)):
        return written_out(rebuilt)
    return rebuilt.doit(deep=False)  # the node's own evaluation only, e.g. a dot product


def written_out(total: sympy.Basic) -> sympy.Basic:
    """A Σ or Π with each index over whole-number limits written out term by term (innermost
    first); an index with a symbolic limit stays a Σ or Π around what is written out."""
    kind = type(total)
    combine = sympy.Add if kind is sympy.Sum else sympy.Mul
    value = total.function
    for index, lower, upper in total.limits:
        if lower.is_Integer and upper.is_Integer:
            value = combine(*[value.xreplace({index: n}) for n in range(int(lower), int(upper) + 1)])
        else:
            value = kind(value, (index, lower, upper))
    return value


# --- logarithms of numbers ------------------------------------------------------------------


def _prime_logs(expr: sympy.Basic) -> sympy.Basic:
    """Every log of a positive rational as Σ e·log p over its primes: log(33/100) → log 3 +
    log 11 − 2 log 2 − 2 log 5. SymPy leaves log 6 and log 2 + log 3 apart otherwise."""
    return expr.replace(_is_log_of_rational, lambda log: _over_primes(log.args[0]))


def _is_log_of_rational(expr: sympy.Basic) -> bool:
    argument = expr.args[0] if isinstance(expr, sympy.log) else None
    return argument is not None and argument.is_Rational and argument > 0 and argument != 1


def _over_primes(value: sympy.Rational) -> sympy.Expr:
    powers = [(p, e) for p, e in sympy.factorint(value.p).items()]
    powers += [(p, -e) for p, e in sympy.factorint(value.q).items()]
    return sympy.Add(*[e * sympy.log(sympy.Integer(p), evaluate=False) for p, e in powers if p != 1])


# --- sums -----------------------------------------------------------------------------------


def _sums_canonical(expr: sympy.Basic) -> sympy.Basic:
    """Nested Σ merged into one, Σ of a sum split, constant factors taken out; then expanded.

    An expansion is repeated only where a rewrite changed something: expanding an expanded
    form gives it back, and most forms have no Σ left once written out (measured over `check
    --jobs 1`: 0.047 s here instead of 0.056 s)."""
    expanded = sympy.expand(expr)
    if not expanded.has(sympy.Sum):
        return expanded
    merged = expanded.replace(_is_nested_sum, _merged)
    split = merged if merged is expanded else sympy.expand(merged)  # expand splits Σ(a + b) into Σa + Σb
    factored = split.replace(lambda e: isinstance(e, sympy.Sum), factor_sum)
    return split if factored is split else sympy.expand(factored)


def _is_nested_sum(expr: sympy.Basic) -> bool:
    return isinstance(expr, sympy.Sum) and _inner_sum(expr.function) is not None


def _inner_sum(function: sympy.Basic) -> sympy.Sum | None:
    """The one Σ factor of a summand (Σ_k f, or a·Σ_k f), if there is exactly one."""
    factors = sympy.Mul.make_args(function)
    sums = [f for f in factors if isinstance(f, sympy.Sum)]
    return sums[0] if len(sums) == 1 else None


def _merged(total: sympy.Sum) -> sympy.Sum:
    """Σ_i a_i Σ_k f → Σ over (k, i) of a_i f: one Σ per list of indices, one canonical form.

    The factor a_i goes inside: it does not involve k (SymPy renames nothing, and these
    formulas never reuse an index), and the constants come back out with factor_sum."""
    inner = _inner_sum(total.function)
    others = sympy.Mul(*[f for f in sympy.Mul.make_args(total.function) if f is not inner])
    return sympy.Sum(others * inner.function, *inner.limits, *total.limits)


def expanded_terms(expr: sympy.Basic, symbolic_count: int = 1, cap: int = 10**6) -> int:
    """An upper bound on the terms `expr` becomes once products of sums are multiplied out
    and every Σ/Π written out, a symbolic limit counting `symbolic_count` terms; at most `cap`.

    Bringing an expression to normal form costs about its expanded size, and the audit's
    search for slips repeats that for every candidate: a printed product of a few sums can
    cost minutes. Callers refuse what is too large before comparing it (limits.py)."""
    if isinstance(expr, sympy.Add):
        return min(cap, sum(expanded_terms(a, symbolic_count, cap) for a in expr.args))
    if isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.exp > 0:
        base = expanded_terms(expr.base, symbolic_count, cap)
        return min(cap, math.comb(int(expr.exp) + base - 1, base - 1))
    if isinstance(expr, (sympy.Sum, sympy.Product)):
        count = math.prod(int(hi - lo) + 1 if (hi - lo).is_Integer else symbolic_count for _, lo, hi in expr.limits)
        inner = expanded_terms(expr.function, symbolic_count, cap)
        return min(cap, inner * count if isinstance(expr, sympy.Sum) else inner ** min(count, 64))
    if expr.args and not isinstance(expr, (sympy.Indexed, sympy.Pow)):
        return min(cap, math.prod(expanded_terms(a, symbolic_count, cap) for a in expr.args))
    return 1
