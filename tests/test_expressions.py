"""Formulas over the table: only t[i, k], y[i, k], log, numbers and + - * / get through.

Expected values come from Python's `math`, never from the package.
"""
import math

import pytest
import sympy

from derivations import expressions
from derivations.expressions import FormulaError
from derivations.symbols import t, y

# A 2 × 3 table, as `Table.substitution` gives it (exact values; labels one-hot).
CELLS = {t[1, 1]: 1, t[1, 2]: 0, t[1, 3]: 0, t[2, 1]: 0, t[2, 2]: 0, t[2, 3]: 1,
         y[1, 1]: sympy.Rational(7, 10), y[1, 2]: sympy.Rational(2, 10), y[1, 3]: sympy.Rational(1, 10),
         y[2, 1]: sympy.Rational(1, 10), y[2, 2]: sympy.Rational(6, 10), y[2, 3]: sympy.Rational(3, 10)}


def _float(expr) -> float:
    return float(sympy.N(expr, 30))


def test_a_formula_reads_as_the_sympy_expression_it_writes():
    assert expressions.parse("-log(y[2,3])") == -sympy.log(y[2, 3])


def test_a_formula_may_use_labels_sums_products_and_parentheses():
    formula = expressions.parse("-(t[1,1]*log(y[1,1]) + t[1,2]*log(y[1,2]))")
    assert formula == -(t[1, 1] * sympy.log(y[1, 1]) + t[1, 2] * sympy.log(y[1, 2]))


def test_a_decimal_in_a_formula_is_read_exactly_not_as_a_binary_float():
    assert expressions.parse("0.1*log(y[1,1])") == sympy.log(y[1, 1]) / 10


def test_division_by_a_whole_number_stays_exact():
    assert expressions.parse("(log(y[1,1]) + log(y[2,2]))/2") == (sympy.log(y[1, 1]) + sympy.log(y[2, 2])) / 2


@pytest.mark.parametrize("text", [
    "exp(y[1,1])", "y[1]", "y[1,1,1]", "z[1,1]", "log(y[1,1], 10)", "y[1,1]**2", "y[1,1]^2", "y[-1,1]",
    "y[1.0,1]", "y[True,1]", "__import__('os').system('true')", "y.base", "(y[1,1], y[1,2])", "log",
    "pi", "E", "'0.3'", "lambda: 1", "[y[1,1]]", "log(x=y[1,1])",
])
def test_anything_outside_the_grammar_is_rejected_in_words(text):
    with pytest.raises(FormulaError, match="is not allowed: a formula may use only t"):
        expressions.parse(text)


@pytest.mark.parametrize("text", ["y[1,", "-log(", "", "1 +"])
def test_text_that_is_not_a_formula_at_all_is_rejected(text):
    with pytest.raises(FormulaError, match="is not a formula"):
        expressions.parse(text)


def test_the_cells_a_formula_reads_are_listed_once_each_in_order():
    formula = expressions.parse("log(y[2,3]) + t[1,1]*log(y[1,1]) - log(y[2,3])/2")
    assert expressions.cells(formula) == (("t", 1, 1), ("y", 1, 1), ("y", 2, 3))


def test_cells_outside_the_table_are_named_with_the_index_that_is_out():
    formula = expressions.parse("log(y[3,1]) + log(y[1,4]) + log(y[2,2])")
    assert expressions.cell_problems(formula, samples=2, classes=3) == [
        "y[1, 4]: class 4 is outside 1 … 3", "y[3, 1]: sample 3 is outside 1 … 2"]


def test_the_value_uses_natural_logs_and_keeps_the_sign():
    value = expressions.value(expressions.parse("-log(y[2,3])"), CELLS)
    assert math.isclose(_float(value), -math.log(0.3), rel_tol=1e-15)


def test_the_value_is_exact_until_evaluated():
    assert expressions.value(expressions.parse("-log(y[2,3])"), CELLS) == -sympy.log(sympy.Rational(3, 10))


@pytest.mark.parametrize("base, reference", [("10", math.log10), ("2", math.log2)])
def test_another_log_base_divides_every_log_by_the_log_of_that_base(base, reference):
    formula = expressions.parse("-(t[2,3]*log(y[2,3]) + log(y[1,1]))/2")
    value = expressions.value(formula, CELLS, base=base)
    assert math.isclose(_float(value), -(reference(0.3) + reference(0.7)) / 2, rel_tol=1e-15)


def test_dropping_the_sign_negates_the_whole_formula():
    value = expressions.value(expressions.parse("-log(y[1,1])"), CELLS, base="10", negated=False)
    assert math.isclose(_float(value), math.log10(0.7), rel_tol=1e-15)
