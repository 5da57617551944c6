"""Japanese prose of the site (our own wording; the article is cited by URL only)."""

TEXT = {
    # Page titles
    "title.index": "交差エントロピーの導出を検証する",
    "title.errata": "正誤表",
    "title.verification": "検証レポート",
    "title.data": "データ",
    # Overview page
    "index.lead": (
        "このサイトは、Qualiteg のブログ連載の第5回「${source}」が導いている多値分類の交差エントロピーを、SymPy で組み立て直したものです。"
        "ページ上の数式はすべて SymPy の式オブジェクトから出力しており、手で書いた数式はありません。"
    ),
    "index.how": (
        "導出の各「＝」は、表示する前に SymPy が確かめています。記事の表の値は式に代入して計算し直し、"
        "記事に記載された数値と突き合わせています。食い違いは、原因の候補をプログラムが探索して正誤表に載せています。"
    ),
    "index.counts": "検証の規模",
    "index.count.definitions": "定義として置いた式",
    "index.count.chains": "検証した式変形",
    "index.count.steps": "検証した「＝」",
    "index.count.claims": "記事中の値と比較した箇所",
    "index.count.errata": "そのうち記事と食い違った箇所",
    "index.pages": "ページの案内",
    "index.page.errata": "記事の数値・記号と計算結果の食い違い、その原因の診断です。",
    "index.page.verification": "すべての式変形の各行について、検証方法と結果を一覧にしたものです。",
    "index.page.data": "記事の例題（4件×3クラス）の表と、その出典です。",
    "index.conventions": (
        "対数は自然対数 \\(\\log = \\log_e\\) とします（機械学習で交差エントロピーと言えばこの意味です）。"
        "記事の数値を論じる箇所では、常用対数 \\(\\log_{10}\\) による値も並べて示します。"
    ),
    "index.marks": "記号の見方",
    # Derivation page
    # Step reasons (short: they sit in the right column of the formula)
    "reason.expand-k": "K = ${classes} として書き下す",
    "reason.one-hot-keeps-true-class": "one-hot：正解クラスの項のみ",
    "reason.natural-log-value": "自然対数で計算",
    # Verification methods
    "method.symbolic": "記号的に証明",
    "method.exact": "厳密な有理数計算で一致",
    "method.numeric": "50桁で計算し、表示した最後の桁の ±½ 以内",
    "method.finite": "有限個の場合を全数検査",
    "method.symbolic.short": "記号",
    "method.exact.short": "厳密",
    "method.numeric.short": "数値",
    "method.finite.short": "全数",
    "detail.all-values": "文字のすべての値で",
    "detail.under": "${conditions} のとき",
    "detail.within": "表示した値との差 ${gap} は、最後の桁の半単位 ${tolerance} 以内",
    "note.solved-for-class-2": "2つ目のクラスの値を条件から解いて代入",
    "note.symbolic-n-k": "N、K は文字のまま",
    "note.symbolic-k": "K は文字のまま",
    "note.exp-positive": "\\(\\exp z > 0\\) を使用",
    "note.by-l2": "(L2) を使用",
    "mark.all-values": "${method}",  # 凡例で「すべての値で成り立つ」と説明する
    "mark.under": "${method}（${conditions} のとき）",
    "marks.title": "各行の印の読み方",
    "marks.legend": (
        "各行の理由のあとの印は検証方法です（広い画面では式の右、スマートフォンでは式の下に表示します）。条件の付かない「記号」は、文字を文字のまま、どの値についても証明済みであることを示します。"
        "「記号（K = 3 のとき）」は、名前を挙げた文字をその値に固定して証明したことを示します。"
        "「y > 0 のとき」は、積・商・累乗の対数の規則を使ったことを示します。確率は正なので、これらの規則が成り立ちます。"
        "one-hot なラベルや合計 1 の条件も同じように示します。"
        "「厳密」は数を代入して有理数の厳密計算で一致、「数値」は50桁で計算した値が表示桁の丸め誤差の範囲に入ることを示します。"
        "⚠ は記事の記載がこの行と食い違うことを示し、正誤表の該当箇所へリンクしています。"
        "左端の数字は行番号です。食い違いの説明や正誤表は、この番号で行を指します。"
    ),
    # Findings and errata
    "finding.next-to-step": "記事との食い違い（${step}行目）",
    "finding.next-to-chain": "記事との食い違い",
    "finding.printed": "記事の記載",
    "finding.ours": "自然対数での値",
    "finding.base10": "常用対数での値",
    "finding.see-errata": "正誤表の ${id}",
    "errata.lead": (
        "記事 ${source} に記載された数値と記号を、このサイトの計算と一つずつ比べました。"
        "記載された桁数の精度（最後の桁の ±½）で一致しないものを食い違いとし、"
        "原因の候補（対数の底、符号、y の別の成分、和と平均の取り違え、内積の和の取り忘れ）を組み合わせて探索し、"
        "記載された全桁を再現できた説明のうち、定義からのずれが最も少ないものを診断として示します。"
    ),
    "errata.numbers": "数値の食い違い",
    "errata.names": "記号の食い違い",
    "errata.agreeing": "一致した箇所",
    "errata.none-agreeing": "記事中の数値で、計算と一致したものはありません。",
    "errata.col.id": "ID",
    "errata.location-translated": "${translated}（原文: ${original}）",
    "errata.col.where": "場所",
    "errata.col.printed": "記事の記載",
    "errata.col.ours": "自然対数での値",
    "errata.col.base10": "常用対数での値",
    "errata.corrected-line": "修正案（記事の該当する行をこの行に置き換えます）",
    "errata.corrected-name": "修正案（記載された記号をこの記号に置き換えます）",
    "errata.col.diagnosis": "診断",
    "errata.col.step": "該当する行",
    "errata.col.ours-name": "正しい記号",
    "errata.col.severity": "種別",
    "severity.error": "誤り",
    "severity.convention": "慣習との違い",
    "severity.nit": "表記の細部",
    "errata.severities": (
        "食い違いを原因から3つに分けています。「誤り」は符号、y の別の成分、添え字、記号の取り違えなど、"
        "「慣習との違い」は機械学習では自然対数を使うところを常用対数で計算しているもの、"
        "「表記の細部」は Σ の下限の省略のように読めば意味の通るものです。"
        "誤りを含むものが ${error} 件、慣習との違いを含むものが ${convention} 件、表記の細部を含むものが ${nit} 件です"
        "（1つの食い違いが複数の種別に当てはまることがあります）。"
    ),
    "index.count.error": "食い違いのうち、誤りを含むもの",
    "index.count.convention": "食い違いのうち、慣習との違いを含むもの",
    "index.count.nit": "食い違いのうち、表記の細部を含むもの",
    "errata.no-diagnosis": "候補の組み合わせでは再現できませんでした",
    "errata.and": "、",  # joins the departures of one explanation
    "errata.or": "または",
    "diagnosis.base": "底 ${detail} の対数で計算している",
    "diagnosis.sign": "先頭のマイナス符号が落ちている",
    "diagnosis.element": "正解クラスではない \\(${detail}\\) を使っている",
    "diagnosis.elementwise": "内積の和をとらず、成分のベクトルのままにしている",
    "diagnosis.sum-for-mean": "平均ではなく合計になっている",
    "diagnosis.mean-for-sum": "合計ではなく平均になっている",
    "diagnosis.name": "\\(${printed}\\) と記載されているが、ここは \\(${ours}\\) が正しい",
    "diagnosis.name-meaning": "（\\(${printed}\\) は${meaning}の記号）",
    "meaning.sample": "${sample}件目の損失",
    "meaning.label": "正解ラベル",
    "meaning.prediction": "予測値",
    "meaning.total": "合計",
    "to-step": "${step}行目",
    "to-chain": "導出へ",
    "finding.to-line": "${step}行目へ",
    # Verification page
    "verification.lead": (
        "導出に現れるすべての式変形と、その各行の検証結果です。一行でも成り立たなければ、"
        "ページは生成されず、ビルドが失敗します。"
    ),
    "verification.col.step": "行",
    "verification.col.relation": "関係",
    "verification.col.reason": "理由",
    "verification.col.method": "検証方法",
    "verification.col.detail": "詳細",
    "verification.col.holds": "結果",
    "verification.holds": "成立",
    "verification.definitions": "定義（検証の対象外）",
    "verification.definitions.text": "次の式は導出の出発点として置いた定義で、「＝」の検証対象ではありません。",
    # Data page
    "data.lead": (
        "記事の例題の表です。記事では表が画像のため、各件の \\(t\\) と \\(y\\) は記事中の "
        "\\(E_{1}\\)〜\\(E_{4}\\) の展開式から読み取りました。値は文字列として保持し、有理数として厳密に扱います。"
    ),
    "data.source": "出典",
    "data.settings": "設定",
    "data.file": "データファイル",
    "data.col.sample": "データ番号 i",
    "data.col.true-class": "正解クラス",
    "data.labels": "正解ラベル t",
    "data.classes": "クラス",
    "list.separator": "、",
    "colon": "：",  # between a label and its value
    "sentence.separator": "",
    # The article's classes; the English pages translate them.
    "class.イヌ": "イヌ", "class.キツネ": "キツネ", "class.オオカミ": "オオカミ",
    "example.col.sample": "番号",  # short: the table has eight columns on a phone
    "example.col.true-class": "正解",
    "example.col.class": "${symbol} ${name}",  # a space, where a narrow header breaks
    "example.true-mark": "●",  # beside a true class's cells, with bold type: not colour alone
    "data.predictions": "予測値 y",
    "data.rules": (
        "読み込み時の検査：y はすべて (0, 1] に入ること、各行の y の和が 1 であること"
        "（記載された桁の丸めの範囲で）、t の各行が one-hot か、負でない小数の和がちょうど 1 になる分布（ソフトラベル）であること、"
        "行と列の数がそろっていること。ソフトラベルの行には正解クラスがないため「—」と表示します。"
    ),
    "generated": "このページは `${command}` が生成しています。直接編集しないでください。",
}
TEXT.update({
    "figure.curve": "−log y の曲線",
    "figure.ours": "各件の損失（自然対数）",
    "figure.printed": "記事中の値",
    "figure.x-axis": "正解クラスの予測確率 y",
    "figure.y-axis": "損失",
    "figure.mean": "平均",
    "figure.bars-title": "各件の損失と平均",
})
TEXT.update({
    "index.arc": "全体の流れ",
    "index.arc.text": (
        "連載の各式がどの式から導かれるかを示します。図と一覧は各導出モジュールの宣言から生成しており、"
        "矢印は「この式からあの式を導く」という関係です。"
    ),
    "index.arc.from": "${sources} から導出。",
    "index.arc.start": "出発点。",
    "figure.arc.part": "第${part}回",
    "figure.arc.beyond": "連載の先",  # the caption of a box past the series
    "figure.arc.alt": "連載の式の導出関係の図",
})
TEXT.update({  # `check --claims FILE`: 著者自身の検証用ファイルを1行ずつ判定
    "claims-check.unreviewed": "未レビュー",
    "claims-check.expected": "期待は ${expect}",
    "claims-check.summary": (
        "${file}: ${claims} 件を判定（一致 ${agree}、誤り ${errata}）。期待と異なる判定は ${unexpected} 件"
    ),
})
TEXT.update({
    "errata.formulas": "連載の数式の食い違い",
    "errata.formulas.text": (
        "連載の各回に記載された数式を SymPy に読み込み、導出した式と比べました。"
        "「＝」でつながった各辺を導出した式と照合し、一致しなければ、符号・和の範囲・添え字の読み方などの"
        "書き違いの候補を探索して、一致させられる最小の組み合わせを診断として示します。"
    ),
    "errata.formulas.agreeing": "導出と一致した記事の数式",
    "errata.corrected-formula": "修正案（導出した式）",
    "errata.col.method": "判定方法",
    "formula.method.symbolic": "記号的に判定",
    "formula.method.sampled": "乱数で作った有理数の表を代入して厳密に判定（一致を確かめたのはその大きさの表のみ）",
    "formula.lower-limits-missing": "Σ の下限が書かれていません（\\(${assumed}\\) として読みました）。",
    "formula.minus-sign-missing": "\\(${printed}\\) にはマイナス符号が抜けています（導出した式と符号が逆です）。",
    "formula.minus-sign-extra": "\\(${printed}\\) には余分なマイナス符号があります（導出した式と符号が逆です）。",
    "formula.upper-limit-differs": "\\(${index}\\) についての和の上限が \\(${printed_limit}\\) になっています（導出では \\(${derived_limit}\\)）。",
    "formula.lower-limit-differs": "\\(${index}\\) についての和の下限が \\(${printed_limit}\\) になっています（導出では \\(${derived_limit}\\)）。",
    "formula.subscript-meaning": "\\(${symbols}\\) は第5回とは別の意味で使われています。\\(${reading}\\) と読むと導出した式と一致します。",
    "formula.index-missing": "\\(${symbols}\\) には添え字が足りません。\\(${reading}\\) と読むと一致します。",
    "formula.index-extra": "\\(${symbols}\\) には余分な添え字があります。\\(${reading}\\) と読むと一致します。",
    "formula.subscripts-swapped": "\\(${symbols}\\) の添え字の順序が入れ替わっています。\\(${reading}\\) と読むと一致します。",
    "formula.mean-factor-missing": "\\(${printed}\\) には平均の係数 \\(\\frac{1}{N}\\) が抜けています（導出した式の N 倍です）。",
    "formula.mean-factor-extra": "\\(${printed}\\) には余分な係数 \\(\\frac{1}{N}\\) があります（導出した式の 1/N です）。",
    "formula.name-differs": "\\(${derived_name}\\) のところが \\(${name}\\) と書かれています。",
    "formula.undefined-name": "\\(${names}\\) は導出で定義されていない記号です。",
    "formula.differs": "\\(${printed}\\) は導出した式と一致せず、単純な書き違いでは説明できません。",
    "article.part": "連載第${part}回",
})
TEXT.update({"index.count.formulas": "連載に記載された数式で、導出と照合したもの", "index.count.formula-errata": "そのうち導出と食い違ったもの"})
TEXT.update({
    "title.claims-file": "自分の記事の数値を検証する：検証用ファイル",
    "index.page.claims-file": "自分の記事の数値を同じ方法で検証するコマンド `check --claims` と、検証用ファイルの書式。",
    "title.adding": "導出の追加方法",
    "nav.home": "概要",  # the home page in the sidebar: its title is the site's, shown just above
    "nav.series": "連載の導出",
    "nav.beyond": "連載の先へ",
    "nav.not-rebuilt": "第${part}回（記事へ・再構成なし）",
    "nav.tools": "検証とツール",
    "index.page.adding": "新しい導出をモジュール1つで加える方法と、小さな例。",
})
