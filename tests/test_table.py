"""The data file's validation: every defect is a DataError naming the file, row and column."""
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
import sympy

from derivations.numbers import PrintedNumber
from derivations.symbols import t, y
from derivations.datafiles import parse_toml, read_part_data, read_table
from derivations.fields import DataError
from derivations.table import SOFTMAX_DIGITS, Table, softmax

FILE = "data/bad.toml"
CLASSES = ["イヌ", "キツネ", "オオカミ"]
SOURCE = '[source]\nurl = "https://example.org/part5"\ntitle = "Part 5"\nsection = "6"\n'


def _toml_value(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)  # ints and (deliberately) unquoted floats, as a careless editor writes them


def _data_text(rows: list, classes: list = CLASSES, source: str = SOURCE) -> str:
    """A data file written by hand: classes, [source], one [[samples]] per (t, y) pair."""
    parts = [f"classes = {_toml_value(classes)}", "", source]
    for labels, predictions in rows:
        parts += ["[[samples]]", f"t = {_toml_value(labels)}", f"y = {_toml_value(predictions)}", ""]
    return "\n".join(parts)


GOOD_ROWS = [([1, 0, 0], ["0.33", "0.32", "0.35"]), ([0, 1, 0], ["0.30", "0.36", "0.34"])]


def _with_row_two(labels, predictions) -> list:
    return [GOOD_ROWS[0], (labels, predictions)]


def _load(text: str):
    """The table's own rules, without the file's line numbers (those are test_lines' and test_datafiles')."""
    return read_table(parse_toml(text, FILE), FILE)


