"""Part 5 of the series: from one sample to N samples, (5.2) → (6.1)–(6.3), on its table.

Owns the order and content of the part-5 derivation (definitions, chains, steps, the assumptions
each chain may use); its page's words are in `part5_prose`. It builds values; checking and printing
live elsewhere.
"""
import sympy

from derivations import model, proofs
from derivations.numbers import PrintedNumber, shown
from derivations.outline import Definition, Derivation, Inputs, Part, Section
from derivations.parts.part5_prose import PROSE
from derivations.steps import Chain, Context, Step, value_on_table
from derivations.symbols import E, K, N, batch_loss_name, i, k, one_sample_loss_name, t, total_loss_name, y
from derivations.table import Table, label_value

SLUG = "derivation"
URL = "https://blog.qualiteg.com/cross-entropy-05"


def derivation(inputs: Inputs) -> Derivation:
    """The part-5 derivation on the given table (it has one: its data file), in the article's order."""
    table = inputs.table
    samples = tuple(_sample_chain(table, n) for n in range(1, table.samples + 1))
    sections = (
        Section("one-sample", (Definition("one-sample", one_sample_loss_name, model.one_sample_loss(), "5.2"),)),
        Section("table", (), table=True),
        Section("samples", samples, figure="loss-curve"),
        Section("vector", (_vector_chain(table, 1),)),
        Section("total-table", (_total_table_chain(table),)),
        Section("total", (Definition("total", total_loss_name, model.total_loss(), "6.1", uses=("5.2",)),)),
        Section("per-sample", (_per_sample_chain(),)),
        Section("double-sum", (_double_sum_chain(),)),
        Section("mean", (_mean_chain(), _mean_table_chain(table)), figure="loss-bars"),
        Section("calculator", (), calculator=True),
        Section("one-hot", (_one_hot_chain(),)),
        Section("legend", ()),
    )
    return Derivation(SLUG, URL, sections)


def _table_context(table: Table) -> Context:
    sizes = {K: len(table.classes), N: table.samples}
    return Context(unfold=model.unfold_names, assumptions=sizes, table=table.substitution())


def _substituted(table: Table, sample: int) -> sympy.Expr:
    cells = table.substitution()
    # Built unevaluated throughout: evaluated, 0 · log 0.32 vanishes and 1 · log 0.33 loses its 1.
    with sympy.evaluate(False):
        terms = [label * sympy.log(cells[y[sample, m]]) for m, label in _labels(table, sample)]
        return -sympy.Add(*terms)


def _labels(table: Table, sample: int) -> list:
    return [(m, label_value(label)) for m, label in enumerate(table.labels[sample - 1], 1)]


def _true_log(table: Table, sample: int) -> sympy.Expr:
    prediction = PrintedNumber(table.predictions[sample - 1][table.true_class(sample) - 1])
    with sympy.evaluate(False):
        return -sympy.log(prediction)


def _value(expr: sympy.Expr, table: Table) -> PrintedNumber:
    return shown(value_on_table(expr, _table_context(table)))


def _loss_by_5_2(expr: sympy.Basic) -> sympy.Basic:
    """Each E_n as (5.2) itself: in the article's one-sample notation, t_k and y_k are sample n's own."""
    return model.replace_cells(expr, E, lambda cell: model.one_sample_loss())


def _sample_context(table: Table, sample: int) -> Context:
    """The one-sample notation on one row of the table: t_k and y_k are that sample's cells."""
    cells = table.substitution()
    row = {}
    for m in range(1, len(table.classes) + 1):
        row[t[m]], row[y[m]] = cells[t[sample, m]], cells[y[sample, m]]
    return Context(unfold=_loss_by_5_2, assumptions={K: len(table.classes)}, table=row)


def _sample_chain(table: Table, sample: int) -> Chain:
    classes, context = len(table.classes), _sample_context(table, sample)
    labels = [context.table[t[m]] for m in range(1, classes + 1)]
    predictions = [context.table[y[m]] for m in range(1, classes + 1)]
    steps = (
        Step(model.one_sample_loss(), "sample-by-5.2"),
        Step(model.expanded_one_sample_loss(classes), "expand-k"),
        Step(model.expanded_one_sample_loss(classes, predictions, labels), "substitute-row"),
        Step(_true_log(table, sample), "one-hot-keeps-true-class"),
        Step(shown(value_on_table(E[sample], context)), "natural-log-value", approximate=True),
    )
    return Chain(f"sample-{sample}", "sample", E[sample], steps, context, params={"sample": sample})


