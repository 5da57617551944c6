"""Part 4 of the series: the loss of one sample as minus the log-likelihood, (4.3) and (5.2).

Owns the order and content of the part-4 page: −log L written as −Σ_k t_k log y_k (4.3),
the loss E of one sample (5.2), and the dog-image examples of the data file data/part4.toml
worked to numbers. It builds values only; checking, printing and the site's prose live
elsewhere.
"""
import sympy

from derivations import model
from derivations.numbers import PrintedNumber, shown
from derivations.outline import Definition, Derivation, Inputs, Part, Section
from derivations.steps import Chain, Context, Step, value_on_table
from derivations.symbols import K, likelihood_name, one_sample_loss_name, t, y
from derivations.table import Table, label_value

SLUG = "one-sample"
URL = "https://blog.qualiteg.com/cross-entropy-04"


def derivation(inputs: Inputs) -> Derivation:
    """The part-4 derivation in the article's order; the dog-image examples when given their table."""
    table = inputs.table
    loss = Definition("one-sample-loss", one_sample_loss_name, model.one_sample_loss(), "5.2", uses=("4.3",))
    sections = (
        Section("one-sample-nll", (_negative_log_likelihood_chain(),)),
        Section("one-sample-loss", (loss,)),
    )
    if table is not None:  # data/part4.toml; the build always reads it
        sections += (Section("one-sample-dog", tuple(_sample_chain(table, n) for n in range(1, table.samples + 1))),)
    return Derivation(SLUG, URL, sections)


def _negative_log_likelihood_chain() -> Chain:
    steps = (
        Step(-sympy.log(model.likelihood()), "likelihood-part-3"),
        Step(model.one_sample_loss(), "log-likelihood-part-3"),
    )
    return Chain("nll", "nll", -sympy.log(likelihood_name), steps, Context(unfold=model.unfold_one_sample),
                 tag="4.3", uses=("4.1",))


def _cells(table: Table, sample: int) -> dict:
    """t_k and y_k of one sample: each example is a sample of its own, with no index i."""
    cells = {}
    for m, (label, prediction) in enumerate(zip(table.labels[sample - 1], table.predictions[sample - 1]), 1):
        cells[t[m]] = label_value(label)
        cells[y[m]] = PrintedNumber(prediction)
    return cells


def _sample_chain(table: Table, sample: int) -> Chain:
    classes = len(table.classes)
    context = Context(unfold=model.unfold_one_sample, assumptions={K: classes}, table=_cells(table, sample))
    labels = [label_value(label) for label in table.labels[sample - 1]]
    predictions = [PrintedNumber(p) for p in table.predictions[sample - 1]]
    with sympy.evaluate(False):
        true_log = -sympy.log(predictions[table.true_class(sample) - 1])
    steps = (
        Step(model.one_sample_loss(), "by-5.2"),
        Step(model.expanded_one_sample_loss(classes), "expand-k"),
        Step(model.expanded_one_sample_loss(classes, predictions, labels), "substitute-sample"),
        Step(true_log, "one-hot-keeps-true-class"),
        Step(shown(value_on_table(one_sample_loss_name, context)), "natural-log-value", approximate=True),
    )
    shown_y = "(" + ", ".join(table.predictions[sample - 1]) + ")"
    return Chain(f"dog-{sample}", "dog-sample", one_sample_loss_name, steps, context,
                 params={"sample": sample, "predictions": shown_y})


