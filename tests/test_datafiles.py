"""Reading the data files; an author's own claims file above all: every defect named by its line.

The example file is `examples/claims-example.toml`; every expected line number is counted
here from the text of the file the test writes, not taken from the package.
"""
import math
import re
from pathlib import Path

import pytest

from derivations import datafiles, limits
from derivations.fields import DataError
from derivations.claims import AGREES, ERRATUM, judge
from derivations.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "claims-example.toml"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
FILE = "my-notes.toml"


def _line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` starts, counted by hand."""
    assert needle in text, f"the test's needle is not in the text: {needle!r}"
    return text[:text.index(needle)].count("\n") + 1


def _edited(old: str, new: str) -> str:
    assert old in EXAMPLE_TEXT, f"the test's edit does not apply: {old!r}"
    return EXAMPLE_TEXT.replace(old, new, 1)


def _error(text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        datafiles.read_claims_file(text, FILE)
    return caught.value


# --- the example file ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    return datafiles.read_claims_file(EXAMPLE_TEXT, "examples/claims-example.toml")


def test_the_example_has_three_samples_over_three_classes(example):
    assert example.table.classes == ("cat", "dog", "bird")
    assert example.table.samples == 3


def test_quoted_labels_and_integer_labels_read_alike(example):
    # Samples 1 and 2 quote their labels ("1", "0"); sample 3 writes integers.
    assert example.table.labels == ((1, 0, 0), (0, 1, 0), (0, 0, 1))


def test_predictions_are_kept_exactly_as_printed(example):
    assert example.table.predictions == (("0.7", "0.2", "0.1"), ("0.1", "0.6", "0.3"), ("0.2", "0.3", "0.5"))


def test_the_source_may_leave_out_fields(example):
    assert (example.source.title, example.source.section, example.source.url) == (
        "Notes on the cross-entropy", "3. A worked example", "")


def test_a_file_without_a_source_has_none():
    text = re.sub(r"\[source\]\n(.+\n)+", "", EXAMPLE_TEXT)
    assert "[source]" not in text
    assert datafiles.read_claims_file(text, FILE).source is None


def test_claims_are_numbers_unless_they_say_otherwise(example):
    assert [c.kind for c in example.claims] == ["number"] * 4


def test_a_printed_string_is_a_one_entry_claim(example):
    assert example.claims[0].printed == ("0.3567",)


def test_a_claim_without_expect_is_unreviewed_and_expects_agreement(example):
    expects = [(c.id, c.expect, c.reviewed) for c in example.claims]
    assert expects == [("loss-1", AGREES, True), ("loss-2", ERRATUM, True), ("loss-2-as-bird", AGREES, True),
                       ("mean", AGREES, False)]


def test_the_example_claims_are_judged_as_the_author_expects(example):
    verdicts = [judge(claim, example.table) for claim in example.claims]
    assert [v.status for v in verdicts] == [AGREES, ERRATUM, AGREES, AGREES]
    assert all(v.as_expected for v in verdicts)


def test_the_example_prints_what_hand_computation_gives(example):
    # By hand: −ln 0.7, log10 0.6 (the mistake), −ln 0.3, the mean of −ln 0.7, −ln 0.6, −ln 0.5.
    printed = [c.printed[0] for c in example.claims]
    mean = -(math.log(0.7) + math.log(0.6) + math.log(0.5)) / 3
    assert printed == [f"{-math.log(0.7):.4f}", f"{math.log10(0.6):.4f}", f"{-math.log(0.3):.4f}", f"{mean:.4f}"]


def test_a_printed_vector_is_a_list(example):
    text = _edited('printed = "0.3567"', 'printed = ["0.3567", "0", "0"]')
    assert datafiles.read_claims_file(text, FILE).claims[0].printed == ("0.3567", "0", "0")


def test_a_printed_name_may_be_checked_against_the_notation():
    text = EXAMPLE_TEXT + '\n[[claims]]\nid = "heading"\nlocation = "x"\nkind = "name"\nquantity = "E[2]"\nprinted = "E_{2}"\n'
    claim = datafiles.read_claims_file(text, FILE).claims[-1]
    assert (claim.kind, claim.printed) == ("name", ("E_{2}",))
    assert judge(claim, datafiles.read_claims_file(text, FILE).table).status == AGREES


# --- defects, each named by file and line (and row and column where they apply) -------------------

BAD = {
    # name: (old text, new text, needle on the expected line, row, column, words the message must hold)
    "TOML syntax": ('[[claims]]\nid = "loss-2"', '[[claims]\nid = "loss-2"', '[[claims]\n', None, None,
                    "not valid TOML"),
    "y not a decimal": ('y = ["0.1", "0.6", "0.3"]', 'y = ["0.1", "0.6a", "0.3"]', 'y = ["0.1", "0.6a"', 2,
                        "2 (dog)", "is not a decimal number"),
    "y unquoted": ('y = ["0.2", "0.3", "0.5"]', 'y = ["0.2", "0.3", 0.5]', 'y = ["0.2", "0.3", 0.5]', 3,
                   "3 (bird)", "quoted decimal"),
    "y out of range": ('y = ["0.7", "0.2", "0.1"]', 'y = ["0.7", "0.3", "-0.1"]', 'y = ["0.7", "0.3", "-0.1"]', 1,
                       "3 (bird)", "outside [0, 1]"),
    "t not one-hot": ('t = ["0", "1", "0"]', 't = ["0", "1", "1"]', 't = ["0", "1", "1"]', 2, None,
                      "not one-hot"),
    "t not 0 or 1": ('t = [0, 0, 1]', 't = [0, 0, "yes"]', 't = [0, 0, "yes"]', 3, "3 (bird)", "not 0 or 1"),
    # 0.2 + 0.3 + 0.7 = 1.2: further from 1 than three half units of one decimal (0.15).
    "row sum": ('y = ["0.2", "0.3", "0.5"]', 'y = ["0.2", "0.3", "0.7"]', 'y = ["0.2", "0.3", "0.7"]', 3, None,
                "y sums to 1.2"),
    "shape": ('y = ["0.7", "0.2", "0.1"]', 'y = ["0.7", "0.3"]', 'y = ["0.7", "0.3"]', 1, None,
              "y has 2 entries but there are 3 classes"),
    "both y and z": ('y = ["0.1", "0.6", "0.3"]', 'y = ["0.1", "0.6", "0.3"]\nz = ["1", "2", "3"]', 'z = ["1", "2"',
                     2, None, "its predictions y or its logits z, not both y and z"),
    "neither y nor z": ('y = ["0.1", "0.6", "0.3"]\n', '', '[[samples]]\nt = ["0", "1", "0"]', 2, None,
                        "not neither y nor z"),
    "z shape": ('y = ["0.1", "0.6", "0.3"]', 'z = ["1.5", "-2"]', 'z = ["1.5", "-2"]', 2, None,
                "z has 2 entries but there are 3 classes"),
    "z not a decimal": ('y = ["0.1", "0.6", "0.3"]', 'z = ["1.5", "-2", "3e2"]', 'z = ["1.5", "-2", "3e2"]', 2,
                        "3 (bird)", "is not a decimal number"),
    "z unquoted": ('y = ["0.1", "0.6", "0.3"]', 'z = ["1.5", -2, "3"]', 'z = ["1.5", -2, "3"]', 2, "2 (dog)",
                   "quoted decimal"),
    "z too large": ('y = ["0.1", "0.6", "0.3"]', 'z = ["1.5", "-2", "100.5"]', 'z = ["1.5", "-2", "100.5"]', 2,
                    "3 (bird)", f"beyond the limit of ±{limits.MAX_LOGIT} on a logit"),
    "too few classes": ('classes = ["cat", "dog", "bird"]', 'classes = ["cat"]', 'classes =', None, None,
                        "at least two names"),
    "unknown quantity": ('quantity = "E[2]"', 'quantity = "E_total"', 'quantity = "E_total"', None, None,
                         "'E_total' is not allowed"),
    "sample past the table": ('quantity = "E[2]"', 'quantity = "E[4]"', 'quantity = "E[4]"', None, None,
                              "quantity E[4] names sample 4, but the table has samples 1 … 3"),
    "index out of range": ('quantity = "-log(y[2,3])"', 'quantity = "-log(y[2,4])"', 'quantity = "-log(y[2,4])"',
                           None, None, "y[2, 4]: class 4 is outside 1 … 3"),
    "log of zero": ('quantity = "-log(y[2,3])"', 'quantity = "-log(y[2,3] - 0.3)"', 'quantity = "-log(y[2,3] - 0.3)"',
                    None, None, "no finite real value"),
    "unknown claim field": ('printed = "0.5202"', 'printed = "0.5202"\nreviewer = "me"', 'reviewer = ', None, None,
                            "[[claims]] entry 4 (mean): unknown key 'reviewer'"),
    "unknown sample field": ('t = [0, 0, 1]', 't = [0, 0, 1]\nweight = 2', 'weight = ', None, None,
                             "[[samples]] entry 3: unknown key 'weight'"),
    "unknown source field": ('section = "3. A worked example"', 'section = "3. A worked example"\nauthor = "me"',
                             'author = ', None, None, "[source]: unknown key 'author'"),
    "unknown top-level field": ('classes = ["cat"', 'labels = 3\nclasses = ["cat"', 'labels = 3', None, None,
                                "top level: unknown key 'labels'"),
    "bad expect": ('expect = "erratum"', 'expect = "wrong"', 'expect = "wrong"', None, None,
                   "(loss-2): expect must be agrees or erratum, not 'wrong'"),
    "bad kind": ('quantity = "E[2]"', 'quantity = "E[2]"\nkind = "value"', 'kind = "value"', None, None,
                 "kind must be number or name"),
    "unquoted printed": ('printed = "0.3567"', 'printed = 0.3567', 'printed = 0.3567', None, None,
                         "quote numbers as printed"),
    "printed not a number": ('printed = "1.2040"', 'printed = "1,2040"', 'printed = "1,2040"', None, None,
                             "is not a decimal number"),
    # A key that is not there has no line: the entry's header is where to look.
    "missing quantity": ('quantity = "E"\n', '', '[[claims]]\nid = "mean"', None, None, "quantity is missing"),
    "repeated id": ('id = "loss-2-as-bird"', 'id = "loss-1"', 'id = "loss-1"\nlocation = "section 3, what', None,
                    None, "repeated: loss-1"),
}


@pytest.mark.parametrize("kind", BAD)
def test_each_defect_names_the_file_and_the_line_it_is_on(kind):
    old, new, needle, _, _, words = BAD[kind]
    text = _edited(old, new)
    error = _error(text)
    assert error.line == _line_of(text, needle)
    assert str(error).startswith(f"{FILE}, line {error.line}")
    assert words in str(error)


@pytest.mark.parametrize("kind", [kind for kind in BAD if BAD[kind][3]])
def test_a_defect_in_a_cell_of_the_table_also_names_its_row_and_column(kind):
    old, new, _, row, column, _ = BAD[kind]
    error = _error(_edited(old, new))
    assert (error.row, error.column) == (row, column)
    assert f", row {row}" + (f", column {column}" if column else "") + ": " in str(error)


def test_a_file_without_claims_has_nothing_to_check():
    text = EXAMPLE_TEXT[:EXAMPLE_TEXT.index("[[claims]]")]
    assert "at least one [[claims]] entry" in str(_error(text))


def test_the_place_of_a_defect_is_given_as_data_for_reports():
    error = _error(_edited('y = ["0.1", "0.6", "0.3"]', 'y = ["0.1", "0.6a", "0.3"]'))
    assert error.location() == {"file": FILE, "line": error.line, "row": 2, "column": "2 (dog)"}


# --- the documentation page shows the example as it is -------------------------------------------


def _fenced(page: str, language: str) -> str:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.search(rf"```{language}\n(.*?)```", text, flags=re.S).group(1)


@pytest.mark.parametrize("page", ["claims-file.md", "claims-file.en.md"])
def test_the_documentation_shows_the_example_file_byte_for_byte(page):
    assert _fenced(page, "toml") == EXAMPLE_TEXT


@pytest.mark.parametrize("page, language", [("claims-file.md", "ja"), ("claims-file.en.md", "en")])
def test_the_documentation_shows_what_the_command_prints_for_the_example(page, language, capsys):
    assert main(["check", "--claims", str(EXAMPLE), "--language", language]) == 0
    assert _fenced(page, "text") == capsys.readouterr().out


# --- a sample given by its logits ---------------------------------------------------------------


def test_a_sample_may_give_its_logits_in_place_of_its_predictions():
    read = datafiles.read_claims_file(_edited('y = ["0.1", "0.6", "0.3"]', 'z = ["-1.5", "0", "2.25"]'), FILE)
    assert read.table.logits == ((), ("-1.5", "0", "2.25"), ())
    assert read.table.predictions[1] == () and read.table.predictions[0] == ("0.7", "0.2", "0.1")


def test_a_table_without_logits_says_so():
    read = datafiles.read_claims_file(EXAMPLE_TEXT, FILE)
    assert read.table.logits == () and not read.table.has_logits


def test_a_parts_data_file_may_not_give_logits():
    with pytest.raises(DataError) as caught:
        datafiles.read_table({"classes": ["a", "b"], "samples": [{"t": [1, 0], "z": ["1", "2"]}]}, "part.toml")
    assert "unknown key 'z'" in str(caught.value)


@pytest.mark.parametrize("page", ["claims-file.md", "claims-file.en.md"])
def test_the_pages_example_of_logits_agrees_with_the_softmax_math_computes(page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    block = next(part.split("```", 1)[0] for part in text.split("```toml\n") if "\nz = [" in part)
    author = datafiles.read_claims_file(block, page)
    total = sum(math.exp(z) for z in (2.7, 2.3, -1.1, 0.0))
    assert [f"{math.exp(2.7) / total:.2f}", f"{2.3 - math.log(total):.4f}", f"{math.log(total) - 2.7:.4f}"] == \
        [claim.printed[0] for claim in author.claims]
    assert [judge(claim, author.table).status for claim in author.claims] == [AGREES] * 3


# --- a part's [settings] ------------------------------------------------------------------------

PART_FILE = "weights.toml"
DECLARED = ("class_weights", "label_smoothing")
TWO_CLASSES = '''classes = ["a", "b"]

[source]
url = "https://example.org/x"
title = "t"
section = "s"

[[samples]]
t = [1, 0]
y = ["0.6", "0.4"]
'''
SETTINGS = '''
[settings]
class_weights = ["2", "1"]
label_smoothing = "0.1"
'''


def _part_error(text: str, declared: tuple = DECLARED) -> DataError:
    with pytest.raises(DataError) as caught:
        datafiles.read_part_data(text, PART_FILE, declared)
    return caught.value


def test_the_settings_a_part_declares_are_read_as_printed():
    read = datafiles.read_part_data(TWO_CLASSES + SETTINGS, PART_FILE, DECLARED)
    assert read.settings == {"class_weights": ("2", "1"), "label_smoothing": "0.1"}


def test_a_smoothing_of_zero_is_allowed_as_no_smoothing_at_all():
    text = TWO_CLASSES + SETTINGS.replace('"0.1"', '"0"')
    assert datafiles.read_part_data(text, PART_FILE, DECLARED).settings["label_smoothing"] == "0"


@pytest.mark.parametrize("old, new, needle, words", [
    ('label_smoothing = "0.1"', 'label_smoothing = "1"', "label_smoothing", "at least 0 and below 1"),
    ('label_smoothing = "0.1"', 'label_smoothing = "-0.1"', "label_smoothing", "at least 0 and below 1"),
    ('label_smoothing = "0.1"', 'label_smoothing = 0.1', "label_smoothing", "must be a string"),
    ('label_smoothing = "0.1"', 'label_smoothing = "1e-1"', "label_smoothing", "not a decimal number"),
    ('class_weights = ["2", "1"]', 'class_weights = ["2", "1", "1"]', "class_weights", "3 entries but there are 2"),
    ('class_weights = ["2", "1"]', 'class_weights = ["2", "0"]', "class_weights", "above 0 and at most 1,000"),
    ('class_weights = ["2", "1"]', 'class_weights = ["2", "1000.5"]', "class_weights", "above 0 and at most 1,000"),
    ('class_weights = ["2", "1"]', 'class_weights = [2, 1]', "class_weights", "must be a quoted decimal"),
    ('class_weights = ["2", "1"]', 'class_weights = "2"', "class_weights", "must be a list"),
    ('label_smoothing = "0.1"', 'label_smoothing = "0.1"\nepsilon = "1e-7"', "epsilon", "unknown key 'epsilon'"),
])
def test_a_bad_setting_is_refused_at_its_line(old, new, needle, words):
    text = TWO_CLASSES + SETTINGS.replace(old, new)
    error = _part_error(text)
    assert error.file == PART_FILE and error.line == _line_of(text, needle), str(error)
    assert words in error.reason and "[settings]" in error.reason


def test_a_bad_class_weight_is_named_by_its_class():
    error = _part_error(TWO_CLASSES + SETTINGS.replace('["2", "1"]', '["2", "-1"]'))
    assert error.column == "2 (b)"


def test_a_part_that_declares_settings_needs_them_all():
    assert "[settings] is missing" in _part_error(TWO_CLASSES).reason
    text = TWO_CLASSES + SETTINGS.replace('label_smoothing = "0.1"\n', "")
    error = _part_error(text)
    assert "label_smoothing is missing" in error.reason and error.line == _line_of(text, "[settings]")


def test_a_part_that_declares_no_settings_refuses_a_settings_table_at_its_line():
    text = TWO_CLASSES + SETTINGS
    error = _part_error(text, declared=())
    assert error.line == _line_of(text, "[settings]") and "declares no settings" in error.reason


def test_a_claims_file_has_no_settings_table():
    with pytest.raises(DataError) as caught:
        datafiles.read_claims_file(EXAMPLE_TEXT + SETTINGS, FILE)
    assert "unknown key 'settings'" in caught.value.reason


def test_the_class_weight_limit_is_the_stated_one():
    assert limits.MAX_CLASS_WEIGHT == 1_000
    text = TWO_CLASSES + SETTINGS.replace('["2", "1"]', '["2", "1000"]')
    assert datafiles.read_part_data(text, PART_FILE, DECLARED).settings["class_weights"] == ("2", "1000")
