"""After the series: the loss written in logits, y = softmax(z), and its gradient (y − t)/N.

Owns the page that continues from (6.3): the softmax (L1); the loss of sample i in logits,
log-sum-exp minus Σ_k t_ik z_ik (L2), and for a one-hot label minus the true class's logit
(L3); the batch mean (L4); its gradient ∂E/∂z_ik = (y_ik − t_ik)/N (L5), all for symbolic N
and K; then the article's table as logits z = log y, worked back to the same losses, and the
gradient on that table. The softmax and the provers it needs (labels summing to one, a
one-hot label inside log-sum-exp, the gradient) are `logits_math`'s, its prose
`logits_prose`'s. It builds values only; checking and printing live elsewhere.
"""
import functools

import sympy

from derivations import model, normal
from derivations.evidence import EXACT, Evidence, proved, refuted
from derivations.numbers import PrintedNumber, rounded, shown
from derivations.outline import Definition, Derivation, Inputs, Part, Section
from derivations.steps import Chain, Context, Step, value_on_table
from derivations.symbols import E, K, N, batch_loss_name, i, k, t, true_class, y
from derivations.table import Table, label_value

from derivations.parts.logits_math import (SLUG, URL, Fraction, Gradient, Softmax, by_l2, by_logits, by_names,
                                           difference_over_n, entrywise, gradient, j, labels_sum_to_one,
                                           log_sum_exp, logit_loss, mean_in_logits, one_hot_logit, shown_softmax,
                                           unfold, z)
from derivations.parts.logits_prose import PROSE

# --- the page -------------------------------------------------------------------------------


def derivation(inputs: Inputs) -> Derivation:
    """The symbolic sections; with the table (data/logits.toml, which the build always reads),
    the article's table worked as logits too."""
    table = inputs.table
    sections = (
        Section("logits-softmax", (_softmax_chain(),)),
        Section("logits-loss", (_sample_chain(), _one_hot_chain(), _mean_chain())),
        Section("logits-gradient", (_gradient_chain(),)),
    )
    if table is None:
        return Derivation(SLUG, URL, sections)
    classes = len(table.classes)
    context = _logit_context(table)
    exact_rows = all(_row_sum(table, n) == 1 for n in range(1, table.samples + 1))
    sections += (
        Section("logits-table", (Definition("logits-z", sympy.Symbol(r"\boldsymbol{Z}"), _logit_matrix(table)),
                                 _round_trip_chain())),
        # Which text follows is computed: whether every row of printed y sums to exactly 1.
        Section("logits-rows-exact" if exact_rows else "logits-rows-rounded",
                tuple(_table_chain(table, n, classes, context) for n in range(1, table.samples + 1))),
        Section("logits-gradient-table", (_gradient_table_chain(table),)),
    )
    return Derivation(SLUG, URL, sections)


def _softmax_chain() -> Chain:
    """(L1), a definition: the check only confirms that the name and the fraction are the same."""
    steps = (
        Step(Softmax(i, k), "logits.softmax-name", prover=by_logits),
        Step(shown_softmax(), "logits.softmax-definition", prover=by_logits),
    )
    return Chain("logits-softmax", "logits-softmax", y[i, k], steps, Context(unfold=unfold), tag="L1")


def _sample_chain() -> Chain:
    with sympy.evaluate(False):
        split = sympy.Add(sympy.Sum(t[i, k] * log_sum_exp(), (k, 1, K)), -sympy.Sum(t[i, k] * z[i, k], (k, 1, K)))
    steps = (
        Step(model.per_sample_loss(), "logits.by-6.2"),
        Step(-sympy.Sum(t[i, k] * sympy.log(shown_softmax()), (k, 1, K)), "logits.softmax", prover=by_logits),
        Step(-sympy.Sum(sympy.Mul(t[i, k], sympy.Add(z[i, k], -log_sum_exp(), evaluate=False), evaluate=False),
                        (k, 1, K)), "logits.log-quotient", prover=by_logits),
        Step(split, "logits.split-sum", prover=by_logits),
        Step(logit_loss(), "logits.labels-sum-to-one", prover=labels_sum_to_one),
    )
    return Chain("logits-sample", "logits-sample", E[i], steps, Context(unfold=unfold), tag="L2", uses=("6.2", "L1"))


