"""The frameworks page's own prose, Japanese and English (its part module is `frameworks`)."""

PROSE = {
    "ja": {
        "box.frameworks": "ライブラリ",  # the part's one box in the overview diagram
        "equation.F1": "データごと",  # the equations in the overview's list
        "equation.F2": "和",
        "equation.F3": "平均",
        "equation.F4": "クラスの重み",
        "equation.F5": "重み付き平均",
        "equation.F6": "平滑化",
        "equation.F7": "確率ターゲット",
        "equation.F8": "y をロジットに",
        "equation.S1": "log_loss の平均",
        "equation.S2": "log_loss の和",
        "equation.S3": "サンプルの重み",
        "title.frameworks": "フレームワークが計算するもの",
        "frameworks.lead": (
            "PyTorch の `torch.nn.functional.cross_entropy` と scikit-learn の `sklearn.metrics.log_loss` が"
            "返す値を、それぞれのドキュメントに書かれた式から出発して、記事 ${source} の (6.1)〜(6.3) と"
            "前のページの (L2)、(L3) に書き直します。ほかのページと同じく、各行の等号は SymPy で確かめています。"
            "最後に記事の表で値を計算します。テストでは、同じ値を PyTorch と scikit-learn 自身に計算させて照合しています。"
        ),
        "index.page.frameworks": "記事の先：PyTorch の cross_entropy と scikit-learn の log_loss が何を計算するかを導きます。",
        "section.frameworks-reduction": "reduction の三つの値 (F1)〜(F3)",
        "section.frameworks-reduction.text": (
            "`F.cross_entropy(z, c)` の第1引数はロジット \\(z_{i1}, \\dots, z_{iK}\\)、第2引数は正解クラスの番号 \\(c_i\\) です"
            "（PyTorch の番号は 0 から始まるので、実際に渡すのは \\(c_i - 1\\) です）。"
            "`reduction=\"none\"` はデータごとの値 \\(\\ell_i\\) を返し、これは (6.2) の \\(E_i\\) そのものです。"
            "`\"sum\"` はその和で (6.1) の \\(E_{sum}\\)、既定の `\"mean\"` は件数で割った (6.3) の \\(E\\) になります。"
        ),
        "chain.frameworks-none": "reduction=\"none\"：データごとの値",
        "chain.frameworks-sum": "reduction=\"sum\"：和",
        "chain.frameworks-mean": "reduction=\"mean\"（既定）",
        "section.frameworks-weight": "クラスの重み weight= (F4)、(F5)",
        "section.frameworks-weight.text": (
            "`weight=w` を渡すと、各データの値に正解クラスの重み \\(w_{c_i}\\) が掛かります。"
            "注意が必要なのは `\"mean\"` です。割る数は件数 \\(N\\) ではなく、各データの正解クラスの重みの和 "
            "\\(\\sum_i w_{c_i}\\) です。つまり PyTorch の平均は重み付き平均で、重み付きの損失を \\(N\\) で割った"
            "「重み付き損失の平均」とは一般に一致しません。二つが一致するのは、すべてのクラスの重みが等しいときです"
            "（最後の式変形）。記事の表での両者の値は、ページ末尾の節で並べて示します。"
        ),
        "chain.frameworks-weighted": "weight=w のデータごとの値",
        "chain.frameworks-weighted-mean": "weight=w の reduction=\"mean\"",
        "chain.frameworks-equal-weights": "重みがすべて等しいとき",
        "section.frameworks-smoothing": "ラベル平滑化 label_smoothing= (F6)",
        "section.frameworks-smoothing.text": (
            "`label_smoothing=ε` は、one-hot のラベル \\(t_{ik}\\) を \\((1 - \\varepsilon) t_{ik} + \\varepsilon / K\\) に"
            "置き換えてから (6.2) を計算します。書き直すと、元の損失 \\(E_i\\) を \\(1 - \\varepsilon\\) 倍したものに、"
            "一様なラベルに対する損失を \\(\\varepsilon\\) 倍して足した形になります。ロジットで書くと、"
            "正解クラスのロジットの \\(1 - \\varepsilon\\) 倍に加えて、すべてのロジットの平均の \\(\\varepsilon\\) 倍も引かれます。"
        ),
        "chain.frameworks-smoothed": "label_smoothing=ε のデータごとの値",
        "chain.frameworks-smoothed-logits": "ロジットで書く",
        "section.frameworks-soft": "確率のターゲット (F7)",
        "section.frameworks-soft.text": (
            "第2引数には、クラス番号の代わりに各行の和が 1 の確率 \\(t_{ik}\\) を渡すこともできます。"
            "このときの値は one-hot でないラベルに対する (6.2) そのもので、ラベルの和が 1 なので (L2) の形にもなります。"
            "ラベル平滑化は、このターゲットに平滑化したラベルを渡すのと同じです。"
        ),
        "chain.frameworks-soft": "確率のターゲットでのデータごとの値",
        "section.frameworks-mistaken": "確率をロジットとして渡してしまう (F8)",
        "section.frameworks-mistaken.text": (
            "よくある間違いが、softmax を通した後の確率 \\(y\\) を `F.cross_entropy` に渡すことです。"
            "関数は受け取った値をロジットとみなしてもう一度 softmax をかけるので、計算されるのは "
            "\\(-\\log y_{i c_i}\\) ではなく下の式です。エラーも警告も出ません。確率を渡したいなら、"
            "`F.nll_loss(torch.log(y), c)` を使います。記事の表での値は、ページ末尾で正しい値と並べて示します。"
        ),
        "chain.frameworks-mistaken": "確率 y をロジットとして渡したとき",
        "section.frameworks-sklearn": "scikit-learn の log_loss (S1)〜(S3)",
        "section.frameworks-sklearn.text": (
            "`log_loss(t, y)` は確率 \\(y\\) を受け取り、既定の `normalize=True` で (6.3) の \\(E\\)、"
            "`normalize=False` で (6.1) の \\(E_{sum}\\) を返します。`sample_weight=s` はデータごとの重みで、"
            "重みの和で割る重み付き平均になります。各データの重みをその正解クラスの重みにすると、"
            "PyTorch の `weight=` と同じ値になります（最後の式変形）。なお log_loss は、対数をとる前に \\(y\\) を"
            "区間 `[eps, 1 - eps]`（eps は機械イプシロン）に切り詰めます。行の和が 1 でない \\(y\\) には警告を出すだけで、"
            "割り直しはしません（scikit-learn 1.9 で確認）。記事の表の各行は和がちょうど 1 です。"
        ),
        "chain.frameworks-log-loss": "log_loss の平均（normalize=True）",
        "chain.frameworks-log-loss-sum": "log_loss の和（normalize=False）",
        "chain.frameworks-log-loss-weighted": "log_loss の重み付き平均（sample_weight=s）",
        "chain.frameworks-class-weights-as-sample-weights": "sample_weight にクラスの重みを使うとき",
        "section.frameworks-table": "記事の表で計算する",
        "section.frameworks-table.text": (
            "記事の表の予測 \\(y\\) を確率として、その対数 \\(z = \\log y\\) をロジットとして渡したときの値です"
            "（前のページと同じく、softmax はこの \\(z\\) から \\(y\\) を返します）。クラスの重みとラベル平滑化の値は"
            "下のとおりです。重み付き平均と「重み付き損失の平均」は分子が同じで、分母だけが異なります。"
        ),
        "chain.frameworks-table-sum": "reduction=\"sum\"：和",
        "chain.frameworks-table-mean": "reduction=\"mean\"：平均",
        "chain.frameworks-table-weighted-mean": "weight=w の reduction=\"mean\"（PyTorch の値）",
        "chain.frameworks-table-mean-of-weighted": "重み付き損失の平均（PyTorch の値ではない）",
        "chain.frameworks-table-smoothed": "label_smoothing=${smoothing} の reduction=\"mean\"",
        "chain.frameworks-table-mistaken": "確率 y をロジットとして渡したときの reduction=\"mean\"",
        "reason.frameworks.torch-none": "PyTorch のドキュメントの式",
        "reason.frameworks.log-quotient": "商の対数、\\(\\log \\exp z = z\\)",
        "reason.frameworks.by-L3": "(L3) より",
        "reason.frameworks.torch-sum": "PyTorch のドキュメントの式",
        "reason.frameworks.by-F1": "(F1) より",
        "reason.frameworks.by-6.1": "(6.1)",
        "reason.frameworks.torch-mean": "PyTorch のドキュメントの式",
        "reason.frameworks.by-6.3": "(6.3) と (6.1)",
        "reason.frameworks.torch-weight": "PyTorch のドキュメントの式",
        "reason.frameworks.by-torch-none": "\\(\\ell_i\\) の式",
        "reason.frameworks.torch-weight-mean": "PyTorch のドキュメントの式：重みの和で割る",
        "reason.frameworks.by-F4": "(F4) より",
        "reason.frameworks.equal-weights": "すべての \\(w_k\\) を \\(\\omega\\) にする",
        "reason.frameworks.constant-out": "定数を和の外へ出す",
        "reason.frameworks.torch-smoothing": "PyTorch のドキュメントの式",
        "reason.frameworks.split-sum": "和を二つに分ける",
        "reason.frameworks.by-6.2": "(6.2)",
        "reason.frameworks.smoothing-in-logits": "(L1) を代入、one-hot ラベル",
        "reason.frameworks.torch-probabilities": "PyTorch のドキュメントの式",
        "reason.frameworks.by-L2": "(L2)、ラベルの和は 1",
        "reason.frameworks.torch-mistaken": "(F1) の \\(z\\) に \\(y\\) が入る",
        "reason.frameworks.sklearn-normalize": "scikit-learn のドキュメントの式",
        "reason.frameworks.sklearn-sum": "scikit-learn のドキュメントの式",
        "reason.frameworks.sklearn-weight": "scikit-learn のドキュメントの式",
        "reason.frameworks.sample-weights-of-classes": "\\(s_i = w_{c_i}\\) とする",
        "reason.frameworks.by-F5": "(F5) より",
        "reason.frameworks.on-table": "記事の表で書き下す",
        "reason.frameworks.value": "自然対数で計算",
    },
    "en": {
        "box.frameworks": "frameworks",
        "equation.F1": "per sample",
        "equation.F2": "sum",
        "equation.F3": "mean",
        "equation.F4": "class weight",
        "equation.F5": "weighted mean",
        "equation.F6": "smoothing",
        "equation.F7": "soft targets",
        "equation.F8": "y as logits",
        "equation.S1": "log_loss mean",
        "equation.S2": "log_loss sum",
        "equation.S3": "sample weight",
        "title.frameworks": "What your framework computes",
        "frameworks.lead": (
            "What do PyTorch's `torch.nn.functional.cross_entropy` and scikit-learn's `sklearn.metrics.log_loss` return? "
            "Starting from the formula each one's documentation gives, this page rewrites their values as (6.1)–(6.3) of "
            "${source} and (L2), (L3) of the previous page; as everywhere on this site, SymPy checks each line. The "
            "values are then worked on the article's table, and the tests have PyTorch and scikit-learn themselves "
            "compute the same values."
        ),
        "index.page.frameworks": "Beyond the article: what PyTorch's cross_entropy and scikit-learn's log_loss compute.",
        "section.frameworks-reduction": "Reduction: none, sum, mean (F1)–(F3)",
        "section.frameworks-reduction.text": (
            "`F.cross_entropy(z, c)` takes the logits \\(z_{i1}, \\dots, z_{iK}\\) and the number of the true class "
            "\\(c_i\\) (PyTorch counts from 0, so what you pass is \\(c_i - 1\\)). With `reduction=\"none\"` it returns "
            "one value \\(\\ell_i\\) per sample, which is the \\(E_i\\) of (6.2); `\"sum\"` returns their total, the "
            "\\(E_{sum}\\) of (6.1), and the default `\"mean\"` divides by the number of samples: the \\(E\\) of (6.3)."
        ),
        "chain.frameworks-none": "reduction=\"none\": one value per sample",
        "chain.frameworks-sum": "reduction=\"sum\": the total",
        "chain.frameworks-mean": "reduction=\"mean\" (the default)",
        "section.frameworks-weight": "Class weights, weight= (F4), (F5)",
        "section.frameworks-weight.text": (
            "With `weight=w`, each sample's value is multiplied by the weight of its true class, \\(w_{c_i}\\). The "
            "catch is `\"mean\"`: it divides not by the number of samples \\(N\\) but by the sum of the weights of the "
            "samples' true classes, \\(\\sum_i w_{c_i}\\). PyTorch's mean is thus a weighted mean, and in general not "
            "the mean of the weighted losses, which would divide by \\(N\\). The two agree when every class has the "
            "same weight (the last chain). The section at the end of the page shows both on the article's table."
        ),
        "chain.frameworks-weighted": "weight=w, one value per sample",
        "chain.frameworks-weighted-mean": "weight=w with reduction=\"mean\"",
        "chain.frameworks-equal-weights": "When every weight is the same",
        "section.frameworks-smoothing": "Label smoothing, label_smoothing= (F6)",
        "section.frameworks-smoothing.text": (
            "`label_smoothing=ε` replaces the one-hot label \\(t_{ik}\\) by \\((1 - \\varepsilon) t_{ik} + "
            "\\varepsilon / K\\) before computing (6.2). Rearranged, that is the original loss \\(E_i\\) scaled by "
            "\\(1 - \\varepsilon\\), plus \\(\\varepsilon\\) times the loss against a uniform label. In logits, what is "
            "subtracted is \\(1 - \\varepsilon\\) times the true class's logit plus \\(\\varepsilon\\) times the mean of all "
            "the logits."
        ),
        "chain.frameworks-smoothed": "label_smoothing=ε, one value per sample",
        "chain.frameworks-smoothed-logits": "The same in logits",
        "section.frameworks-soft": "Probability targets (F7)",
        "section.frameworks-soft.text": (
            "Instead of class numbers, the second argument may be probabilities \\(t_{ik}\\), each row summing to 1. "
            "The value is then (6.2) itself with a label that is not one-hot, and since the label sums to one it takes "
            "the form (L2) too. Label smoothing is the same as passing the smoothed labels as such targets."
        ),
        "chain.frameworks-soft": "Probability targets, one value per sample",
        "section.frameworks-mistaken": "Passing probabilities as if they were logits (F8)",
        "section.frameworks-mistaken.text": (
            "A common mistake is to pass `F.cross_entropy` the probabilities \\(y\\), already through a softmax. The "
            "function takes whatever it gets for logits and applies the softmax again, so it computes the formula "
            "below instead of \\(-\\log y_{i c_i}\\), with no error and no warning. To pass probabilities, use "
            "`F.nll_loss(torch.log(y), c)`. The section at the end of the page shows its value on the article's "
            "table next to the right one."
        ),
        "chain.frameworks-mistaken": "The probabilities y passed as logits",
        "section.frameworks-sklearn": "scikit-learn's log_loss (S1)–(S3)",
        "section.frameworks-sklearn.text": (
            "`log_loss(t, y)` takes the probabilities \\(y\\). With the default `normalize=True` it returns the "
            "\\(E\\) of (6.3), with `normalize=False` the \\(E_{sum}\\) of (6.1). `sample_weight=s` weights each "
            "sample and divides by the sum of the weights. Giving each sample the weight of its true class yields "
            "PyTorch's `weight=` (the last chain). Before taking logs, log_loss clips \\(y\\) to `[eps, 1 - eps]`, "
            "eps being the machine epsilon, and rows of \\(y\\) that do not sum to 1 only raise a warning: they are not "
            "rescaled (checked with scikit-learn 1.9). Every row of the article's table sums to exactly 1."
        ),
        "chain.frameworks-log-loss": "log_loss (normalize=True)",
        "chain.frameworks-log-loss-sum": "log_loss (normalize=False)",
        "chain.frameworks-log-loss-weighted": "log_loss (sample_weight=s)",
        "chain.frameworks-class-weights-as-sample-weights": "Class weights as sample weights",
        "section.frameworks-table": "On the article's table",
        "section.frameworks-table.text": (
            "The article's predictions \\(y\\) as probabilities, and their logs \\(z = \\log y\\) passed as logits (as on "
            "the previous page, the softmax of these \\(z\\) gives back \\(y\\)). The class weights and the smoothing "
            "are below. The weighted mean and the mean of the weighted losses share their numerator and differ only "
            "in the denominator."
        ),
        "chain.frameworks-table-sum": "reduction=\"sum\": the total",
        "chain.frameworks-table-mean": "reduction=\"mean\": the mean",
        "chain.frameworks-table-weighted-mean": "weight=w with reduction=\"mean\" (what PyTorch returns)",
        "chain.frameworks-table-mean-of-weighted": "The mean of the weighted losses (not what PyTorch returns)",
        "chain.frameworks-table-smoothed": "label_smoothing=${smoothing} with reduction=\"mean\"",
        "chain.frameworks-table-mistaken": "The probabilities y passed as logits, reduction=\"mean\"",
        "reason.frameworks.torch-none": "PyTorch's documented formula",
        "reason.frameworks.log-quotient": "log of a quotient; \\(\\log \\exp z = z\\)",
        "reason.frameworks.by-L3": "(L3)",
        "reason.frameworks.torch-sum": "PyTorch's documented formula",
        "reason.frameworks.by-F1": "(F1)",
        "reason.frameworks.by-6.1": "(6.1)",
        "reason.frameworks.torch-mean": "PyTorch's documented formula",
        "reason.frameworks.by-6.3": "(6.3) and (6.1)",
        "reason.frameworks.torch-weight": "PyTorch's documented formula",
        "reason.frameworks.by-torch-none": "the formula of \\(\\ell_i\\)",
        "reason.frameworks.torch-weight-mean": "PyTorch's documented formula: divided by the sum of the weights",
        "reason.frameworks.by-F4": "(F4)",
        "reason.frameworks.equal-weights": "every \\(w_k\\) set to \\(\\omega\\)",
        "reason.frameworks.constant-out": "constants taken out of the sums",
        "reason.frameworks.torch-smoothing": "PyTorch's documented formula",
        "reason.frameworks.split-sum": "the sum split in two",
        "reason.frameworks.by-6.2": "(6.2)",
        "reason.frameworks.smoothing-in-logits": "(L1) substituted; a one-hot label",
        "reason.frameworks.torch-probabilities": "PyTorch's documented formula",
        "reason.frameworks.by-L2": "(L2); the labels sum to one",
        "reason.frameworks.torch-mistaken": "(F1) with \\(y\\) in place of \\(z\\)",
        "reason.frameworks.sklearn-normalize": "scikit-learn's documented formula",
        "reason.frameworks.sklearn-sum": "scikit-learn's documented formula",
        "reason.frameworks.sklearn-weight": "scikit-learn's documented formula",
        "reason.frameworks.sample-weights-of-classes": "\\(s_i = w_{c_i}\\)",
        "reason.frameworks.by-F5": "(F5)",
        "reason.frameworks.on-table": "written out on the article's table",
        "reason.frameworks.value": "natural logarithm",
    },
}
