"""Reading the series' LaTeX: each construct of the subset into the SymPy we would write by hand.

The expected structures below are built here with SymPy's constructors and our symbols, so a
parser that read t_{ik} as anything but t[i, k], or a sum's body as anything but the rest of
its product, would fail.
"""
import pytest
import sympy
from sympy import Rational, Sum, log

from derivations import model
from derivations.latex import latex
from derivations.symbols import E, K, N, i, k, likelihood_name, one_sample_loss_name, t, total_loss_name, y
from derivations.texparse import Note, ParseError, parse, parse_expr, tokenize

BCE = sympy.Symbol("BCE")


# --- names and subscripts -------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("t_{ik}", t[i, k]),
    ("t_{k}", t[k]),
    ("t_{i}", t[i]),
    ("y_{ik}", y[i, k]),
    ("y_{k}", y[k]),
    ("t_{1}", t[1]),
    ("t_{i1}", t[i, 1]),
    ("y_{4,2}", y[4, 2]),
    ("t_k", t[k]),
])
def test_a_subscript_letter_or_digit_is_one_index_of_t_or_y(text, expected):
    assert parse_expr(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("E", one_sample_loss_name),
    ("E_{sum}", total_loss_name),
    ("E_{i}", E[i]),
    ("E_{3}", E[3]),
    ("L", likelihood_name),
    ("BCE", BCE),
    ("N", N),
    ("K", K),
])
def test_names_are_our_symbols(text, expected):
    assert parse_expr(text) == expected


def test_the_indices_are_the_integer_symbols_of_the_derivation():
    index = parse_expr("t_{ik}").indices[0]
    assert index is i and index.is_integer and index.is_positive


def test_a_number_is_read_exactly_not_as_a_float():
    assert parse_expr("0.33") == Rational(33, 100)
    assert parse_expr("6") == 6


# --- operators --------------------------------------------------------------------------------


def test_log_takes_the_next_atom_as_its_argument():
    assert parse_expr(r"t_{k} \log y_{k}") == t[k] * log(y[k])


def test_log_of_a_bracketed_difference():
    assert parse_expr(r"\log (1- y_{i})") == log(1 - y[i])


def test_a_fraction_divides_its_two_braced_arguments():
    assert parse_expr(r"\frac{1}{N}") == 1 / N


def test_juxtaposed_factors_multiply():
    assert parse_expr(r"t_{1} \log y_{1}") == t[1] * log(y[1])


def test_cdot_multiplies_like_juxtaposition():
    assert parse_expr(r"1 \cdot \log 0.33") == log(Rational(33, 100))


def test_a_leading_minus_negates_the_whole_first_term():
    assert parse_expr(r"- t_{1} \log y_{1} + t_{2}") == -t[1] * log(y[1]) + t[2]


def test_a_minus_before_brackets_negates_their_content():
    assert parse_expr(r"- (t_{1} \log y_{1} + t_{2} \log y_{2})") == -(t[1] * log(y[1]) + t[2] * log(y[2]))


@pytest.mark.parametrize("opening, closing", [("(", ")"), ("[", "]"), (r"\lbrack", r"\rbrack"),
                                              ("{", "}"), (r"\left(", r"\right)"), (r"\left[", r"\right]")])
def test_every_kind_of_bracket_groups(opening, closing):
    assert parse_expr(rf"2 {opening} t_{{1}} + t_{{2}} {closing}") == 2 * t[1] + 2 * t[2]


def test_a_superscript_is_a_power():
    assert parse_expr(r"y_{k}^{t_{k}}") == y[k] ** t[k]


def test_spacing_commands_are_ignored():
    assert parse_expr(r"t_{1} \, \log\ y_{1}") == t[1] * log(y[1])


# --- sums -------------------------------------------------------------------------------------


def test_a_sum_with_both_limits():
    expected = Sum(t[k] * log(y[k]), (k, 1, K))
    assert parse_expr(r"\sum_{k=1}^{K} t_{k} \log y_{k}") == expected


def test_a_sum_takes_the_rest_of_the_product_as_its_body_but_stops_at_plus():
    expected = Sum(t[k], (k, 1, K)) + y[1]
    assert parse_expr(r"\sum_{k=1}^{K} t_{k} + y_{1}") == expected


def test_an_unbraced_upper_limit_is_one_character_as_in_tex():
    assert parse_expr(r"\sum_{i=1}^N E_{i}") == Sum(E[i], (i, 1, N))
    assert parse_expr(r"\sum_{i=1}^4 E_{i}") == Sum(E[i], (i, 1, 4))


