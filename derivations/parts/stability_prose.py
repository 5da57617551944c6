"""The stability page's own prose, Japanese and English (its part module is `stability`)."""

BCE_DOCS = "https://docs.pytorch.org/docs/stable/generated/torch.nn.BCELoss.html"

PROSE = {
    "ja": {
        "box.stability": "数値安定性",  # the part's one box in the overview diagram
        "equation.N1": "最大値を引く",  # (N1)–(N4) in the overview's list
        "equation.N2": "log-softmax",
        "equation.N3": "ロジットで BCE",
        "equation.N4": "BCE の勾配",
        "title.stability": "数値の安定性",
        "stability.lead": (
            "数式の上では同じ値でも、コンピュータの浮動小数点数で計算すると結果が変わることがあります。"
            "このページでは、softmax の後で対数をとる定義どおりの計算が、大きなロジットで破綻する様子を示し、"
            "PyTorch などのフレームワークが確率ではなくロジットを受け取る理由を説明します。"
            "式変形はほかのページと同じく SymPy で1行ずつ確かめています。表の「厳密値」の列は SymPy で計算した値、"
            "float64・float32 の列はページの生成時に numpy で計算した浮動小数点数の結果です。"
            "浮動小数点数の列は等式として検証するものではなく、実際の計算結果をそのまま載せています。"
        ),
        "index.page.stability": "記事の先：数値の安定性。最大値を引く log-sum-exp と、ロジットから計算する2値の損失。",
        "stability.col.quantity": "計算",
        "stability.col.exact": "厳密値（SymPy）",
        "stability.col.float64": "float64 の値（numpy）",
        "stability.col.float32": "float32 の値（numpy）",
        "stability.row.largest": "表せる最大の有限値",
        "stability.row.log-largest": "その自然対数（SymPy）",
        "stability.row.first-overflow": "\\(e^{n}\\) が \\(\\infty\\) になる最小の整数 \\(n\\)",
        "section.stability-overflow": "定義どおりの計算はオーバーフローする",
        "section.stability-overflow.text": (
            "学習の進んだネットワークが出しそうな大きなロジットを持つ、1件・3クラスのデータを例にとります。"
            "ロジットの値は、表の1行目の式の指数に現れています。"
            "softmax を定義どおりに計算すると、最初のクラスの指数関数は float64 の最大値を超えて \\(\\infty\\) になり、"
            "\\(\\infty / \\infty\\) は NaN になります。最後のクラスの指数関数は 0 に丸められるので、対数は "
            "\\(-\\infty\\) です。表の各行は、左端の列の式をそのまま計算した結果です。最大値を引いた形の行は、"
            "次の節で説明する方法によるものです。"
            "float32 で表せる範囲はずっと狭く、2つ目の表のとおり、もっと小さなロジットで指数関数がオーバーフローします。"
        ),
        "section.stability-shift": "最大値を引く log-sum-exp (N1)、(N2)",
        "section.stability-shift.text": (
            "各指数関数の指数から同じ数 \\(m\\) を引き、その分の \\(e^{m}\\) を和の外に掛けても、値は変わりません。"
            "任意の実数 \\(m\\) で成り立つ等式で、\\(K\\) は文字のまま証明しています。\\(m\\) をロジットの最大値にすると、指数関数の引数はすべて 0 以下になり、"
            "和は 1 以上、ロジットの個数以下に収まるので、オーバーフローも 0 の対数も起こりません。"
            "(L1) の対数をとった log-softmax にも同じ変形を使います。"
        ),
        "chain.stability-shift": "log-sum-exp で m を外に出す",
        "chain.stability-log-softmax": "log-softmax で m を外に出す",
        "section.stability-example": "例の厳密な損失",
        "section.stability-example.text": (
            "最初の表のロジットで、(L3) の損失を厳密に計算します。正解が大きなロジットのクラスなら損失はほぼ 0、"
            "小さなロジットのクラスなら大きな値です。(N1) の形で計算すれば、浮動小数点数でもこの値が得られます。"
        ),
        "chain.stability-example": "正解がクラス ${true} のときの損失（最大値 ${shift} を引く）",
        "section.stability-binary": "2値の損失をロジットで (N3)",
        "section.stability-binary.text": (
            "第6回の2値の交差エントロピーで、予測をロジット \\(z\\) のシグモイド \\(\\sigma(z) = 1/(1 + e^{-z})\\) とします。"
            "PyTorch の `binary_cross_entropy(σ(z), t)` が計算するのはこの式、"
            "`binary_cross_entropy_with_logits(z, t)` が計算するのはそれをロジットで書いた最後の形です。"
            "対数の規則だけでは示せない行は、前の行との差を \\(z\\) で微分すると 0 になり、\\(z = 0\\) で差が 0 であることから"
            "等しいと確かめています（検証レポートに記載）。最後の行は \\(z \\geq 0\\) と \\(z < 0\\) に分けて確かめます。"
            "最後の形では指数関数の引数が 0 以下なので、オーバーフローしません。"
        ),
        "chain.stability-binary": "シグモイドの出力に対する2値の損失",
        "section.stability-binary-gradient": "2値の損失の勾配 (N4)",
        "section.stability-binary-gradient.text": (
            "(N3) を \\(N\\) 件で平均した損失（下の定義）をロジット \\(z_i\\) で微分すると、多値の場合の (L5) と同じく、"
            "予測と正解の差を件数で割った形になります。"
            "\\(N\\) は文字のままです。"
        ),
        "chain.stability-binary-gradient": "2値の損失の平均の勾配",
        "section.stability-clamp": "`binary_cross_entropy` が対数に下限を設ける理由",
        "section.stability-clamp.text": (
            "ロジットが大きいと、\\(\\sigma(z)\\) と 1 の差は丸めで消え、\\(\\sigma(z)\\) はちょうど 1 になります（下の表の1行目）。"
            "すると正解が 0 のときの \\(\\log(1 - \\sigma(z))\\) は \\(-\\infty\\) です。"
            "PyTorch は損失が無限大になるのを避けるため、"
            "`binary_cross_entropy` の対数の値を −100 以上に制限しています"
            "（[BCELoss のドキュメント](" + BCE_DOCS + ")）。"
            "そのため損失は有限になりますが、正しい値とは異なります。(N3) の安定な形を使う "
            "`binary_cross_entropy_with_logits` は、同じ入力で正しい値を返します。"
        ),
        "reason.stability.add-and-subtract": "\\(e^{z_{ij}} = e^{m} e^{z_{ij} - m}\\)",
        "reason.stability.factor-out": "\\(e^{m}\\) を和の外へ",
        "reason.stability.log-of-product": "積の対数、\\(\\log e^{m} = m\\)",
        "reason.stability.by-L1": "(L1) を代入",
        "reason.stability.log-quotient": "商の対数、\\(\\log e^{z} = z\\)",
        "reason.stability.by-N1": "(N1) より",
        "reason.stability.logits-substituted": "ロジットを代入",
        "reason.stability.by-N1-at-max": "(N1)、\\(m\\) は最大値",
        "reason.stability.value": "自然対数で計算",
        "reason.stability.by-7.1": "第6回の変数1つの形、\\(y = \\sigma(z)\\)",
        "reason.stability.sigmoid": "\\(\\sigma(z) = 1/(1 + e^{-z})\\) を代入",
        "reason.stability.collect": "項をまとめる",
        "reason.stability.into-the-log": "\\(z = \\log e^{z}\\) を対数の中へ",
        "reason.stability.stable-form": "\\(e^{z}\\) がオーバーフローしない形に",
        "reason.stability.differentiate": "(N3) の平均を微分",
        "note.zero derivative, equal at z = 0": "差の導関数が 0 で、\\(z = 0\\) で差が 0",
        "note.each case: zero derivative, equal at z = 0": "場合ごとに、差の導関数が 0 で、\\(z = 0\\) で差が 0",
        "note.symbolic N": "N は文字のまま",
    },
    "en": {
        "box.stability": "stability",
        "equation.N1": "shift by max",
        "equation.N2": "log-softmax",
        "equation.N3": "BCE from logits",
        "equation.N4": "BCE gradient",
        "title.stability": "Numerical stability",
        "stability.lead": (
            "Two formulas that are equal on paper can give different results in a computer's floating-point numbers. "
            "This page shows how the naive softmax followed by a log breaks down on large logits, and why frameworks "
            "such as PyTorch take logits rather than probabilities. As everywhere on this site, SymPy checks each line "
            "of each derivation. In the tables, the \"exact\" column is computed by SymPy, and the float64 and float32 "
            "columns are floating-point results computed with numpy when the page is generated. Those columns are not "
            "checked as equalities: they show what the arithmetic actually gives."
        ),
        "index.page.stability": "Beyond the article: numerical stability; the shifted log-sum-exp and the binary losses from logits.",
        "stability.col.quantity": "Computed",
        "stability.col.exact": "Exact (SymPy)",
        "stability.col.float64": "float64 (numpy)",
        "stability.col.float32": "float32 (numpy)",
        "stability.row.largest": "largest finite number",
        "stability.row.log-largest": "its natural log (SymPy)",
        "stability.row.first-overflow": "smallest integer \\(n\\) with \\(e^{n} = \\infty\\)",
        "section.stability-overflow": "The naive computation overflows",
        "section.stability-overflow.text": (
            "Take one sample with three classes and the kind of large logits a confident network produces; they are "
            "the exponents in the table's first row. With the softmax computed as defined, the first class's "
            "exponential exceeds the largest float64 and becomes \\(\\infty\\), and \\(\\infty / \\infty\\) is NaN; the "
            "last class's exponential rounds to 0, and its log is \\(-\\infty\\). Each row computes the formula in its "
            "first column as written; the rows that subtract the largest logit use the method of the next section. "
            "The range of float32 is much smaller: as the second table shows, its exponential overflows at far "
            "smaller logits."
        ),
        "section.stability-shift": "The log-sum-exp shifted by the maximum (N1), (N2)",
        "section.stability-shift.text": (
            "Subtracting one number \\(m\\) from every exponent and multiplying the sum by \\(e^{m}\\) changes nothing: "
            "this holds for any real \\(m\\) and is proved with \\(K\\) left as a letter. With \\(m\\) the largest logit, every "
            "exponent is at most 0, so the sum lies between 1 and the number of logits: nothing overflows, and no log "
            "of 0 is taken. The log-softmax, the log of (L1), uses the same step."
        ),
        "chain.stability-shift": "The log-sum-exp shifted by m",
        "chain.stability-log-softmax": "The log-softmax shifted by m",
        "section.stability-example": "The example's exact losses",
        "section.stability-example.text": (
            "The loss (L3) on the first table's logits, computed exactly. When the true class has the large logit the "
            "loss is almost 0; when it has the small one, the loss is large. The shifted form (N1) gives these values "
            "in floating point too."
        ),
        "chain.stability-example": "The loss when the true class is ${true} (the largest logit, ${shift}, subtracted)",
        "section.stability-binary": "The binary loss from logits (N3)",
        "section.stability-binary.text": (
            "In part 6's binary cross-entropy, let the prediction be the sigmoid \\(\\sigma(z) = 1/(1 + e^{-z})\\) of a "
            "logit \\(z\\). PyTorch's `binary_cross_entropy(σ(z), t)` computes this formula; "
            "`binary_cross_entropy_with_logits(z, t)` computes its last form, written in the logit. Where the rules "
            "of the logarithm do not suffice, a line is shown equal to the one before because the derivative of their "
            "difference by \\(z\\) is 0 and the difference is 0 at \\(z = 0\\) (the verification report says which); "
            "the last line is checked for \\(z \\geq 0\\) and \\(z < 0\\) separately. In that last form no exponent is "
            "positive, so nothing overflows."
        ),
        "chain.stability-binary": "The binary loss of a sigmoid's output",
        "section.stability-binary-gradient": "The gradient of the binary loss (N4)",
        "section.stability-binary-gradient.text": (
            "Differentiating the mean of (N3) over \\(N\\) samples (defined below) by the logit \\(z_i\\) gives, as (L5) "
            "does for many classes, "
            "the prediction minus the label, divided by the batch size; \\(N\\) is left as a letter."
        ),
        "chain.stability-binary-gradient": "The gradient of the mean binary loss",
        "section.stability-clamp": "Why `binary_cross_entropy` clamps its logs",
        "section.stability-clamp.text": (
            "For a large logit, the gap between \\(\\sigma(z)\\) and 1 is lost to rounding and \\(\\sigma(z)\\) becomes "
            "exactly 1 (the table's first row); with a label of 0, \\(\\log(1 - \\sigma(z))\\) is then \\(-\\infty\\). To keep the loss finite, "
            "PyTorch clamps the logs of `binary_cross_entropy` at −100 "
            "([BCELoss documentation](" + BCE_DOCS + ")). The loss is finite, but wrong. "
            "`binary_cross_entropy_with_logits`, which uses the stable form of (N3), gives the right value "
            "on the same input."
        ),
        "reason.stability.add-and-subtract": "\\(e^{z_{ij}} = e^{m} e^{z_{ij} - m}\\)",
        "reason.stability.factor-out": "\\(e^{m}\\) taken out of the sum",
        "reason.stability.log-of-product": "log of a product; \\(\\log e^{m} = m\\)",
        "reason.stability.by-L1": "(L1) substituted",
        "reason.stability.log-quotient": "log of a quotient; \\(\\log e^{z} = z\\)",
        "reason.stability.by-N1": "(N1)",
        "reason.stability.logits-substituted": "the logits substituted",
        "reason.stability.by-N1-at-max": "(N1), \\(m\\) the largest logit",
        "reason.stability.value": "natural logarithm",
        "reason.stability.by-7.1": "part 6's one-variable form, \\(y = \\sigma(z)\\)",
        "reason.stability.sigmoid": "\\(\\sigma(z) = 1/(1 + e^{-z})\\) substituted",
        "reason.stability.collect": "terms collected",
        "reason.stability.into-the-log": "\\(z = \\log e^{z}\\) taken into the log",
        "reason.stability.stable-form": "written so that no exponential overflows",
        "reason.stability.differentiate": "the mean of (N3) differentiated",
        "note.zero derivative, equal at z = 0": "the difference has derivative 0 and is 0 at \\(z = 0\\)",
        "note.each case: zero derivative, equal at z = 0":
            "in each case, the difference has derivative 0 and is 0 at \\(z = 0\\)",
        "note.symbolic N": "N left symbolic",
    },
}
