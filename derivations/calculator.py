"""The in-page calculator: its arithmetic printed as JavaScript from the derivation's formulas.

Owns `JavaScriptPrinter` (SymPy's JavaScript code printer taught table cells and Σ), the
generated module docs/javascripts/cross-entropy.generated.js (E_i (6.2), E_sum (6.1) in its
double-sum form, E (6.3), each with the change of log base; the row sum Σ_k y_ik; the presets,
"correct" and the article's slips as the errata diagnose them), and the calculator's markup
on a page (its container, its labels, the scripts and stylesheet it alone loads). It must not
write a formula by hand (every function body is printed from a SymPy expression), read files,
or name a part: a part asks for the calculator through `Section.calculator`.
"""
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy
from sympy.printing.jscode import JavascriptCodePrinter

from derivations import model
from derivations.claims import ERRATUM
from derivations.diagnosis import BASES
from derivations.latex import latex
from derivations.numbers import SHOWN_PLACES
from derivations.prose import DEFAULT_LANGUAGE
from derivations.quantity import SampleLoss
from derivations.render import Edition
from derivations.symbols import K, N, i, k, t, y

SCRIPT = "javascripts/cross-entropy.generated.js"  # under docs/, written by the build
GLUE = "javascripts/calculator.js"  # hand-written: reads the fields, draws; no formula
STYLESHEET = "stylesheets/calculator.css"
SAMPLES, CLASSES = (1, 10), (2, 6)  # how many samples and classes the calculator allows
base = sympy.Symbol("base", positive=True)  # the logarithm's base, a parameter of every loss
TOLERANCE = sympy.Rational(1, 10**9)  # how far from 1 a row's sum may be and still count as 1
# The order of the parameters of every generated function (those its formula uses).
PARAMETERS = (t, y, i, k, N, K, base)


class JavaScriptPrinter(JavascriptCodePrinter):
    """SymPy's JavaScript printer, plus the two things the loss formulas need and it lacks: a
    table cell t_ik as t[i - 1][k - 1] (JavaScript arrays count from 0), and Σ as a call of the
    module's `sum(first, last, term)` with the term as a function of the index."""

    def _print_Indexed(self, expr: sympy.Indexed) -> str:
        # "i - 1" written out: building and printing an Add i − 1 for every cell was most of the
        # printing's time, and `check` prints the module on every run.
        cells = "".join(f"[{index - 1}]" if index.is_Integer else f"[{self._print(index)} - 1]"
                        for index in expr.indices)
        return f"{self._print(expr.base.label)}{cells}"

    def _print_Sum(self, expr: sympy.Sum) -> str:
        code = self._print(expr.function)
        for index, first, last in expr.limits:  # the first limit is the innermost Σ
            code = f"sum({self._print(first)}, {self._print(last)}, ({self._print(index)}) => {code})"
        return code


def in_base(expr: sympy.Expr) -> sympy.Expr:
    """Every log x as log x / log base: the change of base the calculator's switch makes."""
    return expr.xreplace({log: log / sympy.log(base) for log in expr.atoms(sympy.log)})


def zero_label_terms_vanish(expr: sympy.Expr) -> sympy.Expr:
    """Each term t_ik · … as 0 where t_ik = 0: the limit of t log y as y → 0 with t = 0, which
    floating point would make 0 · (−∞) = NaN."""
    def label(term: sympy.Mul) -> sympy.Indexed | None:
        return next((f for f in term.args if isinstance(f, sympy.Indexed) and f.base == t), None)
    terms = {term: label(term) for term in expr.atoms(sympy.Mul)}
    # Unevaluated: SymPy would try to decide t_ik = 0, in vain, at a fifth of the module's cost.
    return expr.xreplace({term: sympy.Piecewise((0, sympy.Eq(cell, 0, evaluate=False)), (term, True), evaluate=False)
                          for term, cell in terms.items() if cell is not None})


