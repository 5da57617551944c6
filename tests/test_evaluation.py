"""A loss under a convention, in exact, float64 and float32 arithmetic: zeros, the declared
preparations of y, and the float formats, each checked against math, fractions or numpy."""
import math
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy
import pytest
import sympy

from derivations.arithmetic import EXACT, FLOAT32, FLOAT64
from derivations.diagnosis import Convention
from derivations.evaluation import evaluate, prepared_row
from derivations.expressions import parse
from derivations.quantity import Formula, MeanLoss, SampleLoss, TotalLoss
from derivations.table import Table

# The textbook example (t one-hot at class 3, zeros in y where t = 0) and a plain second row.
TEXTBOOK_Y = ("0.1", "0.05", "0.6", "0.0", "0.05", "0.1", "0.0", "0.1", "0.0", "0.0")
TEXTBOOK = Table(tuple(str(n) for n in range(10)), ((0, 0, 1, 0, 0, 0, 0, 0, 0, 0),), (TEXTBOOK_Y,))
ROWS = Table(("a", "b", "c"), ((1, 0, 0), ("0.5", "0.5", "0")),
             (("0.7", "0.2", "0.1"), ("0.25", "0.5", "0.25")))


def test_a_zero_prediction_where_the_label_is_0_adds_nothing_to_the_loss():
    (value,) = evaluate(SampleLoss(1), TEXTBOOK, Convention())
    assert abs(value - (-math.log(0.6))) < 1e-15


def test_a_zero_prediction_where_the_label_is_positive_makes_the_loss_infinite():
    table = Table(("a", "b"), ((0, 1),), (("1", "0"),))
    assert evaluate(SampleLoss(1), table, Convention()) == (sympy.oo,)
    assert evaluate(MeanLoss(), table, Convention()) == (sympy.oo,)
    assert evaluate(SampleLoss(1), table, Convention(), FLOAT64) == (math.inf,)
    assert evaluate(SampleLoss(1), table, Convention(), FLOAT32) == (numpy.float32(numpy.inf),)


def test_dropping_the_sign_of_an_infinite_loss_gives_minus_infinity():
    table = Table(("a", "b"), ((0, 1),), (("1", "0"),))
    assert evaluate(SampleLoss(1), table, Convention(negated=False)) == (-sympy.oo,)


def test_epsilon_is_added_to_every_prediction_inside_the_log():
    (value,) = evaluate(SampleLoss(1), TEXTBOOK, Convention(epsilon=sympy.Rational(1, 10**7)))
    expected = -sympy.log(sympy.Rational(6, 10) + sympy.Rational(1, 10**7))
    assert abs(value - expected) < sympy.Rational(1, 10**50)


def test_the_textbook_code_with_epsilon_in_float64_gives_what_numpy_gives():
    t = numpy.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=numpy.float64)
    y = numpy.array([float(v) for v in TEXTBOOK_Y])
    numpy_value = -numpy.sum(t * numpy.log(y + 1e-7))
    (value,) = evaluate(SampleLoss(1), TEXTBOOK, Convention(epsilon=sympy.Rational(1, 10**7)), FLOAT64)
    assert value == numpy_value


def test_clipping_raises_zeros_to_epsilon_and_lowers_ones_to_one_minus_epsilon():
    table = Table(("a", "b"), ((0, 1),), (("1", "0"),))
    clip = Convention(clip=sympy.Rational(1, 10**7))
    assert prepared_row(1, table, clip, EXACT) == (1 - sympy.Rational(1, 10**7), sympy.Rational(1, 10**7))
    (value,) = evaluate(SampleLoss(1), table, clip)
    assert abs(value - 7 * math.log(10)) < 1e-12  # -log(1e-7)


def test_renormalizing_divides_each_row_by_its_sum_before_the_log():
    table = Table(("a", "b"), ((1, 0),), (("0.6", "0.6"),))
    (value,) = evaluate(SampleLoss(1), table, Convention(renormalized=True))
    assert abs(value - math.log(2)) < 1e-15


def test_keras_order_is_renormalize_then_clip_in_float32():
    table = Table(("a", "b", "c"), ((0, 1, 0),), (("0.5", "0", "0.5"),))
    keras = Convention(renormalized=True, clip=sympy.Rational(1, 10**7))
    y = numpy.array([0.5, 0.0, 0.5], dtype=numpy.float32)
    eps = numpy.float32(1e-7)
    y = numpy.clip(y / numpy.sum(y), eps, numpy.float32(1) - eps)
    (value,) = evaluate(SampleLoss(1), table, keras, FLOAT32)
    assert value == -numpy.log(y[1]) and value.dtype == numpy.float32


