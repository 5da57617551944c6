"""The mathematics of the frameworks page: what PyTorch's `cross_entropy` and scikit-learn's
`log_loss` compute, as the formulas their documentation states, and the provers that page needs.

Owns the names of the framework values (ℓ_i for `reduction="none"`, ℓ_sum, ℓ_mean, the weighted,
smoothed, soft-target and probabilities-as-logits variants, and log_loss's three forms), each
name's documented formula (`documented`, what `unfold` replaces it by), what the page proves each
name equals (`proved_forms`, which the table's chains evaluate), and the provers: a documented
formula restated, the one-hot label inside the logits, the results proved above, a Σ of a
constant counted, equal class weights, sample weights chosen as class weights, and an exact
comparison on the table. It must not build chains or pages (that is `frameworks`), nor import
PyTorch or scikit-learn (only the tests do). The softmax and (L2) are `logits_math`'s.
"""
import functools

import sympy

from derivations import model, normal, proofs
from derivations.evidence import EXACT, SYMBOLIC, Condition, Evidence, proved, refuted
from derivations.parts.logits_math import Fraction, by_l2, j, softmax, z
from derivations.parts.logits_math import unfold as in_logits
from derivations.steps import value_on_table
from derivations.symbols import E, K, N, i, k, t, true_class, y

SLUG = "frameworks"
# PyTorch's documentation of the loss it computes; scikit-learn's is cited on the page's prose.
URL = "https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html"

w = sympy.IndexedBase("w", positive=True)  # class weights, PyTorch's weight=: w_k for class k
s = sympy.IndexedBase("s", positive=True)  # sample weights, scikit-learn's sample_weight=: s_i
eps = sympy.Symbol(r"\varepsilon", positive=True)  # PyTorch's label_smoothing=
omega = sympy.Symbol(r"\omega", positive=True)  # one weight shared by every class


def _indexed(name: str) -> sympy.IndexedBase:
    # real=True keeps the label apart from a plain symbol printed the same way (as E_i is).
    return sympy.IndexedBase(sympy.Symbol(name, real=True))


# What each call returns, by name: PyTorch's cross_entropy(z, c, …) and log_loss(t, y, …).
loss = _indexed(r"\ell")  # reduction="none": one value per sample
weighted = _indexed(r"\ell^{w}")  # weight=w, reduction="none"
smoothed = _indexed(r"\ell^{\varepsilon}")  # label_smoothing=ε, reduction="none"
soft = _indexed(r"\ell^{\mathrm{p}}")  # class-probability targets t, reduction="none"
mistaken = _indexed(r"\ell^{y}")  # the probabilities y passed where the logits belong
loss_sum, loss_mean = sympy.Symbol(r"\ell_{\mathrm{sum}}"), sympy.Symbol(r"\ell_{\mathrm{mean}}")
weighted_mean = sympy.Symbol(r"\ell^{w}_{\mathrm{mean}}")
smoothed_mean = sympy.Symbol(r"\ell^{\varepsilon}_{\mathrm{mean}}")
mistaken_mean = sympy.Symbol(r"\ell^{y}_{\mathrm{mean}}")
log_loss = sympy.Symbol(r"\mathrm{LL}")  # normalize=True
log_loss_sum = sympy.Symbol(r"\mathrm{LL}_{\mathrm{sum}}")  # normalize=False
log_loss_weighted = sympy.Symbol(r"\mathrm{LL}^{s}")  # sample_weight=s

_TOTALS = {loss_sum, loss_mean, weighted_mean, smoothed_mean, mistaken_mean, log_loss, log_loss_sum,
           log_loss_weighted}
EQUAL_WEIGHTS = Condition("w_k = ω for every k", r"w_{k} = \omega")
CLASS_SAMPLE_WEIGHTS = Condition("s_i = w_{c_i}", r"s_{i} = w_{c_{i}}")


def true_logit_share(sample: sympy.Expr = i, logits: sympy.IndexedBase = z) -> Fraction:
    """softmax(z_i) at the true class c_i, as the page shows it (logits: z, or y passed as z)."""
    cls = true_class[sample]
    return Fraction(sympy.exp(logits[sample, cls]), sympy.Sum(sympy.exp(logits[sample, j]), (j, 1, K)))


def smoothed_label(sample: sympy.Expr = i) -> sympy.Expr:
    """(1 − ε) t_ik + ε/K: the target label_smoothing=ε puts in place of t_ik."""
    return sympy.Add(sympy.Mul(sympy.Add(1, -eps, evaluate=False), t[sample, k], evaluate=False), eps / K,
                     evaluate=False)


def smoothed_sample(sample: sympy.Expr = i) -> sympy.Expr:
    """−Σ_k ((1 − ε) t_ik + ε/K) log y_ik."""
    return -sympy.Sum(sympy.Mul(smoothed_label(sample), sympy.log(y[sample, k]), evaluate=False), (k, 1, K))


def uniform_part(sample: sympy.Expr = i, classes: sympy.Expr = K) -> sympy.Expr:
    """−(1/K) Σ_k log y_ik: the loss against the uniform label (1/K, …, 1/K)."""
    return -sympy.Sum(sympy.log(y[sample, k]), (k, 1, classes)) / classes


