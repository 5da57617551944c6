"""The mathematics of the logits page: the softmax, the loss of a sample in logits, and the
provers that page needs (labels summing to one, a one-hot label inside log-sum-exp, the
gradient, a matrix compared entry by entry). They rest on the page's softmax, so they live
beside it. Values only; the chains are `logits`', the prose `logits_prose`'.
"""
import sympy

from derivations import model, normal, proofs
from derivations.evidence import EXACT, NUMERIC, SYMBOLIC, Condition, Evidence, proved, refuted
from derivations.numbers import PrintedNumber, exact_form, half_unit
from derivations.symbols import E, K, N, batch_loss_name, i, k, t, y

SLUG = "logits"
URL = "https://blog.qualiteg.com/cross-entropy-05"

# The logits: real numbers, so that log exp z = z. Kept here: no other page uses them.
z = sympy.IndexedBase("z", real=True)
# Softmax's own index, apart from symbols.j (which the one-hot prover uses for K − c).
j = sympy.Symbol("j", integer=True, positive=True)
# Bound indices of E when it is differentiated by z_ik: E's own i and k would capture them.
_n, _m = sympy.Symbol("n", integer=True, positive=True), sympy.Symbol("m", integer=True, positive=True)

# As the page prints Σ_k t_ik = 1 (written out, not printed at import: that costs `check` time).
LABELS_SUM_TO_ONE = Condition("Σ_k t_ik = 1", r"\sum_{k=1}^{K} t_{ik} = 1")


def log_sum_exp(sample: sympy.Expr = i, classes: sympy.Expr = K) -> sympy.Expr:
    """log Σ_j exp z_ij."""
    return sympy.log(sympy.Sum(sympy.exp(z[sample, j]), (j, 1, classes)))


def softmax(sample: sympy.Expr = i, cls: sympy.Expr = k, classes: sympy.Expr = K) -> sympy.Expr:
    """(L1): y_ik = exp z_ik / Σ_j exp z_ij."""
    return sympy.exp(z[sample, cls]) / sympy.Sum(sympy.exp(z[sample, j]), (j, 1, classes))


def logit_loss(sample: sympy.Expr = i) -> sympy.Expr:
    """(L2): E_i = log Σ_j exp z_ij − Σ_k t_ik z_ik, in this order (built unevaluated)."""
    return sympy.Add(log_sum_exp(sample), -sympy.Sum(t[sample, k] * z[sample, k], (k, 1, K)), evaluate=False)


class Fraction(sympy.Expr):
    """a / b shown as one fraction; evaluated (and so compared) as the quotient itself."""

    def doit(self, **hints) -> sympy.Expr:
        return self.args[0] / self.args[1]

    def _latex(self, printer) -> str:
        return rf"\frac{{{printer._print(self.args[0])}}}{{{printer._print(self.args[1])}}}"

    def _sympystr(self, printer) -> str:
        # Without it, str() and repr() raise: SymPy's string printer dispatches on the class name
        # and takes this for Python's fractions.Fraction (no .denominator), which hid test failures.
        return f"({printer._print(self.args[0])})/({printer._print(self.args[1])})"


class Softmax(sympy.Expr):
    """softmax(z_i)_k by name; evaluated (and so compared) as its definition (L1)."""

    def doit(self, **hints) -> sympy.Expr:
        return softmax(*self.args)

    def _latex(self, printer) -> str:
        sample, cls = (printer._print(arg) for arg in self.args)
        return rf"\operatorname{{softmax}}(\boldsymbol{{z}}_{{{sample}}})_{{{cls}}}"


def shown_softmax(sample: sympy.Expr = i, cls: sympy.Expr = k) -> Fraction:
    """(L1) as the page shows it: exp z_ik over Σ_j exp z_ij."""
    return Fraction(sympy.exp(z[sample, cls]), sympy.Sum(sympy.exp(z[sample, j]), (j, 1, K)))