def test_a_soft_row_is_weighted_by_its_labels_in_exact_arithmetic():
    (value,) = evaluate(SampleLoss(2), ROWS, Convention())
    expected = -(0.5 * math.log(0.25) + 0.5 * math.log(0.5))
    assert abs(value - expected) < 1e-15


def test_float64_sums_the_samples_left_to_right_and_divides_by_n():
    ours = evaluate(MeanLoss(), ROWS, Convention(), FLOAT64)
    first = -(1.0 * math.log(0.7))
    second = -(0.5 * math.log(0.25) + 0.5 * math.log(0.5))
    assert ours == ((0.0 + first + second) / 2,)
    assert evaluate(TotalLoss(), ROWS, Convention(), FLOAT64) == (0.0 + first + second,)


def test_float32_values_are_numpy_float32_results():
    (value,) = evaluate(SampleLoss(1), ROWS, Convention(), FLOAT32)
    assert value == -(numpy.float32(1) * numpy.log(numpy.float32(0.7)))
    assert value.dtype == numpy.float32


def test_exact_values_are_the_rational_logs_to_sixty_digits():
    (value,) = evaluate(SampleLoss(1), ROWS, Convention(base="2"))
    expected = -sympy.log(sympy.Rational(Fraction(7, 10).numerator, 10)) / sympy.log(2)
    assert abs(value - expected) < sympy.Rational(1, 10**55)


@pytest.mark.parametrize("arithmetic", [FLOAT64, FLOAT32])
def test_a_float_prediction_is_the_nearest_float_to_the_printed_decimal(arithmetic):
    (row,) = [prepared_row(1, ROWS, Convention(), arithmetic)]
    assert [float(v) for v in row] == [float(numpy.float32(x)) if arithmetic is FLOAT32 else x
                                       for x in (0.7, 0.2, 0.1)]


def test_the_checker_starts_without_importing_numpy_which_only_float32_needs():
    import subprocess
    import sys

    from derivations.files import ROOT

    script = "import sys, derivations.cli; print('numpy' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"


SMOOTHED = Table(("a", "b", "c"), ((0, 1, 0), (1, 0, 0)), (("0.2", "0.7", "0.1"), ("0.5", "0.25", "0.25")))


def test_label_smoothing_gives_pytorchs_loss_per_sample_and_as_the_mean(torch):
    functional = torch.nn.functional
    logits = torch.log(torch.tensor([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]], dtype=torch.float64))
    target = torch.tensor([1, 0])
    expected = functional.cross_entropy(logits, target, label_smoothing=0.1, reduction="none").tolist()
    smoothing = Convention(smoothing=sympy.Rational(1, 10))
    for sample, value in enumerate(expected, 1):
        assert float(evaluate(SampleLoss(sample), SMOOTHED, smoothing)[0]) == pytest.approx(value, rel=1e-14)
    mean = functional.cross_entropy(logits, target, label_smoothing=0.1).item()
    assert float(evaluate(MeanLoss(), SMOOTHED, smoothing)[0]) == pytest.approx(mean, rel=1e-14)


def test_label_smoothing_reads_the_t_of_a_formula_as_smoothed_labels_too():
    from derivations import quantity

    formula = quantity.read("-(t[1,1]*log(y[1,1]) + t[1,2]*log(y[1,2]) + t[1,3]*log(y[1,3]))", formulas=True)
    by_hand = -sum(label * math.log(p) for label, p in zip((1 / 30, 28 / 30, 1 / 30), (0.2, 0.7, 0.1)))
    (value,) = evaluate(formula, SMOOTHED, Convention(smoothing=sympy.Rational(1, 10)))
    assert float(value) == pytest.approx(by_hand, rel=1e-14)
    (plain,) = evaluate(formula, SMOOTHED, Convention())
    assert float(plain) == pytest.approx(-math.log(0.7), rel=1e-14)


def test_under_label_smoothing_a_zero_prediction_anywhere_makes_the_loss_infinite():
    table = Table(("a", "b"), ((1, 0),), (("1", "0"),))
    assert evaluate(SampleLoss(1), table, Convention()) == (0,)
    assert evaluate(SampleLoss(1), table, Convention(smoothing=sympy.Rational(1, 10))) == (sympy.oo,)


# --- a sample given by its logits -----------------------------------------------------------------

LOGITS = ("2.7", "2.3", "-1.1", "0.0")
FROM_LOGITS = Table(("a", "b", "c", "d"), ((1, 0, 0, 0), (0, 1, 0, 0)), ((), ("0.1", "0.6", "0.2", "0.1")),
                    (LOGITS, ()))


