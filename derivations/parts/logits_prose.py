"""The logits page's own prose, Japanese and English (its part module is `logits`)."""

PROSE = {
    "ja": {
        "box.logits": "ロジット",  # the part's one box in the overview diagram
        "equation.L1": "確率に変換",  # (L1) in the overview's list
        "equation.L2": "ロジットで",
        "equation.L3": "正解の項のみ",
        "equation.L4": "バッチ平均",
        "equation.L5": "勾配",
        "title.logits": "ロジットから損失と勾配へ",
        "logits.lead": (
            "記事 ${source} の (6.3) は、モデルの出力 \\(y\\) が確率であることを前提にしていました。"
            "実際のネットワークが最後に出すのは、正規化する前の実数 \\(z\\)（ロジット）で、softmax を通して確率にします。"
            "このページでは (6.3) をロジットで書き直し、その勾配が \\((y - t)/N\\) という簡単な形になることを、"
            "ほかのページと同じく1行ずつ SymPy で確かめます。ここから先は記事の範囲外です。"
        ),
        "index.page.logits": "記事の先：softmax とロジット。(6.3) をロジットで書き、勾配 (y − t)/N を導きます。",
        "section.logits-softmax": "softmax：ロジットから確率へ (L1)",
        "section.logits-softmax.text": (
            "\\(i\\) 件目のロジット \\(z_{i1}, \\dots, z_{iK}\\) は任意の実数です。指数関数で正の数にしてから全体の和で割ると、"
            "和が 1 の確率になります。これが softmax で、\\(y_{ik} = \\operatorname{softmax}(\\boldsymbol{z}_{i})_{k}\\) と書きます。"
            "下の式の分母では、和の添え字を \\(k\\) と区別して \\(j\\) としています。"
        ),
        "chain.logits-softmax": "softmax の定義",
        "reason.logits.softmax-name": "ロジットの softmax と呼ぶ",
        "reason.logits.softmax-definition": "softmax の定義",
        "section.logits-loss": "損失をロジットで書く (L2)〜(L4)",
        "section.logits-loss.text": (
            "(6.2) の \\(y_{ik}\\) に softmax を入れると、対数と指数が打ち消し合い、損失は log-sum-exp から、"
            "ラベルを重みとしたロジットの和を引いた形になります。最後の一歩では、ラベルの成分の和 \\(\\sum_k t_{ik}\\) が 1 であることを使います。"
            "その行の印には、この条件を示しています。one-hot ラベルなら、引く項は正解クラスのロジットだけです。"
            "いずれも \\(N\\)、\\(K\\) を文字のまま証明しています。"
        ),
        "chain.logits-sample": "i 件目の損失をロジットで",
        "chain.logits-one-hot": "one-hot ラベルの場合",
        "chain.logits-mean": "バッチの平均をロジットで",
        "section.logits-gradient": "勾配 (L5)",
        "section.logits-gradient.text": (
            "学習で必要になるのは、損失をロジットで微分した勾配です。(L4) を \\(z_{ik}\\) で微分すると、"
            "和の中で \\(z_{ik}\\) を含む項だけが残り（クロネッカーのデルタ）、"
            "予測と正解の差を件数で割っただけの形になります。ラベルの和が 1 であることは (L2) で使い済みです。"
            "この証明も \\(N\\)、\\(K\\) を文字のまま行っています。"
        ),
        "chain.logits-gradient": "ロジットによる勾配",
        "section.logits-table": "記事の表をロジットにする",
        "section.logits-table.text": (
            "記事の表にはロジットがありません。そこで、記事に記載された予測の対数 \\(z_{ik} = \\log y_{ik}\\) を"
            "ロジットとみなします。1件のロジットすべてに同じ数を足しても softmax は変わらないので、これもロジットの正当な選び方の一つです。"
            "\\(\\exp \\log y = y\\) なので、softmax は予測をその行の和で割ったものを返します。"
        ),
        "chain.logits-round-trip": "対数をとった予測の softmax",
        "section.logits-rows-exact": "同じ損失に戻ること",
        "section.logits-rows-exact.text": (
            "記事の表では、記載された予測の和がどの行もちょうど 1 になります（下の各式変形で計算しています）。"
            "したがって softmax は予測そのものを返し、損失も第5回と同じ値になります。"
            "丸めた数の和は一般には 1 から少しずれ、そのときは softmax が行の和で割り直した値を返すので、"
            "損失も記事中の値から計算したものとわずかに異なります。"
        ),
        "section.logits-rows-rounded": "同じ損失に戻るか",
        "section.logits-rows-rounded.text": (
            "記載された予測の和が 1 にならない行があります（下の各式変形で計算しています）。"
            "丸めた数の和は 1 から少しずれることがあり、その行では softmax が行の和で割り直した値を返すので、"
            "損失も記事中の値から直接計算したものとわずかに異なります。一致するのは記載された桁の丸めの範囲内だけです。"
        ),
        "chain.logits-table": "${sample}件目（正解はクラス ${true}）",
        "section.logits-gradient-table": "表の上での勾配",
        "section.logits-gradient-table.text": (
            "(L5) を記事の表で計算した行列です。行がデータ、列がクラスです。正解クラスの成分は負、それ以外は正で、"
            "各行の和は 0 になります。勾配降下法は正解クラスのロジットを上げ、ほかを下げる向きに進みます。"
        ),
        "chain.logits-gradient-table": "${samples}件の表での勾配",
        "reason.logits.by-6.2": "(6.2)",
        "reason.logits.softmax": "(L1) を代入",
        "reason.logits.log-quotient": "商の対数、\\(\\log \\exp z = z\\)",
        "reason.logits.split-sum": "和を二つに分ける",
        "reason.logits.labels-sum-to-one": "ラベルの和は 1",
        "reason.logits.by-L2": "(L2) より",
        "reason.logits.one-hot": "one-hot：正解クラスの項のみ",
        "reason.logits.by-6.3": "(6.3) と (6.1)",
        "reason.logits.by-L2-each": "各件に (L2)",
        "reason.logits.differentiate": "(L4) を微分",
        "reason.logits.by-L1": "(L1) より",
        "reason.logits.exp-log": "指数と対数は打ち消し合う",
        "reason.logits.L3-written-out": "(L3) を K = ${classes} で書き下す",
        "reason.logits.z-is-log-y": "\\(z = \\log y\\) を代入し、\\(\\exp \\log y = y\\)",
        "reason.logits.row-sum": "行の和を計算",
        "reason.logits.log-one": "1 の対数は 0",
        "reason.logits.value": "自然対数で計算",
        "reason.logits.y-minus-t": "(L5)、softmax は y を返す",
        "reason.logits.gradient-values": "成分を計算",
    },
    "en": {
        "box.logits": "logits",
        "equation.L1": "softmax",
        "equation.L2": "in logits",
        "equation.L3": "one-hot",
        "equation.L4": "batch mean",
        "equation.L5": "gradient",
        "title.logits": "From logits to the loss and its gradient",
        "logits.lead": (
            "Equation (6.3) of ${source} takes the model's outputs \\(y\\) to be probabilities. What a network actually "
            "produces last are unnormalised real numbers \\(z\\), the logits, which a softmax turns into probabilities. "
            "This page rewrites (6.3) in logits and derives its gradient, which comes out as the simple \\((y - t)/N\\); "
            "as everywhere on this site, SymPy checks each line. From here on we go beyond the article."
        ),
        "index.page.logits": "Beyond the article: softmax and logits; (6.3) in logits and its gradient (y − t)/N.",
        "section.logits-softmax": "Softmax: from logits to probabilities (L1)",
        "section.logits-softmax.text": (
            "The logits \\(z_{i1}, \\dots, z_{iK}\\) of sample \\(i\\) are any real numbers. Exponentiating makes them "
            "positive, and dividing by their total makes them sum to 1: that is the softmax, "
            "\\(y_{ik} = \\operatorname{softmax}(\\boldsymbol{z}_{i})_{k}\\). The sum in the denominator runs over \\(j\\), "
            "to keep it apart from \\(k\\)."
        ),
        "chain.logits-softmax": "The softmax",
        "reason.logits.softmax-name": "called the softmax of the logits",
        "reason.logits.softmax-definition": "definition of the softmax",
        "section.logits-loss": "The loss in logits (L2)–(L4)",
        "section.logits-loss.text": (
            "With the softmax in place of \\(y_{ik}\\) in (6.2), logarithm and exponential cancel, and the loss becomes a "
            "log-sum-exp minus the sum of the logits weighted by the label. The last step needs the label's components to add up to "
            "one, \\(\\sum_k t_{ik} = 1\\), and its mark says so. For a one-hot label, what is subtracted is just the "
            "true class's logit. All of it is proved with \\(N\\) and \\(K\\) left as letters."
        ),
        "chain.logits-sample": "The loss of sample i in logits",
        "chain.logits-one-hot": "One-hot labels",
        "chain.logits-mean": "The batch mean in logits",
        "section.logits-gradient": "The gradient (L5)",
        "section.logits-gradient.text": (
            "Training needs the derivative of the loss with respect to the logits. Differentiating (L4) by \\(z_{ik}\\) "
            "keeps only the terms that contain \\(z_{ik}\\) (Kronecker deltas), and what is left is the prediction minus "
            "the label, divided by the batch size; that the labels sum to one was already used in (L2). This proof, too, "
            "holds for symbolic \\(N\\) and \\(K\\)."
        ),
        "chain.logits-gradient": "The gradient by the logits",
        "section.logits-table": "The article's table as logits",
        "section.logits-table.text": (
            "The article gives no logits, so we take the logs of its printed predictions, \\(z_{ik} = \\log y_{ik}\\). "
            "Adding one number to all logits of a sample leaves the softmax unchanged, so these are as good as any. "
            "Since \\(\\exp \\log y = y\\), the softmax returns each prediction divided by its row's sum."
        ),
        "chain.logits-round-trip": "The softmax of the logged predictions",
        "section.logits-rows-exact": "Back to the same losses",
        "section.logits-rows-exact.text": (
            "In the article's table every row of printed predictions sums to exactly one (each chain below computes it), "
            "so the softmax gives back the predictions themselves and the losses are those of part 5. Rounded numbers "
            "need not sum to one in general; then the softmax rescales the row, and the losses differ slightly from "
            "those computed from the printed values."
        ),
        "section.logits-rows-rounded": "Back to the same losses?",
        "section.logits-rows-rounded.text": (
            "Some rows of printed predictions do not sum to one (each chain below computes the sum): rounded numbers "
            "need not. In such a row the softmax rescales the predictions, so the loss agrees with the one computed "
            "from the printed values only within their rounding."
        ),
        "chain.logits-table": "Sample ${sample} (true class ${true})",
        "section.logits-gradient-table": "The gradient on the table",
        "section.logits-gradient-table.text": (
            "(L5) worked on the article's table: one row per sample, one column per class. The true class's entry is "
            "negative and the others positive, and each row sums to zero; gradient descent raises the true class's "
            "logit and lowers the others."
        ),
        "chain.logits-gradient-table": "The gradient on the ${samples} samples",
        "reason.logits.by-6.2": "(6.2)",
        "reason.logits.softmax": "(L1) substituted",
        "reason.logits.log-quotient": "log of a quotient; \\(\\log \\exp z = z\\)",
        "reason.logits.split-sum": "the sum split in two",
        "reason.logits.labels-sum-to-one": "the labels sum to one",
        "reason.logits.by-L2": "(L2)",
        "reason.logits.one-hot": "one-hot: only the true class remains",
        "reason.logits.by-6.3": "(6.3) and (6.1)",
        "reason.logits.by-L2-each": "(L2) for each sample",
        "reason.logits.differentiate": "(L4) differentiated",
        "reason.logits.by-L1": "(L1)",
        "reason.logits.exp-log": "\\(\\exp \\log y = y\\)",
        "reason.logits.L3-written-out": "(L3) written out for K = ${classes}",
        "reason.logits.z-is-log-y": "\\(z = \\log y\\) substituted; \\(\\exp \\log y = y\\)",
        "reason.logits.row-sum": "the row's sum computed",
        "reason.logits.log-one": "log 1 = 0",
        "reason.logits.value": "natural logarithm",
        "reason.logits.y-minus-t": "(L5); the softmax gives back y",
        "reason.logits.gradient-values": "the entries computed",
    },
}