def mean_of(cell: sympy.IndexedBase, over: sympy.Expr = N) -> sympy.Expr:
    """Σ_i cell_i / over."""
    return sympy.Sum(cell[i], (i, 1, N)) / over


def class_weights_sum() -> sympy.Expr:
    """Σ_i w_{c_i}: the weights of the samples' true classes, what the weighted mean divides by."""
    return sympy.Sum(w[true_class[i]], (i, 1, N))


def _log_of_share(sample: sympy.Expr, logits: sympy.IndexedBase) -> sympy.Expr:
    return -sympy.log(softmax(sample, true_class[sample]) if logits is z else
                      sympy.exp(logits[sample, true_class[sample]]) /
                      sympy.Sum(sympy.exp(logits[sample, j]), (j, 1, K)))


def _documented_cells(expr: sympy.Basic) -> sympy.Basic:
    """Each per-sample name replaced by the formula its documentation states (y = softmax(z))."""
    cells = {
        loss: lambda n: _log_of_share(n, z),
        weighted: lambda n: w[true_class[n]] * _log_of_share(n, z),
        smoothed: smoothed_sample,
        soft: lambda n: -sympy.Sum(t[n, k] * sympy.log(y[n, k]), (k, 1, K)),
        mistaken: lambda n: _log_of_share(n, y),
    }
    return _replaced_cells(expr, cells)


def _replaced_cells(expr: sympy.Basic, definitions: dict) -> sympy.Basic:
    """Every cell base[n] whose base has a definition replaced by definition(n), in one walk of
    the tree (a walk per base asked SymPy's assumptions again each time)."""
    cells = {cell for cell in expr.atoms(sympy.Indexed) if cell.base in definitions}
    return expr.xreplace({cell: definitions[cell.base](cell.indices[0]) for cell in cells}) if cells else expr


@functools.cache
def _documented_totals() -> dict:
    total = -sympy.Sum(sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, K)), (i, 1, N))
    weighted_total = -sympy.Sum(s[i] * sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, K)), (i, 1, N))
    return {loss_sum: sympy.Sum(loss[i], (i, 1, N)), loss_mean: mean_of(loss),
            weighted_mean: mean_of(weighted, class_weights_sum()), smoothed_mean: mean_of(smoothed),
            mistaken_mean: mean_of(mistaken), log_loss: total / N, log_loss_sum: total,
            log_loss_weighted: weighted_total / sympy.Sum(s[i], (i, 1, N))}


def documented(expr: sympy.Basic) -> sympy.Basic:
    """Every framework name in expr replaced by its documented formula; the series' names kept."""
    return _documented_cells(expr.xreplace(_documented_totals()) if expr.atoms(sympy.Symbol) & _TOTALS else expr)


def unfold(expr: sympy.Basic) -> sympy.Basic:
    """The framework names by their documentation, then E, E_sum, E_i and each y = softmax(z)."""
    return in_logits(documented(expr))


def unfold_in_y(expr: sympy.Basic) -> sympy.Basic:
    """The framework names by their documentation and the series' names by (6.1)–(6.3); y kept
    as y (for the probabilities passed as logits, where y is the input, not a softmax)."""
    return model.unfold_names(documented(expr))


# --- provers --------------------------------------------------------------------------------


def _counted(expr: sympy.Basic) -> sympy.Basic:
    """Σ_{v=a}^{b} g → (b − a + 1) g wherever g does not involve v: a sum of a constant, counted."""
    def constant(e: sympy.Basic) -> bool:
        return isinstance(e, sympy.Sum) and len(e.limits) == 1 and e.limits[0][0] not in e.function.free_symbols

    return expr.replace(constant, lambda e: e.function * (e.limits[0][2] - e.limits[0][1] + 1))


def _compared(left: sympy.Basic, right: sympy.Basic, conditions: tuple, note: str = "") -> Evidence:
    comparison = normal.compare(left, right)
    if not comparison.holds:  # a Σ of a constant over symbolic K or N may be what is left
        comparison = normal.compare(_counted(normal.normal(left)), _counted(normal.normal(right)))
    if not comparison.holds:
        return refuted(SYMBOLIC, "the two sides differ")
    return proved(SYMBOLIC, conditions + comparison.conditions, note)


