"""Part 3 of the series: from the likelihood of one categorical trial to the cross-entropy.

Owns the order and content of the part-3 page: the likelihood L = Π_k y_k^{t_k} of one
trial with a one-hot outcome t, its logarithm (4.1) for the six faces of a die and for any
K, the die thrown once with face 1 up, and — our bridge to part 5 — N independent samples,
whose likelihoods multiply, so that −log of their product is E_sum (6.1)/(6.2) and, divided
by N, E (6.3). It builds values only; checking, printing and the site's prose live elsewhere.
"""
import sympy

from derivations import model
from derivations.outline import Definition, Derivation, Inputs, Part, Section
from derivations.steps import Chain, Context, Step
from derivations.symbols import K, N, batch_loss_name, likelihood_name, t, total_likelihood_name, total_loss_name, y

SLUG = "likelihood"
URL = "https://blog.qualiteg.com/cross-entropy-03"
PREVIOUS_URL = "https://blog.qualiteg.com/cross-entropy-02"
FACES = 6  # the die of parts 2 and 3
FACE_UP = 1  # the face that came up in the article's single throw


def derivation(inputs: Inputs) -> Derivation:
    """The part-3 derivation; it has no table (its example is worked symbolically)."""
    sections = (
        Section("likelihood-one-trial", (Definition("likelihood", likelihood_name, model.likelihood()),)),
        Section("likelihood-log", (_log_likelihood_chain(FACES, "log-likelihood-die", "4.1"),)),
        Section("likelihood-die", (_die_likelihood_chain(), _die_log_likelihood_chain())),
        Section("likelihood-any-k", (_log_likelihood_chain(K, "log-likelihood-any-k", None),)),
        Section("likelihood-samples", (Definition("likelihood-all", total_likelihood_name, model.total_likelihood()),
                                       _total_chain())),
        Section("likelihood-mean", (_mean_chain(),)),
    )
    return Derivation(SLUG, URL, sections)


def _names(expr: sympy.Basic, classes: sympy.Expr = K) -> sympy.Basic:
    """Every name of this page unfolded: L, L_i, L_all, and part 5's E, E_sum, E_i."""
    return model.unfold_names(model.unfold_likelihoods(expr, classes=classes), classes=classes)


def _log_likelihood_chain(classes: sympy.Expr, chain_id: str, tag: str | None) -> Chain:
    definition = "likelihood-by-definition" if classes == K else "likelihood-by-definition-k"
    steps = [Step(sympy.log(model.likelihood(classes)), definition)]
    if classes == K:  # for any K, the log of each factor is shown before it is expanded
        steps.append(Step(model.log_of_each_factor(classes), "log-of-product"))
        steps.append(Step(model.log_likelihood(classes), "log-of-power"))
    else:
        steps.append(Step(model.log_likelihood(classes), "log-of-product-and-power"))
    context = Context(unfold=_names, assumptions={K: classes} if classes != K else {})
    return Chain(chain_id, chain_id, sympy.log(likelihood_name), tuple(steps), context, tag=tag)


def _die_context() -> Context:
    # The throw: t = (1, 0, 0, 0, 0, 0). Substituted like a table, the y_k stay symbols.
    labels = {t[face]: sympy.Integer(int(face == FACE_UP)) for face in range(1, FACES + 1)}
    return Context(unfold=_names, assumptions={K: FACES}, table=labels)


def _die_labels() -> list:
    return [int(face == FACE_UP) for face in range(1, FACES + 1)]


def _die_likelihood_chain() -> Chain:
    steps = (
        Step(model.likelihood(FACES), "likelihood-by-definition-k"),
        Step(model.expanded_likelihood(FACES), "product-written-out"),
        Step(model.expanded_likelihood(FACES, _die_labels()), "die-face-up"),
        Step(y[FACE_UP], "power-one-and-zero"),
    )
    return Chain("die-likelihood", "die-likelihood", likelihood_name, steps, _die_context())


