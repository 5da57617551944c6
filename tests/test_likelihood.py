"""Part 3: the likelihood of one trial, its logarithm (4.1), the die, and N samples.

Every chain is checked by the package; the numbers it is compared with here come from Python's
`math`, SciPy (`xlogy`) and scikit-learn (`log_loss`), never from the package's own output.
"""
import math
import random
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import xlogy
from sklearn.metrics import log_loss

from derivations import model
from derivations.outline import Definition
from derivations.parts.likelihood import PART, PROSE
from derivations.evidence import EXACT, SYMBOLIC, fixed
from derivations.normal import POSITIVITY
from derivations.steps import StepFailure, check_chain
from derivations.symbols import (
    K, L, N, batch_loss_name, i, k, likelihood_name, t, total_likelihood_name, total_loss_name, y,
)
from derivations.verify import verify
from chain_support import assert_prose_covers_the_page, chain_of, with_step


@pytest.fixture(scope="module")
def part3():
    return verify(None, None, PART)


# --- the derivation ------------------------------------------------------------------------


def test_the_page_is_part_3_with_its_own_slug_and_the_articles_url():
    assert (PART.number, PART.slug, PART.url) == (3, "likelihood", "https://blog.qualiteg.com/cross-entropy-03")
    assert PART.data_file is None


def test_the_sections_go_from_one_trial_to_n_samples(part3):
    assert [s.id for s in part3.derivation.sections] == [
        "likelihood-one-trial", "likelihood-log", "likelihood-die", "likelihood-any-k", "likelihood-samples",
        "likelihood-mean"]


def test_every_chain_holds(part3):
    assert [c.chain.id for c in part3.checked] == [
        "log-likelihood-die", "die-likelihood", "die-log-likelihood", "log-likelihood-any-k", "likelihood-total",
        "likelihood-mean"]
    assert all(e.holds for c in part3.checked for e in c.evidence)


def test_the_likelihood_is_defined_as_a_product_of_powers(part3):
    definition = part3.derivation.definitions()[0]
    assert isinstance(definition, Definition)
    assert (definition.lhs, definition.rhs) == (likelihood_name, sympy.Product(y[k] ** t[k], (k, 1, K)))


def test_4_1_is_the_log_likelihood_of_six_faces(part3):
    chain = chain_of(part3, "log-likelihood-die")
    assert chain.tag == "4.1"
    assert chain.lhs == sympy.log(likelihood_name)
    assert chain.steps[-1].expr == sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, 6))


def test_log_of_a_product_is_proved_symbolically_under_y_positive_not_case_by_case(part3):
    # The log-of-product steps need no prover: the normal form proves them, saying y > 0.
    logs = [(s.reason, e) for c in part3.checked for s, e in zip(c.chain.steps, c.evidence) if "log-of" in s.reason]
    assert len(logs) == 6
    assert all(not s.prover for c in part3.checked for s in c.chain.steps)
    assert {(e.method, e.conditions) for _, e in logs} == {(SYMBOLIC, (POSITIVITY,))}
    (by_4_1, *_) = next(c for c in part3.checked if c.chain.id == "die-log-likelihood").evidence
    assert by_4_1.conditions == (fixed(K, 6), POSITIVITY) and by_4_1.detail == "for K = 6, y > 0"


def test_the_general_chain_leaves_k_a_letter(part3):
    chain = chain_of(part3, "log-likelihood-any-k")
    assert chain.context.assumptions == {}
    assert all(K in step.expr.free_symbols for step in chain.steps)


def test_the_die_throw_only_substitutes_the_labels(part3):
    chain = chain_of(part3, "die-log-likelihood")
    assert chain.context.table == {t[1]: 1, t[2]: 0, t[3]: 0, t[4]: 0, t[5]: 0, t[6]: 0}
    assert chain.steps[-1].expr == sympy.log(y[1])
    assert chain_of(part3, "die-likelihood").steps[-1].expr == y[1]
    checked = next(c for c in part3.checked if c.chain.id == "die-log-likelihood")
    assert [e.method for e in checked.evidence] == [SYMBOLIC, SYMBOLIC, EXACT, SYMBOLIC]


def test_minus_the_log_of_n_likelihoods_is_part_5s_total_and_mean(part3):
    assert chain_of(part3, "likelihood-total").lhs == -sympy.log(total_likelihood_name)
    assert chain_of(part3, "likelihood-total").steps[-1].expr == total_loss_name
    assert chain_of(part3, "likelihood-mean").steps[1].expr == model.batch_loss()
    assert chain_of(part3, "likelihood-mean").steps[-1].expr == batch_loss_name


# --- a wrong step is caught ----------------------------------------------------------------


def test_forgetting_the_exponent_fails_naming_the_chain_and_step(part3):
    wrong = with_step(chain_of(part3, "log-likelihood-die"), 1, sympy.Sum(sympy.log(y[k]), (k, 1, 6)))
    with pytest.raises(StepFailure) as failure:
        check_chain(wrong)
    assert failure.value.position == 1
    assert "chain 'log-likelihood-die', step 2" in str(failure.value)


