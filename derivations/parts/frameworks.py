"""After the series: what PyTorch's `cross_entropy` and scikit-learn's `log_loss` compute.

Owns the page that continues from (6.3) and (L2)–(L4): each option of the two functions
(reduction none/sum/mean (F1)–(F3), class weights (F4)–(F5), label smoothing (F6), class-
probability targets (F7), probabilities passed where the logits belong (F8), log_loss with
normalize and sample_weight (S1)–(S3)) as the formula its documentation states, derived into
the series' E_i, E_sum and E; then the article's table worked through them, with the class
weights and the smoothing its data file gives (`Part.settings`: [settings]). The names, their
documented formulas and the provers are `frameworks_math`'s, the prose `frameworks_prose`'s.
It builds values only (it never imports PyTorch or scikit-learn: the tests do); checking and
printing live elsewhere.
"""
from collections.abc import Mapping

import sympy

from derivations import model
from derivations.numbers import PrintedNumber, decimals_printed, rounded, shown
from derivations.outline import Definition, Derivation, Inputs, Part, Section
from derivations.steps import Chain, Context, Step, value_on_table
from derivations.symbols import E, K, N, batch_loss_name, i, k, t, total_loss_name, true_class, y
from derivations.table import Table

from derivations.parts.frameworks_math import (
    SLUG, URL, Fraction, by_documentation, by_earlier, by_softmax, class_weights_sum, eps, equal_weights, loss,
    loss_mean, loss_sum, log_loss, log_loss_sum, log_loss_weighted, mistaken, mistaken_mean, omega, on_table,
    one_hot_in_logits, proved_forms, s, sample_weights_of_classes, smoothed, smoothed_mean, smoothed_sample, soft,
    true_logit_share, uniform_part, unfold, w, weighted, weighted_mean, with_labels_summing_to_one, z)
from derivations.parts.frameworks_prose import PROSE
from derivations.parts.logits_math import j, log_sum_exp, logit_loss

# The options the page works on the table, w_1 … w_K and ε, are its data file's [settings], as
# printed (datafiles.SETTINGS validates them): every value computed from them is the program's.
SETTINGS = ("class_weights", "label_smoothing")


def derivation(inputs: Inputs) -> Derivation:
    table, settings = inputs.table, inputs.settings
    sections = (
        Section("frameworks-reduction", (_none_chain(), _sum_chain(), _mean_chain())),
        Section("frameworks-weight", (_weighted_chain(), _weighted_mean_chain(), _equal_weights_chain())),
        Section("frameworks-smoothing", (_smoothed_chain(), _smoothed_logits_chain())),
        Section("frameworks-soft", (_soft_chain(),)),
        Section("frameworks-mistaken", (_mistaken_chain(),)),
        Section("frameworks-sklearn", (_log_loss_chain(), _log_loss_sum_chain(), _log_loss_weighted_chain(),
                                       _class_weights_as_sample_weights_chain())),
    )
    if table is not None:
        options = (Definition("frameworks-class-weights", sympy.Symbol(r"\boldsymbol{w}"),
                              sympy.ImmutableMatrix([[PrintedNumber(v) for v in settings["class_weights"]]])),
                   Definition("frameworks-smoothing", eps, PrintedNumber(settings["label_smoothing"])))
        chains = _table_chains(table, _table_context(table, settings), settings)
        sections += (Section("frameworks-table", options + chains),)
    return Derivation(SLUG, URL, sections)


def _chain(chain_id: str, lhs: sympy.Expr, steps: tuple, tag: str | None = None, uses: tuple = ()) -> Chain:
    return Chain(chain_id, chain_id, lhs, steps, Context(unfold=unfold), tag=tag, uses=uses)


def _none_chain() -> Chain:
    steps = (
        Step(-sympy.log(true_logit_share()), "frameworks.torch-none", prover=by_documentation),
        Step(sympy.Add(log_sum_exp(), -z[i, true_class[i]], evaluate=False), "frameworks.log-quotient",
             prover=by_softmax),
        Step(E[i], "frameworks.by-L3", prover=one_hot_in_logits),
    )
    return _chain("frameworks-none", loss[i], steps, "F1", ("L3",))


def _sum_chain() -> Chain:
    steps = (
        Step(sympy.Sum(loss[i], (i, 1, N)), "frameworks.torch-sum", prover=by_documentation),
        Step(sympy.Sum(E[i], (i, 1, N)), "frameworks.by-F1", prover=by_earlier),
        Step(total_loss_name, "frameworks.by-6.1", prover=by_earlier),
    )
    return _chain("frameworks-sum", loss_sum, steps, "F2", ("F1", "6.1"))


def _mean_chain() -> Chain:
    steps = (
        Step(Fraction(sympy.Sum(loss[i], (i, 1, N)), N), "frameworks.torch-mean", prover=by_documentation),
        Step(Fraction(sympy.Sum(E[i], (i, 1, N)), N), "frameworks.by-F1", prover=by_earlier),
        Step(batch_loss_name, "frameworks.by-6.3", prover=by_earlier),
    )
    return _chain("frameworks-mean", loss_mean, steps, "F3", ("F1", "6.3"))


