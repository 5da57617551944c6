"""The math names: integer indices, and names that cannot be confused by substitution."""
import sympy

from derivations.symbols import E, K, N, i, k, one_sample_loss_name


def test_indices_and_sizes_are_positive_integers():
    assert all(s.is_integer and s.is_positive for s in (i, k, N, K))


def test_substituting_the_plain_e_leaves_the_per_sample_e_alone():
    assert E[1].xreplace({one_sample_loss_name: sympy.Integer(7)}) == E[1]
