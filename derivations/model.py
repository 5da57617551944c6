"""The symbolic model: the cross-entropy formulas of the series as SymPy objects.

Owns the formulas (5.2), (6.1), (6.2), (6.3), their expansions for a given number of
classes, the vector form, and how a name (E_i, E_sum, E) unfolds into its definition.
Pure functions over SymPy values; nothing here prints, checks or reads files.
"""
import sympy

from derivations.symbols import E, K, N, batch_loss_name, i, k, t, total_loss_name, true_class, y


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
    with_mean = expr.xreplace({batch_loss_name: total_loss_name / samples})
    with_total = with_mean.xreplace({total_loss_name: total_loss(samples)})
    return with_total.replace(
        lambda e: isinstance(e, sympy.Indexed) and e.base == E,
        lambda e: per_sample_loss(e.indices[0], classes),
    )


class Vector(sympy.Expr):
    """The column vector (x_i1, …, x_iK) of an indexed base, shown as a bold x_i."""

    is_commutative = False

    def __new__(cls, base: sympy.IndexedBase, sample: sympy.Expr, classes: sympy.Expr):
        return sympy.Expr.__new__(cls, base, sympy.sympify(sample), sympy.sympify(classes))

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