# Our own words, Japanese and English; the article is cited by URL only.
PROSE = {
    "ja": {
        "equation.4.3": "負の対数尤度",  # the box of (4.3) in the overview diagram
        "equation.5.2": "1件の損失",
        "title.one-sample": "第4回：1件の交差エントロピー",
        "one-sample.lead": (
            "記事（${source}）の5章を組み立て直します。第3回の尤度のマイナス対数が1件のデータの損失 (5.2) になることを確かめ、"
            "イヌの画像に対する2つの出力で実際に値を計算します。"
        ),
        "index.page.one-sample": "1件の損失 −log L (4.3) と (5.2)。イヌの画像の2つの例を数値で計算します。",
        "section.one-sample-nll": "尤度のマイナス対数 (4.3)",
        "section.one-sample-nll.text": (
            "第3回で定義した尤度 \\(L\\) の対数にマイナスを付けます。確率は 1 以下なので \\(\\log L \\le 0\\)、"
            "マイナスを付けた量は 0 以上で、予測が外れるほど大きくなります。"
            "なお、第4回で再掲された (4.3) は右辺にマイナスのない形で記載されています。"
            "左辺にマイナスを付けるなら右辺にも付くことを、下の式変形で確かめます。"
        ),
        "chain.nll": "1件の尤度のマイナス対数",
        "section.one-sample-loss": "1件の損失関数 (5.2)",
        "section.one-sample-loss.text": (
            "この量を損失 \\(E\\) と名付けます。\\(K\\) はクラスの数、\\(t_{k}\\) は正解ラベル、\\(y_{k}\\) はモデルの予測です。"
            "第5回と第6回はこの式から出発します。"
        ),
        "section.one-sample-dog": "イヌの画像で計算する",
        "section.one-sample-dog.text": (
            "正解はどちらもイヌ（\\(t = (1, 0, 0)\\)）で、クラスはイヌ・キツネ・オオカミの3つです。"
            "1件目は第2回に出てくる、学習済みの分類器の出力です。2件目は第4回の、まだ学習していないネットワークの出力で、"
            "3つのクラスにほぼ同じ確率を割り振っています。イヌの確率が低いほど損失は大きくなります。"
            "2件目は[第5回の1件目](derivation.md#chain-sample-1)と同じデータです。"
            "記事にはこれらの損失の値が記載されていないため、ここでは記事との照合は行いません。"
        ),
        "chain.dog-sample": "${sample}件目：y = ${predictions}",
        "reason.likelihood-part-3": "L の定義（第3回）",
        "reason.log-likelihood-part-3": "積の対数は和（第3回、任意の K）",
        "reason.by-5.2": "(5.2)",
        "reason.substitute-sample": "データの値を代入",
    },
    "en": {
        "equation.4.3": "−log L",
        "equation.5.2": "one sample",
        "title.one-sample": "Part 4: the cross-entropy of one sample",
        "one-sample.lead": (
            "This page rebuilds chapter 5, found in ${source}. We check that minus the log of part 3's likelihood is "
            "the loss of one sample (5.2), and compute it for two outputs on a dog image."
        ),
        "index.page.one-sample": "The loss of one sample, −log L (4.3), and (5.2); two dog-image examples worked to numbers.",
        "section.one-sample-nll": "Minus the log-likelihood (4.3)",
        "section.one-sample-nll.text": (
            "We put a minus sign in front of the logarithm of the likelihood \\(L\\) of part 3. Probabilities are at most 1, "
            "so \\(\\log L \\le 0\\): the negated quantity is at least 0 and grows as the prediction gets worse. "
            "The re-post of (4.3) in part 4 is printed without a minus sign on the right-hand side; the chain below checks "
            "that a minus on the left brings one on the right."
        ),
        "chain.nll": "Minus the log-likelihood of one sample",
        "section.one-sample-loss": "The loss of one sample (5.2)",
        "section.one-sample-loss.text": (
            "This quantity is named the loss \\(E\\). \\(K\\) is the number of classes, \\(t_{k}\\) the true label and \\(y_{k}\\) "
            "the model's prediction. Parts 5 and 6 start from this formula."
        ),
        "section.one-sample-dog": "Worked on a dog image",
        "section.one-sample-dog.text": (
            "Both samples show a dog (\\(t = (1, 0, 0)\\)); the classes are dog, fox and wolf. Sample 1 is a trained "
            "classifier's output from part 2. Sample 2 is part 4's untrained network, which gives the three classes almost "
            "the same probability. The lower the probability of the dog, the larger the loss. Sample 2 is the same data as "
            "[sample 1 of part 5](derivation.md#chain-sample-1). The article prints no values for these losses, so there "
            "is nothing to compare with here."
        ),
        "chain.dog-sample": "Sample ${sample}: y = ${predictions}",
        "reason.likelihood-part-3": "definition of L (part 3)",
        "reason.log-likelihood-part-3": "log of a product = sum of logs (part 3, any K)",
        "reason.by-5.2": "(5.2)",
        "reason.substitute-sample": "the sample's values substituted",
    },
}

PART = Part(number=4, slug=SLUG, url=URL, build=derivation, data_file="part4.toml", one_hot=True, prose=PROSE)
