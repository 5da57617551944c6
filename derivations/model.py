"""The symbolic model: the cross-entropy formulas of the series as SymPy objects.

Owns the formulas (5.2), (6.1), (6.2), (6.3), their expansions for a given number of
classes, the vector form, and how a name (E_i, E_sum, E) unfolds into its definition; and
for parts 3, 4 and 6 the likelihood (one trial, N samples), its logarithm, and the binary
cross-entropy (7.1) with its one-variable form and batch mean (part 1's (2)).
Pure functions over SymPy values; nothing here prints, checks or reads files.
"""
import sympy

from derivations.symbols import (
    BCE, E, K, L, N, batch_loss_name, binary_label, binary_loss_name, binary_prediction, i, k, likelihood_name,
    one_sample_loss_name, t, total_likelihood_name, total_loss_name, true_class, y,
)


def one_sample_loss() -> sympy.Expr:
    """(5.2): E = −Σ_k t_k log y_k, the loss of one sample."""
    return -sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, K))


def per_sample_loss(sample: sympy.Expr = i, classes: sympy.Expr = K) -> sympy.Expr:
    """(6.2): E_i = −Σ_k t_ik log y_ik, the loss of sample `sample`."""
    return -sympy.Sum(t[sample, k] * sympy.log(y[sample, k]), (k, 1, classes))


def total_loss(samples: sympy.Expr = N) -> sympy.Expr:
    """(6.1): E_sum = Σ_i E_i."""
    return sympy.Sum(E[i], (i, 1, samples))


def total_loss_double_sum(samples: sympy.Expr = N, classes: sympy.Expr = K) -> sympy.Expr:
    """E_sum = −Σ_i Σ_k t_ik log y_ik: (6.2) put into (6.1)."""
    inner = sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, classes))
    return -sympy.Sum(inner, (i, 1, samples))


def batch_loss(samples: sympy.Expr = N, classes: sympy.Expr = K) -> sympy.Expr:
    """(6.3): E = −(1/N) Σ_i Σ_k t_ik log y_ik."""
    return total_loss_double_sum(samples, classes) / samples


def one_hot_batch_loss(samples: sympy.Expr = N) -> sympy.Expr:
    """E = −(1/N) Σ_i log y_{i,c_i}: (6.3) when each t_i is one-hot at class c_i."""
    return -sympy.Sum(sympy.log(y[i, true_class[i]]), (i, 1, samples)) / samples


def one_hot_label(sample: sympy.Expr = i) -> sympy.Expr:
    """t_ik for a one-hot label at class c_i: 1 when k = c_i, else 0."""
    return sympy.KroneckerDelta(k, true_class[sample])


def expanded_sample_loss(sample: sympy.Expr, classes: int) -> sympy.Expr:
    """−(t_i1 log y_i1 + … + t_iK log y_iK), the sum written out term by term."""
    terms = [t[sample, m] * sympy.log(y[sample, m]) for m in range(1, classes + 1)]
    with sympy.evaluate(False):
        return -sympy.Add(*terms)


def explicit_sum(names: list) -> sympy.Expr:
    """E_1 + E_2 + … kept in the order given."""
    return sympy.Add(*names, evaluate=False)


def unfold_names(expr: sympy.Expr, samples: sympy.Expr = N, classes: sympy.Expr = K) -> sympy.Expr:
    """Replace the names E, E_sum and E_i by their definitions (6.3), (6.1) and (6.2)."""
    with_mean = _replaced(expr, batch_loss_name, lambda: total_loss_name / samples)
    with_total = _replaced(with_mean, total_loss_name, lambda: total_loss(samples))
    return replace_cells(with_total, E, lambda cell: per_sample_loss(cell.indices[0], classes))


def _replaced(expr: sympy.Basic, name: sympy.Basic, definition) -> sympy.Basic:
    """expr with `name` replaced by definition(), which is built only where the name occurs:
    building a Σ or Π is the costly part of unfolding, and most expressions lack most names."""
    return expr.xreplace({name: definition()}) if expr.has(name) else expr


def replace_cells(expr: sympy.Basic, base: sympy.IndexedBase, definition, rank: int | None = None) -> sympy.Basic:
    """Every cell base[…] (of `rank` indices, if given) replaced by definition(cell)."""
    cells = {cell for cell in expr.atoms(sympy.Indexed)
             if cell.base == base and (rank is None or len(cell.indices) == rank)}
    return expr.xreplace({cell: definition(cell) for cell in cells}) if cells else expr


def _as_sympy(value: int | sympy.Basic) -> sympy.Basic:
    """An int as a SymPy Integer, a SymPy value as it is; never `sympify`, which parses text."""
    return sympy.Integer(value) if isinstance(value, int) else value


