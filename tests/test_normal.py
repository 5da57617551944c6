"""The normal form: the standard identities hold for symbolic N and K, false ones are refused.

Each identity is written here by hand as the two sides an author would put in a chain; what
it needs (nothing, or y > 0 for the log rules) is the hand derivation's, not the program's.
"""
import math
import random

import pytest
import sympy

from derivations import model, normal
from derivations.evidence import SYMBOLIC
from derivations.normal import POSITIVITY, compare, is_zero
from derivations.steps import Chain, Step, StepFailure, check_chain
from derivations.symbols import N, K, i, k, t, y


def sum_k(f):
    return sympy.Sum(f, (k, 1, K))


def sum_ik(f):
    return sympy.Sum(sympy.Sum(f, (k, 1, K)), (i, 1, N))


def log(x):
    return sympy.log(x)


# --- identities: each holds for symbolic N and K ---------------------------------------------


def test_two_sums_over_the_same_symbolic_range_are_one_sum_of_the_two_summands():
    left = sum_k(t[k] * log(y[k])) + sum_k(log(y[k]))
    assert compare(left, sum_k((t[k] + 1) * log(y[k]))) == normal.Comparison(True, ())
    double = sum_ik(t[i, k] * log(y[i, k])) + sum_ik(-log(y[i, k]))
    assert compare(double, sum_ik((t[i, k] - 1) * log(y[i, k]))).holds


def test_a_log_of_a_quotient_is_a_difference_of_logs_because_y_is_positive():
    # Σ_k t_k log(t_k / y_k) = Σ_k t_k log t_k − Σ_k t_k log y_k: only y_k > 0 is needed.
    kl = sum_k(t[k] * log(t[k] / y[k]))
    assert compare(kl, sum_k(t[k] * log(t[k])) - sum_k(t[k] * log(y[k]))) == normal.Comparison(True, (POSITIVITY,))
    assert compare(log(y[i, 1] / y[i, 2]), log(y[i, 1]) - log(y[i, 2])).holds


def test_a_log_of_a_product_is_a_sum_of_logs_for_symbolic_n_and_k():
    likelihood = sympy.Product(sympy.Product(y[i, k] ** t[i, k], (k, 1, K)), (i, 1, N))
    assert compare(-log(likelihood), -sum_ik(t[i, k] * log(y[i, k]))) == normal.Comparison(True, (POSITIVITY,))
    assert compare(log(y[1] * y[2]), log(y[1]) + log(y[2])).holds
    assert compare(log(y[k] ** t[k]), t[k] * log(y[k])).holds


def test_constants_come_out_of_a_sum_for_symbolic_n_and_k():
    inside = sum_ik(-t[i, k] * log(y[i, k]) / N)
    assert compare(inside, -sum_ik(t[i, k] * log(y[i, k])) / N) == normal.Comparison(True, ())
    assert compare(sum_k(3 * t[k]), 3 * sum_k(t[k])).holds


def test_the_log_of_a_product_holds_case_by_case_for_every_k_up_to_6():
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


def test_a_sum_over_whole_numbers_is_written_out_also_inside_a_symbolic_one():
    inner = sympy.Sum(sympy.Sum(t[i, k] * log(y[i, k]), (k, 1, 2)), (i, 1, N))
    written = sympy.Sum(t[i, 1] * log(y[i, 1]) + t[i, 2] * log(y[i, 2]), (i, 1, N))
    assert compare(inner, written).holds


def test_the_identities_are_proved_as_steps_of_a_chain_with_no_prover():
    # Σ_iΣ_k t log y − Σ_iΣ_k log y = Σ_iΣ_k (t − 1) log y   (two sums are one)
    #   = Σ_i log Π_k y^(t − 1)                 (log of a product, of a power: y > 0)
    #   = −(1/N) Σ_iΣ_k (−N)(t − 1) log y       (constants out of the sum)
    steps = (Step(sum_ik((t[i, k] - 1) * log(y[i, k])), "x"),
             Step(sympy.Sum(log(sympy.Product(y[i, k] ** (t[i, k] - 1), (k, 1, K))), (i, 1, N)), "x"),
             Step(-sum_ik(-N * (t[i, k] - 1) * log(y[i, k])) / N, "x"))
    lhs = sum_ik(t[i, k] * log(y[i, k])) - sum_ik(log(y[i, k]))
    checked = check_chain(Chain("identities", "x", lhs, steps))
    assert [e.method for e in checked.evidence] == [SYMBOLIC] * 3
    assert [e.conditions for e in checked.evidence] == [(), (POSITIVITY,), (POSITIVITY,)]