def _weighted_chain() -> Chain:
    weight = w[true_class[i]]
    steps = (
        Step(sympy.Mul(-1, weight, sympy.log(true_logit_share()), evaluate=False), "frameworks.torch-weight",
             prover=by_documentation),
        Step(sympy.Mul(weight, loss[i], evaluate=False), "frameworks.by-torch-none", prover=by_documentation),
        Step(sympy.Mul(weight, E[i], evaluate=False), "frameworks.by-F1", prover=by_earlier),
    )
    return _chain("frameworks-weighted", weighted[i], steps, "F4", ("F1",))


def _weighted_mean_chain() -> Chain:
    steps = (
        Step(Fraction(sympy.Sum(weighted[i], (i, 1, N)), class_weights_sum()), "frameworks.torch-weight-mean",
             prover=by_documentation),
        Step(Fraction(sympy.Sum(sympy.Mul(w[true_class[i]], E[i], evaluate=False), (i, 1, N)), class_weights_sum()),
             "frameworks.by-F4", prover=by_earlier),
    )
    return _chain("frameworks-weighted-mean", weighted_mean, steps, "F5", ("F4",))


def _equal_weights_chain() -> Chain:
    with sympy.evaluate(False):
        shared = Fraction(sympy.Sum(omega * E[i], (i, 1, N)), sympy.Sum(omega, (i, 1, N)))
        counted = Fraction(omega * sympy.Sum(E[i], (i, 1, N)), N * omega)
    steps = (
        Step(shared, "frameworks.equal-weights", prover=equal_weights),
        Step(counted, "frameworks.constant-out", prover=equal_weights),
        Step(batch_loss_name, "frameworks.by-6.3", prover=equal_weights),
    )
    return _chain("frameworks-equal-weights", weighted_mean, steps)


def _smoothed_chain() -> Chain:
    with sympy.evaluate(False):
        split = sympy.Add(sympy.Mul(sympy.Add(1, -eps), -sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, K))),
                          sympy.Mul(eps, uniform_part()))
        named = sympy.Add(sympy.Mul(sympy.Add(1, -eps), E[i]), sympy.Mul(eps, uniform_part()))
    steps = (
        Step(smoothed_sample(), "frameworks.torch-smoothing", prover=by_documentation),
        Step(split, "frameworks.split-sum", prover=by_documentation),
        Step(named, "frameworks.by-6.2", prover=by_documentation),
    )
    return _chain("frameworks-smoothed", smoothed[i], steps, "F6", ("6.2",))


def _smoothed_logits_chain() -> Chain:
    with sympy.evaluate(False):
        logits_form = sympy.Add(log_sum_exp(), -sympy.Mul(sympy.Add(1, -eps), z[i, true_class[i]]),
                                -sympy.Mul(eps / K, sympy.Sum(z[i, k], (k, 1, K))))
    steps = (Step(logits_form, "frameworks.smoothing-in-logits", prover=one_hot_in_logits),)
    return _chain("frameworks-smoothed-logits", smoothed[i], steps)


def _soft_chain() -> Chain:
    steps = (
        Step(-sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, K)), "frameworks.torch-probabilities",
             prover=by_documentation),
        Step(E[i], "frameworks.by-6.2", prover=by_documentation),
        Step(logit_loss(), "frameworks.by-L2", prover=with_labels_summing_to_one),
    )
    return _chain("frameworks-soft", soft[i], steps, "F7", ("6.2", "L2"))


def _mistaken_chain() -> Chain:
    steps = (
        Step(-sympy.log(true_logit_share(i, y)), "frameworks.torch-mistaken", prover=by_documentation),
        Step(sympy.Add(sympy.log(sympy.Sum(sympy.exp(y[i, j]), (j, 1, K))), -y[i, true_class[i]], evaluate=False),
             "frameworks.log-quotient", prover=by_documentation),
    )
    return _chain("frameworks-mistaken", mistaken[i], steps, "F8", ("L3",))


def _sklearn_total(weights: bool = False) -> sympy.Expr:
    inner = sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, K))
    return -sympy.Sum(sympy.Mul(s[i], inner, evaluate=False) if weights else inner, (i, 1, N))


def _log_loss_chain() -> Chain:
    steps = (
        Step(Fraction(_sklearn_total(), N), "frameworks.sklearn-normalize", prover=by_documentation),
        Step(batch_loss_name, "frameworks.by-6.3", prover=by_documentation),
    )
    return _chain("frameworks-log-loss", log_loss, steps, "S1", ("6.3",))


def _log_loss_sum_chain() -> Chain:
    steps = (
        Step(_sklearn_total(), "frameworks.sklearn-sum", prover=by_documentation),
        Step(total_loss_name, "frameworks.by-6.1", prover=by_documentation),
    )
    return _chain("frameworks-log-loss-sum", log_loss_sum, steps, "S2", ("6.1",))


