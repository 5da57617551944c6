"""The derived formulas, by name, and whether an expression as printed equals one of them.

Owns `Derived` (a formula as we derive it, with how its names unfold) and the registry that a
printed formula names in data/formulas.toml; and the audit's two attempts: symbolic by the
normal form (`normal`, the same rule as the chains'), else exact on random rational tables for
several small N and K (evidence for those sizes, not a proof, and said so). It must not have
rules of its own for "=": only the binary complement (class 2 = 1 − class 1) is its own.
Pure: expressions in, evidence out.
"""
import functools
import random
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivations import model, normal
from derivations.evidence import SAMPLED, SYMBOLIC, Evidence, proved
from derivations.latex import latex
from derivations.symbols import (
    E, K, N, batch_loss_name, binary_loss_name, i, likelihood_name, one_sample_loss_name, t, total_loss_name, y,
)

SIZES = ((1, 2), (2, 3), (3, 2), (2, 4))  # (N, K) of the random tables, one table each
SEED = 5  # the tables are random but fixed: verdicts must not change from run to run


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
    left, right = formula.unfold(printed), target(formula)
    symbolic = _compared(left, right, formula.binary_rank)
    if symbolic.holds:
        return proved(SYMBOLIC, symbolic.conditions)
    holds = all(_equal_on(left, right, size, seed, formula.binary_rank) for seed, size in enumerate(SIZES))
    return Evidence(holds, SAMPLED, f"(N, K) in {', '.join(map(str, SIZES))}")


@functools.lru_cache(maxsize=None)
def target(formula: Derived) -> sympy.Expr:
    """The derived right-hand side with its names unfolded: what a printed member must equal."""
    return formula.unfold(formula.rhs)


def _compared(left: sympy.Expr, right: sympy.Expr, binary_rank: int) -> normal.Comparison:
    """The normal form's verdict; in the binary case, once class 2 is written through class 1.

    The complement comes after the logs are expanded: log y_2^{t_2} splits because y_2 > 0,
    while log (1 − y_1)^{1 − t_1} could not (nothing states 1 − y_1 > 0)."""
    if not binary_rank:
        return normal.compare(left, right)
    return normal.compare(left, right, then=lambda form: _complemented(form, binary_rank))


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
    return normal.is_zero(a.xreplace(values) - b.xreplace(values))


@functools.lru_cache(maxsize=None)
def _finite(expr: sympy.Expr, size: tuple, binary_rank: int) -> sympy.Expr:
    samples, classes = size
    return _complemented(normal.normal(expr.xreplace({N: samples, K: classes})), binary_rank)


def _random_table(expr: sympy.Expr, seed: int) -> dict:
    """A rational in (0, 1) for every cell t_…, y_… and every other free name, by name order."""
    rng = random.Random(seed)
    atoms = sorted(expr.atoms(sympy.Indexed) | expr.free_symbols, key=str)
    table = {}
    for atom in atoms:
        denominator = rng.randint(3, 40)
        table[atom] = sympy.Rational(rng.randint(1, denominator - 1), denominator)
    return table
