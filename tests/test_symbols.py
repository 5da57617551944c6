"""The math names: integer indices, and names that cannot be confused by substitution."""
import sympy

import pytest

from derivations.symbols import E, K, N, i, k, letters, one_sample_loss_name, t, y


def test_indices_and_sizes_are_positive_integers():
    assert all(s.is_integer and s.is_positive for s in (i, k, N, K))


def test_substituting_the_plain_e_leaves_the_per_sample_e_alone():
    assert E[1].xreplace({one_sample_loss_name: sympy.Integer(7)}) == E[1]


@pytest.mark.parametrize("expr", [
    sympy.Sum(t[i, k] * sympy.log(y[i, k]), (k, 1, K), (i, 1, N)),
    sympy.Sum(sympy.Sum(y[i, k], (k, 1, K)) * t[i, 2], (i, 1, 3)),
    sympy.Product(y[k] ** t[k], (k, 1, 6)),
    sympy.Sum(k, (k, 1, 3)) + sympy.log(sympy.Integer(5)),
    sympy.Sum(y[k], (k, 1, i)) / N,
    sympy.Sum(i * k, (k, 1, K)),
])
def test_letters_are_the_free_symbols_sympy_finds_less_the_cells(expr):
    assert letters(expr) == {s for s in expr.free_symbols if isinstance(s, sympy.Symbol)}


def test_a_sum_over_whole_numbers_of_numbers_has_no_letters():
    assert letters(sympy.Sum(k ** 2, (k, 1, 4))) == set()
