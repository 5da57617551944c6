"""A small derivation: the cross-entropy of a soft label is its entropy plus a KL divergence."""
import sympy

from derivations import model
from derivations.numbers import shown
from derivations.outline import Derivation, Part, Section
from derivations.steps import Chain, Context, Step, value_on_table
from derivations.symbols import K, k, one_sample_loss_name, t, y

URL = "https://en.wikipedia.org/wiki/Cross-entropy"
H, D = sympy.Symbol("H"), sympy.Symbol("D_{KL}")  # the entropy of t; the KL divergence of y from t
ENTROPY = -sympy.Sum(t[k] * sympy.log(t[k]), (k, 1, K))
DIVERGENCE = sympy.Sum(t[k] * sympy.log(t[k] / y[k]), (k, 1, K))


def unfold(expr: sympy.Basic) -> sympy.Basic:
    """What the check may replace each name by: its definition."""
    return expr.xreplace({one_sample_loss_name: model.one_sample_loss(), H: ENTROPY, D: DIVERGENCE})


def one_sample(table) -> dict:
    """The data file's first sample as this page writes it, t_k and y_k: its numbers as printed."""
    cells = table.substitution()  # t[i, k] and y[i, k] of every sample
    return {name[k]: cells[name[1, k]] for name in (t, y) for k in range(1, len(table.classes) + 1)}


def derivation(inputs) -> Derivation:
    table = inputs.table  # the data file's worked example (an `outline.Inputs` holds all a build is given)
    identity = Chain("entropy-kl", "entropy-kl", one_sample_loss_name, (
        Step(model.one_sample_loss(), "entropy-kl.definition"),
        Step(ENTROPY + DIVERGENCE, "entropy-kl.split-log"),
        Step(sympy.Add(H, D, evaluate=False), "entropy-kl.names"),
    ), Context(unfold=unfold), tag="KL", uses=("5.2",))
    classes, cells = len(table.classes), one_sample(table)
    context = Context(unfold=unfold, assumptions={K: classes}, table=cells)
    labels = [cells[t[m]] for m in range(1, classes + 1)]
    predictions = [cells[y[m]] for m in range(1, classes + 1)]
    example = Chain("entropy-kl-sample", "entropy-kl-sample", one_sample_loss_name, (
        Step(model.expanded_one_sample_loss(classes), "entropy-kl.written-out"),
        Step(model.expanded_one_sample_loss(classes, predictions, labels), "entropy-kl.substituted"),
        Step(shown(value_on_table(one_sample_loss_name, context)), "entropy-kl.value", approximate=True),
    ), context)
    return Derivation("entropy-kl", URL, (Section("entropy-kl", (identity, example)),))


PROSE = {
    "ja": {
        "title.entropy-kl": "交差エントロピー = エントロピー + KL ダイバージェンス",
        "entropy-kl.lead": "ソフトラベルの交差エントロピーを、ラベル自身のエントロピーと KL ダイバージェンスに分けます（${source}）。",
        "index.page.entropy-kl": "交差エントロピーをエントロピーと KL ダイバージェンスに分け、ソフトラベルで計算します。",
        "section.entropy-kl": "エントロピーと KL ダイバージェンスへの分解",
        "section.entropy-kl.text": "ラベル t は one-hot でなくてもかまいません。例のラベルは (0.7, 0.2, 0.1) です。",
        "chain.entropy-kl": "交差エントロピーの分解",
        "chain.entropy-kl-sample": "ソフトラベルでの値",
        "reason.entropy-kl.definition": "(5.2)",
        "reason.entropy-kl.split-log": "log y = log t − log(t/y)",
        "reason.entropy-kl.names": "H と D_KL の定義",
        "reason.entropy-kl.written-out": "K = ${classes} として書き下す",
        "reason.entropy-kl.substituted": "データの値を代入",
        "reason.entropy-kl.value": "自然対数で計算",
    },
    "en": {
        "title.entropy-kl": "Cross-entropy = entropy + KL divergence",
        "entropy-kl.lead": "The cross-entropy of a soft label splits into the label's own entropy and a KL divergence (${source}).",
        "index.page.entropy-kl": "The cross-entropy as entropy plus KL divergence, worked on a soft label.",
        "section.entropy-kl": "Entropy plus KL divergence",
        "section.entropy-kl.text": "The label t need not be one-hot: the example's is (0.7, 0.2, 0.1).",
        "chain.entropy-kl": "The cross-entropy split",
        "chain.entropy-kl-sample": "Its value on a soft label",
        "reason.entropy-kl.definition": "(5.2)",
        "reason.entropy-kl.split-log": "log y = log t − log(t/y)",
        "reason.entropy-kl.names": "definitions of H and D_KL",
        "reason.entropy-kl.written-out": "written out for K = ${classes}",
        "reason.entropy-kl.substituted": "the sample's values substituted",
        "reason.entropy-kl.value": "natural logarithm",
    },
}

PART = Part(number=98, slug="entropy-kl", url=URL, build=derivation, data_file="entropy-kl.toml", prose=PROSE)