class Vector(sympy.Expr):
    """The column vector (x_i1, …, x_iK) of an indexed base, shown as a bold x_i."""

    is_commutative = False

    def __new__(cls, base: sympy.IndexedBase, sample: sympy.Expr, classes: sympy.Expr):
        return sympy.Expr.__new__(cls, base, _as_sympy(sample), _as_sympy(classes))

    def components(self) -> list:
        base, sample, classes = self.args
        return [base[sample, m] for m in range(1, int(classes) + 1)]

    def _latex(self, printer) -> str:
        base, sample, _ = self.args
        return rf"\boldsymbol{{{printer._print(base.label)}}}_{{{printer._print(sample)}}}"


class LogOf(sympy.Expr):
    """log applied to each component of a vector."""

    is_commutative = False

    def components(self) -> list:
        return [sympy.log(entry) for entry in _components(self.args[0])]

    def _latex(self, printer) -> str:
        return rf"\log {printer._print(self.args[0])}"


class Dot(sympy.Expr):
    """The dot product a · b of two vectors: a scalar."""

    def doit(self, **hints) -> sympy.Expr:
        left, right = (_components(arg) for arg in self.args)
        return sympy.Add(*[a * b for a, b in zip(left, right)])

    def _latex(self, printer) -> str:
        left, right = (printer._print(arg) for arg in self.args)
        return rf"{left} \cdot {right}"


def _components(vector: sympy.Basic) -> list:
    if isinstance(vector, sympy.MatrixBase):
        return list(vector)
    return vector.components()


def vector_sample_loss(sample: sympy.Expr, classes: int) -> sympy.Expr:
    """E_i = −t_i · log y_i, the per-sample loss as a dot product."""
    return -Dot(Vector(t, sample, classes), LogOf(Vector(y, sample, classes)))


def column(entries: list) -> sympy.ImmutableMatrix:
    """A column vector of the given entries, kept unevaluated."""
    return sympy.ImmutableMatrix(len(entries), 1, entries)


# --- Parts 3 and 4: the likelihood of a categorical trial and its logarithm ----------------


def likelihood(classes: sympy.Expr = K) -> sympy.Expr:
    """L = Π_k y_k^{t_k}: the likelihood of one trial whose outcome is the one-hot t."""
    return sympy.Product(y[k] ** t[k], (k, 1, classes))


def log_of_each_factor(classes: sympy.Expr = K) -> sympy.Expr:
    """Σ_k log y_k^{t_k}: log L with the logarithm taken factor by factor."""
    return sympy.Sum(sympy.log(y[k] ** t[k]), (k, 1, classes))


def log_likelihood(classes: sympy.Expr = K) -> sympy.Expr:
    """Σ_k t_k log y_k: log L, (4.1) when K = 6."""
    return sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, classes))


def expanded_likelihood(classes: int, labels: list | None = None) -> sympy.Expr:
    """y_1^{t_1} y_2^{t_2} … written out; with `labels`, those numbers in place of the t_k."""
    exponents = labels if labels is not None else [t[m] for m in range(1, classes + 1)]
    # Unevaluated: y_2^0 must stay on the page rather than become 1.
    with sympy.evaluate(False):
        return sympy.Mul(*[sympy.Pow(y[m], _as_sympy(e)) for m, e in enumerate(exponents, 1)])


def expanded_log_likelihood(classes: int, labels: list | None = None) -> sympy.Expr:
    """t_1 log y_1 + … + t_K log y_K written out; with `labels`, those numbers for the t_k."""
    factors = labels if labels is not None else [t[m] for m in range(1, classes + 1)]
    with sympy.evaluate(False):
        return sympy.Add(*[sympy.Mul(_as_sympy(f), sympy.log(y[m])) for m, f in enumerate(factors, 1)])


def expanded_one_sample_loss(classes: int, predictions: list | None = None, labels: list | None = None) -> sympy.Expr:
    """−(t_1 log y_1 + … + t_K log y_K), (5.2) written out; optionally with numbers for t and y."""
    factors = labels if labels is not None else [t[m] for m in range(1, classes + 1)]
    values = predictions if predictions is not None else [y[m] for m in range(1, classes + 1)]
    with sympy.evaluate(False):
        return -sympy.Add(*[sympy.Mul(_as_sympy(f), sympy.log(v)) for f, v in zip(factors, values)])


def sample_likelihood(sample: sympy.Expr = i, classes: sympy.Expr = K) -> sympy.Expr:
    """L_i = Π_k y_ik^{t_ik}: the likelihood of sample i."""
    return sympy.Product(y[sample, k] ** t[sample, k], (k, 1, classes))


def total_likelihood(samples: sympy.Expr = N) -> sympy.Expr:
    """L_all = Π_i L_i: independent samples, so their likelihoods multiply."""
    return sympy.Product(L[i], (i, 1, samples))


def total_likelihood_expanded(samples: sympy.Expr = N, classes: sympy.Expr = K) -> sympy.Expr:
    """Π_i Π_k y_ik^{t_ik}: L_all with each L_i written as its product."""
    return sympy.Product(sample_likelihood(i, classes), (i, 1, samples))


