"""Formulas over the table: only t[i, k], y[i, k], log, numbers and + - * / get through; name lists.

Expected values come from Python's `math` or hand arithmetic, never from the package; the
columns in expected messages are counted by hand from the text.
"""
import math
import time
import tomllib
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations import expressions
from derivations.expressions import FormulaError
from derivations.symbols import E, i, k, t, total_loss_name, y

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


# --- bounds and hostile text: every refusal is a FormulaError naming the column -----------------

HOSTILE = [
    # (text, words the refusal must contain: what was wrong, where, and the limit)
    ("1e1000000000*y[1,1]", "the exponent e1000000000 of the number at column 1 is too large; the limit is 30"),
    ("y[1,1]*1e5000", "the exponent e5000 of the number at column 8 is too large; the limit is 30"),
    ("ｙ[1,1]", "'ｙ' (U+FF59 FULLWIDTH LATIN SMALL LETTER Y) at column 1 is not ASCII"),
    ("y[1,1]\u00a0+ 1", "'\\xa0' (U+00A0 NO-BREAK SPACE) at column 7 is not ASCII"),
    ("-" * 10_000 + "y[1,1]", "the text is 10006 characters long; the limit is 2000 (column 2001 is past it)"),
    ("+".join(["y[1,1]"] * 1_500), "the text is 10499 characters long; the limit is 2000"),
    ("-" * 41 + "y[1,1]", "at column 41, the formula nests 41 levels deep; the limit is 40"),
    ("(" * 41 + "y[1,1]" + ")" * 41, "at column 41, the formula nests 41 levels deep; the limit is 40"),
    # log( is four characters: the second log opens at column 5. SymPy takes minutes over a dozen.
    ("log(" * 12 + "2" + ")" * 12, "at column 5, a log holds another log; logs may not nest"),
    ("log(y[1,1]) + log((-log(y[1,2])))", "at column 21, a log holds another log"),
    # "1+1+…": the n-th number or operator is at column n.
    ("+".join(["1"] * 401), "at column 401, the formula has more than 400 numbers, cells and operators; "
                            "the limit is 400"),
    ("y[1,1]*" + "1" * 31, "the number at column 8 has 31 digits; the limit is 30"),
    ("y[1,1]*0." + "0" * 29 + "1", "the number at column 8 has 31 digits; the limit is 30"),
    ("y[1٣,1]", "at column 4 is not ASCII"),  # an Arabic-Indic digit three: str.isdigit() is True for it
]


@pytest.mark.parametrize("text, words", HOSTILE)
def test_hostile_text_is_refused_quickly_naming_the_column_and_the_limit(text, words):
    started = time.perf_counter()
    with pytest.raises(FormulaError) as refused:
        expressions.parse(text)
    assert words in str(refused.value), str(refused.value)
    assert time.perf_counter() - started < 2


def test_a_formula_that_nests_too_deeply_is_refused_naming_the_limit():
    with pytest.raises(FormulaError, match=r"nests 41 levels deep; the limit is 40"):
        expressions.parse("-(" * 20 + "-y[1,1]" + ")" * 20)  # 20 signs, 20 parentheses and one more sign


def test_a_formula_at_every_limit_still_reads():
    nested = "(" * 40 + "y[1,1]" + ")" * 40
    assert expressions.parse(nested) == y[1, 1]
    assert expressions.parse("+".join(["1"] * 200)) == 200  # 200 numbers and 199 operators: 399 nodes
    assert expressions.parse("1" * 30) == int("1" * 30)
    assert expressions.parse("1e30") == 10**30 and expressions.parse("1e-30") == sympy.Rational(1, 10**30)
    assert expressions.parse("y[1,1]" + " " * 1_994) == y[1, 1]  # 2000 characters


@pytest.mark.parametrize("text, expected", [
    ("2.5e2", 250), ("1e-5", sympy.Rational(1, 100_000)), (".5", sympy.Rational(1, 2)), ("5.", 5),
    ("0.125E+1", sympy.Rational(5, 4)), ("3 * -2", -6), ("+-+1", -1), ("7/2 - 1/2", 3),
])
def test_a_number_with_a_point_or_an_exponent_is_exact(text, expected):
    assert expressions.parse(text) == expected


def test_a_cell_index_must_be_a_whole_number_from_1():
    with pytest.raises(FormulaError, match=r"at column 3, '0' is not allowed: .*an index is a whole number from 1"):
        expressions.parse("y[0,1]")


@pytest.mark.parametrize("text, column", [("y[1,1] + exp(1)", 10), ("y[1,1]**2", 8), ("t[1,1] = 1", 8)])
def test_a_refusal_names_the_column_of_what_is_not_allowed(text, column):
    with pytest.raises(FormulaError, match=rf"at column {column}, '.*' is not allowed"):
        expressions.parse(text)


def test_code_in_a_formula_is_never_run(tmp_path):
    canary = tmp_path / "pwned"
    with pytest.raises(FormulaError):
        expressions.parse(f"__import__('os').system('touch {canary}')")
    with pytest.raises(FormulaError):
        expressions.parse_names(f"__import__('os').system('touch {canary}')")
    assert not canary.exists()


# --- the name grammar ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("t[k], y[k]", (t[k], y[k])),
    ("E[4]", (E[4],)),
    ("E[i]", (E[i],)),
    ("t[i,k], y[2, 3]", (t[i, k], y[2, 3])),
    ("t[1]", (t[1],)),
    ("E_sum", (total_loss_name,)),
    ("E", (E,)),
    ("i, k", (i, k)),
])
def test_a_name_list_reads_as_our_symbols(text, expected):
    assert expressions.parse_names(text) == expected


