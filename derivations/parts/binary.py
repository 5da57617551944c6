"""Part 6 of the series: binary cross-entropy, the two-class case of (4.3)/(5.2).

Owns the order and content of the part-6 page: (7.1) as −log L with K = 2, the one-variable
form −[t log y + (1 − t) log(1 − y)] obtained from t_2 = 1 − t_1 and y_2 = 1 − y_1, its mean
over N samples (part 1's (2)), and the check that (2) is (6.3) — part 1's (1) — with K = 2 and
one-hot labels. It builds values only; checking, printing and the site's prose live elsewhere.
"""
import sympy

from derivations import model, proofs
from derivations.outline import Definition, Derivation, Inputs, Part, Section
from derivations.steps import Chain, Context, Step
from derivations.symbols import (
    K, N, batch_loss_name, binary_label, binary_loss_name, binary_prediction, i, likelihood_name, t, y,
)

SLUG = "binary"
URL = "https://blog.qualiteg.com/cross-entropy-06"
PART_1_URL = "https://blog.qualiteg.com/cross-entropy-01"
CLASSES = 2


def derivation(inputs: Inputs) -> Derivation:
    """The part-6 derivation; it has no table (the article's Titanic data is not available)."""
    sections = (
        Section("bce-two-classes", (_two_classes_chain(),)),
        Section("bce-one-variable", (Definition("binary-label", binary_label, t[1]),
                                     Definition("binary-prediction", binary_prediction, y[1]),
                                     _one_variable_chain())),
        Section("bce-batch", (Definition("binary-labels", t[i], t[i, 1]),
                              Definition("binary-predictions", y[i], y[i, 1]),
                              _batch_mean_chain())),
        Section("bce-from-categorical", (from_categorical_chain(),)),
    )
    return Derivation(SLUG, URL, sections)


def _sample_names(expr: sympy.Basic) -> sympy.Basic:
    """BCE → −log L → −log Π_k y_k^{t_k}, and t → t_1, y → y_1 (K = 2 is the chain's fixed
    letter, so that each step proved with it says so)."""
    return model.first_class_names(model.unfold_binary(expr))


def _two_classes_chain() -> Chain:
    steps = (
        Step(-sympy.log(likelihood_name), "bce-is-nll"),
        Step(-model.log_likelihood(CLASSES), "nll-two-classes"),
        Step(model.expanded_one_sample_loss(CLASSES), "expand-k"),
    )
    context = Context(unfold=_sample_names, assumptions={K: CLASSES})
    return Chain("bce-7-1", "bce-7-1", binary_loss_name, steps, context, tag="7.1", uses=("4.3",))


def _one_variable_chain() -> Chain:
    steps = (
        Step(model.expanded_one_sample_loss(CLASSES), "by-7.1"),
        Step(model.binary_cross_entropy(t[1], y[1]), "two-classes-sum-to-one", prover=proofs.two_classes_sum_to_one),
        Step(model.binary_cross_entropy(), "first-class-names"),
    )
    context = Context(unfold=_sample_names, assumptions={K: CLASSES})
    return Chain("bce-one-variable", "bce-one-variable", binary_loss_name, steps, context)


def _batch_mean_chain() -> Chain:
    steps = (
        Step(model.binary_batch_mean_unfolded(), "bce-of-sample-i"),
        Step(model.binary_batch_loss(), "sign-out-of-sum"),
    )
    return Chain("bce-mean", "bce-mean", model.binary_batch_mean(), steps, Context(unfold=model.unfold_binary))


def _batch_names(expr: sympy.Basic) -> sympy.Basic:
    """Part 5's names E, E_sum, E_i unfolded (K = 2 is the chain's fixed letter), then t_i → t_i1
    and y_i → y_i1."""
    return model.first_class_of_each_sample(model.unfold_names(expr))


