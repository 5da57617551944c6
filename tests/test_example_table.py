"""The worked example's table: on a part's page each true class is marked by bold type and a sign
(not colour alone) and the columns are named t_k and y_k with their class, in the page's language;
a soft label is left unmarked; the data page's table names its columns in words and marks nothing."""
import pytest

from derivations import example_table
from derivations.prose import catalogue
from derivations.table import Table

TABLE = Table(("イヌ", "キツネ"), ((0, 1), ("0.7", "0.3")), (("0.2", "0.8"), ("0.6", "0.4")))


def _lines(markdown: str) -> list:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def _rows(markdown: str) -> list:
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in _lines(markdown)[2:]]


def test_only_the_true_class_cells_are_bold_and_marked():
    prose = catalogue("ja")
    first, _ = _rows(example_table.worked_table(TABLE, prose))
    mark = prose["example.true-mark"]
    assert first == ["1", "キツネ", "0", f"**1** {mark}", "0.2", f"**0.8** {mark}"]


def test_a_soft_label_has_no_true_class_and_no_mark():
    _, soft = _rows(example_table.worked_table(TABLE, catalogue("ja")))
    assert soft == ["2", "—", "0.7", "0.3", "0.6", "0.4"]


def test_the_columns_are_named_by_the_one_sample_notation_with_their_class_in_english():
    header = _lines(example_table.worked_table(TABLE, catalogue("en")))[0]
    assert r"\(t_{1}\) Dog" in header and r"\(y_{2}\) Fox" in header and "イヌ" not in header


@pytest.mark.parametrize("make", [example_table.worked_table, example_table.data_table])
def test_the_part_pages_and_the_data_pages_table_sit_in_a_box_of_its_own_class_with_blank_lines_around_it(make):
    text = make(TABLE, catalogue("en"))
    assert text.startswith('<div class="example-table" markdown>\n\n|') and text.endswith("|\n\n</div>")


def test_the_data_pages_table_names_columns_in_words_and_marks_nothing():
    prose = catalogue("en")
    text = example_table.data_table(TABLE, prose)
    assert "**" not in text and prose["example.true-mark"] not in text
    assert f"{prose['data.labels']} (Dog)" in _lines(text)[0]
