"""Why a printed formula differs from the derived one: the fewest slips that explain it.

Owns the departures worth trying for a printed member (a sign, a summation limit, a reading
of a subscript, swapped subscripts, a missing or extra mean factor, another of our names),
how each is undone, and `explain`, the search for the smallest combination whose undoing
makes the member equal the derived formula. Departures are data (kind + details), never
sentences; the prose catalogues phrase them. Pure: expressions in, departures out.
"""
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivations.equality import Derived, equal
from derivations.latex import latex
from derivations.symbols import (
    E, N, binary_loss_name, likelihood_name, one_sample_loss_name, t, total_loss_name, y,
)

MAX_DEPARTURES = 2  # a diagnosis explains with at most this many departures, fewest first
CLASS_READINGS = (1, 2)  # classes a per-sample t_i, y_i may be read as (binary: the first two)
LOSS_NAMES = (one_sample_loss_name, total_loss_name, binary_loss_name, likelihood_name)


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
