"""The mathematics of the stability page: the sigmoid, floating-point results as formulas, and
the provers its binary chains need.

Owns `Sigmoid` (σ(z) by name, evaluated as 1/(1 + e^−z)) and `BinaryLoss` (BCE of σ(z) by name),
the shown-only forms (`Largest` max_j z_ij, `Floating` a value as numpy printed it: ∞, NaN or
a number, `Approximately` ≈ a Float with all its digits, `Magnitude` |x| without a "|"), and
three provers: two functions of the real logit z are equal (their difference has derivative 0
and vanishes at z = 0), the same in the two cases z ≥ 0 and z < 0 (for max and |z|), and the
gradient of the binary batch mean by z_i, for symbolic N. Values only; the chains are
`stability`'s, the prose `stability_prose`'s.
"""
import sympy

from derivations import model, normal
from derivations.evidence import SYMBOLIC, Condition, Evidence, proved, refuted
from derivations.symbols import N, binary_label, i, t

from derivations.parts.logits_math import Fraction, z

logit = sympy.Symbol("z", real=True)  # one sample's logit (binary): apart from the IndexedBase z
shift = sympy.Symbol("m", real=True)  # the shift of the log-sum-exp; the page takes max_k z_k
_n = sympy.Symbol("n", integer=True, positive=True)  # the mean's own index, so that z_i is not captured
_w = sympy.Symbol("w", positive=True)  # e^z

TWO_CASES = Condition("z ≥ 0 and z < 0 separately", r"z \geq 0,\ z < 0")
IN_RANGE = Condition("1 ≤ i ≤ N", r"1 \leq i \leq N")
# The provers' notes; each has its words in the page's prose, under note.<the note>.
DERIVATIVE_ZERO = "zero derivative, equal at z = 0"
EACH_CASE = "each case: zero derivative, equal at z = 0"
SYMBOLIC_N = "symbolic N"


class Sigmoid(sympy.Expr):
    """σ(z) by name; evaluated (and so compared) as 1/(1 + e^−z)."""

    is_real = True

    def doit(self, **hints) -> sympy.Expr:
        return 1 / (1 + sympy.exp(-self.args[0].doit(**hints)))

    def _eval_evalf(self, prec: int) -> sympy.Expr:  # SymPy's Max and exp ask a number's value
        return self.doit()._eval_evalf(prec)

    def _latex(self, printer) -> str:
        return rf"\sigma\left({printer._print(self.args[0])}\right)"


class BinaryLoss(sympy.Expr):
    """BCE of a sigmoid's output, by name (a short left side); evaluated as part 6's
    −[t log σ(z) + (1 − t) log(1 − σ(z))]."""

    def doit(self, **hints) -> sympy.Expr:
        return model.binary_cross_entropy(binary_label, Sigmoid(self.args[0])).doit(**hints)

    def _latex(self, printer) -> str:
        return r"\mathrm{BCE}"


class Largest(sympy.Expr):
    """max_j of a cell: shown only (a definition)."""

    def _latex(self, printer) -> str:
        cell, index = (printer._print(arg) for arg in self.args)
        return rf"\max_{{{index}}} {cell}"


MEAN_BCE = sympy.Symbol(r"\overline{\mathrm{BCE}}")  # the batch mean of (N3), differentiated in (N4)


class Floating(sympy.AtomicExpr):
    """A floating-point result as numpy printed it ("inf", "nan", "1e-05", "40.0"); never
    compared, only shown."""

    def __new__(cls, text: str | sympy.Symbol) -> "Floating":
        return sympy.Expr.__new__(cls, sympy.Symbol(str(text)))

    @property
    def text(self) -> str:
        return self.args[0].name

    def _latex(self, printer) -> str:
        special = {"inf": r"\infty", "-inf": r"-\infty", "nan": r"\mathrm{NaN}"}
        if self.text in special:
            return special[self.text]
        mantissa, _, exponent = self.text.partition("e")
        return rf"{mantissa} \cdot 10^{{{int(exponent)}}}" if exponent else mantissa  # as SymPy prints a Float


class Approximately(sympy.Expr):
    """≈ a Float, every digit of its precision shown (trailing zeros too: they are digits)."""

    def _latex(self, printer) -> str:
        return r"\approx " + sympy.latex(self.args[0], full_prec=True)


class Magnitude(sympy.Expr):
    """|x| written with \\lvert and \\rvert: a "|" would end a Markdown table's cell."""

    is_real = True

    def doit(self, **hints) -> sympy.Expr:
        return sympy.Abs(self.args[0].doit(**hints))

    def _eval_evalf(self, prec: int) -> sympy.Expr:
        return self.doit()._eval_evalf(prec)

    def _latex(self, printer) -> str:
        return rf"\lvert {printer._print(self.args[0])} \rvert"


def _evaluated(expr: sympy.Basic) -> sympy.Expr:
    """A side with no Σ, evaluated (σ written out): doit, which only costs where a Σ is."""
    return expr.doit()


