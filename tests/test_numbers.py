"""Printed numbers: exact values, precision promised by the printed digits, rounding."""
from decimal import ROUND_HALF_UP, Decimal

import pytest
import sympy

from derivations.numbers import PrintedNumber, decimals_printed, exact_form, exact_value, half_unit, half_up, rounded


def test_a_printed_decimal_is_its_exact_rational():
    assert exact_value("0.33") == sympy.Rational(33, 100)
    assert exact_value("-0.481486") == sympy.Rational(-481486, 1000000)


def test_a_printed_number_keeps_its_trailing_zero_but_not_in_value():
    number = PrintedNumber("0.30")
    assert number.text == "0.30"
    assert number.exact() == sympy.Rational(3, 10)


@pytest.mark.parametrize("text", ["abc", "", "1e-3", "0,33", "nan"])
def test_anything_but_a_plain_decimal_is_rejected(text):
    with pytest.raises(ValueError, match="not a decimal"):
        exact_value(text)


def test_the_tolerance_is_half_a_unit_in_the_last_printed_digit():
    assert decimals_printed("-0.46852") == 5
    assert half_unit("-0.46852") == sympy.Rational(5, 10**6)
    assert half_unit("0") == sympy.Rational(1, 2)


def test_exact_form_replaces_every_printed_number_by_a_rational():
    expr = sympy.log(PrintedNumber("0.25"), evaluate=False) + PrintedNumber("0.5")
    assert exact_form(expr) == sympy.log(sympy.Rational(1, 4)) + sympy.Rational(1, 2)


def test_rounding_is_half_up_and_exact_for_rationals():
    assert rounded(sympy.Rational(1, 2_000_000), 6) == "0.000001"
    assert rounded(sympy.Rational(-1, 3), 2) == "-0.33"
    assert rounded(sympy.Integer(0), 3) == "0.000"


def test_rounding_an_irrational_agrees_with_a_hand_value():
    # -ln(0.33) = 1.1086626245216111…, known independently of SymPy's printer.
    assert rounded(-sympy.log(sympy.Rational(33, 100)), 6) == "1.108663"


def test_a_printed_number_evaluates_numerically():
    assert sympy.N(PrintedNumber("0.125"), 10) == sympy.Float("0.125", 10)


@pytest.mark.parametrize("value", ["0.125", "0.12499999", "0.005", "0.994999", "0.995", "1", "0"])
@pytest.mark.parametrize("places", [1, 2, 3])
def test_a_softmax_value_is_rounded_half_up_as_the_printed_digits_round(value, places):
    expected = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert half_up(sympy.Rational(value), places) == sympy.Rational(str(expected))