def _log_softmax(logits: tuple, k: int) -> float:
    """log softmax_k by math: z_k − log Σ_j exp z_j."""
    return float(logits[k]) - math.log(sum(math.exp(float(z)) for z in logits))


def test_the_loss_of_a_sample_given_by_logits_is_minus_its_log_softmax():
    (value,) = evaluate(SampleLoss(1), FROM_LOGITS, Convention())
    assert abs(value - (-_log_softmax(LOGITS, 0))) < 1e-15


def test_a_mean_reads_logits_for_one_sample_and_printed_predictions_for_the_other():
    (value,) = evaluate(MeanLoss(), FROM_LOGITS, Convention())
    assert abs(value - (-_log_softmax(LOGITS, 0) - math.log(0.6)) / 2) < 1e-15


def test_the_softmax_rounded_to_two_places_gives_the_loss_of_its_printed_value():
    (value,) = evaluate(SampleLoss(1), FROM_LOGITS, Convention(softmax_places=2))
    assert round(math.exp(_log_softmax(LOGITS, 0)), 2) == 0.57
    assert abs(value - (-math.log(0.57))) < 1e-15


def test_rounding_the_softmax_leaves_printed_predictions_as_printed():
    (value,) = evaluate(SampleLoss(2), FROM_LOGITS, Convention(softmax_places=1))
    assert abs(value - (-math.log(0.6))) < 1e-15


def test_a_sample_given_by_logits_in_float32_is_numpys_correctly_rounded_softmax():
    softmax = numpy.exp(numpy.array([float(z) for z in LOGITS]))
    expected = -numpy.log(numpy.float32(softmax[0] / softmax.sum()))
    (value,) = evaluate(SampleLoss(1), FROM_LOGITS, Convention(), FLOAT32)
    assert value == expected and value.dtype == numpy.float32


# --- a formula in a float format: computed in the order written -----------------------------------

LOG_SUM = "-(log(y[1,1]) + log(y[1,2]) + log(y[1,3]))"


def _rows() -> list:
    return [(f"0.{a:02d}", f"0.{b:02d}", f"0.{100 - a - b:02d}") for a in range(1, 50) for b in range(1, 50)]


def _exact_then_rounded(row: tuple) -> float:
    """−Σ log y exactly (decimal, 60 digits), rounded once to float64."""
    with localcontext() as context:
        context.prec = 60
        return float(-sum(Decimal(value).ln() for value in row))


def _left_to_right(row: tuple) -> float:
    """As Python computes the formula: each log rounded, then ((a + b) + c) each sum rounded."""
    a, b, c = (math.log(float(value)) for value in row)
    return -((a + b) + c)


def test_a_formula_in_float64_is_summed_left_to_right_as_python_does_not_rounded_from_the_exact_value():
    row = next(row for row in _rows() if _left_to_right(row) != _exact_then_rounded(row))
    table = Table(("a", "b", "c"), ((1, 0, 0),), (row,))
    (value,) = evaluate(Formula(LOG_SUM, parse(LOG_SUM)), table, Convention(), FLOAT64)
    assert value == _left_to_right(row) and repr(value) != repr(_exact_then_rounded(row))


def test_a_formula_in_float32_is_computed_in_numpy_float32_step_by_step():
    def numpy_float32(row: tuple):
        a, b, c = (numpy.log(numpy.float32(float(value))) for value in row)
        return -((a + b) + c)

    def rounded_once(row: tuple):
        return numpy.float32(_exact_then_rounded(row))

    row = next(row for row in _rows() if numpy_float32(row) != rounded_once(row))
    table = Table(("a", "b", "c"), ((1, 0, 0),), (row,))
    (value,) = evaluate(Formula(LOG_SUM, parse(LOG_SUM)), table, Convention(), FLOAT32)
    assert value == numpy_float32(row) and value.dtype == numpy.float32


def test_a_formula_with_no_float_value_is_nan_not_an_error():
    text = "log(y[1,1] - 0.5) / (y[1,2] - 0.3)"
    table = Table(("a", "b"), ((1, 0),), (("0.4", "0.6"),))
    (value,) = evaluate(Formula(text, parse(text)), table, Convention(), FLOAT64)
    assert math.isnan(value)


def test_a_single_binary_logit_written_beside_a_zero_gives_the_sigmoids_binary_cross_entropy():
    table = Table(("negative", "positive"), ((0, 1),), ((),), (("0", "1.5"),))
    (value,) = evaluate(SampleLoss(1, binary=True), table, Convention())
    assert abs(value - math.log(1 + math.exp(-1.5))) < 1e-15  # −log σ(1.5)