def from_categorical_chain() -> Chain:
    """(6.3) with K = 2 and one-hot labels is (2): the chain part 1's page shows as its (2)."""
    steps = (
        Step(model.batch_loss(N, CLASSES), "6.3-with-two-classes"),
        Step(model.batch_loss_written_out(N, CLASSES), "inner-sum-written-out"),
        Step(model.binary_batch_loss(label=t[i, 1], prediction=y[i, 1]), "two-classes-sum-to-one-each",
             prover=proofs.two_classes_sum_to_one),
        Step(model.binary_batch_loss(), "first-class-of-each-sample"),
    )
    context = Context(unfold=_batch_names, assumptions={K: CLASSES})
    return Chain("bce-from-6-3", "bce-from-6-3", batch_loss_name, steps, context)


# Our own words, Japanese and English; the articles are cited by URL only.
PROSE = {
    "ja": {
        "equation.7.1": "2値の損失",  # the box of (7.1) in the overview diagram
        "title.binary": "第6回：2値分類の交差エントロピー",
        "binary.lead": (
            "記事（${source}）の7章（7-1）を組み立て直します。2値分類はクラスが2つの多値分類なので、"
            "損失は (4.3)・(5.2) で \\(K = 2\\) としたものです。ラベルと確率がそれぞれ合計 1 になることを使うと、"
            "変数1つの見慣れた形になり、その N 件の平均が[第1回](" + PART_1_URL + ")の式 (2) です。"
            "最後に、(2) が第1回の式 (1)、つまり第5回の (6.3) で \\(K = 2\\) とした場合とまったく同じであることを確かめます。"
            "記事が使うタイタニック号の乗客データの表は手元にないため、このページに数値の例はありません。"
            "2値の形は、テストで scikit-learn の `log_loss` と突き合わせています。"
        ),
        "index.page.binary": "2値分類の交差エントロピー (7.1) と変数1つの形。第1回の (2) が (1) の K = 2 の場合であることも確かめます。",
        "section.bce-two-classes": "クラスが2つの場合 (7.1)",
        "section.bce-two-classes.text": (
            "BCE（Binary Cross Entropy）は、クラスが2つの試行の尤度のマイナス対数です。"
            "第4回の (4.3) で \\(K = 2\\) とし、和を書き下します。"
        ),
        "chain.bce-7-1": "2クラスの交差エントロピー",
        "section.bce-one-variable": "変数1つで書く",
        "section.bce-one-variable.text": (
            "ラベルは one-hot なので \\(t_{1} + t_{2} = 1\\)、予測は確率なので \\(y_{1} + y_{2} = 1\\) です。"
            "この2つの条件を \\(t_{2}\\) と \\(y_{2}\\) について解いて代入します（代入は条件から SymPy が導いたもので、"
            "天下りに置いたものではありません）。1つ目のクラスのラベルと予測を、添え字なしの \\(t\\)、\\(y\\) と書きます。"
        ),
        "chain.bce-one-variable": "変数1つの形",
        "section.bce-batch": "N 件の平均：第1回の式 (2)",
        "section.bce-batch.text": (
            "N 件のデータそれぞれの BCE を平均します。\\(i\\) 件目について1つ目のクラスのラベルと予測を "
            "\\(t_{i}\\)、\\(y_{i}\\) と書くと、第1回で2値分類用として示された式 (2) になります。"
        ),
        "chain.bce-mean": "BCE の平均",
        "section.bce-from-categorical": "式 (2) は式 (1) の K = 2 の場合",
        "section.bce-from-categorical.text": (
            "第1回は、多値分類用の (1) と2値分類用の (2) が同じところから来ていると述べています。"
            "(1) は第5回の (6.3) と同じ式です。その \\(K = 2\\) の場合から出発し、各件のラベルと確率が合計 1 に"
            "なることを使うと、(2) に一字一句たどり着きます。"
        ),
        "chain.bce-from-6-3": "(6.3) から K = 2 で (2) へ",
        "reason.bce-is-nll": "BCE は −log L（K = 2）",
        "reason.nll-two-classes": "(4.3) で K = 2",
        "reason.by-7.1": "(7.1)",
        "reason.two-classes-sum-to-one": "2つ目 = 1 − 1つ目（ラベルも確率も）",
        "reason.first-class-names": "1つ目のクラスの値を t、y と書く",
        "reason.bce-of-sample-i": "各件の BCE を書き下す",
        "reason.sign-out-of-sum": "符号を Σ の外へ",
        "reason.6.3-with-two-classes": "(6.3) で K = 2",
        "reason.inner-sum-written-out": "k についての和を書き下す",
        "reason.two-classes-sum-to-one-each": "各件で 2つ目 = 1 − 1つ目",
        "reason.first-class-of-each-sample": "1つ目の値を添え字 i で書く",
    },
    "en": {
        "equation.7.1": "binary loss",
        "title.binary": "Part 6: binary cross-entropy",
        "binary.lead": (
            "This page rebuilds chapter 7, section 7-1, found in ${source}. Binary classification is classification "
            "with two classes, so its loss is (4.3)/(5.2) with \\(K = 2\\). Using that the labels sum to 1 and so do the "
            "probabilities gives the familiar one-variable form, whose mean over N samples is formula (2) of "
            "[part 1](" + PART_1_URL + "). Finally we check that (2) is exactly part 1's formula (1) — part 5's (6.3) — with "
            "\\(K = 2\\). The article's Titanic passenger table is not available to us, so this page has no numerical "
            "example; our tests compare the binary form with scikit-learn's log_loss."
        ),
        "index.page.binary": "Binary cross-entropy (7.1) and its one-variable form; part 1's (2) checked to be (1) with K = 2.",
        "section.bce-two-classes": "Two classes (7.1)",
        "section.bce-two-classes.text": (
            "BCE (binary cross-entropy) is minus the log-likelihood of a trial with two classes. We set \\(K = 2\\) in "
            "part 4's (4.3) and write the sum out."
        ),
        "chain.bce-7-1": "Cross-entropy of two classes",
        "section.bce-one-variable": "One variable",
        "section.bce-one-variable.text": (
            "The label is one-hot, so \\(t_{1} + t_{2} = 1\\); the predictions are probabilities, so \\(y_{1} + y_{2} = 1\\). "
            "SymPy solves these two conditions for \\(t_{2}\\) and \\(y_{2}\\) and substitutes the result: the substitution is "
            "derived from the conditions, not assumed. The first class's label and prediction are then written \\(t\\) and "
            "\\(y\\), without an index."
        ),
        "chain.bce-one-variable": "The one-variable form",
        "section.bce-batch": "Mean over N samples: part 1's formula (2)",
        "section.bce-batch.text": (
            "We average the BCE of N samples. Writing \\(t_{i}\\) and \\(y_{i}\\) for the first class's label and prediction "
            "of sample \\(i\\) gives formula (2), which part 1 presents as the binary cross-entropy."
        ),
        "chain.bce-mean": "The mean of the BCEs",
        "section.bce-from-categorical": "Formula (2) is formula (1) with K = 2",
        "section.bce-from-categorical.text": (
            "Part 1 says that the multi-class formula (1) and the binary formula (2) share one origin. Formula (1) is part "
            "5's (6.3). Starting from it with \\(K = 2\\) and using that each sample's labels and probabilities sum to 1 "
            "arrives at (2) symbol for symbol."
        ),
        "chain.bce-from-6-3": "From (6.3) with K = 2 to (2)",
        "reason.bce-is-nll": "BCE is −log L (K = 2)",
        "reason.nll-two-classes": "(4.3) with K = 2",
        "reason.by-7.1": "(7.1)",
        "reason.two-classes-sum-to-one": "class 2 = 1 − class 1, labels and probabilities",
        "reason.first-class-names": "class 1's values written t, y",
        "reason.bce-of-sample-i": "each BCE written out",
        "reason.sign-out-of-sum": "sign taken out of the Σ",
        "reason.6.3-with-two-classes": "(6.3) with K = 2",
        "reason.inner-sum-written-out": "the sum over k written out",
        "reason.two-classes-sum-to-one-each": "per sample: class 2 = 1 − class 1",
        "reason.first-class-of-each-sample": "class 1's values, index i only",
    },
}

PART = Part(number=6, slug=SLUG, url=URL, build=derivation, prose=PROSE)
