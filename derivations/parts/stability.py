"""After the logits: numerical stability, and the binary losses from logits.

Owns the page that continues from (L1)/(L2) and part 6's (7.1): the naive softmax-then-log on
the logits z = (1000, 0, −1000) beside its exact value, in float64 and float32 (the float
results are `stability_floats`', computed with numpy and committed, so that `check` never
imports numpy); the log-sum-exp shifted by m (N1) and the log-softmax (N2), for symbolic K;
the exact losses of the example through the shift; the binary cross-entropy of σ(z) written in
the logit and in its stable form (N3), its gradient (σ(z_i) − t_i)/N (N4); and why
binary_cross_entropy clamps its logs. The sigmoid, the float values as formulas and the
provers are `stability_math`'s, the prose `stability_prose`'s. It builds values only.
"""
import functools

import sympy

from derivations import model
from derivations.evidence import EXACT, Evidence, proved, refuted
from derivations.numbers import shown
from derivations.outline import Committed, Definition, Derivation, Inputs, Listing, Part, Section
from derivations.steps import Chain, Context, Step, value_on_table
from derivations.symbols import K, binary_label, i, k, y

from derivations.parts import stability_floats as floats
from derivations.parts.logits_math import URL, Fraction, Gradient, by_logits, j, shown_softmax, unfold, z
from derivations.parts.stability_math import (MEAN_BCE, Approximately, BinaryLoss, Floating, Largest, Magnitude, Sigmoid,
                                              binary_gradient, binary_gradient_form, binary_mean_in_logits, in_two_cases,
                                              logit, same_function, shift)
from derivations.parts.stability_prose import PROSE

SLUG = "stability"
# Significant digits of the exact values shown beside the float ones: enough to tell log y_1 from 0,
# and, in the binary table, σ(40) from 1.
EXACT_DIGITS, BINARY_EXACT_DIGITS = 12, 20
EXACT_WORKING_DIGITS = 2000  # at most, while evaluating them
# The float columns first: on a phone they are what shows beside the formula.
FLOAT_HEADER = ("stability.col.quantity", "stability.col.float64", "stability.col.float32", "stability.col.exact")
# IEEE 754 binary64 and binary32: significand bits and largest exponent (the largest finite
# number is (2 − 2^(1−p)) · 2^emax).
FORMATS = {"float64": (53, 1023), "float32": (24, 127)}


def derivation(inputs: Inputs) -> Derivation:
    """The page; it has no data file. The float results are the committed ones while current."""
    committed = inputs.committed.get(floats.PATH, Committed())
    values = floats.values(committed)
    sections = (
        Section("stability-overflow", (_softmax_listing(values), _limits_listing(values))),
        Section("stability-shift", (Definition("stability-m", shift, Largest(z[i, j], j)), _shift_chain(),
                                    _log_softmax_chain())),
        Section("stability-example", tuple(_example_chain(true) for true in (1, len(floats.LOGITS)))),
        Section("stability-binary", (_binary_chain(),)),
        Section("stability-binary-gradient", (Definition("stability-bce-mean", MEAN_BCE, binary_mean_in_logits()),
                                              _binary_gradient_chain())),
        Section("stability-clamp", (_clamp_listing(values),)),
    )
    return Derivation(SLUG, URL, sections, {floats.PATH: floats.text(values, committed.code)})


# --- the float table ------------------------------------------------------------------------


def _exp(value: int) -> sympy.Expr:
    return sympy.exp(sympy.Integer(value), evaluate=False)


def _sum_of_exps(shift_by: int = 0) -> sympy.Expr:
    return sympy.Add(*[_exp(value - shift_by) for value in floats.LOGITS], evaluate=False)


# Remembered: the naive and the shifted row of each quantity have the same exact value, which
# costs SymPy a millisecond or two each (measured, medians of 5 alternating runs: the float table
# built in 0.008 s instead of 0.010 s).
@functools.cache
def _exact(expr: sympy.Expr, digits: int = EXACT_DIGITS) -> Approximately:
    """The exact value to `digits` digits; SymPy raises rather than return fewer (strict),
    raising its working precision as far as the cancellation in log(e^1000 + …) − 1000 needs."""
    return Approximately(sympy.N(expr, digits, maxn=EXACT_WORKING_DIGITS, strict=True))


def _row(label: sympy.Expr, exact: sympy.Expr, values: dict, name: str, digits: int = EXACT_DIGITS) -> tuple:
    return (label, *(Floating(values[precision][name]) for precision in floats.PRECISIONS), _exact(exact, digits))


