"""Provers for the steps that need a condition the normal form does not assume.

Owns two arguments, each resting on a fact about the labels or probabilities that it states
in its evidence: the one-hot reduction Σ_k t_ik log y_ik = log y_{i,c_i} (t_ik = δ_{k,c_i}
with 1 ≤ c_i ≤ K), proved for symbolic N and K; and two classes whose labels and
probabilities each sum to one (part 6), solved for class 2. Everything else — finite sums
written out, logs of products, constants out of sums — is the normal form's (`normal`), which
also decides the final comparison here. Each prover takes the two sides of a step and returns
`Evidence`; none of them prints or reads.
"""
import sympy

from derivations import model, normal
from derivations.evidence import SYMBOLIC, Condition, Evidence, equation, proved, refuted
from derivations.symbols import K, c, i, j, t, true_class, y

ONE_HOT = Condition("t_ik = δ(k, c_i) with 1 ≤ c_i ≤ K", r"t_{ik} = \delta_{k c_{i}},\ 1 \leq c_{i} \leq K")


def one_hot_reduction(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left with one-hot labels t_ik = δ_{k,c_i} equals right, for every N and K."""
    one_hot = left.replace(_is_label_cell, lambda cell: model.one_hot_label(cell.indices[0]))
    # SymPy evaluates Σ_k δ_{k,c} f(k) to Piecewise((f(c), c ≤ K), (0, True)); it cannot know
    # that a class number never exceeds K, so we say so by writing K = c + j with j ≥ 0. The
    # summand is evaluated for one sample at a time: c stands for that sample's c_i.
    per_sample = _deltas_evaluated(one_hot.xreplace({true_class[i]: c})).subs(K, c + j)
    reduced = per_sample.xreplace({c: true_class[i]})
    comparison = normal.compare(reduced, right)
    if not comparison.holds:
        return refuted(SYMBOLIC, "differs from the one-hot reduction")
    return proved(SYMBOLIC, (ONE_HOT, *comparison.conditions), "symbolic N and K")


def _deltas_evaluated(expr: sympy.Basic) -> sympy.Basic:
    """Each Σ over a Kronecker delta evaluated by SymPy up to the outermost index a delta
    involves (here k); the indices outside it stay a Σ. A doit of the whole would also hunt for
    a closed form of Σ_i over symbolic N (Gosper's algorithm), which never finds one here
    (measured over `check --jobs 1`: the reductions take 0.0095 s instead of 0.0135 s)."""
    def evaluated(total: sympy.Sum) -> sympy.Basic:
        inner = 1 + max(n for n, (index, _, _) in enumerate(total.limits) if index in _delta_letters(total))
        value = sympy.Sum(total.function, *total.limits[:inner]).doit()
        return sympy.Sum(value, *total.limits[inner:]) if inner < len(total.limits) else value

    def sums_a_delta(node: sympy.Basic) -> bool:
        return isinstance(node, sympy.Sum) and any(index in _delta_letters(node) for index, _, _ in node.limits)

    return expr.replace(sums_a_delta, evaluated)


def _delta_letters(total: sympy.Sum) -> set:
    return set().union(*(delta.free_symbols for delta in total.function.atoms(sympy.KroneckerDelta)))


def _is_label_cell(expr: sympy.Basic) -> bool:
    return isinstance(expr, sympy.Indexed) and expr.base == t and len(expr.indices) == 2


def two_classes_sum_to_one(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left with t_2 = 1 − t_1 and y_2 = 1 − y_1 (per sample) equals right.

    The substitutions are not asserted: each is solved from Σ_k t_k = 1 (a one-hot label) or
    Σ_k y_k = 1 (probabilities) with K = 2, for one sample or for sample i; the evidence
    names those conditions.
    """
    solved, conditions = {}, []
    for cell in sorted(_second_class_cells(left), key=sympy.default_sort_key):
        sample = cell.indices[0] if len(cell.indices) == 2 else None
        condition = model.sums_to_one(cell.base, sample)
        solved[cell] = _solved_linear(condition.lhs.doit() - condition.rhs, cell)
        conditions.append(equation(condition.lhs, condition.rhs, f"{_written(condition.lhs)} = {condition.rhs}"))
    comparison = normal.compare(left.xreplace(solved), right) if solved else normal.Comparison(False)
    if not comparison.holds:
        return refuted(SYMBOLIC, "differs with class 2 = 1 − class 1")
    return proved(SYMBOLIC, (*conditions, *comparison.conditions), "solved for class 2")


def _written(total: sympy.Sum) -> str:
    """Σ_{k=1}^{2} t_ik as plain text, "t_i1 + t_i2", for the report."""
    cells = sympy.Add.make_args(total.doit())
    return " + ".join(f"{cell.base}_{''.join(map(str, cell.indices))}" for cell in sorted(cells, key=str))


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
