"""Provers for the steps that the generic checks in `steps` cannot close.

Owns the arguments SymPy needs spelled out: (6.2) as (5.2) with the sample index added, and
the one-hot reduction Σ_k t_ik log y_ik = log y_{i,c_i}, proved for symbolic N and K; the
logarithm of a likelihood, log Π = Σ log (parts 3, 4, 6); and two classes whose labels and
probabilities each sum to one (part 6). Each prover takes the two sides of a step and returns
`Evidence`; none of them prints or reads.
"""
import sympy
from sympy.simplify.simplify import factor_sum

from derivations import model
from derivations.steps import SYMBOLIC, Evidence
from derivations.symbols import K, c, i, j, k, t, true_class, y


def sample_index_added(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """right is (5.2)'s right-hand side with t_k → t_ik and y_k → y_ik."""
    indexed = model.one_sample_loss().xreplace({t[k]: t[i, k], y[k]: y[i, k]})
    holds = sympy.expand(indexed - right) == 0
    return Evidence(holds, SYMBOLIC, "(5.2) with t_k → t_ik, y_k → y_ik")


def one_hot_reduction(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left with one-hot labels t_ik = δ_{k,c_i} equals right, for every N and K."""
    one_hot = left.replace(_is_label_cell, lambda cell: model.one_hot_label(cell.indices[0]))
    # SymPy evaluates Σ_k δ_{k,c} f(k) to Piecewise((f(c), c ≤ K), (0, True)); it cannot know
    # that a class number never exceeds K, so we say so by writing K = c + j with j ≥ 0. The
    # summand is evaluated for one sample at a time: c stands for that sample's c_i.
    per_sample = one_hot.xreplace({true_class[i]: c}).doit().subs(K, c + j)
    reduced = per_sample.xreplace({c: true_class[i]})
    holds = sympy.expand(reduced - right) == 0
    return Evidence(holds, SYMBOLIC, "t_ik = δ_{k,c_i} with 1 ≤ c_i ≤ K, for symbolic N and K")


def _is_label_cell(expr: sympy.Basic) -> bool:
    return isinstance(expr, sympy.Indexed) and expr.base == t and len(expr.indices) == 2


# --- Parts 3, 4 and 6 ----------------------------------------------------------------------

# The same names with what a likelihood assumes of them: probabilities are positive, labels
# real. Under these assumptions SymPy applies log Π = Σ log and log y^t = t log y by itself.
_POSITIVE = {y: sympy.IndexedBase(y.label.name, positive=True), t: sympy.IndexedBase(t.label.name, real=True)}


def log_of_product(left: sympy.Expr, right: sympy.Expr, unfold=lambda expr: expr) -> Evidence:
    """log Π_k f_k = Σ_k log f_k (and log y^t = t log y) for y > 0: for symbolic N and K.

    Both sides are unfolded (names → definitions), every Π is rewritten as exp Σ log — an
    identity for positive factors, which the assumptions make SymPy apply — and the logs
    expanded without `force`: nothing is assumed beyond y_k > 0 and real t_k.
    """
    reduced = [_logs_expanded(unfold(side).xreplace(_POSITIVE)) for side in (left, right)]
    holds = _same(*reduced)
    return Evidence(holds, SYMBOLIC, "log Π = Σ log, log y^t = t log y for y > 0, symbolic N and K")


def _logs_expanded(expr: sympy.Basic) -> sympy.Basic:
    as_sums = _evaluated(expr).replace(lambda e: isinstance(e, sympy.Product), lambda e: e.rewrite(sympy.Sum))
    return sympy.expand_log(as_sums, deep=True)


def two_classes_sum_to_one(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left with t_2 = 1 − t_1 and y_2 = 1 − y_1 (per sample) equals right.

    The substitutions are not asserted: each is solved from Σ_k t_k = 1 (a one-hot label) or
    Σ_k y_k = 1 (probabilities) with K = 2, for one sample or for sample i.
    """
    solved = {}
    for cell in _second_class_cells(left):
        sample = cell.indices[0] if len(cell.indices) == 2 else None
        condition = model.sums_to_one(cell.base, sample)
        solved[cell] = _solved_linear(condition.lhs.doit() - condition.rhs, cell)
    holds = bool(solved) and _same(left.xreplace(solved), right)
    return Evidence(holds, SYMBOLIC, "Σ_k t_k = 1 and Σ_k y_k = 1 with K = 2, solved for class 2")


def _solved_linear(expression: sympy.Expr, unknown: sympy.Expr) -> sympy.Expr:
    """The root of expression = 0, linear in `unknown` (e.g. t_1 + t_2 − 1 = 0 for t_2).

    sympy.solve would do it too, at several times the cost of the whole rest of `check`.
    """
    slope = sympy.diff(expression, unknown)
    if slope == 0 or sympy.diff(slope, unknown) != 0:
        raise ValueError(f"{expression} = 0 is not linear in {unknown}")
    return sympy.expand(-expression.xreplace({unknown: 0}) / slope)


def _second_class_cells(expr: sympy.Basic) -> set:
    return {cell for cell in expr.atoms(sympy.Indexed) if cell.base in (t, y) and cell.indices[-1] == 2}


def _evaluated(expr: sympy.Basic) -> sympy.Basic:
    """expr rebuilt bottom-up with evaluation on (the page forms are built unevaluated)."""
    if expr.is_Atom or isinstance(expr, (sympy.Indexed, sympy.Tuple)):
        return expr
    return expr.func(*[_evaluated(arg) for arg in expr.args])


def _same(left: sympy.Expr, right: sympy.Expr) -> bool:
    """left − right is 0 once Σ signs are merged, finite ones written out, constants taken
    out of the others, and everything expanded."""
    difference = _merged_sums(_evaluated(left) - _evaluated(right))
    written_out = difference.replace(lambda e: isinstance(e, sympy.Sum), _finite_limits_written_out)
    factored = written_out.replace(lambda e: isinstance(e, sympy.Sum), factor_sum)
    return sympy.expand(factored) == 0


def _finite_limits_written_out(total: sympy.Sum) -> sympy.Expr:
    """Each index of a Σ with numeric limits written out term by term; the others kept.

    Σ_i Σ_{k=1}^{2} f(i, k) becomes Σ_i (f(i, 1) + f(i, 2)): SymPy stores nested sums as one
    Sum with both limits, and writes out none of them while one is symbolic.
    """
    terms, kept = [total.function], []
    for index, lower, upper in total.limits:
        if lower.is_Integer and upper.is_Integer:
            terms = [term.xreplace({index: n}) for term in terms for n in range(int(lower), int(upper) + 1)]
        else:
            kept.append((index, lower, upper))
    summand = sympy.Add(*terms)
    return sympy.Sum(summand, *kept) if kept else summand


def finite_sum_written_out(left: sympy.Expr, right: sympy.Expr, unfold=lambda expr: expr) -> Evidence:
    """right is left (names unfolded) with every Σ over numeric limits written out, also inside a Σ over i."""
    holds = _same(unfold(left), unfold(right))
    return Evidence(holds, SYMBOLIC, "a Σ with numeric limits written out term by term, symbolic N")


def _merged_sums(expr: sympy.Basic) -> sympy.Basic:
    """Σ_i (Σ_k f) written as one Σ over (k, i): the same sum, one canonical form."""
    def merge(total: sympy.Sum) -> sympy.Sum:
        inner = total.function
        if isinstance(inner, sympy.Sum):
            return sympy.Sum(inner.function, *inner.limits, *total.limits)
        return total
    return expr.replace(lambda e: isinstance(e, sympy.Sum) and isinstance(e.function, sympy.Sum), merge)
