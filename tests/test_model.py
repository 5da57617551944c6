"""The model's formulas against implementations we did not write: SciPy and scikit-learn.

Each formula of `derivations.model` is written out (`doit`), the table substituted, and the
value compared with `-scipy.special.xlogy(t, y)` (t·log y with 0·log 0 = 0) and with
`sklearn.metrics.log_loss` (natural log; mean, or the sum with `normalize=False`).
"""
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import xlogy
from sklearn.metrics import log_loss

from derivations import model
from derivations.numbers import exact_form
from derivations.symbols import E, batch_loss_name, t, total_loss_name, true_class, y
from derivations.datafiles import read_part_data

REL = 1e-12
DIGITS = 30  # evaluation precision of the SymPy side; far beyond the 1e-12 comparison

# The article's table as written in the data file, read here by hand (not through the package)
# so that the oracles get their inputs independently of the parser.
ARTICLE_T = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]
ARTICLE_Y = [["0.33", "0.32", "0.35"], ["0.30", "0.36", "0.34"],
             ["0.37", "0.31", "0.32"], ["0.34", "0.33", "0.33"]]


@pytest.fixture(scope="module")
def article_table(article_text):
    return read_part_data(article_text, "data/part5.toml").table


def _oracle_arrays(labels, predictions):
    t_array = np.array(labels, dtype=float)
    y_array = np.array([[float(Fraction(v)) for v in row] for row in predictions], dtype=float)
    return t_array, y_array


def _value(expr, substitution) -> float:
    """expr written out, the cells substituted, printed numbers made exact, then evaluated."""
    written_out = expr.doit().xreplace(substitution)
    return float(sympy.N(exact_form(written_out), DIGITS))


def _rational_substitution(labels, predictions) -> dict:
    cells = {}
    for row, (label_row, prediction_row) in enumerate(zip(labels, predictions), 1):
        for column, (label, prediction) in enumerate(zip(label_row, prediction_row), 1):
            cells[t[row, column]] = sympy.Integer(label)
            cells[y[row, column]] = sympy.Rational(prediction.numerator, prediction.denominator)
    return cells


def _one_hot_value(labels, substitution) -> float:
    """one_hot_batch_loss with c_i set to each row's labelled class, then the cells."""
    samples = len(labels)
    classes = {true_class[row]: sympy.Integer(r.index(1) + 1) for row, r in enumerate(labels, 1)}
    written_out = model.one_hot_batch_loss(samples).doit().xreplace(classes)
    return float(sympy.N(exact_form(written_out.xreplace(substitution)), DIGITS))


# --- the article's table -------------------------------------------------------------------


def test_the_hand_copied_oracle_inputs_are_the_table_the_package_reads(article_table):
    assert [list(row) for row in article_table.labels] == ARTICLE_T
    assert [list(row) for row in article_table.predictions] == ARTICLE_Y


@pytest.mark.parametrize("sample", [1, 2, 3, 4])
def test_per_sample_loss_matches_scipy_xlogy_on_the_article_table(article_table, sample):
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    expected = -xlogy(t_array, y_array).sum(axis=1)[sample - 1]
    ours = _value(model.per_sample_loss(sample, 3), article_table.substitution())
    assert math.isclose(ours, expected, rel_tol=REL)


def test_per_sample_loss_of_sample_one_is_minus_ln_of_its_true_class_prediction(article_table):
    ours = _value(model.per_sample_loss(1, 3), article_table.substitution())
    assert math.isclose(ours, -math.log(0.33), rel_tol=REL)


def test_total_loss_double_sum_matches_the_sum_of_scipy_xlogy_on_the_article_table(article_table):
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    expected = -xlogy(t_array, y_array).sum()
    ours = _value(model.total_loss_double_sum(4, 3), article_table.substitution())
    assert math.isclose(ours, expected, rel_tol=REL)


def test_total_loss_double_sum_matches_sklearn_log_loss_unnormalised_on_the_article_table(article_table):
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    expected = log_loss(t_array, y_array, normalize=False)
    ours = _value(model.total_loss_double_sum(4, 3), article_table.substitution())
    assert math.isclose(ours, expected, rel_tol=REL)


def test_batch_loss_matches_sklearn_log_loss_on_the_article_table(article_table):
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    expected = log_loss(t_array, y_array)
    ours = _value(model.batch_loss(4, 3), article_table.substitution())
    assert math.isclose(ours, expected, rel_tol=REL)


