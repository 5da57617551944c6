"""Verdicts on printed claims, and the computed diagnosis of each erratum.

Every printed value below is made here, with Python's `math`, from the article's y values
under a known mistake; the package must recognise the mistake, and nothing else.
"""
import math
import re
from decimal import Decimal

import pytest

from derivations import quantity
from derivations.claims import AGREES, ERRATUM, Claim, judge
from derivations.datafiles import read_part_data
from derivations.fields import DataError

FILE = "data/part5.toml"

# The article's predictions and true classes, copied by hand from its expansions of E_1 … E_4.
Y = {1: (0.33, 0.32, 0.35), 2: (0.30, 0.36, 0.34), 3: (0.37, 0.31, 0.32), 4: (0.34, 0.33, 0.33)}
TRUE_CLASS = {1: 1, 2: 2, 3: 3, 4: 2}


def _true_y(sample: int) -> float:
    return Y[sample][TRUE_CLASS[sample] - 1]


def _loss(sample: int) -> float:
    """−ln y_{i,c_i}: the loss of one sample by the definitions (natural log, minus sign)."""
    return -math.log(_true_y(sample))


TOTAL = sum(_loss(n) for n in range(1, 5))
MEAN = TOTAL / 4


def _six(value: float) -> str:
    return f"{value:.6f}"


@pytest.fixture(scope="module")
def article(article_text):
    return read_part_data(article_text, FILE)


@pytest.fixture(scope="module")
def table(article):
    return article.table


@pytest.fixture(scope="module")
def article_verdicts(article, table):
    return {claim.id: judge(claim, table) for claim in article.claims}


def _claim(stated: str, *printed: str, expect: str = ERRATUM, kind: str = "number") -> Claim:
    return Claim("mutant", "made in the test", kind, quantity.read(stated, kind, formulas=True), tuple(printed), expect)


def _kinds(explanation) -> set:
    return {deviation.kind for deviation in explanation}


def _by_kind(explanation) -> dict:
    return {deviation.kind: deviation.detail for deviation in explanation}


# --- the article's own claims ---------------------------------------------------------------


def test_the_article_claims_are_read_in_file_order(article):
    ids = [claim.id for claim in article.claims]
    assert ids == ["E1", "E2", "E3", "E4", "E1-vector", "E4-heading", "index-pair"]


@pytest.mark.parametrize("claim_id", ["E1", "E2", "E3", "E4", "E1-vector", "E4-heading", "index-pair"])
def test_every_claim_of_the_article_is_an_erratum_as_reviewed(article_verdicts, claim_id):
    verdict = article_verdicts[claim_id]
    assert verdict.status == ERRATUM
    assert verdict.as_expected


@pytest.mark.parametrize("claim_id, sample", [("E1", 1), ("E2", 2), ("E3", 3), ("E4", 4)])
def test_the_computed_value_of_each_sample_claim_is_minus_ln_of_its_true_class_prediction(
        article_verdicts, claim_id, sample):
    (computed,) = article_verdicts[claim_id].computed
    assert math.isclose(float(computed), _loss(sample), rel_tol=1e-14)


@pytest.mark.parametrize("claim_id, sample", [("E1", 1), ("E2", 2), ("E3", 3)])
def test_the_printed_value_is_the_base_10_log_of_the_true_class_prediction_without_the_sign(
        article_verdicts, claim_id, sample):
    # The hand check of the diagnosis: log10 y_{i,c_i}, rounded to the printed six places.
    (printed,) = article_verdicts[claim_id].claim.printed
    assert printed == _six(math.log10(_true_y(sample)))


def test_e1_prints_log10_of_0_33_to_six_places(article_verdicts):
    assert article_verdicts["E1"].claim.printed == ("-0.481486",)
    assert f"{math.log10(0.33):.6f}" == "-0.481486"


def test_e4_prints_log10_of_y41_not_of_the_true_class_y42(article_verdicts):
    assert article_verdicts["E4"].claim.printed == ("-0.46852",)
    assert f"{math.log10(0.34):.5f}" == "-0.46852"  # y_{4,1} = 0.34
    assert f"{math.log10(0.33):.5f}" != "-0.46852"  # y_{4,2} = 0.33, the true class


@pytest.mark.parametrize("claim_id", ["E1", "E2", "E3"])
def test_e1_to_e3_are_diagnosed_as_base_10_with_the_sign_dropped(article_verdicts, claim_id):
    diagnoses = article_verdicts[claim_id].diagnoses
    assert len(diagnoses) == 1
    assert _by_kind(diagnoses[0]) == {"base": "10", "sign": ""}


def test_e4_is_diagnosed_as_base_10_sign_dropped_and_the_wrong_element_y41(article_verdicts):
    diagnoses = article_verdicts["E4"].diagnoses
    assert len(diagnoses) == 1
    assert _by_kind(diagnoses[0]) == {"base": "10", "sign": "", "element": "y_{4,1}"}