def difference_over_n(prediction: sympy.Expr) -> Fraction:
    """(prediction − t_ik) / N."""
    return Fraction(sympy.Add(prediction, -t[i, k], evaluate=False), N)


def unfold(expr: sympy.Basic) -> sympy.Basic:
    """The series' names E, E_sum, E_i by (6.3), (6.1), (6.2); then every y_ik by the softmax."""
    return model.replace_cells(model.unfold_names(expr), y, lambda cell: softmax(*cell.indices), rank=2)


class Gradient(sympy.Expr):
    """∂E/∂z_ik, shown as a fraction; only the gradient prover evaluates it."""

    def _latex(self, printer) -> str:
        name, cell = self.args
        return rf"\frac{{\partial {printer._print(name)}}}{{\partial {printer._print(cell)}}}"


# --- provers --------------------------------------------------------------------------------


def _labels_summed(expr: sympy.Basic) -> sympy.Basic:
    """Σ_k t_ik g → g wherever g does not involve k: the labels of a sample sum to one."""
    def split(total: sympy.Sum):
        factors = sympy.Mul.make_args(total.function)
        for position, (index, lower, upper) in enumerate(total.limits):
            labels = [f for f in factors if isinstance(f, sympy.Indexed) and f.base == t and f.indices[-1] == index]
            rest = sympy.Mul(*[f for f in factors if f not in labels])
            if lower == 1 and upper == K and len(labels) == 1 and index not in rest.free_symbols:
                return position, rest
        return None

    def summed(total: sympy.Sum) -> sympy.Basic:
        position, rest = split(total)
        others = total.limits[:position] + total.limits[position + 1:]
        return sympy.Sum(rest, *others) if others else rest

    return expr.replace(lambda e: isinstance(e, sympy.Sum) and split(e) is not None, summed)


def _compared(left: sympy.Basic, right: sympy.Basic, conditions: tuple, note: str) -> Evidence:
    """left = right by the normal form. Its logs are of exp z and of sums of exp z, positive
    for every real z, so the normal form's y > 0 is not a condition here."""
    if not normal.compare(left, right).holds:
        return refuted(SYMBOLIC, "the two sides differ")
    return proved(SYMBOLIC, conditions, note)