def _one_hot_chain() -> Chain:
    steps = (
        Step(logit_loss(), "logits.by-L2", prover=by_l2),
        Step(sympy.Add(log_sum_exp(), -z[i, true_class[i]], evaluate=False), "logits.one-hot", prover=one_hot_logit),
    )
    return Chain("logits-one-hot", "logits-one-hot", E[i], steps, Context(unfold=unfold), tag="L3", uses=("L2",))


def _mean_chain() -> Chain:
    steps = (
        Step(sympy.Sum(E[i], (i, 1, N)) / N, "logits.by-6.3", prover=by_names),
        Step(mean_in_logits(), "logits.by-L2-each", prover=by_l2),
    )
    return Chain("logits-mean", "logits-mean", batch_loss_name, steps, Context(unfold=unfold), tag="L4",
                 uses=("6.3", "L2"))


def _gradient_chain() -> Chain:
    steps = (
        Step(difference_over_n(shown_softmax()), "logits.differentiate", prover=gradient),
        Step(difference_over_n(y[i, k]), "logits.by-L1", prover=by_logits),
    )
    return Chain("logits-gradient", "logits-gradient", Gradient(batch_loss_name, z[i, k]), steps,
                 Context(unfold=unfold), tag="L5", uses=("L4", "L1"))


# --- the article's table as logits ----------------------------------------------------------


def _printed(table: Table, sample: int, cls: int) -> PrintedNumber:
    return PrintedNumber(table.predictions[sample - 1][cls - 1])


def _logit(table: Table, sample: int, cls: int) -> sympy.Expr:
    """z = log y, kept as the log of the printed number (its decimals are never typed)."""
    return sympy.log(_printed(table, sample, cls), evaluate=False)


def _logit_matrix(table: Table) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix([[_logit(table, n, m) for m in range(1, len(table.classes) + 1)]
                                  for n in range(1, table.samples + 1)])


def _row_sum(table: Table, sample: int) -> sympy.Rational:
    return sum(_printed(table, sample, m).exact() for m in range(1, len(table.classes) + 1))


def _places(table: Table, sample: int) -> int:
    return max(len(p.partition(".")[2]) for p in table.predictions[sample - 1])


def _logit_context(table: Table) -> Context:
    """t from the table, z = log y; y itself is not substituted: the losses are computed from z."""
    cells = {cell: value for cell, value in table.substitution().items() if cell.base == t}
    # As exact logs (the page shows them as logs of the printed numbers, the same values):
    # SymPy simplifies exp(log(33/100)) at once, exp(log(0.33 as printed)) only after asking.
    cells.update({z[n, m]: sympy.log(_printed(table, n, m).exact()) for n in range(1, table.samples + 1)
                  for m in range(1, len(table.classes) + 1)})
    return Context(unfold=_by_l2, assumptions={K: len(table.classes), N: table.samples}, table=cells)


def _by_l2(expr: sympy.Basic) -> sympy.Basic:
    """E_i by (L2), proved above for every K: the table's chains start from the logits."""
    return model.replace_cells(expr, E, lambda cell: logit_loss(cell.indices[0]))


def _round_trip_chain() -> Chain:
    """softmax(log y_i)_k = y_ik / Σ_j y_ij, for any positive y."""
    with sympy.evaluate(False):
        start = Fraction(sympy.exp(sympy.log(y[i, k])), sympy.Sum(sympy.exp(sympy.log(y[i, j])), (j, 1, K)))
    steps = (Step(Fraction(y[i, k], sympy.Sum(y[i, j], (j, 1, K))), "logits.exp-log"),)
    return Chain("logits-round-trip", "logits-round-trip", start, steps)


def _on_table(context: Context):
    """A prover: left = right in exact arithmetic with the table substituted, with no symbolic
    attempt first (with t unknown, (L2) and (L3) differ: only the table's one-hot t closes it)."""
    def prover(left: sympy.Expr, right: sympy.Expr) -> Evidence:
        if normal.compare(value_on_table(left, context), value_on_table(right, context)).holds:
            return proved(EXACT)
        return refuted(EXACT, "the two sides differ")
    return prover