def test_a_double_sum_nests_the_second_inside_the_first():
    expected = -Sum(Sum(t[i, k] * log(y[i, k]), (k, 1, K)), (i, 1, N)) / N
    assert parse_expr(r"- \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}") == expected


def test_a_sum_without_a_lower_limit_is_read_from_1_and_noted():
    parsed = parse(r"\sum_{i}^{N} t_{i}")
    assert parsed.exprs == (Sum(t[i], (i, 1, N)),)
    assert parsed.notes == (Note("lower-limit-missing", "i", "1", 0),)


def test_each_sum_without_a_lower_limit_gets_its_own_note_at_its_own_position():
    parsed = parse(r"\sum_{i}^{N} \sum_{k}^{K} t_{ik}")
    assert [(note.index, note.position) for note in parsed.notes] == [("i", 0), ("k", 13)]


def test_the_limits_may_come_in_either_order():
    assert parse_expr(r"\sum^{K}_{k=1} t_{k}") == Sum(t[k], (k, 1, K))


# --- chains and tags ------------------------------------------------------------------------


def test_an_equation_is_split_into_its_two_sides():
    parsed = parse(r"E = - \sum_{k=1}^{K} t_{k} \log y_{k}")
    assert parsed.exprs == (one_sample_loss_name, -Sum(t[k] * log(y[k]), (k, 1, K)))
    assert [member.text for member in parsed.members] == ["E", r"- \sum_{k=1}^{K} t_{k} \log y_{k}"]


def test_a_chain_of_equals_signs_gives_every_member_in_order():
    text = r"BCE = - \log L = - \sum_{k=1}^{2} t_{k} \log y_{k} = - (t_{1} \log y_{1} + t_{2} \log y_{2})"
    expected = (BCE, -log(likelihood_name), -Sum(t[k] * log(y[k]), (k, 1, 2)),
                -t[1] * log(y[1]) - t[2] * log(y[2]))
    assert parse(text).exprs == expected


def test_an_equals_sign_glued_to_a_minus_is_still_two_tokens():
    assert parse(r"BCE =- t_{1}").exprs == (BCE, -t[1])


def test_a_trailing_tag_is_kept_apart_from_the_formula():
    parsed = parse(r"E_{sum} = \sum_{i=1}^N E_{i} \tag{6.1} ")
    assert parsed.tag == "6.1"
    assert parsed.members[-1].text == r"\sum_{i=1}^N E_{i}"


def test_the_printers_own_output_reads_back_as_the_same_formula():
    for formula in (model.batch_loss(), model.one_sample_loss(), model.per_sample_loss(), model.total_loss()):
        assert parse_expr(latex(formula)) == formula


# --- outside the subset -----------------------------------------------------------------------


@pytest.mark.parametrize("text, position, reason", [
    (r"E = \alpha", 4, r"\alpha is outside the supported LaTeX subset"),
    ("E = t", 4, "t needs a subscript, e.g. t_{k}"),
    (r"\sum_{k=1} t_{k}", 0, r"a sum needs an index below and an upper limit above: \sum_{k=1}^{K}"),
    ("E = (t_{1}", 10, "expected ')', found the end"),
    ("a & b", 2, "unexpected '&'"),
    ("E_{ik}", 6, "E takes one subscript, the sample: E_{i}"),
    ("N_{1}", 1, "a subscript on N is outside the supported subset"),
    ("E =", 3, "the formula ends where an expression is expected"),
    (r"\frac 1 N", 6, "expected '{' to open an argument"),
])
def test_text_outside_the_subset_is_refused_with_its_position(text, position, reason):
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert (raised.value.position, raised.value.reason) == (position, reason)


def test_the_error_message_shows_where_reading_stopped():
    with pytest.raises(ParseError, match=r"at position 4: E = ⟨here⟩\\alpha"):
        parse(r"E = \alpha")


def test_an_expression_with_an_equals_sign_is_not_one_expression():
    with pytest.raises(ParseError, match="expected one expression"):
        parse_expr("E = t_{1}")


def test_tokens_carry_their_positions():
    assert [(token.text, token.position) for token in tokenize(r"t_{k} \log")] == [
        ("t", 0), ("_", 1), ("{", 2), ("k", 3), ("}", 4), (r"\log", 6)]
