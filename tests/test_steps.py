"""Checking chains: every step of the site holds, and a wrong step is caught and named."""

import pytest
import sympy

from derivations import model
from derivations.evidence import ALL_VALUES, EXACT, NUMERIC, SYMBOLIC, fixed
from derivations.normal import POSITIVITY
from derivations.numbers import PrintedNumber
from derivations.proofs import ONE_HOT
from derivations.steps import Chain, Context, Step, StepFailure, check_chain
from derivations.symbols import K, N, i, k, t, y
from chain_support import chain_of, with_step


def test_every_step_holds_on_the_article_table(verified):
    assert verified.checked
    for checked in verified.checked:
        assert len(checked.evidence) == len(checked.chain.steps)
        assert all(evidence.holds for evidence in checked.evidence), checked.chain.id


def test_the_symbolic_chains_are_proved_for_every_n_and_k(verified):
    methods = {c.chain.id: {e.method for e in c.evidence} for c in verified.checked}
    for chain_id in ("per-sample", "double-sum", "mean", "one-hot"):
        assert methods[chain_id] == {SYMBOLIC}, chain_id


def test_the_table_steps_are_exact_and_the_values_numeric(verified):
    sample = next(c for c in verified.checked if c.chain.id == "sample-1")
    assert [e.method for e in sample.evidence] == [SYMBOLIC, SYMBOLIC, EXACT, EXACT, NUMERIC]


def test_a_wrong_symbolic_step_fails_naming_the_chain_and_the_step(verified):
    mean = chain_of(verified, "mean")
    wrong = with_step(mean, 1, model.batch_loss() * 2)
    with pytest.raises(StepFailure) as failure:
        check_chain(wrong)
    assert failure.value.position == 1
    assert "chain 'mean', step 2" in str(failure.value)


def test_a_wrong_element_of_the_table_fails_the_exact_check(verified):
    sample = chain_of(verified, "sample-4")
    with sympy.evaluate(False):
        wrong_element = -sympy.log(PrintedNumber("0.34"))  # y_41, the article's slip, not y_42
    with pytest.raises(StepFailure, match="chain 'sample-4', step 4"):
        check_chain(with_step(sample, 3, wrong_element))


def test_a_rounded_value_outside_half_a_unit_fails(verified):
    sample = chain_of(verified, "sample-1")
    # -ln 0.33 = 1.10866262…; 1.108662 is off by 6.2e-7 > 5e-7.
    with pytest.raises(StepFailure, match="step 5"):
        check_chain(with_step(sample, 4, PrintedNumber("1.108662")))


def test_a_rounded_value_within_half_a_unit_holds(verified):
    sample = chain_of(verified, "sample-1")
    assert check_chain(with_step(sample, 4, PrintedNumber("1.1087"))).evidence[-1].holds


def test_dropping_the_minus_sign_is_not_an_identity():
    chain = Chain("sign", "sign", model.per_sample_loss(), (Step(-model.per_sample_loss(), "x"),))
    with pytest.raises(StepFailure):
        check_chain(chain)


def test_pulling_a_constant_out_of_a_sum_is_proved_symbolically():
    inside = sympy.Sum(-t[i, k] * sympy.log(y[i, k]), (k, 1, K))
    chain = Chain("factor", "factor", inside, (Step(model.per_sample_loss(), "x"),))
    assert check_chain(chain).evidence[0].method == SYMBOLIC


def test_assumptions_let_a_symbolic_sum_be_written_out():
    context = Context(assumptions={K: 3})
    chain = Chain("expand", "expand", model.per_sample_loss(2), (Step(model.expanded_sample_loss(2, 3), "x"),), context)
    assert check_chain(chain).evidence[0].method == SYMBOLIC


def test_without_the_assumption_the_written_out_sum_does_not_follow():
    chain = Chain("expand", "expand", model.per_sample_loss(2), (Step(model.expanded_sample_loss(2, 3), "x"),))
    with pytest.raises(StepFailure):
        check_chain(chain)


def test_a_value_shown_with_approx_must_be_a_printed_number():
    chain = Chain("value", "value", sympy.Integer(1) / 3, (Step(sympy.Rational(1, 3), "x", approximate=True),))
    with pytest.raises(StepFailure, match="printed number"):
        check_chain(chain)


def test_the_sizes_n_and_k_are_the_only_assumptions_of_the_table_chains(verified):
    for checked in verified.checked:
        assumptions = checked.chain.context.assumptions
        assert set(assumptions) <= {N, K}


