"""Finding the line of a table, an entry or a key in a TOML text, and giving it to a DataError.

Every expected line is counted by hand from the text written in the test.
"""
from derivations.fields import DataError
from derivations.lines import Lines, located

TEXT = 'classes = ["a", "b"]\n\n[source]\ntitle = "x"\n\n[[samples]]\nt = [1, 0]\n\n[[samples]]\nt = [0, 1]\ny = ["0.5", "0.5"]\n'


def test_lines_find_a_key_inside_the_nth_array_entry():
    assert Lines.of(TEXT).find("samples", 2, "y") == 11


def test_lines_fall_back_to_the_entry_header_then_to_the_top_level_key():
    lines = Lines.of(TEXT)
    assert lines.find("samples", 1, "y") == 6  # no y in the first sample: its [[samples]] header
    assert lines.find("classes") == 1
    assert lines.find("claims", 1, "id") is None


def test_lines_read_quoted_keys_and_headers_with_comments():
    lines = Lines.of('"classes" = ["a", "b"]\n[[ samples ]]  # first\n  t = [1, 0]\n')
    assert (lines.find("classes"), lines.find("samples", 1), lines.find("samples", 1, "t")) == (1, 2, 3)


def test_a_located_error_names_the_line_of_its_place_in_its_message_and_as_data():
    error = located(DataError("f.toml", "title is bad", place=("source", 0, "title")), TEXT)
    assert str(error) == "f.toml, line 4: title is bad"
    assert error.location() == {"file": "f.toml", "line": 4, "row": None, "column": None}


def test_a_row_and_column_stay_beside_the_line():
    error = located(DataError("f.toml", "y is bad", 2, "1 (a)", place=("samples", 2, "y")), TEXT)
    assert str(error) == "f.toml, line 11, row 2, column 1 (a): y is bad"


def test_a_toml_syntax_error_keeps_the_line_tomllib_gives():
    error = located(DataError("f.toml", "not valid TOML: Invalid value (at line 7, column 5)"), TEXT)
    assert error.line == 7


def test_an_error_that_already_has_its_line_keeps_it():
    assert located(DataError("f.toml", "too large", line=1), TEXT).line == 1