def _die_log_likelihood_chain() -> Chain:
    steps = (
        Step(model.log_likelihood(FACES), "by-4.1"),
        Step(model.expanded_log_likelihood(FACES), "expand-k"),
        Step(model.expanded_log_likelihood(FACES, _die_labels()), "die-face-up"),
        Step(sympy.log(y[FACE_UP]), "die-only-face-up"),
    )
    return Chain("die-log-likelihood", "die-log-likelihood", sympy.log(likelihood_name), steps, _die_context())


def _total_chain() -> Chain:
    steps = (
        Step(-sympy.log(model.total_likelihood()), "likelihood-all-by-definition"),
        Step(-sympy.log(model.total_likelihood_expanded()), "sample-likelihood"),
        Step(-model.log_of_each_sample(), "log-of-product-samples"),
        Step(model.total_loss_double_sum(), "log-of-product-classes"),
        Step(total_loss_name, "double-sum-is-total"),
    )
    context = Context(unfold=_names)
    return Chain("likelihood-total", "likelihood-total", -sympy.log(total_likelihood_name), steps, context)


def _mean_chain() -> Chain:
    steps = (
        Step(-sympy.log(model.total_likelihood_expanded()) / N, "likelihood-all-expanded"),
        Step(model.batch_loss(), "log-of-product-both"),
        Step(total_loss_name / N, "double-sum-is-total"),
        Step(batch_loss_name, "mean-is-6.3"),
    )
    context = Context(unfold=_names)
    return Chain("likelihood-mean", "likelihood-mean", -sympy.log(total_likelihood_name) / N, steps, context)