def by_documentation(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with the framework names replaced by their documented formulas (y kept):
    a definition restated, or a documented formula rearranged. A total is first tried as the Σ
    of its per-sample name, so that restating it assumes nothing about what that name holds."""
    def totals(expr: sympy.Basic) -> sympy.Basic:
        return model.unfold_names(expr.xreplace(_documented_totals()))
    if normal.evaluated(unfold_in_y(left)) == normal.evaluated(unfold_in_y(right)):
        return proved(SYMBOLIC)  # the same formula once the name is replaced: no log rule needed
    restated = _compared(totals(left), totals(right), ())
    return restated if restated.holds else _compared(unfold_in_y(left), unfold_in_y(right), ())


def by_softmax(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with every y = softmax(z) (exp z > 0, so no y > 0 is assumed)."""
    evidence = _compared(unfold(left), unfold(right), ())
    return proved(SYMBOLIC, (), "exp z > 0") if evidence.holds else evidence


def _picked(expr: sympy.Basic) -> sympy.Basic:
    """Σ_k δ(k, a) g(k) → g(a): a Kronecker delta picks one term of its Σ (1 ≤ a ≤ K, stated)."""
    def delta(total: sympy.Basic):
        if not isinstance(total, sympy.Sum) or len(total.limits) != 1:
            return None
        index = total.limits[0][0]
        factors = sympy.Mul.make_args(total.function)
        return next((f for f in factors if isinstance(f, sympy.KroneckerDelta) and index in f.args), None)

    def picked(total: sympy.Sum) -> sympy.Basic:
        found, index = delta(total), total.limits[0][0]
        value = next(arg for arg in found.args if arg != index)
        return (total.function / found).xreplace({index: value})

    return expr.replace(lambda e: delta(e) is not None, picked)


def _one_hot(expr: sympy.Basic) -> sympy.Basic:
    """y = softmax(z), t_ik = δ(k, c_i), each δ summed away, each Σ of a constant counted."""
    labels = unfold(expr).replace(lambda e: isinstance(e, sympy.Indexed) and e.base == t and len(e.indices) == 2,
                                  lambda cell: model.one_hot_label(cell.indices[0]))
    return _counted(_picked(normal.normal(labels)))


def one_hot_in_logits(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with y = softmax(z) and a one-hot label t_ik = δ(k, c_i), 1 ≤ c_i ≤ K."""
    if not normal.compare(_one_hot(left), _one_hot(right)).holds:
        return refuted(SYMBOLIC, "the two sides differ")
    return proved(SYMBOLIC, (proofs.ONE_HOT,), "exp z > 0")


def _by_earlier(expr: sympy.Basic) -> sympy.Basic:
    """ℓ_i by E_i (F1) and ℓ^w_i by w_{c_i} E_i (F4), each total as a Σ of them; then the series' names."""
    earlier = {loss: lambda n: E[n], weighted: lambda n: w[true_class[n]] * E[n]}
    named = _replaced_cells(expr.xreplace(_named_totals()), earlier)
    return model.unfold_names(documented(named))


@functools.cache
def _named_totals() -> dict:
    """The totals that are sums of a per-sample name, kept as such (so ℓ_i can become E_i)."""
    return {loss_sum: sympy.Sum(loss[i], (i, 1, N)), loss_mean: mean_of(loss),
            weighted_mean: mean_of(weighted, class_weights_sum())}


def proved_forms(expr: sympy.Basic) -> sympy.Basic:
    """Each framework name by what this page proves it equals, in y: ℓ_i = E_i (F1), ℓ^w_i =
    w_{c_i} E_i (F4), ℓ^ε_i (F6), ℓ^y_i (F8), each mean as the Σ of its samples over N (over
    Σ_i w_{c_i} for the weighted one); then the series' names. For the table, where logs of
    printed numbers cost far less than the softmax of their logs."""
    named = expr.xreplace({**_named_totals(), smoothed_mean: mean_of(smoothed), mistaken_mean: mean_of(mistaken)})
    forms = {loss: lambda n: E[n], weighted: lambda n: w[true_class[n]] * E[n],
             smoothed: lambda n: (1 - eps) * E[n] + eps * uniform_part(n),
             mistaken: lambda n: sympy.log(sympy.Sum(sympy.exp(y[n, j]), (j, 1, K))) - y[n, true_class[n]]}
    return model.unfold_names(_replaced_cells(named, forms))


def by_earlier(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with ℓ_i = E_i (F1) and ℓ^w_i = w_{c_i} E_i (F4), proved above."""
    return _compared(_by_earlier(left), _by_earlier(right), ())


def equal_weights(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right when every class weight is ω: w_{c_i} = ω, so Σ_i w_{c_i} = N ω."""
    def same(expr: sympy.Basic) -> sympy.Basic:
        return model.replace_cells(_by_earlier(expr), w, lambda cell: omega)
    return _compared(same(left), same(right), (EQUAL_WEIGHTS,))


def sample_weights_of_classes(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with s_i = w_{c_i}: each sample weighted by its true class's weight."""
    def chosen(expr: sympy.Basic) -> sympy.Basic:
        return model.replace_cells(_by_earlier(expr), s, lambda cell: w[true_class[cell.indices[0]]])
    return _compared(chosen(left), chosen(right), (CLASS_SAMPLE_WEIGHTS,))


def with_labels_summing_to_one(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with y = softmax(z), E_i by (L2) (which uses Σ_k t_ik = 1): `logits_math`'s prover."""
    return by_l2(documented(left), documented(right))


def on_table(context):
    """A prover: left = right in exact arithmetic with the table substituted, no symbolic attempt."""
    def prover(left: sympy.Expr, right: sympy.Expr) -> Evidence:
        if normal.compare(value_on_table(left, context), value_on_table(right, context)).holds:
            return proved(EXACT)
        return refuted(EXACT, "the two sides differ")
    return prover