def test_the_index_i_of_a_name_is_the_derivations_integer_symbol():
    (name,) = expressions.parse_names("E[i]")
    assert name.indices[0] is i and i.is_integer and i.is_positive


@pytest.mark.parametrize("text, words", [
    ("t[k", "'t[k' is not a list of names: it ends at column 4"),
    ("", "'' is not a list of names: it is empty (column 1)"),
    ("t[k],", "it ends at column 6 where a name is expected"),
    ("E[1,2]", "at column 4, ',' is not allowed"),
    ("t[1,2,3]", "at column 6, ',' is not allowed"),
    ("t", "at column 1, 't' is not allowed: a list of names may use only t[k]"),
    ("E_total", "at column 1, 'E_total' is not allowed"),
    ("t[k]+1", "at column 5, '+' is not allowed"),
    ("t[0]", "at column 3, '0' is not allowed"),
    ("ｔ[k]", "'ｔ' (U+FF54 FULLWIDTH LATIN SMALL LETTER T) at column 1 is not ASCII"),
    (", ".join(["E"] * 401), "at column 1201, the list of names has more than 400 names; the limit is 400"),
])
def test_a_name_list_outside_its_grammar_is_refused_naming_the_column(text, words):
    with pytest.raises(FormulaError) as refused:
        expressions.parse_names(text)
    assert words in str(refused.value), str(refused.value)


# --- fuzzing: parsing succeeds or raises FormulaError, and is quick, whatever the text ----------

FUZZ = settings(max_examples=200, deadline=2_000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ALPHABET = [*"0123456789.eE+-*/()[], \ttylogkiEx_=^'\"", "log(", "y[1,1]", "ｙ", "\u00a0", "é", "−", "²", "٣",
            "\U0001d7cf", "\x00", "\n"]
FORMULAS = ["-log(y[2,3])", "-(t[1,1]*log(y[1,1]) + t[1,2]*log(y[1,2]))", "(log(y[1,1]) + log(y[2,2]))/2",
            "0.1*log(y[1,1])", "-(t[2,3]*log(y[2,3]) + log(y[1,1]))/2"]
NAMES = ["t[k], y[k]", "E[4]", "E_sum", "E", "t[i,k]", "E[i]", "y[2, 3]"]


def _quantities() -> list:
    """The formulas among the example claims file's quantities, as an author writes them."""
    document = tomllib.loads((Path(__file__).parents[1] / "examples" / "claims-example.toml").read_text("utf-8"))
    return [claim["quantity"] for claim in document["claims"] if "(" in claim["quantity"]]


def _mutated(seeds: list):
    """A valid text changed the ways a hostile one is: a piece repeated or nested, characters put in."""
    mutation = st.tuples(st.sampled_from(["repeat", "nest", "insert", "exponent", "digits"]),
                         st.integers(0, 10_000), st.integers(1, 3_000), st.sampled_from(ALPHABET))
    return st.tuples(st.sampled_from(seeds), st.lists(mutation, max_size=4)).map(_apply)


def _apply(seed_and_mutations: tuple) -> str:
    text, mutations = seed_and_mutations
    for kind, where, count, char in mutations:
        at = where % (len(text) + 1)
        piece = text[at:at + 1 + count % 12]
        text = {"repeat": text[:at] + piece * count + text[at:],
                "nest": text[:at] + ("log(" if count % 2 else "-(") * count + text[at:] + ")" * count,
                "insert": text[:at] + char + text[at:],
                "exponent": text[:at] + f"1e{count ** 3}*" + text[at:],
                "digits": text[:at] + "9" * count + text[at:]}[kind]
    return text


def _reads_or_refuses(read, text: str) -> None:
    try:
        read(text)
    except FormulaError:
        pass


@FUZZ
@given(st.lists(st.sampled_from(ALPHABET), max_size=200).map("".join))
def test_any_text_is_read_or_refused_as_a_formula_error(text):
    _reads_or_refuses(expressions.parse, text)


@FUZZ
@given(_mutated(FORMULAS + _quantities()))
def test_a_mutated_formula_is_read_or_refused_as_a_formula_error_and_evaluates_quickly(text):
    try:
        formula = expressions.parse(text)
    except FormulaError:
        return
    sympy.N(expressions.value(formula, CELLS, base="10"), 30)  # as a claim is judged: within the deadline


@FUZZ
@given(st.lists(st.sampled_from(ALPHABET), max_size=200).map("".join))
def test_any_text_is_read_or_refused_as_a_name_list(text):
    _reads_or_refuses(expressions.parse_names, text)


@FUZZ
@given(_mutated(NAMES))
def test_a_mutated_name_list_is_read_or_refused_as_a_formula_error(text):
    _reads_or_refuses(expressions.parse_names, text)


def test_a_formulas_program_lists_its_steps_in_the_order_written():
    assert expressions.program("-(t[1,1]*log(y[1,2]) + 0.5)") == (
        ("cell", "t", 1, 1), ("cell", "y", 1, 2), ("log",), ("*",), ("number", sympy.Rational(1, 2)), ("+",),
        ("neg",))


def test_a_program_keeps_the_order_sympy_would_sort():
    assert [step[2:] for step in expressions.program("y[1,3] + y[1,1] + y[1,2]") if step[0] == "cell"] == [(1, 3), (1, 1), (1, 2)]