def test_the_vector_claim_is_diagnosed_as_base_10_sign_dropped_and_elementwise(article_verdicts):
    diagnoses = article_verdicts["E1-vector"].diagnoses
    assert len(diagnoses) == 1
    assert _by_kind(diagnoses[0]) == {"base": "10", "sign": "", "elementwise": ""}


def test_the_base_10_values_shown_beside_the_article_are_log10_with_the_sign(article_verdicts):
    (base10,) = article_verdicts["E1"].base10
    assert math.isclose(float(base10), -math.log10(0.33), rel_tol=1e-14)


def test_the_heading_e2_is_diagnosed_as_the_name_of_sample_2(article_verdicts):
    verdict = article_verdicts["E4-heading"]
    assert verdict.computed == ("E_{4}",)
    (explanation,) = verdict.diagnoses
    (deviation,) = explanation
    assert (deviation.kind, deviation.detail, deviation.printed, deviation.ours) == ("name", "E[2]", "E_{2}", "E_{4}")


def test_the_repeated_t_k_is_diagnosed_as_the_label_name_where_y_k_belongs(article_verdicts):
    verdict = article_verdicts["index-pair"]
    assert verdict.computed == ("t_{k}", "y_{k}")
    (explanation,) = verdict.diagnoses
    (deviation,) = explanation
    assert (deviation.kind, deviation.detail, deviation.printed, deviation.ours) == ("name", "t[k]", "t_{k}", "y_{k}")


# --- mutation tests: a known mistake, made here, must be recognised --------------------------


def test_the_natural_log_with_its_sign_agrees_and_needs_no_diagnosis(table):
    verdict = judge(_claim("E[1]", _six(-math.log(0.33)), expect=AGREES), table)
    assert verdict.claim.printed == ("1.108663",)
    assert (verdict.status, verdict.diagnoses) == (AGREES, ())
    assert verdict.as_expected


@pytest.mark.parametrize("sample", [1, 2, 3, 4])
def test_each_correct_sample_loss_agrees(table, sample):
    assert judge(_claim(f"E[{sample}]", _six(_loss(sample))), table).status == AGREES


@pytest.mark.parametrize("quantity, value", [("E_sum", TOTAL), ("E", MEAN)])
def test_the_correct_total_and_mean_agree(table, quantity, value):
    assert judge(_claim(quantity, _six(value)), table).status == AGREES


