"""The derived formulas, by name, and whether an expression as printed equals one of them.

Owns `Derived` (a formula as we derive it, with how its names unfold) and the registry that a
printed formula names in data/formulas.toml; and the equality test: symbolic where SymPy can
show it, else exact on random rational tables for several small N and K (evidence for those
sizes, not a proof, and said so). Pure: expressions in, evidence out.
"""
import functools
import random
from collections.abc import Callable
from dataclasses import dataclass

import sympy
from sympy.simplify.simplify import factor_sum

from derivations import model
from derivations.latex import latex
from derivations.steps import SYMBOLIC, Evidence
from derivations.symbols import (
    E, K, N, batch_loss_name, binary_loss_name, i, likelihood_name, one_sample_loss_name, t, total_loss_name, y,
)

SAMPLED = "sampled"  # equal, exactly, on random rational tables of the sizes below: not a proof
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
    if _normal(left - right, formula.binary_rank) == 0:
        return Evidence(True, SYMBOLIC)
    holds = all(_equal_on(left, right, size, seed, formula.binary_rank) for seed, size in enumerate(SIZES))
    return Evidence(holds, SAMPLED, f"(N, K) in {', '.join(map(str, SIZES))}")


@functools.lru_cache(maxsize=None)
def target(formula: Derived) -> sympy.Expr:
    """The derived right-hand side with its names unfolded: what a printed member must equal."""
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
