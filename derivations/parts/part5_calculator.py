"""Part 5's words for its in-page calculator (derivations/calculator.py), Japanese and English.

Owns only text: the calculator section's heading and lead, and every label, message and
button calculator.js shows (`${…}` placeholders are filled in the browser). part5.py merges
these keys into its page's prose; this module declares no part and builds nothing.
"""

CALCULATOR_PROSE = {
    "ja": {
        "section.calculator": "自分の数値で試す",
        "section.calculator.text": (
            "例題の表をここで書き換えられます。確率 y を変えたり、データやクラスを増減したりすると、各件の損失、"
            "合計、平均と棒グラフがすぐに計算し直されます。計算に使う JavaScript は、このページで導出した式から"
            "SymPy が書き出したもので、手で書いた式はありません。"
        ),
        "calculator.needs-js": "この計算機を使うには JavaScript を有効にしてください。上の導出と数値は JavaScript なしでも読めます。",
        "calculator.caption": "各件の予測確率 y と正解クラス",
        "calculator.table": "計算機の表（横にスクロールできます）",
        "calculator.sample": "${sample}件目",
        "calculator.class": "クラス ${class}",
        "calculator.option": "${class}",  # a true-class choice: the column's heading names it, the field's label says it
        "calculator.true": "正解クラス",
        "calculator.loss": "損失",
        "calculator.field.y": "${sample}件目、クラス ${class} の確率 y",
        "calculator.field.true": "${sample}件目の正解クラス",
        "calculator.add-sample": "データを追加",
        "calculator.remove-sample": "最後のデータを削除",
        "calculator.add-class": "クラスを追加",
        "calculator.remove-class": "最後のクラスを削除",
        "calculator.base": "対数の底",
        "calculator.base.e": "自然対数 ln",
        "calculator.base.2": "底 2（log₂）",
        "calculator.base.10": "常用対数 log₁₀",
        "calculator.sign": "マイナス符号を落とす（記事の誤り）",
        "calculator.presets": "表を読み込む",
        "calculator.preset.correct": "正しい計算（例題の表）",
        "calculator.preset.article": "記事中の値を再現",
        "calculator.preset.article.note": (
            "「記事中の値を再現」は、正誤表が診断した誤り（対数の底、符号の脱落、読み違えた要素）を"
            "そのまま当てはめます。"
        ),
        "calculator.total": "合計",
        "calculator.mean": "平均",
        "calculator.error.range": "確率は 0 以上 1 以下の数で入力してください。",
        "calculator.error.sum": "確率の合計が 1 ではありません（合計 ${sum}）。",
        "calculator.error.zero": "正解クラスの確率が 0 なので、損失は無限大です。",
        "calculator.normalize": "合計が 1 になるよう正規化",
        "calculator.bars": "各件の損失と平均の棒グラフ",
        "calculator.invalid": "入力を直すと計算します",
    },
    "en": {
        "section.calculator": "Try your own numbers",
        "section.calculator.text": (
            "The example's table can be edited here. Change a probability y, or add and remove samples and classes, "
            "and each sample's loss, the sum, the mean and the bar chart are computed again at once. The JavaScript "
            "that computes them was written out by SymPy from the formulas derived on this page; no formula in it "
            "was typed by hand."
        ),
        "calculator.needs-js": (
            "This calculator needs JavaScript. The derivation and the numbers above can be read without it."
        ),
        "calculator.caption": "Each sample's predicted probabilities y and true class",
        "calculator.table": "The calculator's table (scrolls sideways)",
        "calculator.sample": "Sample ${sample}",
        "calculator.class": "Class ${class}",
        "calculator.option": "${class}",
        "calculator.true": "True class",
        "calculator.loss": "Loss",
        "calculator.field.y": "Sample ${sample}, probability y of class ${class}",
        "calculator.field.true": "True class of sample ${sample}",
        "calculator.add-sample": "Add a sample",
        "calculator.remove-sample": "Remove the last sample",
        "calculator.add-class": "Add a class",
        "calculator.remove-class": "Remove the last class",
        "calculator.base": "Logarithm base",
        "calculator.base.e": "natural log (ln)",
        "calculator.base.2": "base 2 (log₂)",
        "calculator.base.10": "base 10 (log₁₀)",
        "calculator.sign": "Drop the minus sign (the article's slip)",
        "calculator.presets": "Load a table",
        "calculator.preset.correct": "Correct (the example's table)",
        "calculator.preset.article": "The article's numbers",
        "calculator.preset.article.note": (
            "\"The article's numbers\" applies the slips the errata diagnose (the log base, the dropped sign, "
            "an element read in place of another)."
        ),
        "calculator.total": "Sum",
        "calculator.mean": "Mean",
        "calculator.error.range": "A probability must be a number from 0 to 1.",
        "calculator.error.sum": "The probabilities do not sum to 1 (they sum to ${sum}).",
        "calculator.error.zero": "The true class has probability 0, so the loss is infinite.",
        "calculator.normalize": "Normalize to sum 1",
        "calculator.bars": "Bar chart of each sample's loss and the mean",
        "calculator.invalid": "Computed once the input is fixed",
    },
}