def _table_chain(table: Table, sample: int, classes: int, context: Context) -> Chain:
    true = table.true_class(sample)
    total = PrintedNumber(rounded(_row_sum(table, sample), _places(table, sample)))
    with sympy.evaluate(False):
        written = sympy.log(sympy.Add(*[sympy.exp(z[sample, m]) for m in range(1, classes + 1)])) - z[sample, true]
        plain = sympy.log(sympy.Add(*[_printed(table, sample, m) for m in range(1, classes + 1)])) \
            - _logit(table, sample, true)
        summed = sympy.log(total, evaluate=False) - _logit(table, sample, true)
    steps = [
        Step(written, "logits.L3-written-out", prover=_on_table(context)),
        Step(plain, "logits.z-is-log-y"),
        Step(summed, "logits.row-sum"),
    ]
    if _row_sum(table, sample) == 1:
        with sympy.evaluate(False):
            minus_log = -_logit(table, sample, true)
        steps.append(Step(minus_log, "logits.log-one"))
    # Computed from the step it follows, which the check evaluates for the ≈ anyway.
    steps.append(Step(shown(value_on_table(steps[-1].expr, context)), "logits.value", approximate=True))
    return Chain(f"logits-table-{sample}", "logits-table", E[sample], tuple(steps), context,
                 params={"sample": sample, "true": true, "classes": classes})


def _decimal(value: sympy.Rational) -> PrintedNumber:
    """An exact value with a short decimal expansion, written with every digit it has; any
    other value rounded as every computed value is (`shown`)."""
    places = next((p for p in range(0, 13) if (value * 10 ** p).is_Integer), None)
    return shown(value) if places is None else PrintedNumber(rounded(value, places))


def _gradient_table_chain(table: Table) -> Chain:
    """∂E/∂Z on the table. The check evaluates (L5) with y = softmax(z) at z = log y, entry by
    entry; the values shown are worked out here from the printed numbers (y / row sum − t) / N."""
    classes, samples = len(table.classes), table.samples
    labels = [[label_value(v) for v in row] for row in table.labels]

    @functools.cache
    def by_l5() -> sympy.Matrix:
        # (L5) with y = softmax(z), its Σ_j written out, at z = log y (exact logs of the printed y).
        logits = [[sympy.log(_printed(table, n, m).exact()) for m in range(1, classes + 1)]
                  for n in range(1, samples + 1)]
        return sympy.Matrix([[(sympy.exp(row[m]) / sympy.Add(*[sympy.exp(v) for v in row]) - labels[n][m]) / samples
                              for m in range(classes)] for n, row in enumerate(logits)])

    values = [[(_printed(table, n, m).exact() / _row_sum(table, n) - labels[n - 1][m - 1]) / samples
               for m in range(1, classes + 1)] for n in range(1, samples + 1)]
    steps = []
    if all(_row_sum(table, n) == 1 for n in range(1, samples + 1)):  # else softmax(log y) is not y
        predictions = [[_printed(table, n, m) for m in range(1, classes + 1)] for n in range(1, samples + 1)]
        with sympy.evaluate(False):
            difference = sympy.MatMul(sympy.Rational(1, samples),
                                      sympy.MatAdd(sympy.ImmutableMatrix(predictions),
                                                   sympy.MatMul(-1, sympy.ImmutableMatrix(labels))))
        steps.append(Step(difference, "logits.y-minus-t", prover=entrywise(by_l5)))
    shown_values = sympy.ImmutableMatrix([[_decimal(v) for v in row] for row in values])
    approximate = any(entry.exact() != value for entry, value in zip(shown_values, sum(values, [])))
    steps.append(Step(shown_values, "logits.gradient-values", approximate=approximate,
                      prover=entrywise(by_l5, approximate)))
    return Chain("logits-gradient-table", "logits-gradient-table", Gradient(batch_loss_name, sympy.Symbol(r"\boldsymbol{Z}")),
                 tuple(steps), params={"samples": samples})


# Our own words, Japanese and English.
PART = Part(number=7, slug=SLUG, url=URL, build=derivation, data_file="logits.toml", one_hot=True, prose=PROSE,
            past_the_series=True)