def _softmax_listing(values: dict) -> Listing:
    """log Σ exp z and log softmax(z)_k (first and last class), naive and shifted by m = max z."""
    first, last, m = floats.LOGITS[0], floats.LOGITS[-1], max(floats.LOGITS)
    # Unevaluated, the exact values too: evaluating log(e^1000 + …) costs SymPy a tenth of a
    # second, evalf on the tree a few milliseconds. (evalf itself must not run under evaluate(False).)
    with sympy.evaluate(False):
        lse = sympy.log(_sum_of_exps())
        shifted = sympy.log(_sum_of_exps(m))
        labels = (lse, sympy.Add(m, shifted), sympy.log(Fraction(_exp(first), _sum_of_exps())),
                  sympy.Add(first, -m, -shifted), sympy.log(Fraction(_exp(last), _sum_of_exps())),
                  sympy.Add(last, -m, -shifted))
        exact = (lse, lse, first - lse, first - lse, last - lse, last - lse)
    names = ("naive-lse", "shifted-lse", "naive-log-first", "shifted-log-first", "naive-log-last", "shifted-log-last")
    rows = tuple(_row(label, value, values, name) for label, value, name in zip(labels, exact, names))
    return Listing("stability-softmax-floats", FLOAT_HEADER, rows)


def _limits_listing(values: dict) -> Listing:
    """The largest finite number (numpy), its exact log (SymPy), and the first integer n whose exp
    overflows (numpy): the integer just above that log."""
    largest = {name: (2 - sympy.Rational(2) ** (1 - bits)) * sympy.Integer(2) ** top for name, (bits, top) in FORMATS.items()}
    rows = (
        ("stability.row.largest", *(Floating(values[p]["largest"]) for p in floats.PRECISIONS)),
        ("stability.row.log-largest", *(_exact(sympy.log(largest[p])) for p in floats.PRECISIONS)),
        ("stability.row.first-overflow", *(Floating(values[p]["first-overflow"]) for p in floats.PRECISIONS)),
    )
    return Listing("stability-limits", ("stability.col.quantity", "stability.col.float64", "stability.col.float32"), rows)


def _clamp_listing(values: dict) -> Listing:
    """At z = BINARY_LOGIT, t = BINARY_LABEL = 0: σ(z), log(1 − σ(z)), the clamped and the stable loss."""
    if floats.BINARY_LABEL != 0:
        raise ValueError("the clamp table is written for the label 0")
    z0 = sympy.Integer(floats.BINARY_LOGIT)
    # The label is 0: of PyTorch's two clamped logs, only log(1 − σ(z)) remains, and of the
    # stable form's − t z nothing.
    clamp = sympy.Integer(floats.CLAMP)
    with sympy.evaluate(False):
        one_minus = sympy.log(sympy.Add(1, -Sigmoid(z0)))
        clamped = -sympy.Max(one_minus, clamp)
        stable = sympy.Add(sympy.Max(z0, 0), sympy.log(1 + sympy.exp(-Magnitude(z0))))
        sigma = 1 / (1 + sympy.exp(-z0))
        loss = -sympy.log(1 - sigma)  # with t = 0
    cells = ((Sigmoid(z0), sigma, "sigma"), (one_minus, sympy.log(1 - sigma), "log-one-minus-sigma"),
             (clamped, loss, "clamped-bce"), (stable, loss, "stable-bce"))
    rows = tuple(_row(label, exact, values, name, BINARY_EXACT_DIGITS) for label, exact, name in cells)
    return Listing("stability-clamp-floats", FLOAT_HEADER, rows)


# --- the chains -----------------------------------------------------------------------------


def _shifted_sum(index: sympy.Symbol = j) -> sympy.Expr:
    return sympy.Sum(sympy.exp(sympy.Add(z[i, index], -shift, evaluate=False)), (index, 1, K))


def _shift_chain() -> Chain:
    """(N1): log Σ_j e^{z_ij} = m + log Σ_j e^{z_ij − m}, for any real m and symbolic K."""
    with sympy.evaluate(False):
        steps = (
            Step(sympy.log(sympy.Sum(sympy.Mul(sympy.exp(shift), sympy.exp(sympy.Add(z[i, j], -shift))), (j, 1, K))),
                 "stability.add-and-subtract", prover=by_logits),
            Step(sympy.log(sympy.Mul(sympy.exp(shift), _shifted_sum())), "stability.factor-out", prover=by_logits),
            Step(sympy.Add(shift, sympy.log(_shifted_sum())), "stability.log-of-product", prover=by_logits),
        )
    lhs = sympy.log(sympy.Sum(sympy.exp(z[i, j]), (j, 1, K)))
    return Chain("stability-shift", "stability-shift", lhs, steps, Context(unfold=unfold), tag="N1", uses=("L2",))