# --- the tolerance of "≈", at its boundary, in exact rationals -------------------------------


def approximately(value: sympy.Rational, printed: str) -> bool:
    chain = Chain("value", "value", value, (Step(PrintedNumber(printed), "x", approximate=True),))
    try:
        return check_chain(chain).evidence[0].holds
    except StepFailure:
        return False


def test_a_value_exactly_half_a_unit_away_holds_on_either_side():
    # 1/8 = 0.125: printed with two decimals, both 0.12 and 0.13 are 0.005 = ½ · 0.01 away.
    assert approximately(sympy.Rational(1, 8), "0.12")
    assert approximately(sympy.Rational(1, 8), "0.13")
    assert approximately(sympy.Rational(1, 8), "0.1")  # 0.025 ≤ ½ · 0.1


def test_a_value_just_beyond_half_a_unit_fails_so_a_looser_tolerance_is_caught():
    # 0.1251 − 0.12 = 0.0051 and 0.13 − 0.1249 = 0.0051: beyond ½ · 0.01, within a whole unit.
    assert not approximately(sympy.Rational(1251, 10000), "0.12")
    assert not approximately(sympy.Rational(1249, 10000), "0.13")


def test_a_rounded_value_with_the_wrong_sign_fails(verified):
    sample = chain_of(verified, "sample-1")
    with pytest.raises(StepFailure, match="step 5"):
        check_chain(with_step(sample, 4, PrintedNumber("-1.108663")))


# --- a wrong sign, anywhere ------------------------------------------------------------------


def test_a_sign_lost_inside_the_double_sum_fails(verified):
    inner_negated = sympy.Sum(-sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, K)), (i, 1, N))
    with pytest.raises(StepFailure, match="chain 'double-sum', step 3"):
        check_chain(with_step(chain_of(verified, "double-sum"), 2, -inner_negated))


def test_a_wrong_sign_in_the_table_step_fails(verified):
    with sympy.evaluate(False):
        positive = sympy.log(PrintedNumber("0.33"))  # −log 0.33 is E_1; log 0.33 is not
    with pytest.raises(StepFailure, match="chain 'sample-1', step 4"):
        check_chain(with_step(chain_of(verified, "sample-1"), 3, positive))


def test_the_value_of_a_log_split_on_the_table_is_exact():
    # log(0.33 · 0.36) = log 0.33 + log 0.36: equal as numbers, through the primes of 297/2500.
    with sympy.evaluate(False):
        product = sympy.log(sympy.Mul(PrintedNumber("0.33"), PrintedNumber("0.36")))
        split = sympy.log(PrintedNumber("0.33")) + sympy.log(PrintedNumber("0.36"))
    assert check_chain(Chain("split", "x", product, (Step(split, "x"),))).evidence[0].method == EXACT


# --- marks say what was proved ---------------------------------------------------------------


def test_a_step_proved_with_k_fixed_names_k_and_its_value(verified):
    evidence = next(c for c in verified.checked if c.chain.id == "sample-1").evidence
    assert [e.conditions for e in evidence[:2]] == [(fixed(K, 3),)] * 2
    assert [e.detail for e in evidence[:2]] == ["for K = 3"] * 2
    assert fixed(K, 3).tex == "K = 3"


def test_only_a_step_with_no_letter_fixed_says_for_all_values(verified):
    for chain_id in ("per-sample", "double-sum", "mean"):
        evidence = next(c for c in verified.checked if c.chain.id == chain_id).evidence
        assert {(e.conditions, e.detail) for e in evidence} == {((), ALL_VALUES)}, chain_id
    for checked in verified.checked:
        for evidence in checked.evidence:
            assert (evidence.detail == ALL_VALUES) == (evidence.method == SYMBOLIC and not evidence.conditions)


def test_the_one_hot_reduction_names_its_condition(verified):
    (_, reduction) = next(c for c in verified.checked if c.chain.id == "one-hot").evidence
    assert reduction.conditions == (ONE_HOT,)
    assert "1 ≤ c_i ≤ K" in reduction.detail


def test_a_log_rule_names_positivity_and_the_fixed_letter_with_it():
    context = Context(assumptions={K: 3})
    lhs = sympy.log(sympy.Product(y[k] ** t[k], (k, 1, K)))
    (evidence,) = check_chain(Chain("log", "x", lhs, (Step(model.log_likelihood(), "x"),), context)).evidence
    assert evidence.conditions == (fixed(K, 3), POSITIVITY)
    assert evidence.detail == "for K = 3, y > 0"