@dataclass(frozen=True)
class Formulas:
    """The expressions the module is printed from: by default the derivation's own."""

    sample: sympy.Expr = field(default_factory=lambda: model.per_sample_loss(i, K))  # (6.2)
    total: sympy.Expr = field(default_factory=lambda: model.total_loss_double_sum(N, K))  # (6.1) with (6.2)
    mean: sympy.Expr = field(default_factory=lambda: model.batch_loss(N, K))  # (6.3)
    row_sum: sympy.Expr = field(default_factory=lambda: model.sums_to_one(y, i, K).lhs)  # Σ_k y_ik

    def normalized(self) -> sympy.Expr:
        """y_ik divided by its row's sum: the row made to sum to 1 (the "normalize" button)."""
        return y[i, k] / self.row_sum

    def losses(self) -> dict:
        return {"sampleLoss": self.sample, "totalLoss": self.total, "meanLoss": self.mean}


def function_code(name: str, expr: sympy.Expr, printer: JavaScriptPrinter) -> str:
    """`name: function (…) { return …; }` with the parameters the expression uses, in order."""
    # An IndexedBase's label is among the free symbols (t_ik gives t, i and k); k is bound by Σ.
    used = {s for s in expr.free_symbols if s.is_Symbol} | {cell.base.label for cell in expr.atoms(sympy.Indexed)}
    known = {_symbol(p) for p in PARAMETERS}
    if used - known:
        raise ValueError(f"{name}: the formula uses {sorted(map(str, used - known))}, which no parameter gives")
    parameters = [printer._print(_symbol(p)) for p in PARAMETERS if _symbol(p) in used]
    body = " ".join(line.strip() for line in printer.doprint(expr).splitlines())
    return f"    {name}: function ({', '.join(parameters)}) {{ return {body}; }},"


def _symbol(parameter: sympy.Basic) -> sympy.Symbol:
    return parameter.label if isinstance(parameter, sympy.IndexedBase) else parameter


def loss_functions(formulas: Formulas, printer: JavaScriptPrinter) -> list:
    """The losses as the definitions state them, and with the minus sign dropped (the slip)."""
    def printed(expr: sympy.Expr) -> sympy.Expr:
        return zero_label_terms_vanish(in_base(expr))
    lines = [function_code(name, printed(expr), printer) for name, expr in formulas.losses().items()]
    lines.append("    signDropped: {")
    lines += ["  " + function_code(name, printed(-expr), printer) for name, expr in formulas.losses().items()]
    return lines + ["    },"]


@dataclass(frozen=True)
class Preset:
    """A table and a convention to load: predictions as printed, each sample's true class."""

    predictions: tuple  # rows of printed decimals
    true_classes: tuple  # 1-based, one per row
    base: str = "e"
    sign_dropped: bool = False

    def as_json(self) -> dict:
        return {"y": [list(row) for row in self.predictions], "trueClass": list(self.true_classes),
                "base": self.base, "signDropped": self.sign_dropped}


def correct_preset(verified) -> Preset:
    """The worked example's table, computed as the definitions say."""
    table = verified.table
    return Preset(table.predictions, tuple(table.true_class(n) for n in range(1, table.samples + 1)))


def article_preset(verified) -> Preset:
    """The worked example's table with the slips the errata diagnose for its samples' printed
    losses applied: one base and one sign for all (as the article computed), and each sample's
    element read in place of its true class."""
    table, preset = verified.table, correct_preset(verified)
    bases, signs, classes = set(), set(), list(preset.true_classes)
    for verdict in _sample_errata(verified):
        departures = verdict.diagnoses[0]  # the fewest departures that reproduce every digit
        kinds = {d.kind: d.detail for d in departures}
        bases.add(kinds.get("base", "e"))
        signs.add("sign" in kinds)
        sample = verdict.claim.quantity.sample
        if "element" in kinds:
            classes[sample - 1] = next(c for c in range(1, len(table.classes) + 1)
                                       if latex(y[sample, c]) == kinds["element"])
    if len(bases) > 1 or len(signs) > 1:
        raise ValueError(f"the errata diagnose different bases {sorted(bases)} or signs for different samples; "
                         "the calculator has one base and one sign for the whole table")
    return Preset(table.predictions, tuple(classes), bases.pop() if bases else "e", signs.pop() if signs else False)


