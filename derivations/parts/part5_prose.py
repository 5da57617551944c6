"""Part 5's page in words, Japanese and English (its part module is `part5`): our own prose, the
calculator's labels (`part5_calculator`) merged in. Owns only text; declares no part, builds nothing.
"""
from derivations.parts.part5_calculator import CALCULATOR_PROSE

TEXT = {
    "ja": {
        "equation.6.1": "合計",  # the box of (6.1) in the overview diagram
        "equation.6.2": "i件目の損失",
        "equation.6.3": "平均",
        "title.derivation": "第5回：1件から N 件へ",
        "index.page.derivation": "記事の順に、1件ずつの損失から N 件の平均 (6.3) までを追います。",
        "derivation.lead": (
            "モデルの学習では、データを1件ずつではなく、まとまった件数（バッチ）ごとに損失を求め、その平均が小さくなるように"
            "パラメータを更新します。そのために必要になるのが、N 件のデータに対する交差エントロピーです。"
            "記事（${source}）の6章を、記事と同じ順序でたどります。式番号 (5.2)、(6.1)〜(6.3) は記事と同じです。"
            "各行には、その「＝」が成り立つ理由と検証方法の印を添えています。"
        ),
        "section.one-sample": "出発点：1件の交差エントロピー",
        "section.one-sample.text": (
            "前回までに得た、1件のデータに対する交差エントロピーです。\\(k\\) はクラスの番号（1 から \\(K\\) まで）、"
            "\\(t_{k}\\) は正解ラベル（one-hot）の第 \\(k\\) 成分、\\(y_{k}\\) はモデルが出力したクラス \\(k\\) の確率、"
            "\\(K\\) はクラスの数です。"
        ),
        "section.table": "例題のデータ",
        "section.table.text": (
            "記事の例題では、画像を分類するモデルに複数のデータを続けて入力します。各行が1件のデータで、"
            "正解ラベル（正解のクラスだけが 1）と、モデルが出力した各クラスの確率を並べています。"
            "正解のクラスのセルは太字にし、● を付けています。"
        ),
        "section.samples": "4件のデータを1件ずつ計算する",
        "section.samples.text": (
            "まずは1件ずつ、(5.2) で損失を計算します。何件目の損失かがわかるように、1件目の損失を \\(E_{1}\\) のように"
            "データの番号を添えて書きます。式の \\(t_{k}\\) と \\(y_{k}\\) は、その件の表の行の値です。"
            "定義をクラスの数だけ書き下し、表の行を代入します。ラベルが one-hot なので、"
            "正解でないクラスの項は \\(0 \\cdot \\log y = 0\\) となり、残るのは正解クラスの項だけです。"
            "最後の行は自然対数で計算した値です。対数の底を変えても損失は定数倍になるだけで"
            "（\\(\\log_{10} x = \\ln x / \\ln 10\\)）、機械学習では自然対数を使うのが慣習です。"
        ),
        "chain.sample": "${sample}件目のデータ",
        "section.vector": "ベクトルで書く",
        "section.vector.text": (
            "同じ計算は、ラベルのベクトルと、予測の各成分の対数をとったベクトルの内積としても書けます。"
            "1件目のラベルのベクトルを \\(\\boldsymbol{t}_{1}\\)、予測のベクトルを \\(\\boldsymbol{y}_{1}\\) と書き、"
            "その第 \\(k\\) 成分を \\(t_{1,k}\\)、\\(y_{1,k}\\) と、データの番号とクラスの番号の2つを添えて書きます。"
            "内積の結果は数（スカラー）です。"
        ),
        "chain.vector": "${sample}件目をベクトルの内積で",
        "section.total-table": "4件の合計",
        "section.total-table.text": (
            "4件の損失を足し合わせたものを \\(E_{sum}\\) と呼びます。データの番号を \\(i\\) とすると、"
            "\\(\\Sigma\\) を使って短く書けます。"
        ),
        "chain.total-table": "例題の4件の合計",
        "section.total": "N 件への一般化 (6.1)",
        "section.total.text": "件数を 4 から一般の \\(N\\) に置き換えると、合計は次のように書けます。",
        "section.per-sample": "添え字 i を加える (6.2)",
        "section.per-sample.text": (
            "複数のデータを区別するため、ラベルと予測にデータ番号を表す添え字 \\(i\\) を加えます。"
            "\\(t_{ik}\\) は \\(i\\) 件目の正解ラベルの第 \\(k\\) 成分、\\(y_{ik}\\) は \\(i\\) 件目に対する予測の第 \\(k\\) 成分です。"
        ),
        "chain.per-sample": "i 件目の交差エントロピー",
        "section.double-sum": "合計を二重和で書く",
        "section.double-sum.text": "(6.2) を (6.1) に入れると、合計はデータ番号とクラス番号の二重和になります。",
        "chain.double-sum": "合計の二重和",
        "section.mean": "件数で割る (6.3)",
        "section.mean.text": (
            "件数の違うバッチどうしを比べられるように、合計を件数 \\(N\\) で割って平均をとります。"
            "これがバッチ版の多値分類用の交差エントロピー（categorical cross-entropy）です。例題の値も計算します。"
        ),
        "chain.mean": "バッチの平均",
        "chain.mean-table": "例題の4件の平均",
        "section.one-hot": "one-hot ラベルでの簡約",
        "section.one-hot.text": (
            "ラベルが one-hot（正解クラス \\(c_{i}\\) の成分だけが 1）なら、内側の和は正解クラスの項だけになります。"
            "この等式は任意の \\(N\\)、\\(K\\) について記号的に証明しています。"
        ),
        "chain.one-hot": "one-hot ラベルの場合",
        "section.legend": "記号のまとめ",
        "section.legend.text": (
            "- \\(N\\)：データの件数、\\(i\\)：データ番号（1 から \\(N\\) まで）\n"
            "- \\(K\\)：クラスの数、\\(k\\)：クラス番号（1 から \\(K\\) まで）\n"
            "- \\(t_{ik}\\)：\\(i\\) 件目の正解ラベルの第 \\(k\\) 成分（one-hot なら正解クラスだけが 1）\n"
            "- \\(y_{ik}\\)：\\(i\\) 件目に対してモデルが出力した、クラス \\(k\\) の確率\n"
            "- \\(E_{i}\\)：\\(i\\) 件目の交差エントロピー、\\(E_{sum}\\)：その合計、\\(E\\)：平均 (6.3)"
        ),
        "reason.sample-by-5.2": "(5.2) を${sample}件目に適用",
        "reason.substitute-row": "表の${sample}行目を代入",
        "reason.substitute-table": "表の値を代入",
        "reason.dot-product-form": "(5.2) を内積で書く",
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
        "figure.curve.alt": "−log y の曲線と4件の損失、記事中の値",
        "figure.bars.alt": "4件の損失の棒グラフと平均",
        "figure.curve.caption": "正解クラスの確率 y が小さいほど損失は大きくなります。丸は各件の損失、× は記事中の値です（記事の値は負で、曲線から外れています。原因は正誤表を参照）。",
        "figure.bars.caption": "各件の損失と、その平均 (6.3)。",
    },
    "en": {
        "equation.6.1": "total",
        "equation.6.2": "sample i",
        "equation.6.3": "mean",
        "title.derivation": "Part 5: from one sample to N",
        "index.page.derivation": "The article's order, from the loss of one sample to the batch mean (6.3).",
        "derivation.lead": (
            "A model is not trained on one sample at a time: the loss is taken over a batch of samples, and the "
            "parameters are updated so that its mean decreases. That is why the cross-entropy of N samples is needed. "
            "We follow chapter 6, found in ${source}, in its own order, with its equation numbers (5.2) and "
            "(6.1)–(6.3). Each line carries the reason for its \"=\" and a mark of how it was verified."
        ),
        "section.one-sample": "Starting point: the loss of one sample",
        "section.one-sample.text": (
            "The cross-entropy of a single sample, as derived in the earlier parts: \\(k\\) numbers the classes from 1 "
            "to \\(K\\), \\(t_{k}\\) is component \\(k\\) of the one-hot label, and \\(y_{k}\\) the probability the "
            "model assigns to class \\(k\\)."
        ),
        "section.table": "The example's data",
        "section.table.text": (
            "In the article's example, several samples are fed to a model that classifies pictures. Each row is one "
            "sample: its label (1 only at the true class) and the probability the model gives each class. The true "
            "class's cells are set in bold and marked with ●."
        ),
        "section.samples": "The four samples, one at a time",
        "section.samples.text": (
            "First, the loss of each sample on its own, by (5.2). To tell the losses apart, the loss of sample 1 is "
            "written \\(E_{1}\\), and so on; in each formula \\(t_{k}\\) and \\(y_{k}\\) are that sample's row of the "
            "table. The definition is written out for every class and the row substituted. Because the label is one-hot, every other class contributes \\(0 \\cdot \\log y = 0\\), so "
            "only the term of the true class survives. The last line is the value in natural logarithms; another base "
            "only rescales the loss (\\(\\log_{10} x = \\ln x / \\ln 10\\)), and machine learning uses the natural log."
        ),
        "chain.sample": "Sample ${sample}",
        "section.vector": "In vector form",
        "section.vector.text": (
            "The same computation is a dot product of the label vector with the vector of the logarithms of the "
            "predictions. Sample 1's label vector is written \\(\\boldsymbol{t}_{1}\\) and its prediction "
            "\\(\\boldsymbol{y}_{1}\\); their components \\(t_{1,k}\\) and \\(y_{1,k}\\) carry two indices, the sample's "
            "number and the class's. A dot product is a number (a scalar)."
        ),
        "chain.vector": "Sample ${sample} as a dot product",
        "section.total-table": "The sum over the four samples",
        "section.total-table.text": (
            "Adding up the four losses gives \\(E_{sum}\\). With \\(i\\) for the sample's number, "
            "the sum is written with \\(\\Sigma\\)."
        ),
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
        "section.legend": "The symbols at a glance",
        "section.legend.text": (
            "- \\(N\\): the number of samples; \\(i\\): the sample's number, from 1 to \\(N\\)\n"
            "- \\(K\\): the number of classes; \\(k\\): the class's number, from 1 to \\(K\\)\n"
            "- \\(t_{ik}\\): component \\(k\\) of sample \\(i\\)'s label (one-hot: 1 only at the true class)\n"
            "- \\(y_{ik}\\): the probability the model gives class \\(k\\) for sample \\(i\\)\n"
            "- \\(E_{i}\\): the cross-entropy of sample \\(i\\); \\(E_{sum}\\): their sum; \\(E\\): their mean (6.3)"
        ),
        "reason.sample-by-5.2": "(5.2) for sample ${sample}",
        "reason.substitute-row": "row ${sample} of the table substituted",
        "reason.substitute-table": "the table substituted",
        "reason.dot-product-form": "(5.2) as a dot product",
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

PROSE = {language: {**text, **CALCULATOR_PROSE[language]} for language, text in TEXT.items()}