def _error(text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        _load(text)
    return caught.value


# --- the article's table ---------------------------------------------------------------------


def test_the_article_table_has_four_samples_over_dog_fox_wolf(article_text):
    table = read_part_data(article_text, "data/part5.toml").table
    assert table.samples == 4
    assert table.classes == ("イヌ", "キツネ", "オオカミ")


def test_the_article_table_has_true_classes_one_two_three_two(article_text):
    table = read_part_data(article_text, "data/part5.toml").table
    assert [table.true_class(n) for n in range(1, 5)] == [1, 2, 3, 2]


def test_the_article_table_keeps_predictions_as_printed_and_substitutes_them_exactly(article_text):
    table = read_part_data(article_text, "data/part5.toml").table
    assert table.predictions[1] == ("0.30", "0.36", "0.34")  # the trailing zero of 0.30 survives
    cells = table.substitution()
    assert cells[t[2, 2]] == 1 and cells[t[2, 1]] == 0
    assert isinstance(cells[y[2, 1]], PrintedNumber) and cells[y[2, 1]].text == "0.30"
    assert cells[y[2, 1]].exact() == sympy.Rational(3, 10)
    assert len(cells) == 2 * 4 * 3


def test_the_article_source_has_its_url_title_and_section(article_text):
    source = read_part_data(article_text, "data/part5.toml").source
    assert source.url == "https://blog.qualiteg.com/cross-entropy-05"
    assert source.title.startswith("[AI数理]")
    assert source.section.startswith("6章")


def test_a_hand_written_good_file_loads():
    table = _load(_data_text(GOOD_ROWS))
    assert table.samples == 2 and table.labels == ((1, 0, 0), (0, 1, 0))


# --- malformed TOML ------------------------------------------------------------------------


def test_malformed_toml_names_the_file_and_carries_tomllibs_line_and_column():
    text = 'classes = ["a", "b"]\nthis is not toml\n'
    # line 2; after the key "this" and one space, tomllib wants "=" at column 6, finds "i".
    with pytest.raises(DataError) as caught:
        parse_toml(text, FILE)
    message = str(caught.value)
    assert message.startswith(f"{FILE}: ")
    assert "not valid TOML" in message
    assert "line 2, column 6" in message


def test_an_unclosed_array_is_reported_at_its_line():
    text = _data_text(GOOD_ROWS).replace('y = ["0.30", "0.36", "0.34"]', 'y = ["0.30", "0.36", "0.34"')
    with pytest.raises(DataError) as caught:
        parse_toml(text, FILE)
    assert str(caught.value).startswith(FILE) and "Unclosed array" in str(caught.value)


# --- y out of (0, 1], or [0, 1] where zeros are admitted ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["-0.33", "1.2"])
def test_a_prediction_outside_zero_to_one_names_file_row_and_column(bad):
    error = _error(_data_text(_with_row_two([0, 1, 0], ["0.30", bad, "0.34"])))
    assert str(error) == f"{FILE}, row 2, column 2 (キツネ): y = {bad} is outside (0, 1]"
    assert (error.file, error.row, error.column) == (FILE, 2, "2 (キツネ)")


@pytest.mark.parametrize("zero", ["0", "0.00"])
def test_a_zero_prediction_in_a_part_is_refused_because_its_chains_take_every_log(zero):
    error = _error(_data_text(_with_row_two([0, 1, 0], ["0.30", "0.36", zero])))
    assert str(error).startswith(f"{FILE}, row 2, column 3 (オオカミ): y = {zero} is outside (0, 1]")
    assert "its data cannot hold a 0 (a claims file can)" in str(error)


@pytest.mark.parametrize("labels", [[0, 1, 0], [1, 0, 0]])
def test_a_zero_prediction_is_kept_where_zeros_are_admitted_whatever_its_label(labels):
    document = parse_toml(_data_text(_with_row_two(labels, ["0.64", "0.36", "0"])), FILE)
    table = read_table(document, FILE, author=True)
    assert table.predictions[1] == ("0.64", "0.36", "0")


def test_a_row_of_zero_predictions_is_refused_though_coarse_rounding_would_let_it_sum_to_one():
    # "0" and "0" may each hide up to 0.5: their sum's slack reaches 1, but no distribution is all zeros.
    document = parse_toml(_data_text([([1, 0], ["0", "0"])], classes=["a", "b"]), FILE)
    with pytest.raises(DataError) as caught:
        read_table(document, FILE, author=True)
    assert str(caught.value) == f"{FILE}, row 1: y is 0 in every class: a prediction is a distribution"


def test_a_negative_prediction_is_refused_even_where_zeros_are_admitted():
    document = parse_toml(_data_text(_with_row_two([0, 1, 0], ["0.70", "0.36", "-0.06"])), FILE)
    with pytest.raises(DataError) as caught:
        read_table(document, FILE, author=True)
    assert str(caught.value) == f"{FILE}, row 2, column 3 (オオカミ): y = -0.06 is outside [0, 1]"


def test_a_prediction_of_exactly_one_is_allowed():
    # The upper end of (0, 1] is in: 1.000 beside 0.001 sums to 1.001, within 2 × 0.0005.
    table = _load(_data_text([([0, 1], ["0.001", "1.000"])], classes=["a", "b"]))
    assert table.predictions == (("0.001", "1.000"),)


# --- y that is not an exact decimal -----------------------------------------------------------


def test_a_prediction_that_is_not_a_number_names_file_row_and_column():
    error = _error(_data_text(_with_row_two([0, 1, 0], ["0.30", "0.36", "abc"])))
    assert str(error).startswith(f"{FILE}, row 2, column 3 (オオカミ): y = 'abc' is not a decimal number as printed")


@pytest.mark.parametrize("bad", ["1e-1", "0.3.3", "", "0,33", "⅓"])
def test_other_non_decimal_predictions_are_rejected(bad):
    error = _error(_data_text(_with_row_two([0, 1, 0], [bad, "0.36", "0.34"])))
    assert (error.row, error.column) == (2, "1 (イヌ)")
    assert "is not a decimal number" in error.reason


def test_an_unquoted_float_prediction_is_rejected_because_floats_are_not_exact():
    text = _data_text([([1, 0, 0], [0.33, "0.32", "0.35"])])
    assert "y = [0.33, " in text  # the float really is unquoted in the file
    error = _error(text)
    assert str(error) == f'{FILE}, row 1, column 1 (イヌ): y = 0.33 must be a quoted decimal such as "0.33"'


def test_an_unquoted_integer_prediction_is_rejected_too():
    error = _error(_data_text([([0, 1], ["0.5", 1])], classes=["a", "b"]))
    assert (error.row, error.column) == (1, "2 (b)") and "quoted decimal" in error.reason


# --- rows that do not sum to 1 ------------------------------------------------------------------


def test_a_row_summing_far_from_one_names_file_and_row():
    error = _error(_data_text(_with_row_two([0, 1, 0], ["0.30", "0.36", "0.54"])))
    # 0.30 + 0.36 + 0.54 = 1.20; allowed rounding 3 × 0.005 = 0.015 = 3/200.
    assert str(error) == f"{FILE}, row 2: y sums to 1.2, not 1 (allowed rounding: ±3/200)"
    assert error.column is None


def test_three_printed_thirds_summing_exactly_to_one_are_accepted():
    assert sum(Fraction(v) for v in ["0.333", "0.333", "0.334"]) == 1
    table = _load(_data_text([([1, 0, 0], ["0.333", "0.333", "0.334"])]))
    assert table.predictions == (("0.333", "0.333", "0.334"),)


def test_three_times_0_33_is_within_rounding_of_one():
    # Each 0.33 stands for a value in [0.325, 0.335): slack 3 × 0.005 = 0.015 ≥ |0.99 − 1| = 0.01.
    total, slack = 3 * Fraction("0.33"), 3 * Fraction(5, 1000)
    assert abs(total - 1) <= slack
    assert _load(_data_text([([1, 0, 0], ["0.33", "0.33", "0.33"])])).samples == 1


def test_1_01_from_two_place_decimals_is_within_rounding_of_one():
    assert _load(_data_text([([1, 0, 0], ["0.34", "0.34", "0.33"])])).samples == 1


@pytest.mark.parametrize("row", [["0.33", "0.33", "0.32"], ["0.34", "0.34", "0.34"]])
def test_0_98_and_1_02_from_two_place_decimals_are_beyond_rounding(row):
    total, slack = sum(Fraction(v) for v in row), 3 * Fraction(5, 1000)
    assert abs(total - 1) == Fraction(2, 100) > slack  # 0.02 > 0.015
    error = _error(_data_text([([1, 0, 0], row)]))
    assert error.row == 1 and "not 1 (allowed rounding: ±3/200)" in error.reason


def test_more_printed_digits_leave_less_slack():
    # 0.330 + 0.330 + 0.330 = 0.99 but three decimals promise only 3 × 0.0005 = 0.0015.
    error = _error(_data_text([([1, 0, 0], ["0.330", "0.330", "0.330"])]))
    assert error.row == 1 and "y sums to 0.99" in error.reason and "±3/2000" in error.reason


def test_a_row_exactly_at_the_rounding_slack_is_accepted_and_one_digit_past_it_is_not():
    # Two classes, two decimals: slack 2 × 0.005 = 0.01. 0.50 + 0.49 = 0.99 sits on the edge;
    # 0.50 + 0.48 = 0.98 is 0.02 away.
    two = ["a", "b"]
    assert _load(_data_text([([1, 0], ["0.50", "0.49"])], classes=two)).samples == 1
    assert _load(_data_text([([1, 0], ["0.51", "0.50"])], classes=two)).samples == 1
    assert _error(_data_text([([1, 0], ["0.50", "0.48"])], classes=two)).row == 1
    assert _error(_data_text([([1, 0], ["0.52", "0.50"])], classes=two)).row == 1


def test_mixed_precision_rows_get_the_sum_of_each_entrys_half_unit():
    # 0.5 + 0.4 + 0.05 = 0.95; slack 0.05 + 0.05 + 0.005 = 0.105 ≥ 0.05: accepted.
    assert _load(_data_text([([1, 0, 0], ["0.5", "0.4", "0.05"])])).samples == 1
    # 0.50 + 0.40 + 0.05 = 0.95; slack 3 × 0.005 = 0.015 < 0.05: rejected.
    assert _error(_data_text([([1, 0, 0], ["0.50", "0.40", "0.05"])])).row == 1


# --- labels that are neither one-hot nor a distribution --------------------------------------------


def test_a_label_with_two_ones_sums_to_two():
    error = _error(_data_text(_with_row_two([0, 1, 1], ["0.30", "0.36", "0.34"])))
    assert str(error) == f"{FILE}, row 2: t is not one-hot and not a distribution: it sums to 2, not exactly 1"


def test_a_label_of_all_zeros_sums_to_zero():
    error = _error(_data_text(_with_row_two([0, 0, 0], ["0.30", "0.36", "0.34"])))
    assert str(error) == f"{FILE}, row 2: t is not one-hot and not a distribution: it sums to 0, not exactly 1"


def test_a_label_of_two_names_its_column():
    error = _error(_data_text(_with_row_two([0, 2, 0], ["0.30", "0.36", "0.34"])))
    assert str(error) == f'{FILE}, row 2, column 2 (キツネ): t = 2 is not 0 or 1 or a quoted decimal such as "0.7"'


@pytest.mark.parametrize("bad, shown", [("1.0", "1.0"), ("true", "True"), ('"one"', "'one'")])
def test_a_label_that_is_not_0_1_or_a_quoted_decimal_names_its_column(bad, shown):
    text = _data_text([([1, 0, 0], ["0.33", "0.32", "0.35"])]).replace("t = [1, 0, 0]", f"t = [{bad}, 0, 0]")
    error = _error(text)
    assert str(error) == f'{FILE}, row 1, column 1 (イヌ): t = {shown} is not 0 or 1 or a quoted decimal such as "0.7"'


# --- soft labels: quoted decimals, none negative, summing to exactly 1 -----------------------------


SOFT_ROWS = [(["0.7", "0.2", "0.1"], ["0.6", "0.3", "0.1"]), ([1, 0, 0], ["0.33", "0.32", "0.35"])]


def test_a_soft_label_is_read_as_exact_rationals_and_shown_as_printed():
    table = _load(_data_text(SOFT_ROWS))
    cells = table.substitution()
    assert [PrintedNumber.exact(cells[t[1, k]]) for k in (1, 2, 3)] == [Fraction(7, 10), Fraction(1, 5),
                                                                         Fraction(1, 10)]
    assert cells[t[1, 1]].text == "0.7"  # shown as printed
    assert cells[t[2, 1]] == 1


def test_a_table_with_one_soft_row_is_not_one_hot_and_says_which_row():
    table = _load(_data_text(SOFT_ROWS))
    assert (table.one_hot, table.first_soft_row(), table.row_one_hot(2)) == (False, 1, True)
    assert table.true_class(2) == 1
    with pytest.raises(ValueError, match="sample 1 has a soft label"):
        table.true_class(1)


def test_a_table_of_one_hot_rows_is_one_hot():
    assert _load(_data_text(GOOD_ROWS)).one_hot


def test_a_quoted_1_and_0_are_a_one_hot_row():
    table = _load(_data_text([(["1", "0", "0"], ["0.33", "0.32", "0.35"])]))
    assert table.one_hot and table.true_class(1) == 1


def test_soft_labels_must_sum_to_exactly_1_not_within_rounding():
    error = _error(_data_text([(["0.33", "0.33", "0.33"], ["0.33", "0.32", "0.35"])]))
    assert str(error) == f"{FILE}, row 1: t is not one-hot and not a distribution: it sums to 99/100, not exactly 1"


def test_a_negative_soft_label_names_its_column():
    error = _error(_data_text([(["1.2", "-0.2", "0"], ["0.33", "0.32", "0.35"])]))
    assert str(error) == f"{FILE}, row 1, column 2 (キツネ): t = -0.2 is negative"


# --- shapes ---------------------------------------------------------------------------------------


def test_a_label_row_with_two_entries_for_three_classes_names_file_and_row():
    error = _error(_data_text(_with_row_two([0, 1], ["0.30", "0.36", "0.34"])))
    assert str(error) == f"{FILE}, row 2: t has 2 entries but there are 3 classes"


def test_a_prediction_row_with_two_entries_for_three_classes_names_file_and_row():
    error = _error(_data_text(_with_row_two([0, 1, 0], ["0.64", "0.36"])))
    assert str(error) == f"{FILE}, row 2: y has 2 entries but there are 3 classes"


def test_a_sample_without_y_names_file_and_row():
    text = _data_text(GOOD_ROWS).replace('y = ["0.30", "0.36", "0.34"]\n', "")
    assert str(_error(text)) == f"{FILE}: [[samples]] entry 2: y is missing"


def test_fewer_than_two_classes_is_an_error():
    error = _error(_data_text([([1], ["1"])], classes=["only"]))
    assert str(error) == f"{FILE}: classes must be a list of at least two names"


# --- missing sections and fields -------------------------------------------------------------


@pytest.mark.parametrize("field", ["url", "title", "section"])
def test_a_missing_source_field_is_named(field):
    lines = [line for line in SOURCE.splitlines() if not line.startswith(f"{field} =")]
    with pytest.raises(DataError) as caught:
        read_part_data(_data_text(GOOD_ROWS, source="\n".join(lines) + "\n"), FILE)
    assert str(caught.value) == f"{FILE}, line 3: [source]: {field} is missing"


def test_a_missing_source_table_is_named():
    with pytest.raises(DataError) as caught:
        read_part_data(_data_text(GOOD_ROWS, source=""), FILE)
    assert str(caught.value) == f"{FILE}: [source]: url is missing"


def test_a_file_without_samples_is_an_error():
    assert str(_error(_data_text([]))) == f"{FILE}: there must be at least one [[samples]] entry"


def test_an_empty_samples_array_is_an_error():
    text = "samples = []\n" + _data_text([])
    assert str(_error(text)) == f"{FILE}: there must be at least one [[samples]] entry"


def test_a_file_without_classes_is_an_error():
    text = _data_text(GOOD_ROWS).replace(f"classes = {_toml_value(CLASSES)}", "")
    assert str(_error(text)) == f"{FILE}: classes must be a list of at least two names"


def test_the_first_defect_in_file_order_is_the_one_reported():
    rows = [GOOD_ROWS[0], ([0, 1, 0], ["0.30", "0", "0.34"]), ([0, 0, 0], ["0.30", "0.36", "0.34"])]
    assert _error(_data_text(rows)).row == 2


# --- logits: y = softmax(z), derived exactly ------------------------------------------------------


def _softmax_oracle(logits: list) -> list:
    """softmax by `decimal` at 90 digits, a computation independent of SymPy's."""
    with localcontext() as context:
        context.prec = 90
        powers = [Decimal(z).exp() for z in logits]
        total = sum(powers)
        return [power / total for power in powers]


def test_the_softmax_of_printed_logits_agrees_with_decimal_to_sixty_five_digits():
    logits = ["2.7", "2.3", "-1.1", "0.0"]
    ours = softmax(tuple(logits))
    for value, expected in zip(ours, _softmax_oracle(logits)):
        assert abs(Fraction(int(value.p), int(value.q)) - Fraction(expected)) < Fraction(1, 10**65)
    assert abs(sum(Fraction(int(v.p), int(v.q)) for v in ours) - 1) < Fraction(1, 10**65)
    assert all(isinstance(value, sympy.Rational) for value in ours)


def test_logits_far_apart_give_a_tiny_softmax_value_not_zero_and_the_other_one_to_seventy_digits():
    (small, large) = softmax(("-100", "100"))
    assert 0 < small < sympy.Rational(1, 10**86)  # e^-200 ≈ 1.4e-87
    assert 1 - large < sympy.Rational(1, 10 ** (SOFTMAX_DIGITS - 1))


def test_a_table_reads_the_softmax_for_a_sample_given_by_logits_and_the_printed_y_otherwise():
    table = Table(("a", "b"), ((1, 0), (0, 1)), ((), ("0.3", "0.7")), (("0", "0"), ()))
    assert table.values == ((sympy.Rational(1, 2), sympy.Rational(1, 2)), (sympy.Rational(3, 10), sympy.Rational(7, 10)))
    assert table.from_logits(1) and not table.from_logits(2) and table.has_logits
    assert table.substitution()[y[1, 2]] == sympy.Rational(1, 2)