MISTAKES = {
    # name: (sample, how the wrong value is computed here, expected deviations {kind: detail})
    "base 10": (1, lambda y: -math.log10(y), {"base": "10"}),
    "base 2": (1, lambda y: -math.log2(y), {"base": "2"}),
    "sign flipped": (1, lambda y: math.log(y), {"sign": ""}),
    "base 10, sign flipped (sample 3)": (3, lambda y: math.log10(y), {"base": "10", "sign": ""}),
    "base 2, sign flipped (sample 2)": (2, lambda y: math.log2(y), {"base": "2", "sign": ""}),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_a_sample_loss_computed_with_a_known_mistake_is_diagnosed_as_exactly_that(table, name):
    sample, wrong, expected = MISTAKES[name]
    verdict = judge(_claim(f"E[{sample}]", _six(wrong(_true_y(sample)))), table)
    assert verdict.status == ERRATUM
    assert verdict.diagnoses, "a mistake made on purpose must be explained"
    assert _by_kind(verdict.diagnoses[0]) == expected
    assert len(verdict.diagnoses[0]) == len(expected)


@pytest.mark.parametrize("sample, column", [(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2), (4, 1)])
def test_reading_another_element_of_y_is_diagnosed_as_that_element(table, sample, column):
    verdict = judge(_claim(f"E[{sample}]", _six(-math.log(Y[sample][column - 1]))), table)
    assert verdict.status == ERRATUM
    assert _by_kind(verdict.diagnoses[0]) == {"element": f"y_{{{sample},{column}}}"}


def test_reading_y43_for_sample_4_agrees_because_it_equals_the_true_class_value(table):
    # y_{4,3} = y_{4,2} = 0.33: the slip cannot be seen in the number.
    assert Y[4][2] == Y[4][1]
    assert judge(_claim("E[4]", _six(-math.log(Y[4][2]))), table).status == AGREES


def test_printing_the_sum_where_the_mean_is_claimed_is_diagnosed_as_sum_for_mean(table):
    verdict = judge(_claim("E", _six(TOTAL)), table)
    assert verdict.status == ERRATUM
    assert _kinds(verdict.diagnoses[0]) == {"sum-for-mean"} and len(verdict.diagnoses[0]) == 1


def test_printing_the_mean_where_the_sum_is_claimed_is_diagnosed_as_mean_for_sum(table):
    verdict = judge(_claim("E_sum", _six(MEAN)), table)
    assert verdict.status == ERRATUM
    assert _kinds(verdict.diagnoses[0]) == {"mean-for-sum"} and len(verdict.diagnoses[0]) == 1


def test_the_mean_in_base_10_where_the_sum_is_claimed_needs_both_departures(table):
    mean10 = sum(-math.log10(_true_y(n)) for n in range(1, 5)) / 4
    verdict = judge(_claim("E_sum", _six(mean10)), table)
    assert _by_kind(verdict.diagnoses[0]) == {"base": "10", "mean-for-sum": ""}


def test_an_elementwise_vector_instead_of_the_sum_is_diagnosed_as_elementwise(table):
    # −t_1k log y_1k for k = 1, 2, 3, left as a vector instead of being added up.
    labels = (1, 0, 0)
    components = [_six(-label * math.log(value)) for label, value in zip(labels, Y[1])]
    assert components[0] == "1.108663"
    verdict = judge(_claim("E[1]", *components), table)
    assert verdict.status == ERRATUM
    assert _kinds(verdict.diagnoses[0]) == {"elementwise"} and len(verdict.diagnoses[0]) == 1


def test_the_same_mistake_printed_to_fewer_places_is_still_diagnosed(table):
    verdict = judge(_claim("E[2]", f"{math.log10(0.36):.3f}"), table)  # -0.444
    assert _by_kind(verdict.diagnoses[0]) == {"base": "10", "sign": ""}


def test_a_value_no_mistake_explains_is_an_erratum_with_an_empty_diagnosis(table):
    verdict = judge(_claim("E[1]", "7.0"), table)
    assert (verdict.status, verdict.diagnoses) == (ERRATUM, ())


def test_a_vector_with_the_wrong_number_of_entries_is_an_erratum_with_an_empty_diagnosis(table):
    verdict = judge(_claim("E[1]", "1.108663", "0"), table)
    assert (verdict.status, verdict.diagnoses) == (ERRATUM, ())


# --- printed precision ------------------------------------------------------------------------

TRUE_E1 = -math.log(0.33)  # 1.1086626245216111…


@pytest.mark.parametrize("places", range(0, 10))
def test_the_true_value_rounded_to_any_number_of_places_agrees(table, places):
    printed = f"{TRUE_E1:.{places}f}"
    assert judge(_claim("E[1]", printed), table).status == AGREES


@pytest.mark.parametrize("printed", ["1.1", "1.11", "1.109", "1.1087", "1.10866", "1.108663", "1"])
def test_correct_values_at_various_printed_precisions_agree(table, printed):
    # |printed − 1.1086626…| by hand: 1.1 → 0.0087 ≤ 0.05; 1.11 → 0.0013 ≤ 0.005;
    # 1.109 → 0.00034 ≤ 0.0005; 1.1087 → 0.0000374 ≤ 0.00005; 1.10866 → 0.0000026 ≤ 0.000005;
    # 1.108663 → 0.00000038 ≤ 0.0000005; 1 → 0.109 ≤ 0.5.
    assert judge(_claim("E[1]", printed), table).status == AGREES


@pytest.mark.parametrize("printed", ["1.2", "1.10", "1.108", "1.1086", "1.10867", "1.108662", "1.108664"])
def test_values_off_by_more_than_half_a_unit_of_their_last_digit_are_errata(table, printed):
    # |printed − 1.1086626…| by hand: 1.2 → 0.0913 > 0.05; 1.10 → 0.0087 > 0.005;
    # 1.108 → 0.00066 > 0.0005; 1.1086 → 0.0000626 > 0.00005; 1.10867 → 0.0000074 > 0.000005;
    # 1.108662 → 0.00000062 > 0.0000005; 1.108664 → 0.00000138 > 0.0000005.
    assert judge(_claim("E[1]", printed), table).status == ERRATUM


@pytest.mark.parametrize("places", range(0, 9))
def test_one_unit_off_in_the_last_printed_digit_is_an_erratum(table, places):
    # The truth is irrational, so a neighbour of its rounding is more than half a unit away.
    rounded = Decimal(f"{TRUE_E1:.{places}f}")
    unit = Decimal(1).scaleb(-places)
    for neighbour in (rounded + unit, rounded - unit):
        assert judge(_claim("E[1]", str(neighbour)), table).status == ERRATUM


# --- name claims ------------------------------------------------------------------------------


def test_a_correctly_printed_pair_of_names_agrees(table):
    verdict = judge(_claim("t[k], y[k]", "t_{k}", "y_{k}", kind="name"), table)
    assert (verdict.status, verdict.diagnoses) == (AGREES, ())


def test_spaces_inside_a_printed_name_do_not_matter(table):
    assert judge(_claim("E[3]", "E_{ 3 }", kind="name"), table).status == AGREES


def test_a_name_the_model_does_not_have_is_an_erratum_with_no_meaning(table):
    verdict = judge(_claim("E[1]", "Q_{1}", kind="name"), table)
    assert verdict.status == ERRATUM
    (deviation,) = verdict.diagnoses[0]
    assert (deviation.kind, deviation.detail, deviation.printed) == ("name", "", "Q_{1}")


# --- Verdict.as_expected ------------------------------------------------------------------------


def test_as_expected_is_false_when_a_correct_value_was_expected_to_be_an_erratum(table):
    verdict = judge(_claim("E[1]", "1.108663", expect=ERRATUM), table)
    assert verdict.status == AGREES and not verdict.as_expected


def test_as_expected_is_false_when_a_wrong_value_was_expected_to_agree(table):
    verdict = judge(_claim("E[1]", "-0.481486", expect=AGREES), table)
    assert verdict.status == ERRATUM and not verdict.as_expected


def test_as_expected_is_true_when_expectation_and_status_match(table):
    assert judge(_claim("E[1]", "1.108663", expect=AGREES), table).as_expected
    assert judge(_claim("E[1]", "-0.481486", expect=ERRATUM), table).as_expected


# --- bad claims in a data file ------------------------------------------------------------------


def _claims_error(text: str, table) -> str:
    """The file and the defect, as the error carries them (its line is test_datafiles' concern)."""
    with pytest.raises(DataError) as caught:
        read_part_data(text, FILE)
    return f"{caught.value.file}: {caught.value.reason}"


def test_an_unknown_claim_kind_names_the_claim(article_text, table):
    message = _claims_error(article_text.replace('kind = "number"', 'kind = "value"', 1), table)
    assert message == f"{FILE}: [[claims]] entry 1 (E1): kind must be number or name, not 'value'"


def test_a_bad_expectation_names_the_claim(article_text, table):
    second = article_text.index('id = "E2"')
    text = article_text[:second] + article_text[second:].replace('expect = "erratum"', 'expect = "wrong"', 1)
    message = _claims_error(text, table)
    assert message == f"{FILE}: [[claims]] entry 2 (E2): expect must be agrees or erratum, not 'wrong'"


def test_a_sample_past_the_table_names_the_claim_and_the_allowed_quantities(article_text, table):
    message = _claims_error(article_text.replace('quantity = "E[1]"', 'quantity = "E[9]"', 1), table)
    assert message == f"{FILE}: [[claims]] entry 1 (E1): quantity E[9] names sample 9, but the table has samples 1 … 4"


@pytest.mark.parametrize("quantity", ["E[0]", "E[]", "E_total", "L"])
def test_other_unknown_number_quantities_name_the_claim(article_text, table, quantity):
    message = _claims_error(article_text.replace('quantity = "E[1]"', f'quantity = "{quantity}"', 1), table)
    assert "(E1)" in message and f"'{quantity}'" in message


def test_a_printed_value_that_is_not_a_number_names_the_claim(article_text, table):
    message = _claims_error(article_text.replace('printed = ["-0.481486"]', 'printed = ["abc"]', 1), table)
    assert message.startswith(f"{FILE}: [[claims]] entry 1 (E1): printed 'abc' is not a decimal number as printed")


def test_duplicate_claim_ids_are_named(article_text, table):
    message = _claims_error(article_text.replace('id = "E2"', 'id = "E1"', 1), table)
    assert message == f"{FILE}: claim ids must be unique; repeated: E1"


def test_a_claim_missing_a_field_names_the_entry_and_the_field(article_text, table):
    message = _claims_error(re.sub(r'\nlocation = "6章「1件目[^\n]*', "", article_text, count=1), table)
    assert message == f"{FILE}: [[claims]] entry 1 (E1): location is missing"


def test_an_unknown_key_in_a_claim_is_named(article_text, table):
    message = _claims_error(article_text.replace('location = "6章「1件目', 'place = "6章「1件目', 1), table)
    assert message.startswith(f"{FILE}: [[claims]] entry 1 (E1): unknown key 'place'")


def test_an_english_location_that_is_not_a_string_names_the_entry_and_the_field(article_text, table):
    text = re.sub(r'location_en = "[^"]*"', "location_en = 6", article_text, count=1)
    assert _claims_error(text, table) == f"{FILE}: [[claims]] entry 1 (E1): location_en must be a string, not whole number '6'"


def test_an_english_location_is_optional(article_text, table):
    text = re.sub(r'location_en = "[^"]*"\n', "", article_text, count=1)
    claims = read_part_data(text, FILE).claims
    assert claims[0].location_en == "" and claims[1].location_en.startswith("Chapter 6")


def test_an_unquoted_float_printed_value_is_a_data_error_naming_the_claim(article_text, table):
    # Floats are not exact (the table rejects them for y); here one must not reach judge()
    # and crash there with AttributeError.
    text = article_text.replace('printed = ["-0.481486"]', "printed = [-0.481486]", 1)
    message = _claims_error(text, table)
    assert "(E1)" in message and "printed" in message


def test_a_name_claim_printing_a_number_instead_of_text_is_a_data_error(article_text, table):
    text = article_text.replace('printed = ["E_{2}"]', "printed = [2]", 1)
    assert "(E4-heading)" in _claims_error(text, table)


def test_a_name_claim_whose_quantity_is_not_a_name_is_a_data_error(article_text, table):
    text = article_text.replace('quantity = "t[k], y[k]"', 'quantity = "t[k"', 1)
    assert "(index-pair)" in _claims_error(text, table)


def test_an_unknown_field_in_a_claim_is_a_data_error_naming_the_claim(article_text, table):
    text = article_text.replace('id = "E1"\n', 'id = "E1"\nnote = "a reviewer\'s remark"\n', 1)
    message = _claims_error(text, table)
    assert "(E1)" in message or "entry 1" in message


# --- formulas over t and y (an author's own claims file) -------------------------------------------

from derivations.claims import claim_problems  # noqa: E402 - grouped with the tests that use it
from derivations.expressions import FormulaError  # noqa: E402


def quantity_problems(text: str, table, formulas: bool = False) -> list:
    """What reading a number claim's quantity and checking it against the table find wrong."""
    try:
        stated = quantity.read(text, "number", formulas)
    except FormulaError as error:
        return [str(error)]
    return claim_problems(Claim("c", "here", "number", stated, ("1",), AGREES), table)["quantity"]


@pytest.mark.parametrize("formula, value", [
    ("-log(y[2,3])", -math.log(0.34)),
    ("-(t[1,1]*log(y[1,1]) + t[1,2]*log(y[1,2]) + t[1,3]*log(y[1,3]))", -math.log(0.33)),
    ("-(log(y[1,1]) + log(y[2,2]))/2", -(math.log(0.33) + math.log(0.36)) / 2),
])
def test_a_formula_printed_with_natural_logs_agrees(table, formula, value):
    verdict = judge(_claim(formula, _six(value)), table)
    assert (verdict.status, verdict.diagnoses) == (AGREES, ())
    assert math.isclose(float(verdict.computed[0]), value, rel_tol=1e-14)


FORMULA_MISTAKES = {
    # name: (how the wrong value of −log y_{2,3} = −log 0.34 is computed here, expected deviations)
    "base 10": (lambda v: -math.log10(v), {"base": "10"}),
    "base 2": (lambda v: -math.log2(v), {"base": "2"}),
    "sign dropped": (lambda v: math.log(v), {"sign": ""}),
    "base 10, sign dropped": (lambda v: math.log10(v), {"base": "10", "sign": ""}),
}


@pytest.mark.parametrize("name", FORMULA_MISTAKES)
def test_a_formula_computed_with_a_known_mistake_is_diagnosed_as_exactly_that(table, name):
    wrong, expected = FORMULA_MISTAKES[name]
    verdict = judge(_claim("-log(y[2,3])", _six(wrong(0.34))), table)
    assert verdict.status == ERRATUM
    assert [_by_kind(option) for option in verdict.diagnoses] == [expected]


def test_a_formula_value_no_log_base_or_sign_explains_has_an_empty_diagnosis(table):
    verdict = judge(_claim("-log(y[2,3])", _six(-math.log(0.36))), table)  # y_{2,2}'s value, not y_{2,3}'s
    assert (verdict.status, verdict.diagnoses) == (ERRATUM, ())


def test_the_base_10_value_of_a_formula_is_shown_beside_it(table):
    verdict = judge(_claim("-log(y[2,3])", "1"), table)
    assert math.isclose(float(verdict.base10[0]), -math.log10(0.34), rel_tol=1e-14)


def test_the_article_file_still_admits_no_formula(table):
    assert quantity_problems("-log(y[2,3])", table) == ["'-log(y[2,3])' is none of them"]


def test_an_author_file_admits_a_formula_inside_the_table(table):
    assert quantity_problems("-log(y[2,3])", table, formulas=True) == []


@pytest.mark.parametrize("formula, words", [
    ("-log(y[5,1])", "sample 5 is outside 1 … 4"),
    ("-log(y[1,4])", "class 4 is outside 1 … 3"),
    ("exp(y[1,1])", "at column 1, 'exp' is not allowed"),
    ("-log(y[1,1] - y[1,1])", "no finite real value"),
    ("log(y[1,1] - 1)", "no finite real value"),
])
def test_an_author_formula_outside_the_table_or_the_grammar_is_named(table, formula, words):
    (problem,) = quantity_problems(formula, table, formulas=True)
    assert words in problem


def test_claims_from_the_article_file_are_reviewed(article_verdicts):
    assert all(verdict.claim.reviewed for verdict in article_verdicts.values())


# --- nothing in a quantity is run ----------------------------------------------------------------

from derivations.expressions import parse_names as names_in  # noqa: E402 - grouped with the tests that use it
from derivations.symbols import E, k, t, total_loss_name, y  # noqa: E402


def test_a_name_claim_quantity_that_would_run_code_is_refused_and_runs_nothing(article_text, table, tmp_path):
    canary = tmp_path / "pwned"
    code = f"__import__('os').system('touch {canary}')"
    message = _claims_error(article_text.replace('quantity = "t[k], y[k]"', f'quantity = "{code}"', 1), table)
    assert "(index-pair)" in message and "a list of names may use only t[k], y[k]" in message
    assert not canary.exists()


def test_a_formula_quantity_that_would_run_code_is_refused_and_runs_nothing(table, tmp_path):
    canary = tmp_path / "pwned"
    (problem,) = quantity_problems(f"__import__('os').system('touch {canary}')", table, formulas=True)
    assert "at column 12, \"'\" is not allowed: a formula may use only" in problem  # the first quote
    assert not canary.exists()


def test_a_name_claim_quantity_outside_the_name_grammar_is_named_with_its_column(article_text, table):
    message = _claims_error(article_text.replace('quantity = "t[k], y[k]"', 'quantity = "t[k], y[k"', 1), table)
    assert "(index-pair): quantity must be a list of names such as \"t[k], y[k]\": " in message
    assert "it ends at column 10" in message


def test_the_names_a_name_claim_states_are_our_symbols():
    assert names_in("t[k], y[k]") == (t[k], y[k])
    assert names_in("E[4]") == (E[4],)
    assert names_in("E_sum") == (total_loss_name,)


# --- soft labels: the loss is −Σ_k t_k log y_k with every t_k the file gives ----------------------

# Sample 1 soft (0.7, 0.2, 0.1), sample 2 one-hot at class 2; predictions made up here.
SOFT_T = {1: (0.7, 0.2, 0.1), 2: (0, 1, 0)}
SOFT_Y = {1: (0.6, 0.3, 0.1), 2: (0.2, 0.5, 0.3)}
SOFT_FILE = """classes = ["a", "b", "c"]
[source]
url = "https://example.org/soft"
title = "Soft"
section = "1"
[[samples]]
t = ["0.7", "0.2", "0.1"]
y = ["0.6", "0.3", "0.1"]
[[samples]]
t = [0, 1, 0]
y = ["0.2", "0.5", "0.3"]
"""


def _soft_loss(sample: int, log=math.log) -> float:
    return -sum(label * log(p) for label, p in zip(SOFT_T[sample], SOFT_Y[sample]))


@pytest.fixture(scope="module")
def soft_table():
    return read_part_data(SOFT_FILE, "soft.toml").table


@pytest.mark.parametrize("stated, value", [("E[1]", _soft_loss(1)), ("E[2]", _soft_loss(2)),
                                           ("E_sum", _soft_loss(1) + _soft_loss(2)),
                                           ("E", (_soft_loss(1) + _soft_loss(2)) / 2)])
def test_a_soft_label_weights_the_log_of_every_class_by_its_label(soft_table, stated, value):
    verdict = judge(_claim(stated, _six(value), expect=AGREES), soft_table)
    assert verdict.status == AGREES
    assert abs(float(verdict.computed[0]) - value) < 1e-12


def test_a_soft_row_read_as_one_hot_at_its_largest_label_is_an_erratum_with_no_element_diagnosis(soft_table):
    # −ln 0.6 is what reading the soft row as "class 1 only" gives: no single true class, no element slip.
    verdict = judge(_claim("E[1]", _six(-math.log(0.6))), soft_table)
    assert verdict.status == ERRATUM
    assert all("element" not in _kinds(explanation) for explanation in verdict.diagnoses)


def test_a_soft_row_in_base_10_without_the_sign_is_diagnosed_as_both(soft_table):
    verdict = judge(_claim("E[1]", _six(-_soft_loss(1, math.log10))), soft_table)
    assert [_kinds(explanation) for explanation in verdict.diagnoses] == [{"base", "sign"}]


def test_the_one_hot_row_of_a_soft_table_still_has_its_element_diagnosis(soft_table):
    verdict = judge(_claim("E[2]", _six(-math.log(0.3))), soft_table)
    assert [_by_kind(explanation) for explanation in verdict.diagnoses] == [{"element": "y_{2,3}"}]


def test_an_authors_claims_file_takes_soft_labels_too():
    from derivations.datafiles import read_claims_file

    text = SOFT_FILE.replace('[source]\nurl = "https://example.org/soft"\ntitle = "Soft"\nsection = "1"\n', "")
    text += (f'[[claims]]\nid = "soft-1"\nlocation = "eq. 1"\nquantity = "E[1]"\nprinted = "{_six(_soft_loss(1))}"\n'
             '[[claims]]\nid = "label"\nlocation = "eq. 2"\nquantity = "t[1,1]"\nprinted = "0.7"\n')
    author = read_claims_file(text, "mine.toml")
    assert [judge(claim, author.table).status for claim in author.claims] == [AGREES, AGREES]


# --- zeros, declared conventions and float printouts ----------------------------------------

import dataclasses  # noqa: E402 - grouped with the tests that use it

from pathlib import Path  # noqa: E402

import numpy  # noqa: E402
import sympy  # noqa: E402

from derivations.diagnosis import Convention  # noqa: E402
from derivations.table import Table  # noqa: E402

ZEROS = Table(("a", "b", "c"), ((1, 0, 0), (0, 0, 1)), (("0.8", "0.2", "0"), ("0.5", "0.5", "0")))


def _declared(claim: Claim, **changes) -> Claim:
    return dataclasses.replace(claim, **changes)


def test_a_zero_where_the_label_is_0_leaves_a_finite_loss_that_agrees():
    assert judge(_claim("E[1]", _six(-math.log(0.8)), expect=AGREES), ZEROS).status == AGREES


@pytest.mark.parametrize("stated", ["E[2]", "E_sum", "E"])
def test_an_infinite_loss_printed_as_inf_agrees(stated):
    verdict = judge(_claim(stated, "inf", expect=AGREES), ZEROS)
    assert verdict.status == AGREES and verdict.computed == (sympy.oo,)


def test_a_finite_number_printed_for_an_infinite_loss_is_an_erratum_and_so_is_inf_for_a_finite_one():
    assert judge(_claim("E[2]", "16.118096"), ZEROS).status == ERRATUM
    assert judge(_claim("E[1]", "inf"), ZEROS).status == ERRATUM


def test_minus_inf_for_an_infinite_loss_is_diagnosed_as_the_sign_dropped():
    verdict = judge(_claim("E[2]", "-inf"), ZEROS)
    assert [_kinds(explanation) for explanation in verdict.diagnoses] == [{"sign"}]


def test_a_declared_log_base_2_makes_bits_agree_and_natural_logs_the_departure():
    bits = _declared(_claim("E[1]", _six(-math.log2(0.8)), expect=AGREES), declared=Convention(base="2"))
    assert judge(bits, ZEROS).status == AGREES
    nats = _declared(_claim("E[1]", _six(-math.log(0.8))), declared=Convention(base="2"))
    assert [_by_kind(explanation) for explanation in judge(nats, ZEROS).diagnoses] == [{"base": "e"}]


def test_a_declared_epsilon_is_added_inside_the_log_exactly():
    epsilon = sympy.Rational(1, 10**3)
    expected = -math.log(0.8 + 0.001)  # six places are far coarser than the float error here
    claim = _declared(_claim("E[1]", _six(expected), expect=AGREES), declared=Convention(epsilon=epsilon))
    assert judge(claim, ZEROS).status == AGREES
    assert judge(_claim("E[1]", _six(expected)), ZEROS).status == ERRATUM


def test_the_textbook_example_with_its_epsilon_agrees_as_a_float64_printout():
    from derivations.datafiles import read_claims_file

    path = Path(__file__).resolve().parents[1] / "examples" / "textbook-epsilon.toml"
    author = read_claims_file(path.read_text(encoding="utf-8"), "textbook-epsilon.toml")
    (verdict,) = [judge(claim, author.table) for claim in author.claims]
    assert verdict.status == AGREES and verdict.precision == "float64"
    assert verdict.floats == (-(1.0 * math.log(0.6 + 1e-7)),)
    # Without the declared ε the printout parts from −ln 0.6 = 0.5108256… at the seventh digit.
    undeclared = _declared(verdict.claim, declared=Convention())
    assert judge(undeclared, author.table).status == ERRATUM


def _float64_mean(table: Table) -> float:
    total = 0.0
    for labels, row in zip(table.labels, table.predictions):
        loss = 0.0
        for label, text in zip(labels, row):
            loss += float(label) * math.log(float(text)) if label else 0.0
        total += -loss
    return total / table.samples


def test_a_mean_printed_by_python_to_17_digits_agrees_with_the_float64_computation(table):
    printed = repr(_float64_mean(table))
    assert len(printed.replace("0.", "", 1).lstrip("0")) >= 15
    assert judge(_claim("E", printed, expect=AGREES), table).status == AGREES


def test_a_17_digit_printout_a_hundred_ulps_off_is_an_erratum(table):
    mean = _float64_mean(table)
    printed = repr(mean + 100 * math.ulp(mean))
    verdict = judge(_claim("E", printed), table)
    assert verdict.status == ERRATUM and verdict.precision == "float64"


def test_a_17_digit_printout_three_ulps_off_agrees_since_the_sum_order_is_not_known(table):
    mean = _float64_mean(table)
    assert judge(_claim("E", repr(mean + 3 * math.ulp(mean)), expect=AGREES), table).status == AGREES


def test_a_15_digit_value_that_is_no_float_near_ours_is_an_erratum(table):
    # Five units in its 15th digit from ours: far more than 4 ulps (about 4.4e-16 here).
    printed = f"{_float64_mean(table) + 5e-15:.15f}"
    assert judge(_claim("E", printed), table).status == ERRATUM


def test_a_printout_with_fewer_than_15_digits_is_judged_exactly(table):
    assert judge(_claim("E", repr(_float64_mean(table))[:12], expect=AGREES), table).precision == "exact"


def _float32_loss(y: float) -> numpy.float32:
    return -(numpy.float32(1) * numpy.log(numpy.float32(y)))


def test_a_declared_float32_printout_agrees_with_numpy_float32_and_not_with_exact_arithmetic():
    printed = str(_float32_loss(0.8))  # numpy prints the shortest digits that give back the float32
    claim = _claim("E[1]", printed, expect=AGREES)
    assert judge(_declared(claim, precision="float32"), ZEROS).status == AGREES
    assert judge(claim, ZEROS).status == ERRATUM


def test_a_float32_printout_off_by_ten_float32_ulps_is_an_erratum():
    value = _float32_loss(0.8)
    printed = str(numpy.float32(value + 10 * numpy.spacing(value)))
    claim = _declared(_claim("E[1]", printed), precision="float32")
    assert judge(claim, ZEROS).status == ERRATUM


# --- causes of code: an ε inside the log, float32 -------------------------------------------


def _authors(claim: Claim) -> Claim:
    return _declared(claim, code_causes=True)


def test_the_textbook_printout_without_its_declared_epsilon_is_diagnosed_as_1e_7_inside_the_log():
    from derivations.datafiles import read_claims_file

    path = Path(__file__).resolve().parents[1] / "examples" / "textbook-epsilon.toml"
    author = read_claims_file(path.read_text(encoding="utf-8").replace('epsilon = "1e-7"', ""), "textbook.toml")
    (verdict,) = [judge(claim, author.table) for claim in author.claims]
    assert verdict.status == ERRATUM
    assert [_by_kind(explanation) for explanation in verdict.diagnoses] == [{"epsilon": "1e-7"}]


def test_a_framework_float32_printout_judged_exactly_is_diagnosed_as_float32():
    y = 0.06  # −ln 0.06 = 2.81341071676…; numpy float32 gives 2.8134108, 0.8e-7 away (more than half a unit)
    printed = str(-(numpy.float32(1) * numpy.log(numpy.float32(y))))
    assert abs(float(printed) - (-math.log(y))) > 0.5e-7
    table = Table(("a", "b"), ((1, 0),), (("0.06", "0.94"),))
    verdict = judge(_authors(_claim("E[1]", printed)), table)
    assert verdict.status == ERRATUM
    assert [_kinds(explanation) for explanation in verdict.diagnoses] == [{"float32"}]


def test_a_part_claim_is_not_searched_for_causes_of_code():
    table = Table(("a", "b"), ((1, 0),), (("0.06", "0.94"),))
    printed = str(-(numpy.float32(1) * numpy.log(numpy.float32(0.06))))
    assert judge(_claim("E[1]", printed), table).diagnoses == ()


def test_an_epsilon_of_code_with_base_10_and_no_sign_is_three_departures_fewer_win():
    # log10(0.6 + 1e-7), printed to 12 places: base 10, no sign and the ε; nothing simpler reproduces it.
    printed = f"{math.log10(0.6 + 1e-7):.12f}"
    table = Table(("a", "b"), ((1, 0),), (("0.6", "0.4"),))
    verdict = judge(_authors(_claim("E[1]", printed)), table)
    assert [_by_kind(explanation) for explanation in verdict.diagnoses] == [
        {"base": "10", "sign": "", "epsilon": "1e-7"}]


def test_a_formulas_float64_printout_is_judged_against_its_left_to_right_sum():
    # 0.1 + 0.2 is 0.30000000000000004 in Python; the float nearest the exact 0.3 is 0.3.
    assert repr(0.1 + 0.2) == "0.30000000000000004" and repr(float(Decimal("0.3"))) == "0.3"
    table = Table(("a", "b"), ((1, 0),), (("0.5", "0.5"),))
    claim = Claim("sum", "here", "number", quantity.read("0.1 + 0.2", formulas=True), ("0.30000000000000004",),
                  AGREES)
    verdict = judge(claim, table)
    assert verdict.precision == "float64" and verdict.floats == (0.1 + 0.2,) and verdict.status == AGREES


@pytest.mark.parametrize("page", ["claims-file.md", "claims-file.en.md"])
def test_the_claims_file_page_shows_the_float_order_with_pythons_own_sum(page):
    text = (Path(__file__).resolve().parents[1] / "docs" / page).read_text(encoding="utf-8")
    assert f"`0.1 + 0.2` is `{0.1 + 0.2!r}`" in text or f"`0.1 + 0.2` は `{0.1 + 0.2!r}`" in text
