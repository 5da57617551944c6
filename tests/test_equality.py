"""The derived formulas by name, and the equality of an expression as printed with one of them."""
import sympy

from derivations import model
from derivations.equality import derived, equal
from derivations.evidence import SAMPLED, SYMBOLIC
from derivations.latex import latex
from derivations.normal import POSITIVITY
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


def test_the_audit_decides_by_the_same_normal_form_as_the_chains():
    # log(1/y_k) written for −log y_k is right because y_k > 0, and the evidence says so.
    formula = derived("one_sample_loss")
    evidence = equal(sympy.Sum(t[k] * sympy.log(1 / y[k]), (k, 1, K)), formula)
    assert (evidence.holds, evidence.method, evidence.conditions) == (True, SYMBOLIC, (POSITIVITY,))
    # t_k log y_k read as log(t_k y_k) is false, however the logs are split.
    assert not equal(-sympy.Sum(sympy.log(t[k] * y[k]), (k, 1, K)), formula).holds


def test_a_shifted_index_is_beyond_the_normal_form_and_is_sampled_exactly():
    # Σ_{k=0}^{K−1} t_{k+1} log y_{k+1} is Σ_{k=1}^{K} t_k log y_k: equal on every table, and
    # the off-by-one Σ_{k=0}^{K−1} t_k log y_k on none (its t_0, y_0 are other cells).
    shifted = -sympy.Sum(t[k + 1] * sympy.log(y[k + 1]), (k, 0, K - 1))
    evidence = equal(shifted, derived("one_sample_loss"))
    assert (evidence.holds, evidence.method) == (True, SAMPLED)
    off_by_one = -sympy.Sum(t[k] * sympy.log(y[k]), (k, 0, K - 1))
    assert not equal(off_by_one, derived("one_sample_loss")).holds


def test_the_derived_latex_is_the_article_printer_s():
    assert derived("batch_loss").latex() == f"{latex(sympy.Symbol('E'))} = {latex(model.batch_loss())}"
