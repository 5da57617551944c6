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