def test_batch_loss_of_the_article_is_the_mean_of_minus_ln_of_the_true_class_predictions(article_table):
    by_hand = -(math.log(0.33) + math.log(0.36) + math.log(0.32) + math.log(0.33)) / 4
    ours = _value(model.batch_loss(4, 3), article_table.substitution())
    assert math.isclose(ours, by_hand, rel_tol=REL)


def test_one_hot_batch_loss_matches_sklearn_log_loss_on_the_article_table(article_table):
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    ours = _one_hot_value(ARTICLE_T, article_table.substitution())
    assert math.isclose(ours, log_loss(t_array, y_array), rel_tol=REL)


# --- generated tables ----------------------------------------------------------------------


@st.composite
def one_hot_tables(draw):
    """N in 1..6 samples over K in 2..6 classes: one-hot t, y rows of rationals summing to 1.

    Each y row is positive integers divided by their sum, so it sums to exactly 1, and with
    integers at most 1000 every y is at least 1/6000 > 1e-6 (far above sklearn's clipping).
    """
    samples = draw(st.integers(1, 6))
    classes = draw(st.integers(2, 6))
    labels, predictions = [], []
    for _ in range(samples):
        hot = draw(st.integers(1, classes))
        labels.append([1 if column == hot else 0 for column in range(1, classes + 1)])
        weights = draw(st.lists(st.integers(1, 1000), min_size=classes, max_size=classes))
        row = [Fraction(w, sum(weights)) for w in weights]
        assert sum(row) == 1 and min(row) >= Fraction(1, 10**6)
        predictions.append(row)
    return samples, classes, labels, predictions


GENERATED = settings(max_examples=30, deadline=None)


@GENERATED
@given(one_hot_tables())
def test_per_sample_loss_matches_scipy_xlogy_on_generated_tables(table):
    samples, classes, labels, predictions = table
    t_array, y_array = _oracle_arrays(labels, predictions)
    expected = -xlogy(t_array, y_array).sum(axis=1)
    substitution = _rational_substitution(labels, predictions)
    for sample in range(1, samples + 1):
        ours = _value(model.per_sample_loss(sample, classes), substitution)
        assert math.isclose(ours, expected[sample - 1], rel_tol=REL)


@GENERATED
@given(one_hot_tables())
def test_total_loss_double_sum_matches_sklearn_unnormalised_log_loss_on_generated_tables(table):
    samples, classes, labels, predictions = table
    t_array, y_array = _oracle_arrays(labels, predictions)
    ours = _value(model.total_loss_double_sum(samples, classes), _rational_substitution(labels, predictions))
    assert math.isclose(ours, -xlogy(t_array, y_array).sum(), rel_tol=REL)
    assert math.isclose(ours, log_loss(t_array, y_array, normalize=False), rel_tol=REL)


@GENERATED
@given(one_hot_tables())
def test_batch_loss_matches_sklearn_log_loss_on_generated_tables(table):
    samples, classes, labels, predictions = table
    t_array, y_array = _oracle_arrays(labels, predictions)
    ours = _value(model.batch_loss(samples, classes), _rational_substitution(labels, predictions))
    assert math.isclose(ours, log_loss(t_array, y_array), rel_tol=REL)


@GENERATED
@given(one_hot_tables())
def test_one_hot_batch_loss_equals_batch_loss_on_generated_one_hot_tables(table):
    samples, classes, labels, predictions = table
    substitution = _rational_substitution(labels, predictions)
    full = _value(model.batch_loss(samples, classes), substitution)
    reduced = _one_hot_value(labels, substitution)
    assert math.isclose(reduced, full, rel_tol=REL)
    t_array, y_array = _oracle_arrays(labels, predictions)
    assert math.isclose(reduced, log_loss(t_array, y_array), rel_tol=REL)


# --- the vector form and the names -----------------------------------------------------------


@pytest.mark.parametrize("classes", [2, 3, 4, 6])
@pytest.mark.parametrize("sample", [1, 2, 5])
def test_vector_sample_loss_written_out_equals_the_per_sample_loss(sample, classes):
    assert model.vector_sample_loss(sample, classes).doit() == model.per_sample_loss(sample, classes).doit()


def test_vector_sample_loss_is_minus_the_dot_product_written_by_hand():
    by_hand = -(t[1, 1] * sympy.log(y[1, 1]) + t[1, 2] * sympy.log(y[1, 2]) + t[1, 3] * sympy.log(y[1, 3]))
    assert model.vector_sample_loss(1, 3).doit() == by_hand


