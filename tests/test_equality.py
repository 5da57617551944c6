"""The derived formulas by name, and the equality of an expression as printed with one of them."""
import sympy

from derivations import equality, model
from derivations.equality import SAMPLED, derived, equal
from derivations.latex import latex
from derivations.steps import SYMBOLIC
from derivations.symbols import K, i, k, t, y
from derivations.texparse import parse_one


def test_parts_1_binary_batch_loss_is_eq6_3_with_two_classes_once_t_i_means_t_i1():
    formula = derived("binary_batch_loss")
    assert equal(model.first_class_of_each_sample(model.binary_batch_loss()), formula).holds
    assert not equal(model.binary_batch_loss(), formula).holds


def test_class_2_read_for_t_i_would_agree_too_by_the_symmetry_of_two_classes():
    printed = parse_one(r"- \frac{1}{N} \sum_{i=1}^{N} \lbrack t_{i} \log y_{i} + (1- t_{i}) \log (1- y_{i}) \rbrack")
    assert equal(printed.xreplace({t[i]: t[i, 2], y[i]: y[i, 2]}), derived("binary_batch_loss")).holds


def test_part6s_binary_cross_entropy_of_one_sample_is_the_two_class_loss():
    assert equal(model.first_class_names(model.binary_cross_entropy()), derived("binary_loss")).holds


def test_equal_formulas_are_shown_equal_symbolically_and_unequal_ones_by_a_counterexample():
    formula = derived("one_sample_loss")
    assert equal(-sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, K)), formula).method == SYMBOLIC
    evidence = equal(sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, K)), formula)
    assert (evidence.holds, evidence.method) == (False, SAMPLED)


def test_logs_of_rationals_are_compared_exactly_through_their_prime_factors():
    assert equality._exact_zero(sympy.log(6) - sympy.log(2) - sympy.log(3))
    assert equality._exact_zero(sympy.log(sympy.Rational(4, 9)) - 2 * sympy.log(sympy.Rational(2, 3)))
    assert not equality._exact_zero(sympy.log(2) - sympy.log(3))


def test_the_derived_latex_is_the_article_printer_s():
    assert derived("batch_loss").latex() == f"{latex(sympy.Symbol('E'))} = {latex(model.batch_loss())}"
