"""Reading the series' LaTeX: each construct of the subset into the SymPy we would write by hand.

The expected structures below are built here with SymPy's constructors and our symbols, so a
parser that read t_{ik} as anything but t[i, k], or a sum's body as anything but the rest of
its product, would fail.
"""
import time
import tomllib
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import Rational, Sum, log

from derivations import model
from derivations.latex import latex
from derivations.symbols import E, K, N, i, k, likelihood_name, one_sample_loss_name, t, total_loss_name, y
from derivations.texparse import Note, ParseError, parse, parse_one, tokenize

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
    assert parse_one(text) == expected


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
    assert parse_one(text) == expected


def test_the_indices_are_the_integer_symbols_of_the_derivation():
    index = parse_one("t_{ik}").indices[0]
    assert index is i and index.is_integer and index.is_positive


def test_a_number_is_read_exactly_not_as_a_float():
    assert parse_one("0.33") == Rational(33, 100)
    assert parse_one("6") == 6


# --- operators --------------------------------------------------------------------------------


def test_log_takes_the_next_atom_as_its_argument():
    assert parse_one(r"t_{k} \log y_{k}") == t[k] * log(y[k])


def test_log_of_a_bracketed_difference():
    assert parse_one(r"\log (1- y_{i})") == log(1 - y[i])


def test_a_fraction_divides_its_two_braced_arguments():
    assert parse_one(r"\frac{1}{N}") == 1 / N


def test_juxtaposed_factors_multiply():
    assert parse_one(r"t_{1} \log y_{1}") == t[1] * log(y[1])


def test_cdot_multiplies_like_juxtaposition():
    assert parse_one(r"1 \cdot \log 0.33") == log(Rational(33, 100))


def test_a_leading_minus_negates_the_whole_first_term():
    assert parse_one(r"- t_{1} \log y_{1} + t_{2}") == -t[1] * log(y[1]) + t[2]


def test_a_minus_before_brackets_negates_their_content():
    assert parse_one(r"- (t_{1} \log y_{1} + t_{2} \log y_{2})") == -(t[1] * log(y[1]) + t[2] * log(y[2]))


@pytest.mark.parametrize("opening, closing", [("(", ")"), ("[", "]"), (r"\lbrack", r"\rbrack"),
                                              ("{", "}"), (r"\left(", r"\right)"), (r"\left[", r"\right]")])
def test_every_kind_of_bracket_groups(opening, closing):
    assert parse_one(rf"2 {opening} t_{{1}} + t_{{2}} {closing}") == 2 * t[1] + 2 * t[2]


def test_a_superscript_is_a_power():
    assert parse_one(r"y_{k}^{t_{k}}") == y[k] ** t[k]


def test_spacing_commands_are_ignored():
    assert parse_one(r"t_{1} \, \log\ y_{1}") == t[1] * log(y[1])


# --- sums -------------------------------------------------------------------------------------


def test_a_sum_with_both_limits():
    expected = Sum(t[k] * log(y[k]), (k, 1, K))
    assert parse_one(r"\sum_{k=1}^{K} t_{k} \log y_{k}") == expected


def test_a_sum_takes_the_rest_of_the_product_as_its_body_but_stops_at_plus():
    expected = Sum(t[k], (k, 1, K)) + y[1]
    assert parse_one(r"\sum_{k=1}^{K} t_{k} + y_{1}") == expected


def test_an_unbraced_upper_limit_is_one_character_as_in_tex():
    assert parse_one(r"\sum_{i=1}^N E_{i}") == Sum(E[i], (i, 1, N))
    assert parse_one(r"\sum_{i=1}^4 E_{i}") == Sum(E[i], (i, 1, 4))


def test_a_double_sum_nests_the_second_inside_the_first():
    expected = -Sum(Sum(t[i, k] * log(y[i, k]), (k, 1, K)), (i, 1, N)) / N
    assert parse_one(r"- \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}") == expected