def test_vector_sample_loss_on_the_article_table_matches_scipy_xlogy(article_table):
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    ours = _value(model.vector_sample_loss(1, 3), article_table.substitution())
    assert math.isclose(ours, -xlogy(t_array[0], y_array[0]).sum(), rel_tol=REL)


SIZES = [(1, 2), (2, 3), (3, 2), (4, 3)]


@pytest.mark.parametrize("samples, classes", SIZES)
def test_unfold_names_turns_each_per_sample_name_into_definition_6_2(samples, classes):
    for sample in range(1, samples + 1):
        unfolded = model.unfold_names(E[sample], samples, classes)
        assert unfolded.doit() == model.per_sample_loss(sample, classes).doit()


@pytest.mark.parametrize("samples, classes", SIZES)
def test_unfold_names_turns_the_summed_loss_into_the_double_sum(samples, classes):
    unfolded = model.unfold_names(total_loss_name, samples, classes)
    assert unfolded.doit() == model.total_loss_double_sum(samples, classes).doit()


@pytest.mark.parametrize("samples, classes", SIZES)
def test_unfold_names_turns_the_batch_loss_name_into_definition_6_3(samples, classes):
    unfolded = model.unfold_names(batch_loss_name, samples, classes)
    assert unfolded.doit() == model.batch_loss(samples, classes).doit()


def test_unfold_names_of_the_batch_loss_written_by_hand_for_two_samples_and_two_classes():
    def term(row, column):
        return t[row, column] * sympy.log(y[row, column])

    by_hand = -(term(1, 1) + term(1, 2) + term(2, 1) + term(2, 2)) / 2
    assert sympy.expand(model.unfold_names(batch_loss_name, 2, 2).doit() - by_hand) == 0


def test_unfold_names_keeps_the_per_sample_name_apart_from_the_batch_name():
    # E (the batch mean) and E_i share a letter; unfolding one must not rewrite the other.
    mixed = model.unfold_names(E[1] + batch_loss_name, 2, 2).doit()
    assert mixed == model.per_sample_loss(1, 2).doit() + model.batch_loss(2, 2).doit()


def test_unfolded_names_evaluate_on_the_article_table_like_sklearn(article_table):
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    substitution = article_table.substitution()
    total = _value(model.unfold_names(total_loss_name, 4, 3), substitution)
    mean = _value(model.unfold_names(batch_loss_name, 4, 3), substitution)
    assert math.isclose(total, log_loss(t_array, y_array, normalize=False), rel_tol=REL)
    assert math.isclose(mean, log_loss(t_array, y_array), rel_tol=REL)


# --- parts 3, 4 and 6: the likelihood and the binary cross-entropy ---------------------------

from derivations.symbols import (  # noqa: E402 - the names these appended tests use
    L, binary_label, binary_loss_name, binary_prediction, i, k, likelihood_name, one_sample_loss_name,
    total_likelihood_name,
)


def _rationals(floats: list) -> list:
    return [sympy.Rational(Fraction(v).limit_denominator(10**6)) for v in floats]


@pytest.mark.parametrize("classes", [2, 3, 6])
def test_likelihood_is_the_probability_of_the_observed_outcome(classes):
    predictions = _rationals([1 / classes] * (classes - 1) + [1 - (classes - 1) / classes])
    for hot in range(1, classes + 1):
        cells = {t[m]: int(m == hot) for m in range(1, classes + 1)}
        cells.update({y[m]: p for m, p in enumerate(predictions, 1)})
        assert model.likelihood(classes).doit().xreplace(cells) == predictions[hot - 1]


@pytest.mark.parametrize("classes", [2, 3, 6])
def test_log_likelihood_and_its_forms_match_math_on_a_fixed_table(classes):
    labels = [2, 0, 1, 3, 0, 1][:classes]  # counts: the identity needs no one-hot labels
    predictions = [0.1, 0.2, 0.3, 0.15, 0.05, 0.2][:classes]
    cells = {t[m]: a for m, a in enumerate(labels, 1)}
    cells.update({y[m]: sympy.Rational(Fraction(p).limit_denominator(1000)) for m, p in enumerate(predictions, 1)})
    expected = math.fsum(a * math.log(p) for a, p in zip(labels, predictions))
    for form in (model.log_likelihood(classes), model.log_of_each_factor(classes), model.expanded_log_likelihood(classes),
                 sympy.log(model.likelihood(classes)), sympy.log(model.expanded_likelihood(classes))):
        value = float(sympy.N(form.doit().xreplace(cells).doit(), DIGITS))
        assert math.isclose(value, expected, rel_tol=REL), form


