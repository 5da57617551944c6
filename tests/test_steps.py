"""Checking chains: every step of the site holds, and a wrong step is caught and named."""

import pytest
import sympy

from derivations import model
from derivations.numbers import PrintedNumber
from derivations.steps import EXACT, NUMERIC, SYMBOLIC, Chain, Context, Step, StepFailure, check_chain
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
