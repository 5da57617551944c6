"""English prose of the site (our own wording; the article is cited by URL only)."""

TEXT = {
    # Page titles
    "title.index": "A verified derivation of the cross-entropy",
    "title.errata": "Errata",
    "title.verification": "Verification report",
    "title.data": "Data",
    # Overview page
    "index.lead": (
        "This site rebuilds, with SymPy, the derivation of the multi-class cross-entropy in part 5 of "
        "Qualiteg's Japanese blog series, ${source}. "
        "Every formula on these pages is printed from a SymPy expression; none is typed by hand."
    ),
    "index.how": (
        "SymPy checks every \"=\" of the derivation before it is shown. The article's table is substituted "
        "into the formulas to recompute its numbers, and the numbers the article prints are compared with "
        "ours. Where they disagree, the program searches for the cause and the errata page reports it."
    ),
    "index.counts": "What was verified",
    "index.count.definitions": "Formulas taken as definitions",
    "index.count.chains": "Derivation chains checked",
    "index.count.steps": "\"=\" steps checked",
    "index.count.claims": "Printed values compared with the article",
    "index.count.errata": "…of which disagree with the article",
    "index.pages": "Pages",
    "index.page.errata": "Where the article's numbers and symbols differ from ours, and the computed diagnosis.",
    "index.page.verification": "Every chain and step, with the method that verified it.",
    "index.page.data": "The worked example (4 samples, 3 classes) and where it comes from.",
    "index.conventions": (
        "Logarithms are natural, \\(\\log = \\log_e\\), which is what cross-entropy means in machine learning. "
        "Wherever the article's numbers are discussed, base-10 values \\(\\log_{10}\\) are shown beside ours."
    ),
    "index.marks": "How to read the marks",
    # Derivation page
    # Step reasons
    "reason.expand-k": "written out for K = ${classes}",
    "reason.one-hot-keeps-true-class": "one-hot: true class only",
    "reason.natural-log-value": "natural logarithm",
    # Verification methods
    "method.symbolic": "proved symbolically",
    "method.exact": "equal in exact rational arithmetic",
    "method.numeric": "computed to 50 digits, within ±½ of the last digit shown",
    "method.finite": "checked case by case",
    "method.symbolic.short": "symbolic",
    "method.exact.short": "exact",
    "method.numeric.short": "numeric",
    "method.finite.short": "cases",
    "detail.all-values": "for all values of the letters",
    "detail.under": "for ${conditions}",
    "detail.within": "off the value shown by ${gap}, within ${tolerance}, half a unit of its last digit",
    "note.solved-for-class-2": "solved for class 2",
    "note.symbolic-n-k": "N and K left symbolic",
    "note.symbolic-k": "K left symbolic",
    "note.exp-positive": "using \\(\\exp z > 0\\)",
    "note.by-l2": "using (L2)",
    "mark.all-values": "${method}",  # the legend says a plain mark holds for all values
    "mark.under": "${method}, for ${conditions}",
    "marks.title": "How to read the mark after each line",
    "marks.legend": (
        "Each line's reason is followed by a mark that says how it was verified (beside the formula on a wide screen, under it on a phone). \"symbolic\" alone means proved with "
        "every letter left a letter, for all its values. \"symbolic, for K = 3\" means proved with the letters named "
        "fixed to those values; \"for y > 0\" means the rules for the logarithm of a product, a quotient or a power "
        "were used, which hold because probabilities are positive; a one-hot label or labels that sum to 1 are "
        "named the same way. \"exact\" means equal in exact rational arithmetic once numbers are substituted, and "
        "\"numeric\" means a 50-digit value lies within the rounding of the digits shown. ⚠ marks a line the "
        "article's printed value disagrees with, and links to its erratum. The number at the left of a line is "
        "its step number, by which the findings and the errata name it."
    ),
    # Findings and errata
    "finding.next-to-step": "The article disagrees (step ${step})",
    "finding.next-to-chain": "The article disagrees",
    "finding.printed": "Printed in the article",
    "finding.ours": "Our value (natural log)",
    "finding.base10": "Our value with base-10 logs",
    "finding.see-errata": "erratum ${id}",
    "errata.lead": (
        "Every number and symbol printed in the article ${source} is compared with our computation. A printed "
        "number disagrees when it differs by more than half a unit of its last printed digit. For each "
        "disagreement the program combines candidate causes (log base, sign, another element of y, sum versus "
        "mean, a dot product left unsummed) and reports the explanations that reproduce every printed digit "
        "with the fewest departures from the definitions."
    ),
    "errata.numbers": "Numbers",
    "errata.names": "Symbols",
    "errata.agreeing": "Agreeing values",
    "errata.none-agreeing": "None of the printed numbers agrees with the computation.",
    "errata.col.id": "ID",
    "errata.location-translated": "${translated} (in the Japanese text: ${original})",
    "errata.col.where": "Where (in the article)",
    "errata.col.printed": "Printed",
    "errata.col.ours": "Ours (natural log)",
    "errata.col.base10": "Ours (base 10)",
    "errata.corrected-line": "Corrected line (replaces the article's line)",
    "errata.corrected-name": "Corrected symbol (replaces the printed one)",
    "errata.col.diagnosis": "Diagnosis",
    "errata.col.step": "Step",
    "errata.col.ours-name": "Correct symbol",
    "errata.col.severity": "Kind",
    "severity.error": "error",
    "severity.convention": "convention",
    "severity.nit": "nit",
    "errata.severities": (
        "Findings are told apart by their causes. An error is a wrong sign, element of y, subscript or symbol; "
        "a departure from convention is a value computed with base-10 logarithms where machine learning uses "
        "the natural log; a nit is notation that still reads right, such as a Σ without its lower limit. "
        "Findings with an error: ${error}; with a departure from convention: ${convention}; with a nit: ${nit} "
        "(one finding may have causes of several kinds)."
    ),
    "index.count.error": "Findings with an error",
    "index.count.convention": "Findings with a departure from convention",
    "index.count.nit": "Findings with a notation nit",
    "errata.no-diagnosis": "no combination of candidate causes reproduces it",
    "errata.and": "; ",  # joins the departures of one explanation
    "errata.or": "or",
    "diagnosis.base": "computed with base-${detail} logarithms",
    "diagnosis.sign": "the leading minus sign is dropped",
    "diagnosis.element": "uses \\(${detail}\\), not the true class",
    "diagnosis.elementwise": "the dot product is not summed: a vector of components is left",
    "diagnosis.sum-for-mean": "a sum where the mean is meant",
    "diagnosis.mean-for-sum": "a mean where the sum is meant",
    "diagnosis.name": "printed \\(${printed}\\) where \\(${ours}\\) is meant",
    "diagnosis.name-meaning": " (\\(${printed}\\) is the symbol of ${meaning})",
    "meaning.sample": "the loss of sample ${sample}",
    "meaning.label": "the label",
    "meaning.prediction": "the prediction",
    "meaning.total": "the total",
    "to-step": "step ${step}",
    "to-chain": "to the derivation",
    "finding.to-line": "to step ${step}",
    # Verification page
    "verification.lead": (
        "Every chain of the derivation and the verification of each of its steps. If any step failed, no page "
        "would be generated and the build would stop."
    ),
    "verification.col.step": "Step",
    "verification.col.relation": "Relation",
    "verification.col.reason": "Reason",
    "verification.col.method": "Method",
    "verification.col.detail": "Detail",
    "verification.col.holds": "Result",
    "verification.holds": "holds",
    "verification.definitions": "Definitions (not checked)",
    "verification.definitions.text": "These formulas are where the derivation starts; they are definitions, not \"=\" steps to check.",
    # Data page
    "data.lead": (
        "The article's worked example. Its tables are images, so each sample's \\(t\\) and \\(y\\) were read off the "
        "article's expansions of \\(E_{1}\\) … \\(E_{4}\\). Values are kept as the printed strings and handled as exact rationals."
    ),
    "data.source": "Source",
    "data.settings": "Settings",
    "data.file": "Data file",
    "data.col.sample": "Sample i",
    "data.col.true-class": "True class",
    "data.labels": "Label t",
    "data.classes": "Classes",
    "list.separator": ", ",
    "colon": ": ",  # between a label and its value
    "sentence.separator": " ",
    # The article's classes, translated; the data files keep the article's words.
    "class.イヌ": "Dog", "class.キツネ": "Fox", "class.オオカミ": "Wolf",
    "example.col.sample": "Sample",
    "example.col.true-class": "True class",
    "example.col.class": "${symbol} ${name}",
    "example.true-mark": "●",  # beside a true class's cells, with bold type: not colour alone
    "data.predictions": "Prediction y",
    "data.rules": (
        "Checked on loading: every y lies in (0, 1]; each row of y sums to 1 (within the rounding of its printed "
        "digits); each row of t is one-hot, or a distribution (a soft label: decimals, none negative, summing to "
        "exactly 1), shown with no true class (—); rows and columns agree in number."
    ),
    "generated": "This page is generated by `${command}`. Do not edit it by hand.",
}
TEXT.update({
    "figure.curve": "the curve −log y",
    "figure.ours": "loss of each sample (natural log)",
    "figure.printed": "printed in the article",
    "figure.x-axis": "predicted probability of the true class, y",
    "figure.y-axis": "loss",
    "figure.mean": "mean",
    "figure.bars-title": "Loss of each sample and their mean",
})
TEXT.update({
    "index.arc": "The whole arc",
    "index.arc.text": (
        "Which equation of the series is derived from which. The diagram and the list are generated from what "
        "each derivation module declares; an arrow means \"derived from\"."
    ),
    "index.arc.from": "Derived from ${sources}.",
    "index.arc.start": "A starting point.",
    "figure.arc.part": "part ${part}",
    "figure.arc.beyond": "beyond the series",  # the caption of a box past the series
    "figure.arc.alt": "diagram of which equation of the series is derived from which",
})
TEXT.update({  # `check --claims FILE`: an author's own claims file, judged line by line
    "claims-check.unreviewed": "unreviewed",
    "claims-check.expected": "expected ${expect}",
    # A tally, so that no count needs a plural ("1 errata" read wrong).
    "claims-check.summary": "${file}: claims judged ${claims}: agree ${agree}, erratum ${errata}; not as expected ${unexpected}",
})
TEXT.update({
    "errata.formulas": "The series' formulas",
    "errata.formulas.text": (
        "Each formula printed in the series is read into SymPy and compared with the derived one, member by member "
        "of its \"=\" chain. Where they differ, the program searches candidate slips (a sign, the range of a sum, "
        "how a subscript is read) and reports the smallest combination that makes them agree."
    ),
    "errata.formulas.agreeing": "Printed formulas that agree with the derivation",
    "errata.corrected-formula": "Corrected formula (as derived)",
    "errata.col.method": "How it was checked",
    "formula.method.symbolic": "by a symbolic proof",
    "formula.method.sampled": "in exact arithmetic on random rational tables (agreement shown for those sizes only)",
    "formula.lower-limits-missing": "The lower limits of the sums are missing (\\(${assumed}\\) assumed).",
    "formula.minus-sign-missing": "\\(${printed}\\) lacks the minus sign: it is the negative of the derived formula.",
    "formula.minus-sign-extra": "\\(${printed}\\) has a minus sign too many: it is the negative of the derived formula.",
    "formula.upper-limit-differs": "The sum over \\(${index}\\) runs up to \\(${printed_limit}\\); the derivation has \\(${derived_limit}\\).",
    "formula.lower-limit-differs": "The sum over \\(${index}\\) starts at \\(${printed_limit}\\); the derivation has \\(${derived_limit}\\).",
    "formula.subscript-meaning": "\\(${symbols}\\) mean something other than in part 5; read as \\(${reading}\\), the formula agrees.",
    "formula.index-missing": "\\(${symbols}\\) lack an index; read as \\(${reading}\\), the formula agrees.",
    "formula.index-extra": "\\(${symbols}\\) carry an index too many; read as \\(${reading}\\), the formula agrees.",
    "formula.subscripts-swapped": "The subscripts of \\(${symbols}\\) are swapped; read as \\(${reading}\\), the formula agrees.",
    "formula.mean-factor-missing": "\\(${printed}\\) lacks the mean's factor \\(\\frac{1}{N}\\): it is N times the derived formula.",
    "formula.mean-factor-extra": "\\(${printed}\\) has a factor \\(\\frac{1}{N}\\) too many: it is the derived formula divided by N.",
    "formula.name-differs": "\\(${name}\\) is printed where \\(${derived_name}\\) is meant.",
    "formula.undefined-name": "\\(${names}\\) is not defined in the derivation.",
    "formula.differs": "\\(${printed}\\) differs from the derived formula, and no single change explains it.",
    "article.part": "part ${part} of the series",
})
TEXT.update({"index.count.formulas": "Formulas printed in the series, compared with the derivation", "index.count.formula-errata": "…of which differ from the derivation"})
TEXT.update({
    "title.claims-file": "Checking your own numbers: the claims file",
    "index.page.claims-file": "`check --claims`, which judges your own article's numbers the same way, and its file format.",
    "title.adding": "How to add a derivation",
    "nav.home": "Overview",
    "nav.series": "The series",
    "nav.beyond": "Beyond the series",
    "nav.not-rebuilt": "Part ${part} (the article; not rebuilt)",
    "nav.tools": "Verification and tools",
    "index.page.adding": "Adding a derivation as one module, with a tiny example.",
})