def log_of_each_sample(samples: sympy.Expr = N, classes: sympy.Expr = K) -> sympy.Expr:
    """Σ_i log Π_k y_ik^{t_ik}: log L_all taken sample by sample."""
    return sympy.Sum(sympy.log(sample_likelihood(i, classes)), (i, 1, samples))


def unfold_likelihoods(expr: sympy.Basic, samples: sympy.Expr = N, classes: sympy.Expr = K) -> sympy.Basic:
    """Replace the names L_all, L and L_i by their definitions."""
    with_total = _replaced(expr, total_likelihood_name, lambda: total_likelihood(samples))
    with_one = _replaced(with_total, likelihood_name, lambda: likelihood(classes))
    return replace_cells(with_one, L, lambda cell: sample_likelihood(cell.indices[0], classes))


def unfold_one_sample(expr: sympy.Basic, classes: sympy.Expr = K) -> sympy.Basic:
    """Replace E (here the loss of one sample, (5.2)) and L by their definitions."""
    return unfold_likelihoods(_replaced(expr, one_sample_loss_name, one_sample_loss), classes=classes)


# --- Part 6: two classes, the binary cross-entropy -----------------------------------------


def binary_terms(label: sympy.Expr = binary_label, prediction: sympy.Expr = binary_prediction) -> sympy.Expr:
    """t log y + (1 − t) log(1 − y), kept in this order (built unevaluated)."""
    with sympy.evaluate(False):
        return sympy.Add(sympy.Mul(label, sympy.log(prediction)),
                         sympy.Mul(sympy.Add(1, -label), sympy.log(sympy.Add(1, -prediction))))


def binary_cross_entropy(label: sympy.Expr = binary_label, prediction: sympy.Expr = binary_prediction) -> sympy.Expr:
    """−[t log y + (1 − t) log(1 − y)]: the binary cross-entropy of one sample."""
    with sympy.evaluate(False):
        return -binary_terms(label, prediction)


def binary_batch_loss(samples: sympy.Expr = N, label: sympy.Expr = t[i], prediction: sympy.Expr = y[i]) -> sympy.Expr:
    """−(1/N) Σ_i [t_i log y_i + (1 − t_i) log(1 − y_i)]: part 1's (2)."""
    return -sympy.Sum(binary_terms(label, prediction), (i, 1, samples)) / samples


def binary_batch_mean(samples: sympy.Expr = N) -> sympy.Expr:
    """(1/N) Σ_i BCE_i: the mean of the samples' binary cross-entropies."""
    return sympy.Sum(BCE[i], (i, 1, samples)) / samples


def binary_batch_mean_unfolded(samples: sympy.Expr = N) -> sympy.Expr:
    """(1/N) Σ_i (−[t_i log y_i + (1 − t_i) log(1 − y_i)]): each BCE_i written out."""
    return sympy.Sum(binary_cross_entropy(t[i], y[i]), (i, 1, samples)) / samples


def batch_loss_written_out(samples: sympy.Expr = N, classes: int = 2) -> sympy.Expr:
    """−(1/N) Σ_i (t_i1 log y_i1 + … + t_iK log y_iK): (6.3) with the inner Σ written out."""
    with sympy.evaluate(False):
        terms = sympy.Add(*[sympy.Mul(t[i, m], sympy.log(y[i, m])) for m in range(1, classes + 1)])
    return -sympy.Sum(terms, (i, 1, samples)) / samples


def unfold_binary(expr: sympy.Basic) -> sympy.Basic:
    """Replace BCE by −log L (then L by its product) and BCE_i by sample i's binary form."""
    with_one = unfold_likelihoods(_replaced(expr, binary_loss_name, lambda: -sympy.log(likelihood_name)))
    return replace_cells(with_one, BCE, lambda cell: binary_cross_entropy(t[cell.indices[0]], y[cell.indices[0]]))


def first_class_names(expr: sympy.Basic) -> sympy.Basic:
    """t → t_1 and y → y_1: one binary sample's label and prediction are those of class 1."""
    return expr.xreplace({binary_label: t[1], binary_prediction: y[1]})


def first_class_of_each_sample(expr: sympy.Basic) -> sympy.Basic:
    """t_i → t_i1 and y_i → y_i1: sample i's binary label and prediction are those of class 1.

    Only for expressions whose singly indexed t and y are per-sample (never t_k of one sample).
    """
    labels = replace_cells(expr, t, lambda cell: t[cell.indices[0], 1], rank=1)
    return replace_cells(labels, y, lambda cell: y[cell.indices[0], 1], rank=1)


def sums_to_one(base: sympy.IndexedBase, sample: sympy.Expr | None = None, classes: sympy.Expr = 2) -> sympy.Eq:
    """Σ_k x_k = 1 (or Σ_k x_ik = 1 for one sample): a one-hot label, or a probability vector."""
    cell = base[k] if sample is None else base[sample, k]
    # Unevaluated: SymPy would try to decide whether the Σ equals 1, slowly and in vain.
    return sympy.Eq(sympy.Sum(cell, (k, 1, classes)), 1, evaluate=False)
