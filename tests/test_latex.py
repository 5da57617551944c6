"""The printer: the key formulas' LaTeX pinned as exact strings, in the article's notation."""
import sympy

from derivations import model
from derivations.latex import latex
from derivations.numbers import PrintedNumber
from derivations.symbols import E, N, i, t, total_loss_name, y


def test_the_one_sample_loss_prints_as_equation_5_2():
    assert latex(model.one_sample_loss()) == r"- \sum_{k=1}^{K} t_{k} \log y_{k}"


def test_the_per_sample_loss_prints_as_equation_6_2():
    assert latex(model.per_sample_loss()) == r"- \sum_{k=1}^{K} t_{ik} \log y_{ik}"


def test_the_total_prints_as_equation_6_1():
    assert latex(model.total_loss()) == r"\sum_{i=1}^{N} E_{i}"


def test_the_batch_mean_prints_two_sums_with_minus_one_over_n_in_front():
    assert latex(model.batch_loss()) == r"- \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}"


def test_nested_sums_are_not_merged_into_one_substack():
    printed = latex(model.total_loss_double_sum())
    assert r"\substack" not in printed
    assert printed == r"- \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}"


def test_a_negated_summand_is_bracketed():
    inner_negated = sympy.Sum(model.per_sample_loss(), (i, 1, N))
    assert latex(inner_negated) == r"\sum_{i=1}^{N} \left(- \sum_{k=1}^{K} t_{ik} \log y_{ik}\right)"


def test_the_label_comes_before_the_log_whatever_sympy_stores():
    product = t[i, 1] * sympy.log(y[i, 1])
    assert sympy.srepr(product).startswith("Mul(log")  # SymPy's canonical order is log first
    assert latex(product) == r"t_{i,1} \log y_{i,1}"


def test_the_table_substituted_keeps_every_factor_and_the_printed_decimals():
    with sympy.evaluate(False):
        terms = [sympy.Integer(1) * sympy.log(PrintedNumber("0.30")),
                 sympy.Integer(0) * sympy.log(PrintedNumber("0.36"))]
        expr = -sympy.Add(*terms)
    assert latex(expr) == r"- \left(1 \cdot \log 0.30 + 0 \cdot \log 0.36\right)"


def test_the_expansion_for_three_classes_prints_term_by_term():
    expected = r"- \left(t_{2,1} \log y_{2,1} + t_{2,2} \log y_{2,2} + t_{2,3} \log y_{2,3}\right)"
    assert latex(model.expanded_sample_loss(2, 3)) == expected


def test_the_one_hot_reduction_prints_the_true_class_as_a_nested_subscript():
    assert latex(model.one_hot_batch_loss()) == r"- \frac{1}{N} \sum_{i=1}^{N} \log y_{i,c_{i}}"


def test_the_vector_form_prints_bold_vectors_and_a_dot():
    assert latex(model.vector_sample_loss(1, 3)) == r"- \boldsymbol{t}_{1} \cdot \log \boldsymbol{y}_{1}"


def test_column_vectors_print_as_pmatrix():
    assert latex(model.column([t[1, 1], t[1, 2]])) == r"\begin{pmatrix}t_{1,1}\\t_{1,2}\end{pmatrix}"


def test_names_print_as_in_the_article():
    assert latex(E[4]) == "E_{4}"
    assert latex(total_loss_name) == "E_{sum}"
    assert latex(total_loss_name / 4) == r"\frac{1}{4} E_{sum}"


# --- parts 3, 4 and 6: the likelihood and the binary cross-entropy ---------------------------


def test_4_1_prints_as_in_the_article():
    from derivations.symbols import likelihood_name

    printed = f"{latex(sympy.log(likelihood_name))} = {latex(model.log_likelihood(6))}"
    assert printed == r"\log L = \sum_{k=1}^{6} t_{k} \log y_{k}"


def test_the_likelihood_prints_as_a_product_of_powers():
    assert latex(model.likelihood()) == r"\prod_{k=1}^{K} y_{k}^{t_{k}}"
    assert latex(sympy.log(model.likelihood(6))) == r"\log \left(\prod_{k=1}^{6} y_{k}^{t_{k}}\right)"


