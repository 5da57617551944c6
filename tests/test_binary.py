"""Part 6: binary cross-entropy (7.1), its one-variable form, and part 1's (2) as (1) with K = 2.

The formulas are compared with scikit-learn's `log_loss` on binary labels, for fixed cases and
for Hypothesis-generated ones; the expected values never come from the package.
"""
import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss

from derivations import model
from derivations.parts.binary import PART, PROSE
from derivations.evidence import ALL_VALUES, SYMBOLIC
from derivations.steps import StepFailure, check_chain
from derivations.symbols import N, batch_loss_name, binary_label, binary_loss_name, binary_prediction, i, t, y
from derivations.verify import verify
from chain_support import assert_prose_covers_the_page, chain_of, with_step

DIGITS = 30


@pytest.fixture(scope="module")
def part6():
    return verify(None, None, PART)


# --- the derivation ------------------------------------------------------------------------


def test_the_page_is_part_6_without_a_table():
    assert (PART.number, PART.slug, PART.url) == (6, "binary", "https://blog.qualiteg.com/cross-entropy-06")
    assert PART.data_file is None


def test_every_chain_holds_and_every_step_is_symbolic(part6):
    assert [c.chain.id for c in part6.checked] == ["bce-7-1", "bce-one-variable", "bce-mean", "bce-from-6-3"]
    assert {e.method for c in part6.checked for e in c.evidence} == {SYMBOLIC}
    assert all(e.holds for c in part6.checked for e in c.evidence)


def test_the_marks_name_k_2_where_the_chain_fixed_it_and_the_conditions_of_two_classes(part6):
    details = {c.chain.id: [e.detail for e in c.evidence] for c in part6.checked}
    assert details["bce-7-1"] == ["for K = 2", "for K = 2, y > 0", ALL_VALUES]
    assert details["bce-one-variable"][1] == "for t_1 + t_2 = 1, y_1 + y_2 = 1; solved for class 2"
    assert details["bce-mean"] == [ALL_VALUES, ALL_VALUES]
    assert details["bce-from-6-3"][0] == "for K = 2"


def test_7_1_is_minus_the_log_likelihood_of_two_classes(part6):
    chain = chain_of(part6, "bce-7-1")
    assert (chain.tag, chain.uses, chain.lhs) == ("7.1", ("4.3",), binary_loss_name)
    assert chain.steps[-1].expr == model.expanded_one_sample_loss(2)


def test_the_one_variable_form_ends_in_t_and_y(part6):
    assert chain_of(part6, "bce-one-variable").steps[-1].expr == model.binary_cross_entropy()


def test_the_chain_from_6_3_ends_at_part_1s_formula_2(part6):
    chain = chain_of(part6, "bce-from-6-3")
    assert (chain.lhs, chain.steps[0].expr) == (batch_loss_name, model.batch_loss(N, 2))
    assert chain.steps[-1].expr == model.binary_batch_loss()
    assert chain_of(part6, "bce-mean").steps[-1].expr == model.binary_batch_loss()


def test_the_names_t_and_y_are_defined_as_the_first_class(part6):
    pairs = [(d.lhs, d.rhs) for d in part6.derivation.definitions()]
    assert pairs == [(binary_label, t[1]), (binary_prediction, y[1]), (t[i], t[i, 1]), (y[i], y[i, 1])]


# --- a wrong step is caught ----------------------------------------------------------------


def test_swapping_the_complements_fails_naming_the_chain_and_step(part6):
    # (1 − t_1) with log y_1 and t_1 with log(1 − y_1): the classes crossed over.
    with sympy.evaluate(False):
        crossed = -sympy.Add(t[1] * sympy.log(1 - y[1]), (1 - t[1]) * sympy.log(y[1]))
    with pytest.raises(StepFailure) as failure:
        check_chain(with_step(chain_of(part6, "bce-one-variable"), 1, crossed))
    assert failure.value.position == 1
    assert "chain 'bce-one-variable', step 2" in str(failure.value)


def test_a_sign_error_inside_the_bracket_fails(part6):
    wrong = model.binary_batch_loss(label=t[i, 1], prediction=y[i, 1]).xreplace({1 - t[i, 1]: 1 + t[i, 1]})
    assert wrong != model.binary_batch_loss(label=t[i, 1], prediction=y[i, 1])
    with pytest.raises(StepFailure, match="chain 'bce-from-6-3', step 3"):
        check_chain(with_step(chain_of(part6, "bce-from-6-3"), 2, wrong))


