"""Provers for the steps that the generic checks in `steps` cannot close.

Owns the arguments SymPy needs spelled out: (6.2) as (5.2) with the sample index added, and
the one-hot reduction Σ_k t_ik log y_ik = log y_{i,c_i}, proved for symbolic N and K. Each
prover takes the two sides of a step and returns `Evidence`; none of them prints or reads.
"""
import sympy

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