def test_nested_products_are_not_merged_into_one_substack():
    printed = latex(model.total_likelihood_expanded())
    assert r"\substack" not in printed
    assert printed == r"\prod_{i=1}^{N} \prod_{k=1}^{K} y_{ik}^{t_{ik}}"


def test_the_die_throw_keeps_its_powers_of_one_and_zero():
    assert latex(model.expanded_likelihood(3, [1, 0, 0])) == r"y_{1}^{1} y_{2}^{0} y_{3}^{0}"


def test_7_1_prints_as_in_the_article():
    assert latex(model.expanded_one_sample_loss(2)) == r"- \left(t_{1} \log y_{1} + t_{2} \log y_{2}\right)"


def test_the_binary_form_prints_t_before_log_y_in_square_brackets():
    expected = r"- \left[t \log y + \left(1 - t\right) \log \left(1 - y\right)\right]"
    assert latex(model.binary_cross_entropy()) == expected


def test_part_1s_formula_2_prints_as_in_the_article():
    expected = r"- \frac{1}{N} \sum_{i=1}^{N} \left[t_{i} \log y_{i} + \left(1 - t_{i}\right) \log \left(1 - y_{i}\right)\right]"
    assert latex(model.binary_batch_loss()) == expected


def test_brackets_nest_round_square_curly_from_the_inside_out():
    printed = latex(model.binary_batch_mean_unfolded())
    assert printed == (r"\frac{1}{N} \sum_{i=1}^{N} \left\{- \left[t_{i} \log y_{i} + \left(1 - t_{i}\right) "
                       r"\log \left(1 - y_{i}\right)\right]\right\}")


def test_a_bracketed_coefficient_goes_before_the_log_whatever_sympy_stores():
    product = (1 - t[1]) * sympy.log(1 - y[1])  # evaluated: SymPy stores the log first
    assert latex(product) == r"\left(1 - t_{1}\right) \log \left(1 - y_{1}\right)"


# --- quotients inside a log, and no 1 · that nobody wrote --------------------------------------


def test_a_quotient_inside_a_log_prints_as_a_fraction():
    from derivations.symbols import k

    assert latex(sympy.log(t[k] / y[k])) == r"\log \frac{t_{k}}{y_{k}}"
    assert latex(sympy.log(1 / y[k])) == r"\log \frac{1}{y_{k}}"
    with sympy.evaluate(False):
        kl = sympy.Sum(t[k] * sympy.log(t[k] / y[k]), (k, 1, sympy.Symbol("K")))
    assert latex(kl) == r"\sum_{k=1}^{K} t_{k} \log \frac{t_{k}}{y_{k}}"


def test_a_sum_built_unevaluated_has_no_1_in_front_of_its_terms():
    from derivations.symbols import K, k

    with sympy.evaluate(False):
        two_sums = sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, K)) + sympy.Sum(t[k], (k, 1, K))
        negated = -sympy.Sum(sympy.log(y[k]), (k, 1, K))
    assert sympy.srepr(two_sums.args[0].function).startswith("Mul(Integer(1), ")  # SymPy's own 1
    assert latex(two_sums) == r"\sum_{k=1}^{K} t_{k} \log y_{k} + \sum_{k=1}^{K} t_{k}"
    assert latex(negated) == r"- \sum_{k=1}^{K} \log y_{k}"


def test_a_1_written_on_purpose_is_still_shown():
    with sympy.evaluate(False):
        written = sympy.Mul(sympy.Integer(1), sympy.log(PrintedNumber("0.33")))
    assert latex(written) == r"1 \cdot \log 0.33"


def test_a_sum_of_numbers_stands_in_front_of_a_letter_like_a_number_and_one_of_letters_behind():
    from derivations.symbols import K, k

    with sympy.evaluate(False):
        numbers = sympy.Mul(N, sympy.Sum(k, (k, 1, 3)))
        letters = sympy.Mul(sympy.Sum(y[k], (k, 1, K)), N)
    assert latex(numbers) == r"\sum_{k=1}^{3} k \cdot N"
    assert latex(letters) == r"N \sum_{k=1}^{K} y_{k}"