# Our own words, Japanese and English; the articles are cited by URL only.
PROSE = {
    "ja": {
        "equation.4.1": "対数尤度",  # the box of (4.1) in the overview diagram
        "title.likelihood": "第3回：尤度から交差エントロピーへ",
        "likelihood.lead": (
            "記事（${source}）の4章を組み立て直します。サイコロを1回投げるという1回の試行について尤度 \\(L\\) を書き、"
            "その対数が (4.1) の形になることを確かめます。[第2回](" + PREVIOUS_URL + ")のイカサマのサイコロの話の続きです。"
            "第2回そのものは、このサイトでは組み立て直していません。第2回の式 (3.1)〜(3.6) は本文が手元になく、"
            "その行き着く先の (3.6) は、ここで導く (4.1) と同じ形だからです。"
            "最後の2節は記事にはない、第5回への橋渡しです。独立な N 件のデータでは尤度が掛け算になり、"
            "その対数にマイナスを付けると第5回の (6.1)〜(6.3) がそのまま現れます。"
            "「積の対数は対数の和」の行は、\\(y_{k} > 0\\) と実数の \\(t_{k}\\) を仮定したうえで、"
            "\\(K\\) や \\(N\\) を文字のまま SymPy が記号的に証明しています（\\(K \\le 6\\) の場合を1つずつ調べたのではありません）。"
        ),
        "index.page.likelihood": "1回の試行の尤度と、その対数 (4.1)。N 件では尤度の積の −log が第5回の損失になります。",
        "section.likelihood-one-trial": "1回の試行の尤度",
        "section.likelihood-one-trial.text": (
            "結果が K 通りある試行を1回行います。\\(y_{k}\\) は結果 \\(k\\) が出る確率、\\(t_{k}\\) は実際に出た結果だけが 1 で"
            "残りが 0 の one-hot な記録です。\\(y_{k}^{0} = 1\\) なので、下の積は実際に出た結果の確率だけを拾います。"
            "これを、観測された結果の尤度と呼びます。"
        ),
        "section.likelihood-log": "対数をとる (4.1)",
        "section.likelihood-log.text": (
            "積のままでは扱いにくいので対数をとります。サイコロなら面は6つで \\(K = 6\\) です。"
            "積の対数は対数の和になり、指数は対数の前に係数として出てきます。"
        ),
        "chain.log-likelihood-die": "6面のサイコロの対数尤度",
        "section.likelihood-die": "1回投げて1の目が出た場合",
        "section.likelihood-die.text": (
            "1の目が出たので \\(t = (1, 0, 0, 0, 0, 0)\\) です。尤度は1の目の確率 \\(y_{1}\\) そのものになり、"
            "対数尤度は \\(\\log y_{1}\\) になります。\\(y\\) には数を入れず、文字のまま計算します。"
        ),
        "chain.die-likelihood": "1の目が出たときの尤度",
        "chain.die-log-likelihood": "1の目が出たときの対数尤度",
        "section.likelihood-any-k": "結果が K 通りの場合",
        "section.likelihood-any-k.text": (
            "面の数が6でなくても同じです。ここでは \\(K\\) を文字のままにして、途中の式も省かずに示します。"
            "第4回 (4.3) と第5回 (5.2) はこの式から出発します。"
        ),
        "chain.log-likelihood-any-k": "K 通りの結果の対数尤度",
        "section.likelihood-samples": "N 件の独立なデータ（第5回への橋渡し）",
        "section.likelihood-samples.text": (
            "データが N 件あり、互いに独立だとします。\\(i\\) 件目の尤度 \\(L_{i}\\) は上と同じ形の積で、"
            "ラベルと予測に添え字 \\(i\\) が付いたものです。独立な出来事がすべて起こる確率は各々の確率の積なので、"
            "全体の尤度 \\(L_{all}\\) は \\(L_{i}\\) の積です。そのマイナス対数は、第5回の合計 \\(E_{sum}\\) に等しくなります。"
        ),
        "chain.likelihood-total": "N 件の尤度のマイナス対数",
        "section.likelihood-mean": "件数で割ると (6.3)",
        "section.likelihood-mean.text": (
            "同じ量を件数 \\(N\\) で割ると、第5回の (6.3) の \\(E\\) です。"
            "したがって \\(E\\) を小さくすることは、データ全体の尤度を大きくすることと同じです。"
        ),
        "chain.likelihood-mean": "件数で割った尤度のマイナス対数",
        "reason.likelihood-by-definition": "L の定義",
        "reason.likelihood-by-definition-k": "L の定義（K = ${classes}）",
        "reason.log-of-product": "積の対数は対数の和",
        "reason.log-of-power": "指数を log の前に出す",
        "reason.log-of-product-and-power": "積の対数は対数の和、指数は log の前へ",
        "reason.product-written-out": "積を書き下す",
        "reason.die-face-up": "1の目が出た：t = (1, 0, 0, 0, 0, 0)",
        "reason.power-one-and-zero": "1乗はそのまま、0乗は 1",
        "reason.by-4.1": "(4.1)",
        "reason.die-only-face-up": "1の目の項だけが残る",
        "reason.likelihood-all-by-definition": "独立なので尤度は積",
        "reason.sample-likelihood": "各件の尤度を書き下す",
        "reason.log-of-product-samples": "積の対数は和（データについて）",
        "reason.log-of-product-classes": "積の対数は和（クラスについて）",
        "reason.log-of-product-both": "積の対数は和、符号と 1/N は外へ",
        "reason.likelihood-all-expanded": "尤度を書き下す",
        "reason.double-sum-is-total": "(6.1) に (6.2) を入れたもの（第5回）",
        "reason.mean-is-6.3": "(6.3)（第5回）",
    },
    "en": {
        "equation.4.1": "log L",
        "title.likelihood": "Part 3: from the likelihood to the cross-entropy",
        "likelihood.lead": (
            "This page rebuilds chapter 4, found in ${source}. For a single trial — one throw of "
            "a die — we write the likelihood \\(L\\) and check that its logarithm takes the form (4.1). It continues "
            "the rigged die of [part 2](" + PREVIOUS_URL + "); part 2 itself is not rebuilt here, because its "
            "equations (3.1)–(3.6) are not available to us, and the one they lead to, (3.6), has the same form as "
            "(4.1), derived below. The last two sections are not in the article: they are our bridge to part 5. "
            "For N independent samples the likelihoods multiply, and minus the log of that product is exactly "
            "(6.1)–(6.3) of part 5. The lines \"the log of a product is the sum of the logs\" are proved symbolically by "
            "SymPy, with \\(K\\) and \\(N\\) left as letters and assuming \\(y_{k} > 0\\) and real \\(t_{k}\\) — they are "
            "not checked case by case for \\(K \\le 6\\)."
        ),
        "index.page.likelihood": "The likelihood of one trial and its logarithm (4.1); for N samples, −log of the product is part 5's loss.",
        "section.likelihood-one-trial": "The likelihood of one trial",
        "section.likelihood-one-trial.text": (
            "A trial with K possible outcomes is carried out once. \\(y_{k}\\) is the probability of outcome \\(k\\), and "
            "\\(t_{k}\\) the one-hot record of what happened: 1 for the outcome observed, 0 for the others. Because "
            "\\(y_{k}^{0} = 1\\), the product below picks out the probability of the observed outcome only: the "
            "likelihood of what was observed."
        ),
        "section.likelihood-log": "Taking the logarithm (4.1)",
        "section.likelihood-log.text": (
            "Products are awkward to work with, so we take the logarithm. A die has six faces, so \\(K = 6\\). "
            "The log of a product is the sum of the logs, and each exponent comes down in front of its log."
        ),
        "chain.log-likelihood-die": "Log-likelihood of a six-faced die",
        "section.likelihood-die": "One throw that shows face 1",
        "section.likelihood-die.text": (
            "Face 1 came up, so \\(t = (1, 0, 0, 0, 0, 0)\\). The likelihood is then the probability \\(y_{1}\\) of face 1 "
            "itself, and the log-likelihood is \\(\\log y_{1}\\). No numbers are put in for \\(y\\): it stays symbolic."
        ),
        "chain.die-likelihood": "Likelihood when face 1 comes up",
        "chain.die-log-likelihood": "Log-likelihood when face 1 comes up",
        "section.likelihood-any-k": "K possible outcomes",
        "section.likelihood-any-k.text": (
            "Nothing depends on there being six faces. Here \\(K\\) stays a letter, and the intermediate line is shown too. "
            "Part 4's (4.3) and part 5's (5.2) start from this identity."
        ),
        "chain.log-likelihood-any-k": "Log-likelihood of K outcomes",
        "section.likelihood-samples": "N independent samples (bridge to part 5)",
        "section.likelihood-samples.text": (
            "Now take N samples, independent of each other. The likelihood \\(L_{i}\\) of sample \\(i\\) is the same kind "
            "of product, with the sample index \\(i\\) on labels and predictions. Independent events all happen with the "
            "product of their probabilities, so the likelihood of all the data, \\(L_{all}\\), is the product of the "
            "\\(L_{i}\\). Minus its logarithm equals part 5's total \\(E_{sum}\\)."
        ),
        "chain.likelihood-total": "Minus the log of the N-sample likelihood",
        "section.likelihood-mean": "Divided by the number of samples: (6.3)",
        "section.likelihood-mean.text": (
            "Divided by \\(N\\), the same quantity is \\(E\\) of part 5's (6.3). Making \\(E\\) small is therefore the same "
            "as making the likelihood of all the data large."
        ),
        "chain.likelihood-mean": "Minus the log-likelihood per sample",
        "reason.likelihood-by-definition": "definition of L",
        "reason.likelihood-by-definition-k": "definition of L (K = ${classes})",
        "reason.log-of-product": "log of a product = sum of logs",
        "reason.log-of-power": "exponent moved in front of the log",
        "reason.log-of-product-and-power": "log of a product = sum of logs; exponents in front",
        "reason.product-written-out": "the product written out",
        "reason.die-face-up": "face 1 came up: t = (1, 0, 0, 0, 0, 0)",
        "reason.power-one-and-zero": "a first power is itself, a zeroth power is 1",
        "reason.by-4.1": "(4.1)",
        "reason.die-only-face-up": "only face 1's term remains",
        "reason.likelihood-all-by-definition": "independent: likelihoods multiply",
        "reason.sample-likelihood": "each sample's likelihood written out",
        "reason.log-of-product-samples": "log of a product = sum of logs (over samples)",
        "reason.log-of-product-classes": "log of a product = sum of logs (over classes)",
        "reason.log-of-product-both": "log of a product = sum of logs; sign and 1/N outside",
        "reason.likelihood-all-expanded": "the likelihoods written out",
        "reason.double-sum-is-total": "(6.1) with (6.2) put in (part 5)",
        "reason.mean-is-6.3": "(6.3) (part 5)",
    },
}

PART = Part(number=3, slug=SLUG, url=URL, build=derivation, prose=PROSE)