def _sample_errata(verified) -> list:
    """The printed single values of a sample's loss that are errata, with a diagnosis made of
    departures the calculator can show (base, sign, element)."""
    shown = {"base", "sign", "element"}
    return [v for v in verified.verdicts if v.status == ERRATUM and isinstance(v.claim.quantity, SampleLoss)
            and len(v.claim.printed) == 1 and v.diagnoses and {d.kind for d in v.diagnoses[0]} <= shown]


def module_text(formulas: Formulas, presets: Mapping) -> str:
    """The generated module: `globalThis.crossEntropy`, frozen, for calculator.js and the tests."""
    printer = JavaScriptPrinter()
    bases = ", ".join(f'"{name}": {printer.doprint(sympy.E if name == "e" else sympy.Integer(name))}'
                      for name in BASES)
    settings = {"shownPlaces": SHOWN_PLACES, "samples": list(SAMPLES), "classes": list(CLASSES),
                "tolerance": float(TOLERANCE), "presets": {name: p.as_json() for name, p in presets.items()}}
    lines = ["// generated by `python -m derivations build` from the formulas of derivations/model.py",
             "// (derivations/calculator.py prints them): do not edit.",
             "(function () {", '  "use strict";',
             "  // Σ_{index = first}^{last} term(index)",
             "  function sum(first, last, term) { let total = 0; for (let index = first; index <= last; index++) "
             "total += term(index); return total; }",
             "  globalThis.crossEntropy = Object.freeze({",
             *loss_functions(formulas, printer),
             function_code("rowSum", formulas.row_sum, printer),
             function_code("normalized", formulas.normalized(), printer),
             f"    bases: {{{bases}}},",
             f"    settings: {json.dumps(settings, ensure_ascii=False, sort_keys=True)},",
             "  });", "})();"]
    return "\n".join(lines) + "\n"


def scripts(site) -> dict:
    """The generated module, keyed by its path under docs/: from the part whose page shows the
    calculator (none if no part does; an error if two do, as there is one module)."""
    showing = [v for v in site.parts if any(s.calculator for s in v.derivation.sections)]
    if len(showing) > 1:
        raise ValueError(f"parts {[v.part.number for v in showing]} all show the calculator; one may")
    if not showing:
        return {}
    verified = showing[0]
    presets = {"correct": correct_preset(verified), "article": article_preset(verified)}
    return {SCRIPT: module_text(Formulas(), presets)}


# The words calculator.js shows, by the prose key after "calculator." (the same in every language).
LABELS = ("caption", "sample", "class", "option", "true", "loss", "field.y", "field.true", "add-sample", "remove-sample",
          "add-class", "remove-class", "base", "base.e", "base.2", "base.10", "sign", "presets", "preset.correct",
          "preset.article", "preset.article.note", "total", "mean", "error.range", "error.sum", "error.zero",
          "normalize", "bars", "invalid", "table")


def markup(edition: Edition) -> str:
    """The calculator on its page: a container that says it needs JavaScript (calculator.js
    replaces the message), and the files it loads, which only that page links."""
    prose = edition.prose
    labels = {key: prose[f"calculator.{key}"] for key in LABELS}
    # A page is a folder (derivation/index.html); another language's pages are one deeper
    # (en/derivation/), and the site's static files are published once, at the root.
    up = "../" * (1 if edition.language == DEFAULT_LANGUAGE else 2)
    # "$" as an entity too: a placeholder's "${" must not look like math to anything reading the page.
    attribute = html.escape(json.dumps(labels, ensure_ascii=False, sort_keys=True), quote=True).replace("$", "&#36;")
    needs = html.escape(prose["calculator.needs-js"], quote=False)
    return "\n".join([f'<div class="xent-calculator" data-calculator data-labels="{attribute}">',
                      f'<p class="xent-calculator__needs-js">{needs}</p>', "</div>",
                      f'<link rel="stylesheet" href="{up}{STYLESHEET}">',
                      f'<script src="{up}{SCRIPT}"></script>', f'<script src="{up}{GLUE}"></script>'])