def test_the_wrong_face_fails_the_die_throw(part3):
    with pytest.raises(StepFailure, match="chain 'die-log-likelihood', step 4"):
        check_chain(with_step(chain_of(part3, "die-log-likelihood"), 3, sympy.log(y[2])))


def test_a_product_over_samples_is_not_a_sum_of_likelihoods(part3):
    # log Π_i L_i is Σ_i log L_i, not log Σ_i L_i.
    wrong = -sympy.log(sympy.Sum(model.sample_likelihood(), (i, 1, N)))
    with pytest.raises(StepFailure, match="chain 'likelihood-total', step 3"):
        check_chain(with_step(chain_of(part3, "likelihood-total"), 2, wrong))


def test_forgetting_to_divide_by_n_fails_the_mean(part3):
    with pytest.raises(StepFailure, match="chain 'likelihood-mean', step 2"):
        check_chain(with_step(chain_of(part3, "likelihood-mean"), 1, model.total_loss_double_sum()))


# --- numbers from independent sources -------------------------------------------------------


def _likelihood_value(classes: int, labels: list, predictions: list) -> sympy.Expr:
    """Our likelihood written out with exact rationals: Π_k y_k^{t_k}."""
    cells = {t[m]: sympy.Integer(a) for m, a in enumerate(labels, 1)}
    cells.update({y[m]: sympy.Rational(p.numerator, p.denominator) for m, p in enumerate(predictions, 1)})
    return model.likelihood(classes).doit().xreplace(cells)


@st.composite
def categorical_tables(draw, counts: bool = False):
    """K in 2..6 classes; y positive rationals summing to 1; t one-hot, or (counts) small integers."""
    classes = draw(st.integers(2, 6))
    weights = draw(st.lists(st.integers(1, 1000), min_size=classes, max_size=classes))
    predictions = [Fraction(w, sum(weights)) for w in weights]
    if counts:
        labels = draw(st.lists(st.integers(0, 5), min_size=classes, max_size=classes))
    else:
        hot = draw(st.integers(0, classes - 1))
        labels = [int(m == hot) for m in range(classes)]
    return classes, labels, predictions


@settings(max_examples=30, deadline=None)
@given(categorical_tables())
def test_minus_log_of_the_likelihood_equals_5_2_on_random_one_hot_tables(table):
    classes, labels, predictions = table
    expected = -xlogy(np.array(labels, float), np.array([float(p) for p in predictions])).sum()  # (5.2), by SciPy
    ours = float(sympy.N(-sympy.log(_likelihood_value(classes, labels, predictions)), 30))
    assert math.isclose(ours, expected, rel_tol=1e-12, abs_tol=1e-15)


@settings(max_examples=30, deadline=None)
@given(categorical_tables(counts=True))
def test_log_likelihood_is_the_sum_of_t_log_y_also_for_counts(table):
    # Part 2's die is thrown many times: t may count how often each face came up.
    classes, labels, predictions = table
    expected = math.fsum(a * math.log(p) for a, p in zip(labels, predictions))
    ours = float(sympy.N(sympy.log(_likelihood_value(classes, labels, predictions)), 30))
    assert math.isclose(ours, expected, rel_tol=1e-12, abs_tol=1e-12)


def test_the_die_throw_gives_the_probability_of_face_1():
    rng = random.Random(3)
    weights = [rng.randint(1, 100) for _ in range(6)]
    predictions = [Fraction(w, sum(weights)) for w in weights]
    value = _likelihood_value(6, [1, 0, 0, 0, 0, 0], predictions)
    assert value == sympy.Rational(weights[0], sum(weights))
    assert math.isclose(float(sympy.N(sympy.log(value), 30)), math.log(weights[0] / sum(weights)), rel_tol=1e-12)


@pytest.mark.parametrize("samples, classes", [(1, 2), (3, 3), (4, 6)])
def test_minus_log_of_n_likelihoods_is_sklearns_summed_and_mean_log_loss(samples, classes):
    rng = random.Random(samples * 10 + classes)
    labels, predictions, cells = [], [], {}
    for row in range(1, samples + 1):
        hot = rng.randint(1, classes)
        weights = [rng.randint(1, 100) for _ in range(classes)]
        labels.append([int(m == hot) for m in range(1, classes + 1)])
        predictions.append([w / sum(weights) for w in weights])
        for m in range(1, classes + 1):
            cells[t[row, m]] = int(m == hot)
            cells[y[row, m]] = sympy.Rational(weights[m - 1], sum(weights))
    total = model.unfold_likelihoods(total_likelihood_name, samples, classes).doit().xreplace(cells)
    minus_log = float(sympy.N(-sympy.log(total), 30))
    assert math.isclose(minus_log, log_loss(labels, predictions, normalize=False), rel_tol=1e-12)
    assert math.isclose(minus_log / samples, log_loss(labels, predictions), rel_tol=1e-12)
    assert model.unfold_likelihoods(L[2], samples, classes) == model.sample_likelihood(2, classes)


# --- prose ---------------------------------------------------------------------------------


def test_the_prose_covers_every_key_of_the_page_in_both_languages(part3):
    assert_prose_covers_the_page(part3, PROSE)