def test_a_rational_in_front_of_a_matrix_is_not_bracketed_and_the_matrix_sum_is():
    with sympy.evaluate(False):
        difference = sympy.MatAdd(sympy.ImmutableMatrix([[1, 2]]), sympy.MatMul(-1, sympy.ImmutableMatrix([[0, 1]])))
        scaled = sympy.MatMul(sympy.Rational(1, 4), difference)
    assert latex(scaled) == (r"\frac{1}{4} \left(\begin{pmatrix}1 & 2\end{pmatrix} - "
                             r"\begin{pmatrix}0 & 1\end{pmatrix}\right)")


# --- a product over a letter is one fraction: ε/K, not 1/K · ε ---------------------------------


def test_epsilon_over_k_prints_as_one_fraction_in_either_order_sympy_stores():
    from derivations.symbols import K

    epsilon = sympy.Symbol(r"\varepsilon", positive=True)
    with sympy.evaluate(False):
        reciprocal_first = sympy.Mul(sympy.Pow(K, -1), epsilon)
        letter_first = sympy.Mul(epsilon, sympy.Pow(K, -1))
    assert latex(reciprocal_first) == r"\frac{\varepsilon}{K}"
    assert latex(letter_first) == r"\frac{\varepsilon}{K}"
    assert latex(epsilon / K) == r"\frac{\varepsilon}{K}"  # evaluated, too


def test_a_sum_or_a_bracket_stands_beside_the_fraction_not_on_top():
    from derivations.symbols import K, k

    epsilon = sympy.Symbol(r"\varepsilon", positive=True)
    with sympy.evaluate(False):
        times_sum = sympy.Mul(epsilon / K, sympy.Sum(y[k], (k, 1, K)))
        nested = sympy.Mul(epsilon, sympy.Mul(sympy.Pow(K, -1), -sympy.Sum(sympy.log(y[k]), (k, 1, K))))
    assert latex(times_sum) == r"\frac{\varepsilon}{K} \sum_{k=1}^{K} y_{k}"
    assert latex(nested) == r"\frac{\varepsilon}{K} \left(- \sum_{k=1}^{K} \log y_{k}\right)"


def test_the_mean_keeps_one_over_n_in_front_as_the_article_writes_6_3():
    with sympy.evaluate(False):
        mean = sympy.Mul(total_loss_name, sympy.Pow(N, -1))
    assert latex(mean) == r"\frac{1}{N} E_{sum}"


def _printed_steps(chain_id: str) -> list:
    """The printed right-hand sides of one of part 9's symbolic chains, as the part builds them."""
    from derivations.outline import Inputs
    from derivations.parts import frameworks

    items = [item for section in frameworks.derivation(Inputs()).sections for item in section.items]
    return [latex(step.expr) for step in next(item for item in items if item.id == chain_id).steps]


def test_label_smoothing_prints_epsilon_over_k_in_each_of_its_formulas():
    # PyTorch's documented target (1 − ε) t_ik + ε/K and the loss in logits; the expected strings
    # are written by hand from the documentation's formula, read in the article's notation.
    smoothed_target = r"\left[\left(1 - \varepsilon\right) t_{ik} + \frac{\varepsilon}{K}\right]"
    uniform_part = r"\frac{\varepsilon}{K} \left(- \sum_{k=1}^{K} \log y_{ik}\right)"
    documented, split, named = _printed_steps("frameworks-smoothed")
    (in_logits,) = _printed_steps("frameworks-smoothed-logits")
    assert documented == rf"- \sum_{{k=1}}^{{K}} {smoothed_target} \log y_{{ik}}"
    assert split == (rf"\left(1 - \varepsilon\right) \left(- \sum_{{k=1}}^{{K}} t_{{ik}} \log y_{{ik}}\right)"
                     rf" + {uniform_part}")
    assert named == rf"\left(1 - \varepsilon\right) E_{{i}} + {uniform_part}"
    assert in_logits.endswith(r"- \frac{\varepsilon}{K} \sum_{k=1}^{K} z_{ik}")
    assert r"\frac{1}{K}" not in documented + split + named + in_logits
