"""Part 5 of the series: from one sample to N samples, (5.2) → (6.1)–(6.3), on its table.

Owns the order and content of the part-5 derivation (definitions, chains, steps, the assumptions
each chain may use) and its page's words (PROSE). It builds values; checking and printing live elsewhere.
"""
import sympy

from derivations import model, proofs
from derivations.numbers import PrintedNumber, shown
from derivations.outline import Definition, Derivation, Part, Section
from derivations.steps import Chain, Context, Step, value_on_table
from derivations.symbols import E, K, N, batch_loss_name, i, k, one_sample_loss_name, t, total_loss_name, y
from derivations.table import Table, label_value

SLUG = "derivation"
URL = "https://blog.qualiteg.com/cross-entropy-05"


def derivation(table: Table) -> Derivation:
    """The part-5 derivation on the given table, in the article's order."""
    samples = tuple(_sample_chain(table, n) for n in range(1, table.samples + 1))
    sections = (
        Section("one-sample", (Definition("one-sample", one_sample_loss_name, model.one_sample_loss(), "5.2"),)),
        Section("samples", samples, figure="loss-curve"),
        Section("vector", (_vector_chain(table, 1),)),
        Section("total-table", (_total_table_chain(table),)),
        Section("total", (Definition("total", total_loss_name, model.total_loss(), "6.1", uses=("5.2",)),)),
        Section("per-sample", (_per_sample_chain(),)),
        Section("double-sum", (_double_sum_chain(),)),
        Section("mean", (_mean_chain(), _mean_table_chain(table)), figure="loss-bars"),
        Section("one-hot", (_one_hot_chain(),)),
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


def _sample_chain(table: Table, sample: int) -> Chain:
    steps = (
        Step(model.per_sample_loss(sample), "by-definition-6.2"),
        Step(model.expanded_sample_loss(sample, len(table.classes)), "expand-k"),
        Step(_substituted(table, sample), "substitute-table"),
        Step(_true_log(table, sample), "one-hot-keeps-true-class"),
        Step(_value(E[sample], table), "natural-log-value", approximate=True),
    )
    return Chain(f"sample-{sample}", "sample", E[sample], steps, _table_context(table), params={"sample": sample})


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
    steps = (
        Step(total_loss_name / table.samples, "mean-over-samples"),
        Step(_value(batch_loss_name, table), "natural-log-value", approximate=True),
    )
    return Chain("mean-table", "mean-table", batch_loss_name, steps, _table_context(table))


def _one_hot_chain() -> Chain:
    steps = (
        Step(model.batch_loss(), "by-definition-6.3"),
        Step(model.one_hot_batch_loss(), "one-hot-reduction", prover=proofs.one_hot_reduction),
    )
    return Chain("one-hot", "one-hot", batch_loss_name, steps, Context(unfold=model.unfold_names))


# Our own words, Japanese and English.
PROSE = {
    "ja": {
        "title.derivation": "第5回：1件から N 件へ",
        "index.page.derivation": "記事の順に、1件ずつの損失から N 件の平均 (6.3) までを追います。",
        "derivation.lead": (
            "記事 ${source} の 6章 を、記事と同じ順序でたどります。式番号 (5.2)、(6.1)〜(6.3) は記事と同じです。"
            "各行の右端に、その「＝」が成り立つ理由と検証方法の印を付けています。"
        ),
        "section.one-sample": "出発点：1件の交差エントロピー",
        "section.one-sample.text": (
            "前回までに得た、1件のデータに対する交差エントロピーです。\\(t_{k}\\) は正解ラベル（one-hot）、"
            "\\(y_{k}\\) はモデルが出力した各クラスの確率、\\(K\\) はクラスの数です。"
        ),
        "section.samples": "4件のデータを1件ずつ計算する",
        "section.samples.text": "例題の4件それぞれについて、定義を3クラスぶん書き下し、表の値を代入します。ラベルが one-hot なので、残るのは正解クラスの項だけです。",
        "chain.sample": "${sample}件目のデータ",
        "section.vector": "ベクトルで書く",
        "section.vector.text": (
            "同じ計算は、ラベルのベクトル \\(\\boldsymbol{t}_{i}\\) と、予測の各成分の対数をとったベクトルの内積"
            "としても書けます。内積の結果は数（スカラー）です。"
        ),
        "chain.vector": "${sample}件目をベクトルの内積で",
        "section.total-table": "4件の合計",
        "section.total-table.text": "4件の損失を足し合わせたものを \\(E_{sum}\\) と呼びます。",
        "chain.total-table": "例題の4件の合計",
        "section.total": "N 件への一般化 (6.1)",
        "section.total.text": "件数を 4 から一般の \\(N\\) に置き換えると、合計は次のように書けます。",
        "section.per-sample": "添え字 i を加える (6.2)",
        "section.per-sample.text": (
            "複数のデータを区別するため、ラベルと予測に データ番号 \\(i\\) の添え字を加えます。"
            "\\(t_{ik}\\) は \\(i\\) 件目の正解ラベルの第 \\(k\\) 成分、\\(y_{ik}\\) は \\(i\\) 件目に対する予測の第 \\(k\\) 成分です。"
        ),
        "chain.per-sample": "i 件目の交差エントロピー",
        "section.double-sum": "合計を二重和で書く",
        "section.double-sum.text": "(6.2) を (6.1) に入れると、合計はデータ番号とクラス番号の二重和になります。",
        "chain.double-sum": "合計の二重和",
        "section.mean": "件数で割る (6.3)",
        "section.mean.text": (
            "件数の違うバッチどうしを比べられるように、合計を件数 \\(N\\) で割って平均をとります。"
            "これがバッチ版の多値分類用交差エントロピー (categorical cross-entropy) です。例題の値も計算します。"
        ),
        "chain.mean": "バッチの平均",
        "chain.mean-table": "例題の4件の平均",
        "section.one-hot": "one-hot ラベルでの簡約",
        "section.one-hot.text": (
            "ラベルが one-hot（正解クラス \\(c_{i}\\) の成分だけが 1）なら、内側の和は正解クラスの項だけになります。"
            "この等式は任意の \\(N\\)、\\(K\\) について記号的に証明しています。"
        ),
        "chain.one-hot": "one-hot ラベルの場合",
        "reason.by-definition-6.2": "(6.2) で i = ${sample}",
        "reason.substitute-table": "表の値を代入",
        "reason.dot-product-form": "(6.2) を内積で書く",
        "reason.components": "成分で書く",
        "reason.dot-product-sums": "内積は成分の積の和",
        "reason.sum-of-samples": "合計の定義",
        "reason.sigma-notation": "Σ で書く",
        "reason.per-sample-results": "各件の結果",
        "reason.add-sample-index": "(5.2) に添え字 i を加える",
        "reason.by-definition-6.1": "(6.1) より",
        "reason.by-definition-6.2-inside": "(6.2) を代入",
        "reason.factor-out-sign": "符号を Σ の外へ",
        "reason.mean-over-samples": "件数で割る",
        "reason.double-sum-result": "合計の二重和",
        "reason.by-definition-6.3": "(6.3) より",
        "reason.one-hot-reduction": "one-hot：各件の正解クラスの項のみ",
        "figure.curve.alt": "−log y の曲線と4件の損失、記事の印字値",
        "figure.bars.alt": "4件の損失の棒グラフと平均",
        "figure.curve.caption": "正解クラスの確率 y が小さいほど損失は大きくなります。丸は各件の損失、× は記事に印字された値です（記事の値は負で、曲線から外れています。原因は正誤表を参照）。",
        "figure.bars.caption": "各件の損失と、その平均 (6.3)。",
    },
    "en": {
        "title.derivation": "Part 5: from one sample to N",
        "index.page.derivation": "The article's order, from the loss of one sample to the batch mean (6.3).",
        "derivation.lead": (
            "We follow chapter 6 of the article ${source} in its own order, with its equation numbers (5.2) and "
            "(6.1)–(6.3). The right-hand column of each line gives the reason for its \"=\" and how it was verified."
        ),
        "section.one-sample": "Starting point: the loss of one sample",
        "section.one-sample.text": (
            "The cross-entropy of a single sample, as derived in the earlier parts: \\(t_{k}\\) is the one-hot label, "
            "\\(y_{k}\\) the probability the model assigns to class \\(k\\), and \\(K\\) the number of classes."
        ),
        "section.samples": "The four samples, one at a time",
        "section.samples.text": (
            "For each of the four samples the definition is written out for three classes and the table is "
            "substituted. Because the label is one-hot, only the term of the true class survives."
        ),
        "chain.sample": "Sample ${sample}",
        "section.vector": "In vector form",
        "section.vector.text": (
            "The same computation is a dot product of the label vector \\(\\boldsymbol{t}_{i}\\) with the vector of the "
            "logarithms of the predictions. A dot product is a number (a scalar)."
        ),
        "chain.vector": "Sample ${sample} as a dot product",
        "section.total-table": "The sum over the four samples",
        "section.total-table.text": "Adding up the four losses gives \\(E_{sum}\\).",
        "chain.total-table": "Sum over the example's four samples",
        "section.total": "From four samples to N (6.1)",
        "section.total.text": "With a general number of samples \\(N\\) in place of 4, the sum reads:",
        "section.per-sample": "Adding the sample index i (6.2)",
        "section.per-sample.text": (
            "To tell samples apart, labels and predictions get the sample index \\(i\\): \\(t_{ik}\\) is component "
            "\\(k\\) of the label of sample \\(i\\), and \\(y_{ik}\\) component \\(k\\) of the prediction for sample \\(i\\)."
        ),
        "chain.per-sample": "The loss of sample i",
        "section.double-sum": "The sum as a double sum",
        "section.double-sum.text": "Putting (6.2) into (6.1) turns the total into a double sum over samples and classes.",
        "chain.double-sum": "The total as a double sum",
        "section.mean": "Dividing by the number of samples (6.3)",
        "section.mean.text": (
            "So that batches of different sizes can be compared, the total is divided by \\(N\\). This mean is the "
            "batch categorical cross-entropy. The example's value follows."
        ),
        "chain.mean": "The batch mean",
        "chain.mean-table": "Mean over the example's four samples",
        "section.one-hot": "Reduction for one-hot labels",
        "section.one-hot.text": (
            "When every label is one-hot (1 only at the true class \\(c_{i}\\)), the inner sum keeps just the true "
            "class's term. This identity is proved symbolically for every \\(N\\) and \\(K\\)."
        ),
        "chain.one-hot": "One-hot labels",
        "reason.by-definition-6.2": "(6.2) with i = ${sample}",
        "reason.substitute-table": "the table substituted",
        "reason.dot-product-form": "(6.2) as a dot product",
        "reason.components": "in components",
        "reason.dot-product-sums": "a dot product sums the products",
        "reason.sum-of-samples": "definition of the sum",
        "reason.sigma-notation": "in Σ notation",
        "reason.per-sample-results": "the per-sample results",
        "reason.add-sample-index": "(5.2) with the index i added",
        "reason.by-definition-6.1": "by (6.1)",
        "reason.by-definition-6.2-inside": "(6.2) substituted",
        "reason.factor-out-sign": "sign taken out of the Σ",
        "reason.mean-over-samples": "divided by the number of samples",
        "reason.double-sum-result": "the double sum",
        "reason.by-definition-6.3": "by (6.3)",
        "reason.one-hot-reduction": "one-hot: only each true class remains",
        "figure.curve.alt": "the curve −log y with the four samples' losses and the article's printed values",
        "figure.bars.alt": "bar chart of the four losses and their mean",
        "figure.curve.caption": (
            "The smaller the probability y of the true class, the larger the loss. Dots are our losses, crosses the "
            "values printed in the article (negative, off the curve; see the errata for why)."
        ),
        "figure.bars.caption": "The loss of each sample and their mean (6.3).",
    },
}

PART = Part(number=5, slug=SLUG, url=URL, build=derivation, data_file="part5.toml", worked_example=True, one_hot=True,
            prose=PROSE)