def test_a_sum_without_a_lower_limit_is_read_from_1_and_noted():
    parsed = parse(r"\sum_{i}^{N} t_{i}")
    assert parsed.exprs == (Sum(t[i], (i, 1, N)),)
    assert parsed.notes == (Note("lower-limit-missing", "i", "1", 0),)


def test_each_sum_without_a_lower_limit_gets_its_own_note_at_its_own_position():
    parsed = parse(r"\sum_{i}^{N} \sum_{k}^{K} t_{ik}")
    assert [(note.index, note.position) for note in parsed.notes] == [("i", 0), ("k", 13)]


def test_the_limits_may_come_in_either_order():
    assert parse_one(r"\sum^{K}_{k=1} t_{k}") == Sum(t[k], (k, 1, K))


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
        assert parse_one(latex(formula)) == formula


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
        parse_one("E = t_{1}")


def test_tokens_carry_their_positions():
    assert [(token.text, token.position) for token in tokenize(r"t_{k} \log")] == [
        ("t", 0), ("_", 1), ("{", 2), ("k", 3), ("}", 4), (r"\log", 6)]


# --- bounds and hostile text: every refusal is a ParseError with its position -------------------

HOSTILE = [
    # (text, 0-based position counted by hand, words of the reason)
    ("{" * 5_000 + "t_{1}" + "}" * 5_000, 2_000, "the formula is 10005 characters long; the limit is 2000"),
    ("{" * 41 + "t_{1}" + "}" * 41, 40, "the formula nests 41 levels deep"),
    # \frac{ is six characters: the 41st brace is the sixth character of the 41st \frac.
    (r"\frac{" * 41 + "1" + "}{2}" * 41, 6 * 40 + 5, "the formula nests 41 levels deep"),
    # "\sum_{k=1}^K " is 13 characters: the 41st sum starts at 13 × 40.
    (r"\sum_{k=1}^K " * 41 + "t_{k}", 13 * 40, "nests 41 levels deep (brackets, braces, fractions and sums); "
                                               "the limit is 40"),
    ("y_{1}^{1000000000}", 5, "the power has the number 1000000000 in its exponent; the limit is 100"),
    ("2^{1000000000}", 1, "the number 1000000000 in its exponent; the limit is 100"),
    ("(y_{1}^{100})^{100}", 13, "the number 10000 in its exponent; the limit is 100"),  # 100 × 100
    ("y_{1}^{N^{2}}", 5, "an exponent holds a power (a tower such as y^{N^{2}})"),
    ("1" * 31, 0, "the number has 31 digits; the limit is 30"),
    ("t_{1} + " * 300, 2_000, "the formula is 2400 characters long; the limit is 2000"),
    ("+".join(["1"] * 202), 400, "the formula has more than 400 tokens"),  # token n is at position n
    (r"\sum_{k=1}^{1000000000} t_{k}", 0, "written out, the formula's sums would have more than 400 terms"),
    # 20 outer terms, then 20 × 20 inner ones: 420. The inner sum starts after "\sum_{i=1}^{20} ".
    (r"\sum_{i=1}^{20} \sum_{k=1}^{20} t_{ik}", 16, "would have more than 400 terms; the limit is 400"),
    (r"\sum_{k=1}^{K^{2}} t_{k}", 0, "a sum's limit is a whole number, a name or a name plus or minus"),
    (r"\log (\log 2)", 6, "a log holds another log; logs may not nest"),
    (r"\log (" * 12 + "2" + ")" * 12, 6, "a log holds another log"),  # SymPy takes minutes over these
    # Index errors point past the subscript, where reading stopped: an Arabic-Indic three and a
    # superscript two, for both of which str.isdigit() is True.
    ("t_{٣}", 5, "'٣' is not an index"),
    ("y_²", 3, "'²' is not an index"),
]


@pytest.mark.parametrize("text, position, words", HOSTILE)
def test_hostile_text_is_refused_quickly_with_its_position_and_the_limit(text, position, words):
    started = time.perf_counter()
    with pytest.raises(ParseError) as refused:
        parse(text)
    assert words in refused.value.reason and refused.value.position == position, str(refused.value)[:300]
    assert time.perf_counter() - started < 2