def _log_loss_weighted_chain() -> Chain:
    weights = sympy.Sum(s[i], (i, 1, N))
    steps = (
        Step(Fraction(_sklearn_total(True), weights), "frameworks.sklearn-weight", prover=by_documentation),
        Step(Fraction(sympy.Sum(sympy.Mul(s[i], E[i], evaluate=False), (i, 1, N)), weights), "frameworks.by-6.2",
             prover=by_documentation),
    )
    return _chain("frameworks-log-loss-weighted", log_loss_weighted, steps, "S3", ("6.2",))


def _class_weights_as_sample_weights_chain() -> Chain:
    steps = (
        Step(Fraction(sympy.Sum(sympy.Mul(w[true_class[i]], E[i], evaluate=False), (i, 1, N)), class_weights_sum()),
             "frameworks.sample-weights-of-classes", prover=sample_weights_of_classes),
        Step(weighted_mean, "frameworks.by-F5", prover=sample_weights_of_classes),
    )
    return _chain("frameworks-class-weights-as-sample-weights", log_loss_weighted, steps)


# --- the article's table --------------------------------------------------------------------


def _exact(table: Table, sample: int, cls: int) -> sympy.Rational:
    """y as the softmax of z = log y gives it: the printed number over its row's sum (the same
    number where the row sums to exactly 1, as every row of the article's table does)."""
    row = [PrintedNumber(v).exact() for v in table.predictions[sample - 1]]
    return row[cls - 1] / sum(row)


def _table_context(table: Table, settings: Mapping) -> Context:
    """t, c_i, y and z = log y of the table, the weights and the smoothing; each cell that an
    index c_i picks is given too, as substitution resolves one level of cells at a time."""
    classes, samples = len(table.classes), table.samples
    cells = {cell: value for cell, value in table.substitution().items() if cell.base == t}
    cells.update({y[n, m]: _exact(table, n, m) for n in range(1, samples + 1) for m in range(1, classes + 1)})
    cells.update({z[n, m]: sympy.log(_exact(table, n, m)) for n in range(1, samples + 1)
                  for m in range(1, classes + 1)})
    cells.update({w[m]: PrintedNumber(v).exact() for m, v in enumerate(settings["class_weights"], 1)})
    for n in range(1, samples + 1):
        true = table.true_class(n)
        cells.update({true_class[n]: true, w[true_class[n]]: cells[w[true]], y[n, true_class[n]]: cells[y[n, true]],
                      z[n, true_class[n]]: cells[z[n, true]]})
    cells[eps] = PrintedNumber(settings["label_smoothing"]).exact()
    return Context(unfold=proved_forms, assumptions={K: classes, N: samples}, table=cells)


def _value(expr: sympy.Expr, context: Context) -> Step:
    return Step(shown(value_on_table(expr, context)), "frameworks.value", approximate=True)


def _table_chain(chain_id: str, lhs: sympy.Expr, written: sympy.Expr, context: Context, **params) -> Chain:
    steps = (Step(written, "frameworks.on-table", prover=on_table(context)), _value(written, context))
    return Chain(chain_id, chain_id, lhs, steps, context, params=params)


def _table_chains(table: Table, context: Context, settings: Mapping) -> tuple:
    samples, classes, printed = table.samples, len(table.classes), settings["label_smoothing"]
    losses = model.explicit_sum([E[n] for n in range(1, samples + 1)])
    weights = [PrintedNumber(settings["class_weights"][table.true_class(n) - 1]) for n in range(1, samples + 1)]
    smoothing = PrintedNumber(printed)
    kept = PrintedNumber(rounded(1 - smoothing.exact(), decimals_printed(printed)))  # 1 − ε, computed
    with sympy.evaluate(False):
        weighted_losses = sympy.Add(*[sympy.Mul(v, E[n]) for n, v in enumerate(weights, 1)])
        weight_total = sympy.Add(*weights)
        smoothed_form = sympy.Add(sympy.Mul(kept, batch_loss_name),
                                  sympy.Mul(smoothing, sympy.Sum(uniform_part(i, sympy.Integer(classes)), (i, 1, samples))
                                            / samples))
        mistaken_form = sympy.Sum(sympy.Add(sympy.log(sympy.Sum(sympy.exp(y[i, j]), (j, 1, classes))),
                                            -y[i, true_class[i]]), (i, 1, samples)) / samples
    return (
        _table_chain("frameworks-table-sum", loss_sum, losses, context),
        _table_chain("frameworks-table-mean", loss_mean, Fraction(losses, sympy.Integer(samples)), context),
        _table_chain("frameworks-table-weighted-mean", weighted_mean, Fraction(weighted_losses, weight_total), context),
        _table_chain("frameworks-table-mean-of-weighted", Fraction(sympy.Sum(weighted[i], (i, 1, N)), N),
                     Fraction(weighted_losses, sympy.Integer(samples)), context),
        _table_chain("frameworks-table-smoothed", smoothed_mean, smoothed_form, context, smoothing=printed),
        _table_chain("frameworks-table-mistaken", mistaken_mean, mistaken_form, context),
    )


PART = Part(number=9, slug=SLUG, url=URL, build=derivation, data_file="frameworks.toml", one_hot=True, prose=PROSE,
            past_the_series=True, settings=SETTINGS)