def test_three_classes_are_not_the_binary_case(part6):
    with pytest.raises(StepFailure, match="chain 'bce-from-6-3', step 1"):
        check_chain(with_step(chain_of(part6, "bce-from-6-3"), 0, model.batch_loss(N, 3)))


def test_forgetting_the_mean_fails(part6):
    summed = -sympy.Sum(model.binary_terms(t[i], y[i]), (i, 1, N))
    with pytest.raises(StepFailure, match="chain 'bce-mean', step 2"):
        check_chain(with_step(chain_of(part6, "bce-mean"), 1, summed))


# --- scikit-learn on binary labels ----------------------------------------------------------


def _binary_value(labels: list, predictions: list) -> float:
    """Part 1's (2) from the package, written out, with exact rationals for t_i and y_i."""
    cells = {}
    for row, (label, prediction) in enumerate(zip(labels, predictions), 1):
        exact = Fraction(prediction)
        cells[t[row]] = sympy.Integer(label)
        cells[y[row]] = sympy.Rational(exact.numerator, exact.denominator)
    return float(sympy.N(model.binary_batch_loss(len(labels)).doit().xreplace(cells), DIGITS))


def _categorical_value(labels: list, predictions: list) -> float:
    """(6.3) with K = 2 and t_i1 = t_i, t_i2 = 1 − t_i, y_i1 = y_i, y_i2 = 1 − y_i."""
    cells = {}
    for row, (label, prediction) in enumerate(zip(labels, predictions), 1):
        exact = Fraction(prediction)
        first = sympy.Rational(exact.numerator, exact.denominator)
        cells.update({t[row, 1]: label, t[row, 2]: 1 - label, y[row, 1]: first, y[row, 2]: 1 - first})
    return float(sympy.N(model.batch_loss(len(labels), 2).doit().xreplace(cells), DIGITS))


def _sklearn(labels: list, predictions: list) -> float:
    # Binary log_loss reads a 1-D y_pred as the probability of the larger label, 1; our t = 1
    # and y are the first class's, so class 1 of ours is label 1 there.
    return log_loss(labels, predictions, labels=[0, 1])


CASES = [([1], [0.8]), ([0], [0.8]), ([1, 0], [0.9, 0.2]), ([1, 1, 0, 0], [0.6, 0.3, 0.4, 0.01])]


@pytest.mark.parametrize("labels, predictions", CASES)
def test_part_1s_formula_2_matches_sklearn_log_loss(labels, predictions):
    expected = _sklearn(labels, predictions)
    assert math.isclose(_binary_value(labels, predictions), expected, rel_tol=1e-12)
    assert math.isclose(_categorical_value(labels, predictions), expected, rel_tol=1e-12)


def test_one_sample_bce_is_minus_log_y_or_minus_log_one_minus_y():
    for label, prediction, expected in ((1, 0.8, -math.log(0.8)), (0, 0.8, -math.log(0.2))):
        value = model.binary_cross_entropy().xreplace({binary_label: label, binary_prediction: sympy.Rational(4, 5)})
        assert math.isclose(float(sympy.N(value, DIGITS)), expected, rel_tol=1e-12)
        assert math.isclose(float(sympy.N(value, DIGITS)), _sklearn([label], [prediction]), rel_tol=1e-12)


binary_samples = st.lists(
    st.tuples(st.sampled_from([0, 1]), st.floats(min_value=1e-6, max_value=1 - 1e-6, allow_nan=False)),
    min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(binary_samples)
def test_formula_2_matches_sklearn_on_generated_binary_labels(samples):
    labels, predictions = [s[0] for s in samples], [s[1] for s in samples]
    expected = _sklearn(labels, predictions)
    # y ≥ 1e-6 is far above sklearn's clipping (machine epsilon); float64 rounding of log
    # near 1 − 1e-6 bounds the agreement.
    assert math.isclose(_binary_value(labels, predictions), expected, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=25, deadline=None)
@given(binary_samples)
def test_formula_1_with_two_one_hot_classes_equals_formula_2_on_generated_labels(samples):
    labels, predictions = [s[0] for s in samples], [s[1] for s in samples]
    assert math.isclose(_categorical_value(labels, predictions), _binary_value(labels, predictions), rel_tol=1e-12)


# --- prose ---------------------------------------------------------------------------------


def test_the_prose_covers_every_key_of_the_page_in_both_languages(part6):
    assert_prose_covers_the_page(part6, PROSE)