# --- false steps are refused -----------------------------------------------------------------


@pytest.mark.parametrize("left, right", [
    (sum_k(t[k] * log(y[k])), -sum_k(t[k] * log(y[k]))),  # a sign dropped
    (sympy.Sum(-sum_k(t[i, k] * log(y[i, k])), (i, 1, N)), sum_ik(t[i, k] * log(y[i, k]))),  # lost inside
    (log(y[1] + y[2]), log(y[1]) + log(y[2])),  # the log of a sum is no sum of logs
    (log(t[k] / y[k]), log(t[k]) + log(y[k])),  # a quotient read as a product
    (log(y[k] ** t[k]), log(y[k])),  # the exponent lost
    (sum_k(2 * t[k]), sum_k(t[k])),  # a constant dropped
    (sum_k(t[k]), sympy.Sum(t[k], (k, 1, K - 1))),  # a limit changed
    (sum_k(t[k] * log(y[k])) + sum_k(log(y[k])), sum_k(t[k] * log(y[k]))),  # a sum lost
], ids=["sign", "inner-sign", "log-of-sum", "quotient", "exponent", "constant", "limit", "lost-sum"])
def test_a_false_identity_is_refused(left, right):
    assert not compare(left, right).holds
    with pytest.raises(StepFailure):
        check_chain(Chain("false", "x", left, (Step(right, "x"),)))


def test_logs_are_split_only_where_positivity_is_stated_not_forced():
    # t is only real: log(t_1 t_2) = log t_1 + log t_2 fails for t_1 = t_2 = −1 (0 ≠ 2πi).
    assert not compare(log(t[1] * t[2]), log(t[1]) + log(t[2])).holds
    assert compare(log(y[1] * y[2]), log(y[1]) + log(y[2])).holds


def test_logs_of_rationals_are_compared_exactly_through_their_prime_factors():
    assert is_zero(log(6) - log(2) - log(3))
    assert is_zero(log(sympy.Rational(4, 9)) - 2 * log(sympy.Rational(2, 3)))
    assert is_zero(log(sympy.Rational(33, 100)) + log(sympy.Rational(36, 100)) - log(sympy.Rational(297, 2500)))
    assert not is_zero(log(2) - log(3))
    assert not is_zero(log(sympy.Rational(33, 100)) - log(sympy.Rational(32, 100)))


def test_the_normal_form_keeps_the_plain_names():
    form = normal.normal(log(sympy.Product(y[k] ** t[k], (k, 1, K))))
    assert form == sum_k(t[k] * log(y[k]))


def test_the_expanded_size_of_a_formula_is_counted_as_by_hand():
    a, b, c = sympy.symbols("a b c")
    assert normal.expanded_terms((a + b) * (a + c) * (b + c)) == 8  # 2 · 2 · 2 products
    assert normal.expanded_terms((a + b + c) ** 2) == 6  # a², b², c², ab, ac, bc
    written = sympy.Sum(sympy.Sum(y[i, k], (k, 1, K)), (i, 1, 3))
    assert normal.expanded_terms(written) == 3 and normal.expanded_terms(written, 4) == 12


def test_the_expanded_size_stops_at_its_cap():
    a, b = sympy.symbols("a b")
    assert normal.expanded_terms((a + b) ** 100, cap=25) == 25


def test_the_names_are_replaced_in_the_same_pass_as_the_evaluation():
    positive = sympy.IndexedBase("y", positive=True)
    expr = sympy.Sum(log(y[i, k]) * t[i, k], (k, 1, 2))
    assert normal.evaluated(expr, {y: positive}) == t[i, 1] * log(positive[i, 1]) + t[i, 2] * log(positive[i, 2])
    assert normal.evaluated(expr) == t[i, 1] * log(y[i, 1]) + t[i, 2] * log(y[i, 2])


def test_nested_sums_split_and_constants_come_out_whether_or_not_a_sum_is_left():
    # The expansions are repeated only where a rewrite changed something; both kinds of form
    # still reach the one normal form (hand derivation: Σ_i Σ_k (2 t_ik + t_ik) = 3 Σ_{i,k} t_ik).
    nested = sympy.Sum(sympy.Sum(2 * t[i, k] + t[i, k], (k, 1, K)), (i, 1, N))
    assert normal.normal(nested) == 3 * sympy.Sum(t[i, k], (k, 1, K), (i, 1, N))
    assert normal.normal(sympy.Sum(2 * t[1, k], (k, 1, 2))) == 2 * t[1, 1] + 2 * t[1, 2]
    assert compare(nested, 3 * sum_ik(t[i, k])).holds
