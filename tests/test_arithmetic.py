"""The number formats: a rational as a number of each, their logs, a value as a fraction, a float's
last place, and a formula's steps computed in a float format in the order written. Expected
values come from math, fractions and numpy."""
import math
from fractions import Fraction

import numpy
import sympy

from derivations.arithmetic import EXACT, FLOAT32, FLOAT64, as_fraction, run, unit_in_last_place
from derivations.expressions import program


def test_a_rational_becomes_the_nearest_number_of_each_float_format():
    third = sympy.Rational(1, 3)
    assert FLOAT64.number(third) == 1 / 3
    assert FLOAT32.number(third) == numpy.float32(1 / 3) and FLOAT32.number(third).dtype == numpy.float32
    assert EXACT.number(third) == third


def test_the_log_of_zero_is_minus_infinity_in_every_format():
    assert EXACT.log(sympy.Integer(0), "e") == -sympy.oo
    assert FLOAT64.log(0.0, "2") == -math.inf
    assert FLOAT32.log(numpy.float32(0), "10") == -numpy.inf


def test_a_value_of_any_format_is_read_back_as_its_exact_fraction():
    assert as_fraction(0.1) == Fraction(0.1)
    assert as_fraction(sympy.Rational(2, 7)) == Fraction(2, 7)
    assert as_fraction(sympy.Float(0.5, 30)) == Fraction(1, 2)


def test_the_last_place_of_each_float_format_is_numpys_spacing():
    assert unit_in_last_place(1.0, "float64") == sympy.Rational(math.ulp(1.0))
    assert unit_in_last_place(1.0, "float32") == sympy.Rational(float(numpy.spacing(numpy.float32(1))))


def test_steps_run_left_to_right_with_every_sum_rounded():
    cells = {("y", 1, 1): 0.1, ("y", 1, 2): 0.2, ("y", 1, 3): 0.3}
    forward = run(program("y[1,1] + y[1,2] + y[1,3]"), cells, "e", FLOAT64)
    backward = run(program("y[1,3] + y[1,2] + y[1,1]"), cells, "e", FLOAT64)
    assert (forward, backward) == ((0.1 + 0.2) + 0.3, (0.3 + 0.2) + 0.1) and forward != backward


def test_a_log_in_the_steps_takes_the_base_of_the_convention():
    assert run(program("-log(y[1,1])"), {("y", 1, 1): 0.25}, "2", FLOAT64) == -math.log2(0.25)


def test_a_step_with_no_float_value_makes_the_whole_nan_without_a_warning():
    assert math.isnan(run(program("1 / (y[1,1] - 0.5)"), {("y", 1, 1): 0.5}, "e", FLOAT64))
    assert math.isnan(run(program("log(0 - y[1,1])"), {("y", 1, 1): 0.5}, "e", FLOAT64))
    value = run(program("1 / (y[1,1] - 0.5)"), {("y", 1, 1): numpy.float32(0.5)}, "e", FLOAT32)
    assert numpy.isinf(value)
