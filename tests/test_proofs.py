"""The provers that need a stated condition: the one-hot reduction for symbolic N and K, and
two classes whose labels and probabilities sum to one."""
import itertools
import random

import sympy

from derivations import model, proofs
from derivations.evidence import SYMBOLIC
from derivations.symbols import K, N, binary_label, binary_prediction, c, i, k, t, true_class, y


def test_the_one_hot_reduction_is_proved_for_symbolic_n_and_k_under_its_stated_condition():
    evidence = proofs.one_hot_reduction(model.batch_loss(), model.one_hot_batch_loss())
    assert evidence.holds and evidence.method == SYMBOLIC
    assert evidence.conditions == (proofs.ONE_HOT,)
    assert r"1 \leq c_{i} \leq K" in proofs.ONE_HOT.tex


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


def test_two_classes_are_solved_from_sums_to_one():
    evidence = proofs.two_classes_sum_to_one(model.expanded_one_sample_loss(2), model.binary_cross_entropy(t[1], y[1]))
    assert evidence.holds and evidence.method == SYMBOLIC
    assert [c.text for c in evidence.conditions] == ["t_1 + t_2 = 1", "y_1 + y_2 = 1"]
    assert [c.tex for c in evidence.conditions] == [r"\sum_{k=1}^{2} t_{k} = 1", r"\sum_{k=1}^{2} y_{k} = 1"]
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


def test_the_one_hot_reduction_sums_the_delta_over_k_and_leaves_the_sum_over_samples():
    # One Σ with both indices, as the chains write it: only k is summed by SymPy; Σ_i over
    # symbolic N stays a Σ (its closed form is never sought).
    both = sympy.Sum(sympy.KroneckerDelta(k, c) * sympy.log(y[i, k]), (k, 1, K), (i, 1, N))
    summed = proofs._deltas_evaluated(both)
    assert isinstance(summed, sympy.Sum) and summed.limits == ((i, 1, N),)
    assert not summed.has(sympy.KroneckerDelta)
