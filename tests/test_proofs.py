"""The provers: (6.2) from (5.2), and the one-hot reduction for symbolic N and K."""
import itertools
import random

import sympy

from derivations import model, proofs
from derivations.steps import SYMBOLIC
from derivations.symbols import K, N, i, k, t, true_class, y


def test_the_one_hot_reduction_is_proved_for_symbolic_n_and_k():
    evidence = proofs.one_hot_reduction(model.batch_loss(), model.one_hot_batch_loss())
    assert evidence.holds and evidence.method == SYMBOLIC


def test_the_one_hot_reduction_rejects_a_wrong_right_hand_side():
    wrong = -sympy.Sum(sympy.log(y[i, 1]), (i, 1, N)) / N  # always class 1, not c_i
    assert not proofs.one_hot_reduction(model.batch_loss(), wrong).holds
    assert not proofs.one_hot_reduction(model.batch_loss(), 2 * model.one_hot_batch_loss()).holds


def test_the_one_hot_reduction_holds_case_by_case_for_every_n_and_k_up_to_6():
    # An independent check with plain rationals: for each N, K ≤ 6 and a random choice of
    # true classes and predictions, the double sum with one-hot t equals the reduced form.
    rng = random.Random(20261127)
    for samples, classes in itertools.product(range(1, 7), range(1, 7)):
        chosen = [rng.randint(1, classes) for _ in range(samples)]
        cells = {y[a, b]: sympy.Rational(rng.randint(1, 99), 100)
                 for a in range(1, samples + 1) for b in range(1, classes + 1)}
        cells.update({t[a, b]: int(b == chosen[a - 1]) for a in range(1, samples + 1) for b in range(1, classes + 1)})
        full = model.batch_loss(samples, classes).doit().xreplace(cells)
        reduced = sum(-sympy.log(cells[y[a, chosen[a - 1]]]) for a in range(1, samples + 1)) / samples
        assert sympy.expand_log(full - reduced, force=True) == 0


def test_the_one_hot_label_is_a_kronecker_delta_at_the_true_class():
    label = model.one_hot_label()
    assert label.subs({k: 2, true_class[i]: 2}) == 1
    assert label.subs({k: 1, true_class[i]: 2}) == 0


def test_6_2_is_5_2_with_the_sample_index_added():
    assert proofs.sample_index_added(None, model.per_sample_loss()).holds


def test_an_index_added_to_only_one_factor_is_rejected():
    half_indexed = -sympy.Sum(t[i, k] * sympy.log(y[k]), (k, 1, K))
    assert not proofs.sample_index_added(None, half_indexed).holds


# --- parts 3, 4 and 6: log of a product, two classes, finite sums written out ----------------

import math  # noqa: E402 - the appended tests' imports

from derivations.symbols import binary_label, binary_prediction, likelihood_name  # noqa: E402


def test_log_of_a_product_is_proved_for_symbolic_k():
    evidence = proofs.log_of_product(sympy.log(model.likelihood()), model.log_likelihood())
    assert evidence.holds and evidence.method == SYMBOLIC
    assert proofs.log_of_product(sympy.log(model.likelihood()), model.log_of_each_factor()).holds


def test_log_of_a_product_is_proved_for_symbolic_n_and_k_over_samples_and_classes():
    assert proofs.log_of_product(-sympy.log(model.total_likelihood_expanded()), -model.log_of_each_sample()).holds
    assert proofs.log_of_product(-model.log_of_each_sample(), model.total_loss_double_sum()).holds
    assert proofs.log_of_product(-sympy.log(model.total_likelihood_expanded()) / N, model.batch_loss()).holds


def test_log_of_a_product_unfolds_names_when_told_how():
    def unfold(expr):
        return model.unfold_likelihoods(expr, classes=2)

    assert proofs.log_of_product(-sympy.log(likelihood_name), -model.log_likelihood(2), unfold=unfold).holds
    assert proofs.log_of_product(-sympy.log(likelihood_name), model.expanded_one_sample_loss(2), unfold=unfold).holds


def test_log_of_a_product_rejects_wrong_right_hand_sides():
    log_l = sympy.log(model.likelihood())
    assert not proofs.log_of_product(log_l, 2 * model.log_likelihood()).holds
    assert not proofs.log_of_product(log_l, model.log_likelihood(K - 1)).holds
    assert not proofs.log_of_product(log_l, sympy.Sum(sympy.log(y[k]), (k, 1, K))).holds  # exponent lost
    assert not proofs.log_of_product(log_l, -model.log_likelihood()).holds


def test_log_of_a_product_holds_case_by_case_for_every_k_up_to_6():
    # An independent check with plain rationals and Python's math: log Π y^t = Σ t log y.
    rng = random.Random(20261127)
    for classes in range(1, 7):
        labels = [rng.randint(0, 3) for _ in range(classes)]
        predictions = [sympy.Rational(rng.randint(1, 99), 100) for _ in range(classes)]
        cells = {t[m]: a for m, a in enumerate(labels, 1)}
        cells.update({y[m]: p for m, p in enumerate(predictions, 1)})
        product = model.likelihood(classes).doit().xreplace(cells)
        expected = math.fsum(a * math.log(float(p)) for a, p in zip(labels, predictions))
        assert math.isclose(float(sympy.N(sympy.log(product), 30)), expected, rel_tol=1e-12, abs_tol=1e-12)


def test_two_classes_are_solved_from_sums_to_one():
    evidence = proofs.two_classes_sum_to_one(model.expanded_one_sample_loss(2), model.binary_cross_entropy(t[1], y[1]))
    assert evidence.holds and evidence.method == SYMBOLIC
    per_sample = proofs.two_classes_sum_to_one(model.batch_loss_written_out(N, 2),
                                               model.binary_batch_loss(label=t[i, 1], prediction=y[i, 1]))
    assert per_sample.holds
    # Without class-2 cells there is nothing to solve: the prover does not claim an identity.
    assert not proofs.two_classes_sum_to_one(model.binary_cross_entropy(), model.binary_cross_entropy()).holds
    assert binary_label not in model.expanded_one_sample_loss(2).free_symbols
    assert binary_prediction not in model.expanded_one_sample_loss(2).free_symbols


def test_two_classes_rejects_a_wrong_complement():
    wrong_prediction = model.binary_cross_entropy(t[1], y[2])
    assert not proofs.two_classes_sum_to_one(model.expanded_one_sample_loss(2), wrong_prediction).holds
    doubled = 2 * model.binary_batch_loss(label=t[i, 1], prediction=y[i, 1])
    assert not proofs.two_classes_sum_to_one(model.batch_loss_written_out(N, 2), doubled).holds


def test_a_finite_inner_sum_is_written_out_inside_a_symbolic_one():
    assert proofs.finite_sum_written_out(model.batch_loss(N, 2), model.batch_loss_written_out(N, 2)).holds
    assert proofs.finite_sum_written_out(model.batch_loss(N, 3), model.batch_loss_written_out(N, 3)).holds
    assert not proofs.finite_sum_written_out(model.batch_loss(N, 3), model.batch_loss_written_out(N, 2)).holds