def _log_softmax_chain() -> Chain:
    """(N2): log y_ik = z_ik − m − log Σ_j e^{z_ij − m}."""
    with sympy.evaluate(False):
        steps = (
            Step(sympy.log(shown_softmax()), "stability.by-L1", prover=by_logits),
            Step(sympy.Add(z[i, k], -sympy.log(sympy.Sum(sympy.exp(z[i, j]), (j, 1, K)))), "stability.log-quotient",
                 prover=by_logits),
            Step(sympy.Add(z[i, k], -shift, -sympy.log(_shifted_sum())), "stability.by-N1", prover=by_logits),
        )
    return Chain("stability-log-softmax", "stability-log-softmax", sympy.log(y[i, k]), steps, Context(unfold=unfold),
                 tag="N2", uses=("L1", "N1"))


def _same_exponential(left: sympy.Expr, right: sympy.Expr) -> Evidence:
    """left = right for two real numbers: e^left = e^right, written out (exp is one-to-one)."""
    if sympy.expand(sympy.exp(left.doit()) - sympy.exp(right.doit())) == 0:
        return proved(EXACT)
    return refuted(EXACT, "the two sides differ")


def _example_chain(true: int) -> Chain:
    """(L3) at the page's logits: log Σ_k e^{z_k} − z_c, exactly, through the shift by m."""
    cells = {z[1, n]: sympy.Integer(v) for n, v in enumerate(floats.LOGITS, 1)}
    classes, m, value = len(floats.LOGITS), max(floats.LOGITS), floats.LOGITS[true - 1]
    with sympy.evaluate(False):
        lhs = sympy.Add(sympy.log(sympy.Sum(sympy.exp(z[1, k]), (k, 1, classes))), -z[1, true])
        written = sympy.Add(sympy.log(_sum_of_exps()), -sympy.Integer(value))
        shifted = sympy.Add(sympy.Integer(m), sympy.log(_sum_of_exps(m)), -sympy.Integer(value))
    context = Context(unfold=unfold, table=cells)
    steps = [Step(written, "stability.logits-substituted"), Step(shifted, "stability.by-N1-at-max", prover=_same_exponential)]
    steps.append(Step(shown(value_on_table(shifted, context)), "stability.value", approximate=True))
    return Chain(f"stability-example-{true}", "stability-example", lhs, tuple(steps), context,
                 params={"true": true, "shift": m})


def _binary_chain() -> Chain:
    """(N3): part 6's BCE of σ(z), in the logit, and in its stable form."""
    e, minus_tz = sympy.exp(-logit, evaluate=False), -binary_label * logit
    with sympy.evaluate(False):
        steps = (
            Step(model.binary_cross_entropy(binary_label, Sigmoid(logit)), "stability.by-7.1", prover=same_function),
            Step(-sympy.Add(binary_label * sympy.log(Fraction(sympy.Integer(1), 1 + e)),
                            (1 - binary_label) * sympy.log(Fraction(e, 1 + e))), "stability.sigmoid", prover=same_function),
            Step(sympy.Add(binary_label * sympy.log(1 + e), (1 - binary_label) * sympy.Add(logit, sympy.log(1 + e))),
                 "stability.log-quotient", prover=by_logits),
            Step(sympy.Add(sympy.log(1 + e), logit, minus_tz), "stability.collect", prover=by_logits),
            Step(sympy.Add(sympy.log(1 + sympy.exp(logit)), minus_tz), "stability.into-the-log",
                 prover=same_function),
            Step(sympy.Add(sympy.Max(logit, 0), minus_tz, sympy.log(1 + sympy.exp(-sympy.Abs(logit)))),
                 "stability.stable-form", prover=in_two_cases),
        )
    return Chain("stability-binary", "stability-binary", BinaryLoss(logit), steps, tag="N3", uses=("7.1",))


def _binary_gradient_chain() -> Chain:
    """(N4): ∂/∂z_i of the batch mean of (N3) is (σ(z_i) − t_i)/N, for symbolic N."""
    steps = (Step(binary_gradient_form(), "stability.differentiate", prover=binary_gradient),)
    return Chain("stability-binary-gradient", "stability-binary-gradient", Gradient(MEAN_BCE, z[i]), steps,
                 tag="N4", uses=("N3",))


PART = Part(number=8, slug=SLUG, url=URL, build=derivation, prose=PROSE, past_the_series=True,
            computed=(floats.COMPUTED,))

