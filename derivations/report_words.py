"""The words of the text report of `check --claims`, in English and Japanese.

Owns every word the plain-text report prints (statuses, labels, the departures found, the
summary), kept apart from the site's prose: the report is read in a terminal or a CI log,
so it names cells as a quantity is written (y[4,3]) and holds no LaTeX. It must not hold a
computed number; `report` fills the placeholders.
"""
from string import Template

WORDS = {
    "en": {
        "agrees": "agrees", "erratum": "erratum", "unreviewed": "unreviewed", "expected": "expected ${status}",
        "printed": "Printed", "ours": "Ours (${base})", "ours-name": "Ours", "float": "Ours in ${precision}",
        "base.e": "natural log", "base.2": "log base 2", "base.10": "log base 10",
        "diagnosis": "Diagnosis", "none": "no combination of candidate causes reproduces it",
        "and": "; ", "or": " or ", "parts": "first differing significant digit: ${digit}",
        "deviation.base": "computed with base-${detail} logarithms",
        "deviation.sign": "the leading minus sign is dropped",
        "deviation.element": "uses ${plain}, not the true class",
        "deviation.elementwise": "the terms of the sum over classes are left as a vector",
        "deviation.sum-for-mean": "a sum where the mean is meant",
        "deviation.mean-for-sum": "a mean where the sum is meant",
        "deviation.epsilon": "${detail} is added inside the log, as code does to avoid log 0",
        "deviation.float32": "computed in float32, as frameworks do by default",
        "deviation.no-epsilon": "no ${detail} is added inside the log, though the file declares it",
        "deviation.clipped": "y is clipped to [${detail}, 1 − ${detail}], as Keras and scikit-learn do",
        "deviation.renormalized": "each row of y is divided by its sum, as Keras does",
        "deviation.other-sample": "uses ${plain}, an element of another sample",
        "deviation.transposed": "reads the table transposed (y[k,i] for y[i,k])",
        "deviation.divided-by-K": "the mean divides by the number of classes K, not of samples N",
        "deviation.divided-by-N-1": "the mean divides by N − 1, not N",
        "deviation.truncated": "the digits are cut off, not rounded",
        "deviation.percentage": "a percentage is read as a plain number, or a plain number as a percentage",
        "deviation.rounded-terms": "each sample's loss is rounded to ${detail} decimal place(s) before they are added",
        "deviation.softmax-rounded": ("computed from the softmax values rounded to ${detail} decimal place(s), "
                                      "as printed, not from the logits"),
        "ambiguous": "the printed digits are too few to tell these explanations apart",
        "deviation.name": "printed ${printed} where ${plain} is meant",
        "deviation.name-meaning": " (${printed} is the symbol of ${meaning})",
        "notes": " (${notes})", "note-sep": "; ",
        "mismatch": "claim ${id} (${location}): verdict ${status}, expected ${expect}",
        "summary": "${file}: claims judged ${claims}: agree ${agree}, erratum ${errata}; not as expected ${unexpected}",
    },
    "ja": {
        "agrees": "一致", "erratum": "誤り", "unreviewed": "未確認", "expected": "想定は${status}",
        "printed": "記事中の値", "ours": "こちらの値（${base}）", "ours-name": "こちらの記号", "float": "${precision} での値",
        "base.e": "自然対数", "base.2": "底 2 の対数", "base.10": "常用対数",
        "diagnosis": "診断", "none": "候補の原因をどう組み合わせても再現できません",
        "and": "、", "or": "、または", "parts": "値が食い違う最初の有効数字: ${digit} 桁目",
        "deviation.base": "底 ${detail} の対数で計算している",
        "deviation.sign": "先頭のマイナス符号が落ちている",
        "deviation.element": "正解クラスではない ${plain} を使っている",
        "deviation.elementwise": "クラスについての和をとらず、項のベクトルのままにしている",
        "deviation.sum-for-mean": "平均ではなく合計になっている",
        "deviation.mean-for-sum": "合計ではなく平均になっている",
        "deviation.epsilon": "log 0 を避けるコードと同じく、対数の中に ${detail} を足している",
        "deviation.float32": "フレームワークの既定と同じく float32 で計算している",
        "deviation.no-epsilon": "ファイルで宣言した ${detail} を対数の中に足していない",
        "deviation.clipped": "Keras や scikit-learn と同じく、y を [${detail}, 1 − ${detail}] にクリップしている",
        "deviation.renormalized": "Keras と同じく、y の各行をその和で割っている",
        "deviation.other-sample": "別のデータの成分 ${plain} を使っている",
        "deviation.transposed": "表を転置して読んでいる（y[i,k] のところを y[k,i]）",
        "deviation.divided-by-K": "平均をデータ数 N ではなくクラス数 K で割っている",
        "deviation.divided-by-N-1": "平均を N ではなく N − 1 で割っている",
        "deviation.truncated": "四捨五入ではなく切り捨てている",
        "deviation.percentage": "パーセント表示と小数表示を取り違えている",
        "deviation.rounded-terms": "各データの損失を小数 ${detail} 桁に丸めてから足している",
        "deviation.softmax-rounded": "ロジットからではなく、小数 ${detail} 桁に丸めて記載したソフトマックスの値から計算している",
        "ambiguous": "記載の桁数が少なく、これらの説明のどれが正しいかを決められません",
        "deviation.name": "${printed} と記載されているが、ここは ${plain} のはず",
        "deviation.name-meaning": "（${printed} は ${meaning} の記号）",
        "notes": "（${notes}）", "note-sep": "、",
        "mismatch": "主張 ${id}（${location}）: 判定は${status}、想定は${expect}",
        "summary": "${file}: 判定した主張 ${claims} 件、一致 ${agree} 件、誤り ${errata} 件、想定と異なる判定 ${unexpected} 件",
    },
}


def word(language: str, key: str, **values: object) -> str:
    """The report's text for `key` in `language`, its placeholders filled."""
    return Template(WORDS[language][key]).substitute({name: str(value) for name, value in values.items()})