def by_logits(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with y = softmax(z): exp z > 0, so no positivity is assumed."""
    return _compared(unfold(left), unfold(right), (), "exp z > 0")


def by_names(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with the series' names unfolded, y left as it is (a definition restated)."""
    return _compared(model.unfold_names(left), model.unfold_names(right), (), "")


def by_l2(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with each E_i replaced by (L2), which the chain above proves (under Σ_k t_ik = 1,
    so that condition is carried here too); the mean's E by (6.3) and (6.1) as a Σ of the E_i."""
    def by_samples(expr: sympy.Basic) -> sympy.Basic:
        mean = expr.xreplace({batch_loss_name: sympy.Sum(E[i], (i, 1, N)) / N})
        return model.replace_cells(mean, E, lambda cell: logit_loss(cell.indices[0]))
    return _compared(by_samples(left), by_samples(right), (LABELS_SUM_TO_ONE,), "by (L2)")


def labels_sum_to_one(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with y = softmax(z) and Σ_k t_ik = 1, for symbolic N and K."""
    return _compared(_labels_summed(normal.normal(unfold(left))), unfold(right), (LABELS_SUM_TO_ONE,),
                     "symbolic N and K")


def one_hot_logit(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left with t_ik = δ_{k,c_i} (1 ≤ c_i ≤ K) equals right: Σ_k δ_{k,c_i} z_ik = z_{i,c_i}."""
    one_hot = unfold(left).replace(lambda e: isinstance(e, sympy.Indexed) and e.base == t and len(e.indices) == 2,
                                   lambda cell: model.one_hot_label(cell.indices[0]))
    reduced = _deltas_summed(one_hot)  # Σ_k δ_{k,c_i} z_ik = z_{i,c_i}, as 1 ≤ c_i ≤ K
    return _compared(reduced, unfold(right), (proofs.ONE_HOT,), "symbolic K")


def _deltas_summed(expr: sympy.Basic) -> sympy.Basic:
    """Σ_v δ(a, v) f(v) → f(a), innermost first: a Kronecker delta picks one term of a Σ over v,
    as long as a lies within v's limits (which the evidence states as a condition)."""
    def picked(total: sympy.Sum):
        factors = sympy.Mul.make_args(sympy.expand(total.function))
        for position, (index, _, _) in enumerate(total.limits):
            for delta in (f for f in factors if isinstance(f, sympy.KroneckerDelta) and index in f.args):
                value = next(arg for arg in delta.args if arg != index)
                if index not in value.free_symbols:
                    return position, sympy.Mul(*[f for f in factors if f is not delta]).xreplace({index: value})
        return None

    def summed(total: sympy.Sum) -> sympy.Basic:
        position, function = picked(total)
        others = total.limits[:position] + total.limits[position + 1:]
        return _deltas_summed(sympy.Sum(function, *others)) if others else function

    return expr.replace(lambda e: isinstance(e, sympy.Sum) and picked(e) is not None, summed)


IN_RANGE = Condition("1 ≤ i ≤ N, 1 ≤ k ≤ K", r"1 \leq i \leq N,\ 1 \leq k \leq K")


def mean_in_logits() -> sympy.Expr:
    """(L4): E = (1/N) Σ_i (log Σ_j exp z_ij − Σ_k t_ik z_ik)."""
    return sympy.Sum(logit_loss(), (i, 1, N)) / N


def gradient(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """∂E/∂z_ik of (L4) equals right, for symbolic N and K.

    (L4)'s own indices are renamed (n, m) so that z_ik is not captured. Differentiating gives
    Kronecker deltas δ(i, n) δ(k, m), each summed away by its Σ (i and k within the limits, a
    stated condition: SymPy's own Σ of a delta asks the same, as Piecewise, at ten times the cost).
    """
    name, cell = left.args
    if name != batch_loss_name or cell != z[i, k]:
        return refuted(SYMBOLIC, "the gradient prover differentiates E by z_ik only")
    loss = normal.evaluated(mean_in_logits().xreplace({i: _n, k: _m}))
    derivative = _deltas_summed(sympy.expand(sympy.diff(loss, cell)))
    # E is (L4) only where the labels sum to one: the gradient of E inherits that condition.
    return _compared(derivative, unfold(right), (LABELS_SUM_TO_ONE, IN_RANGE), "symbolic N and K")


def _exact_matrix(side: sympy.Basic) -> sympy.Matrix:
    matrix = sympy.Matrix(side.doit() if isinstance(side, sympy.MatrixExpr) else side)
    return matrix.applyfunc(lambda entry: exact_form(normal.evaluated(exact_form(entry))))


def entrywise(expected, approximate: bool = False):
    """A prover: the right side is the matrix `expected()` (computed from the table when first
    asked; the left side is its name), entry by entry: equal in exact arithmetic, or, for a step shown with ≈, each
    entry within half a unit of its last digit."""
    def prover(left: sympy.Expr, right: sympy.Expr) -> Evidence:
        a, b = expected(), _exact_matrix(right)
        if a.shape != b.shape:
            return refuted(EXACT, "the matrices differ in shape")
        if not approximate:
            holds = all(normal.compare(p, q).holds for p, q in zip(a, b))
            return proved(EXACT) if holds else refuted(EXACT, "the matrices differ")
        entries = list(sympy.Matrix(right))
        close = all(isinstance(e, PrintedNumber) and abs(v - e.exact()) <= half_unit(e.text) for v, e in zip(a, entries))
        return Evidence(close, NUMERIC, "each entry within half a unit of its last digit" if close
                        else "an entry is off by more than half a unit of its last digit")
    return prover