def _vector_chain(table: Table, sample: int) -> Chain:
    classes = len(table.classes)
    cells = table.substitution()
    labels = model.column([label for _, label in _labels(table, sample)])
    logs = model.column([sympy.log(cells[y[sample, m]]) for m in range(1, classes + 1)])
    symbols = model.column([sympy.log(y[sample, m]) for m in range(1, classes + 1)])
    steps = (
        Step(model.vector_sample_loss(sample, classes), "dot-product-form"),
        Step(-model.Dot(model.column(model.Vector(model.t, sample, classes).components()), symbols), "components"),
        Step(-model.Dot(labels, logs), "substitute-table"),
        Step(_substituted(table, sample), "dot-product-sums"),
        Step(_true_log(table, sample), "one-hot-keeps-true-class"),
        Step(_value(E[sample], table), "natural-log-value", approximate=True),
    )
    return Chain(f"vector-{sample}", "vector", E[sample], steps, _table_context(table), params={"sample": sample})


def _total_table_chain(table: Table) -> Chain:
    names = [E[n] for n in range(1, table.samples + 1)]
    with sympy.evaluate(False):
        per_sample_results = sympy.Add(*[_true_log(table, n) for n in range(1, table.samples + 1)])
    steps = (
        Step(model.explicit_sum(names), "sum-of-samples"),
        Step(model.total_loss(table.samples), "sigma-notation"),
        Step(per_sample_results, "per-sample-results"),
        Step(_value(total_loss_name, table), "natural-log-value", approximate=True),
    )
    return Chain("total-table", "total-table", total_loss_name, steps, _table_context(table))


def _sample_i_by_5_2(expr: sympy.Basic) -> sympy.Basic:
    """E_i as (5.2) applied to sample i's label and prediction: t_k → t_ik, y_k → y_ik."""
    loss_of_sample_i = model.one_sample_loss().xreplace({t[k]: t[i, k], y[k]: y[i, k]})
    return expr.xreplace({E[i]: loss_of_sample_i})


def _per_sample_chain() -> Chain:
    # Unfolded through (5.2), not through (6.2) itself: the "=" says (6.2) is (5.2) for sample i.
    step = Step(model.per_sample_loss(), "add-sample-index")
    return Chain("per-sample", "per-sample", E[i], (step,), Context(unfold=_sample_i_by_5_2), tag="6.2",
                 uses=("5.2",))


def _double_sum_chain() -> Chain:
    steps = (
        Step(model.total_loss(), "by-definition-6.1"),
        Step(sympy.Sum(model.per_sample_loss(), (i, 1, N)), "by-definition-6.2-inside"),
        Step(model.total_loss_double_sum(), "factor-out-sign"),
    )
    return Chain("double-sum", "double-sum", total_loss_name, steps, Context(unfold=model.unfold_names))


def _mean_chain() -> Chain:
    steps = (
        Step(total_loss_name / N, "mean-over-samples"),
        Step(model.batch_loss(), "double-sum-result"),
    )
    return Chain("mean", "mean", batch_loss_name, steps, Context(unfold=model.unfold_names), tag="6.3",
                 uses=("6.1", "6.2"))


def _mean_table_chain(table: Table) -> Chain:
    steps = (Step(total_loss_name / table.samples, "mean-over-samples"),
             Step(_value(batch_loss_name, table), "natural-log-value", approximate=True))
    return Chain("mean-table", "mean-table", batch_loss_name, steps, _table_context(table))


def _one_hot_chain() -> Chain:
    steps = (
        Step(model.batch_loss(), "by-definition-6.3"),
        Step(model.one_hot_batch_loss(), "one-hot-reduction", prover=proofs.one_hot_reduction),
    )
    return Chain("one-hot", "one-hot", batch_loss_name, steps, Context(unfold=model.unfold_names))


PART = Part(number=5, slug=SLUG, url=URL, build=derivation, data_file="part5.toml", worked_example=True, one_hot=True,
            prose=PROSE)