def test_the_expanded_forms_keep_the_numbers_given_for_the_labels():
    assert model.expanded_likelihood(2, [1, 0]).args == (sympy.Pow(y[1], 1, evaluate=False), sympy.Pow(y[2], 0, evaluate=False))
    assert model.expanded_log_likelihood(2, [1, 0]).doit() == sympy.log(y[1])


def test_one_sample_expansion_matches_scipy_xlogy():
    predictions = [Fraction(8, 10), Fraction(1, 10), Fraction(1, 10)]
    expr = model.expanded_one_sample_loss(3, [sympy.Rational(p.numerator, p.denominator) for p in predictions], [1, 0, 0])
    expected = -xlogy(np.array([1.0, 0.0, 0.0]), np.array([float(p) for p in predictions])).sum()
    assert math.isclose(float(sympy.N(expr, DIGITS)), expected, rel_tol=REL)


def test_unfold_one_sample_turns_e_and_l_into_5_2_and_the_product():
    assert model.unfold_one_sample(one_sample_loss_name) == model.one_sample_loss()
    assert model.unfold_one_sample(likelihood_name, 6) == model.likelihood(6)


def test_sample_likelihoods_multiply_to_the_total_written_by_hand():
    by_hand = y[1, 1] ** t[1, 1] * y[1, 2] ** t[1, 2] * y[2, 1] ** t[2, 1] * y[2, 2] ** t[2, 2]
    assert model.unfold_likelihoods(total_likelihood_name, 2, 2).doit() == by_hand
    assert model.total_likelihood_expanded(2, 2).doit() == by_hand
    assert model.unfold_likelihoods(L[1], 2, 2) == model.sample_likelihood(1, 2)


def test_the_log_of_each_sample_evaluates_like_sklearn_unnormalised():
    t_array, y_array = _oracle_arrays(ARTICLE_T, ARTICLE_Y)
    cells = _rational_substitution(ARTICLE_T, [[Fraction(v) for v in row] for row in ARTICLE_Y])
    value = float(sympy.N(model.log_of_each_sample(4, 3).doit().xreplace(cells).doit(), DIGITS))
    assert math.isclose(-value, log_loss(t_array, y_array, normalize=False), rel_tol=REL)


def test_binary_forms_match_sklearn_log_loss_on_binary_labels():
    labels, predictions = [1, 0, 1], [Fraction(9, 10), Fraction(3, 10), Fraction(1, 2)]
    expected = log_loss(labels, [float(p) for p in predictions], labels=[0, 1])
    cells = {}
    for row, (a, p) in enumerate(zip(labels, predictions), 1):
        first = sympy.Rational(p.numerator, p.denominator)
        cells.update({t[row]: a, y[row]: first, t[row, 1]: a, t[row, 2]: 1 - a, y[row, 1]: first, y[row, 2]: 1 - first})
    for form in (model.binary_batch_loss(3), model.batch_loss(3, 2), model.batch_loss_written_out(3, 2),
                 model.binary_batch_loss(3, t[i, 1], y[i, 1])):
        assert math.isclose(float(sympy.N(form.doit().xreplace(cells), DIGITS)), expected, rel_tol=REL), form


def test_the_mean_of_per_sample_bce_is_formula_2():
    unfolded = model.unfold_binary(model.binary_batch_mean(3)).doit()
    assert sympy.expand(unfolded - model.binary_batch_loss(3).doit()) == 0
    assert sympy.expand(model.binary_batch_mean_unfolded(3).doit() - model.binary_batch_loss(3).doit()) == 0


def test_unfold_binary_turns_bce_into_minus_log_l():
    assert model.unfold_binary(binary_loss_name) == -sympy.log(model.likelihood())
    assert likelihood_name not in model.unfold_binary(binary_loss_name).free_symbols


def test_first_class_names_rename_only_what_they_say():
    assert model.first_class_names(binary_label * binary_prediction) == t[1] * y[1]
    assert model.first_class_names(t[k]) == t[k]  # the IndexedBase t is a different symbol
    assert model.first_class_of_each_sample(t[i] + y[i] + t[i, 2]) == t[i, 1] + y[i, 1] + t[i, 2]


def test_sums_to_one_for_two_classes():
    assert model.sums_to_one(t).doit() == sympy.Eq(t[1] + t[2], 1)
    assert model.sums_to_one(y, i).doit() == sympy.Eq(y[i, 1] + y[i, 2], 1)