def _vanishes(difference: sympy.Expr, variable: sympy.Symbol) -> bool:
    """d(z) ≡ 0 for a difference of smooth functions of the real z: with z = log w (w > 0), d is a
    function of w whose derivative, brought to one fraction, has the numerator 0; and d(0) = 0."""
    slope = _slope(difference.xreplace({variable: sympy.log(_w)}), _w)
    # together + expand of the numerator: a third of the time sympy.cancel takes for the same answer.
    flat = sympy.expand(sympy.together(slope).as_numer_denom()[0])
    at_zero = sympy.expand(sympy.expand_log(difference.xreplace({variable: sympy.Integer(0)}), force=True))  # logs of positive numbers
    return flat == 0 and at_zero == 0


def _slope(expr: sympy.Expr, variable: sympy.Symbol) -> sympy.Expr:
    """d expr / d variable, term by term once expanded (which splits the logs of products)."""
    return sympy.Add(*[_term_slope(term, variable) for term in sympy.Add.make_args(sympy.expand(expr))])


def _term_slope(term: sympy.Expr, variable: sympy.Symbol) -> sympy.Expr:
    """c·u′/u for a term c·log u with c free of the variable (the chain rule, written here: SymPy's
    diff applies the same rule but asks its assumptions of every form on the way; measured, medians
    of 5 alternating runs: the (N3) chain checked in 0.031 s instead of 0.045 s); else SymPy's diff."""
    factors = sympy.Mul.make_args(term)
    logs = [f for f in factors if isinstance(f, sympy.log)]
    constant = sympy.Mul(*[f for f in factors if not isinstance(f, sympy.log)])
    if len(logs) != 1 or constant.has(variable):
        return sympy.diff(term, variable)
    inner = logs[0].args[0]
    return constant * sympy.diff(inner, variable) / inner


def same_function(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right for every real z and t: their difference is constant and zero at z = 0."""
    if not _vanishes(_evaluated(left) - _evaluated(right), logit):
        return refuted(SYMBOLIC, "the two sides differ")
    return proved(SYMBOLIC, (), DERIVATIVE_ZERO)


def in_two_cases(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right with max(z, 0) and |z| written out for z ≥ 0 and for z < 0, each case as
    `same_function` (an identity on all reals holds on each half)."""
    cases = ({sympy.Max(logit, 0): logit, sympy.Abs(logit): logit},
             {sympy.Max(logit, 0): sympy.Integer(0), sympy.Abs(logit): -logit})
    difference = _evaluated(left) - _evaluated(right)
    if not all(_vanishes(difference.xreplace(case), logit) for case in cases):
        return refuted(SYMBOLIC, "the two sides differ in a case")
    return proved(SYMBOLIC, (TWO_CASES,), EACH_CASE)


def binary_loss_in_logits(sample: sympy.Expr = i) -> sympy.Expr:
    """log(1 + e^{z_i}) − t_i z_i: one sample's loss in its logit."""
    return sympy.Add(sympy.log(1 + sympy.exp(z[sample])), -t[sample] * z[sample], evaluate=False)


def binary_mean_in_logits() -> sympy.Expr:
    return sympy.Sum(binary_loss_in_logits(), (i, 1, N)) / N


def binary_gradient(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """∂/∂z_i of the batch mean in logits equals right, for symbolic N: each term's derivative
    carries δ(i, n), and Σ_n δ(i, n) f(n) = f(i) for 1 ≤ i ≤ N (a stated condition)."""
    _, cell = left.args
    if cell != z[i]:
        return refuted(SYMBOLIC, "the binary gradient prover differentiates by z_i only")
    mean = normal.evaluated(binary_mean_in_logits().xreplace({i: _n}))
    derivative = _deltas_summed(sympy.expand(sympy.diff(mean, cell)))
    difference = (derivative - normal.evaluated(right)).xreplace({z[i]: sympy.log(_w)})
    if sympy.expand(sympy.together(difference).as_numer_denom()[0]) != 0:
        return refuted(SYMBOLIC, "the two sides differ")
    return proved(SYMBOLIC, (IN_RANGE,), SYMBOLIC_N)


def _deltas_summed(expr: sympy.Basic) -> sympy.Basic:
    """Σ_n δ(i, n) g(n) → g(i): the one term of the Σ whose index is i."""
    def picks(total: sympy.Basic) -> bool:
        return isinstance(total, sympy.Sum) and len(total.limits) == 1 and total.function.has(sympy.KroneckerDelta)

    def summed(total: sympy.Sum) -> sympy.Basic:
        index = total.limits[0][0]
        terms = sympy.Add.make_args(sympy.expand(total.function))
        picked = [term.xreplace({index: i}) for term in terms if term.has(sympy.KroneckerDelta(i, index))]
        rest = [term for term in terms if not term.has(sympy.KroneckerDelta(i, index))]
        return sympy.Add(*picked, *([sympy.Sum(sympy.Add(*rest), *total.limits)] if rest else []))

    return expr.replace(picks, summed)


def binary_gradient_form() -> Fraction:
    """(σ(z_i) − t_i) / N."""
    return Fraction(sympy.Add(Sigmoid(z[i]), -t[i], evaluate=False), N)