def test_a_fullwidth_letter_is_not_a_name():
    with pytest.raises(ParseError, match="'ｙ' cannot start an expression at position 0"):
        parse("ｙ_{1}")


def test_formulas_at_every_limit_still_read():
    assert parse_one("{" * 40 + "t_{1}" + "}" * 40) == t[1]
    assert parse_one("y_{1}^{100}") == y[1] ** 100
    assert parse_one("y_{1}^{-100}") == y[1] ** -100
    assert parse_one(r"y_{1}^{\frac{1}{N}}") == y[1] ** (1 / N)
    assert parse_one(r"\sum_{k=1}^{400} t_{k}") == Sum(t[k], (k, 1, 400))
    assert parse_one(r"\sum_{i=1}^{N-1} E_{i}") == Sum(E[i], (i, 1, N - 1))
    assert parse_one("1" * 30) == int("1" * 30)
    assert parse_one(r"\log 2 + \log (3)") == log(2) + log(3)


def test_a_number_is_built_from_its_digits():
    assert parse_one("0." + "0" * 28 + "1") == Rational(1, 10**29)  # 30 digits in all
    assert parse_one("12.50") == Rational(25, 2)


# --- fuzzing: parsing succeeds or raises ParseError, and is quick, whatever the text -------------

FUZZ = settings(max_examples=200, deadline=2_000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PIECES = [r"\sum", r"\frac", r"\log", r"\lbrack", r"\rbrack", r"\cdot", r"\tag", r"\left", r"\right", r"\alpha",
          r"\,", "\\", *"{}()[]_^=+-,.&' ", *"tykiNKEL", *"0123456789", "sum", "ｙ", "\u00a0", "²", "٣", "−", "é"]
PRINTED = [entry["latex"] for entry in tomllib.loads(
    (Path(__file__).parents[1] / "data" / "formulas.toml").read_text("utf-8"))["formulas"]]


def _mutated():
    """A printed formula changed the ways a hostile one is: a piece repeated or nested, characters put in."""
    mutation = st.tuples(st.sampled_from(["repeat", "nest", "insert", "power", "digits", "limit"]),
                         st.integers(0, 10_000), st.integers(1, 3_000), st.sampled_from(PIECES))
    return st.tuples(st.sampled_from(PRINTED), st.lists(mutation, max_size=4)).map(_apply)


def _apply(printed_and_mutations: tuple) -> str:
    text, mutations = printed_and_mutations
    for kind, where, count, piece in mutations:
        at = where % (len(text) + 1)
        opener, closer = [("{", "}"), (r"\log (", ")"), (r"\frac{", "}{2}"), (r"\sum_{k=1}^{K} ", "")][count % 4]
        text = {"repeat": text[:at] + text[at:at + 1 + count % 12] * count + text[at:],
                "nest": text[:at] + opener * count + text[at:] + closer * count,
                "insert": text[:at] + piece + text[at:],
                "power": text[:at] + f"y_{{1}}^{{{count ** 3}}}" + text[at:],
                "digits": text[:at] + "9" * count + text[at:],
                "limit": text[:at] + rf"\sum_{{k=1}}^{{{count ** 2}}} " + text[at:]}[kind]
    return text


def _reads_or_refuses(text: str) -> None:
    try:
        parse(text)
    except ParseError:
        pass


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=200).map("".join))
def test_any_text_is_read_or_refused_as_a_parse_error(text):
    _reads_or_refuses(text)


@FUZZ
@given(_mutated())
def test_a_mutated_printed_formula_is_read_or_refused_as_a_parse_error(text):
    _reads_or_refuses(text)


@pytest.mark.parametrize("tag", ["$$ <b>", r"1\]", r"a\\b", "a`b"])
def test_a_tag_that_could_close_the_pages_math_is_refused(tag):
    with pytest.raises(ParseError, match="an equation tag may hold"):
        parse(rf"E = y_{{1}} \tag{{{tag}}}")


def test_the_series_tags_are_read_as_printed():
    assert parse(r"E = y_{1} \tag{4.3、再掲}").tag == "4.3、再掲"
