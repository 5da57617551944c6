"""The corrected text of an erratum: our value to the article's own number of decimals, after
the step it follows from; a name as the symbol the article should print."""
import math

import sympy

from derivations import errata_text
from derivations.claims import ERRATUM, Claim, Verdict
from derivations.quantity import Names
from derivations.symbols import k, t, y


def _verdict(printed: tuple, computed: tuple, chain: str = "", step: int = 0, percent: bool = False) -> Verdict:
    claim = Claim("X", "here", "number", "E[1]", printed, "erratum", chain, step, percent=percent)
    return Verdict(claim, computed, ERRATUM, ())


def test_the_places_are_the_most_decimals_any_printed_entry_has():
    assert errata_text.places(_verdict(("-0.4", "0", "0.125"), ()).claim) == 3


def test_a_value_is_rounded_to_the_articles_decimals_half_up():
    # Hand derivation: 1/8 = 0.125 rounds half up to 0.13 at two decimals.
    (value,) = errata_text.corrected_values(_verdict(("0.12",), (sympy.Rational(1, 8),)))
    assert value.text == "0.13"


def test_a_percentage_is_corrected_as_a_percentage():
    # Hand derivation: -ln 0.75 = 0.287682… is 28.77 %.
    (value,) = errata_text.corrected_values(_verdict(("12.34%",), (-sympy.log(sympy.Rational(3, 4)),)))
    assert value.text == f"{-100 * math.log(0.75):.2f}"


def test_an_infinite_loss_is_corrected_to_infinity():
    (value,) = errata_text.corrected_values(_verdict(("9.5",), (sympy.oo,)))
    assert value == sympy.oo


def test_a_claim_without_a_chain_line_is_corrected_to_its_value_alone(verified):
    line = errata_text.corrected_number(verified, _verdict(("0.5",), (-sympy.log(sympy.Rational(1, 2)),)))
    assert line == f"{{}} = {-math.log(0.5):.1f}"


def test_a_claim_on_a_chains_rounded_value_is_corrected_after_the_step_it_follows_from(verified):
    line = errata_text.corrected_number(verified, _verdict(("-0.5",), (-sympy.log(sympy.Rational(33, 100)),),
                                                           "sample-1", 5))
    assert line == rf"{{}} = - \log 0.33 = {-math.log(0.33):.1f}"


def test_the_corrected_line_uses_the_articles_equals_sign_where_the_chain_shows_approx(verified):
    chain = next(c.chain for c in verified.checked if c.chain.id == "sample-1")
    assert chain.steps[4].approximate  # the chain's own line reads "≈ 1.108663"
    line = errata_text.corrected_number(verified, _verdict(("-0.481486",), (-sympy.log(sympy.Rational(33, 100)),),
                                                           "sample-1", 5))
    assert r"\approx" not in line and line.count("=") == 2 and line.endswith(f"= {-math.log(0.33):.6f}")


def test_a_name_is_corrected_to_the_names_its_claim_states_in_order():
    claim = Claim("X", "here", "name", Names("t[k], y[k]", (t[k], y[k])), ("t_{k}", "t_{k}"), "erratum")
    assert errata_text.corrected_names(Verdict(claim, (), ERRATUM, ())) == ("t_{k}", "y_{k}")
