"""Rendering blocks: display math arithmatex can read, marks, findings, escaped prose."""
import html as html_text

import markdown
import pytest
import sympy

from derivations import render
from derivations.claims import Claim, Verdict
from derivations.diagnosis import Deviation
from derivations.evidence import EXACT, NUMERIC, SYMBOLIC, Evidence, fixed, proved
from derivations.normal import POSITIVITY
from derivations.outline import Definition
from derivations.prose import catalogue
from derivations.symbols import E, K

PROSE = catalogue("ja")


def test_a_display_block_has_no_blank_line_and_one_tag():
    block = render.display(["a &= b", "&= c"], "6.3")
    assert block.startswith("$$\n") and block.endswith("\n$$")
    assert "\n\n" not in block and block.count("\\tag{6.3}") == 1


def test_a_definition_gets_an_equation_anchor():
    block = render.definition_block(Definition("x", E[1], sympy.Integer(2), "6.1"))
    assert block.startswith('<a id="eq-6-1"></a>')
    assert "E_{1} &= 2" in block


def test_prose_inside_math_has_latex_specials_escaped():
    assert render.math_text("50% of a_b & {c}") == r"\text{50\% of a\_b \& \{c\}}"


def test_a_missing_placeholder_value_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        render.say({"k": "sample ${sample}"}, "k")


def test_a_disputed_step_carries_a_warning_mark():
    assert "⚠" in render.step_mark(PROSE, Evidence(True, NUMERIC), disputed=True)
    assert "⚠" not in render.step_mark(PROSE, Evidence(True, NUMERIC), disputed=False)


def test_a_mark_names_the_fixed_letter_in_math_in_both_languages():
    evidence = proved(SYMBOLIC, (fixed(K, 3),))
    assert render.step_mark(catalogue("en"), evidence, False) == r"\checkmark\ \text{symbolic, for }K = 3"
    assert render.step_mark(PROSE, evidence, False) == r"\checkmark\ \text{記号（}K = 3\text{ のとき）}"


def test_a_mark_is_plain_only_when_nothing_was_fixed_or_assumed():
    # The legend says that a plain "symbolic" mark holds for all values.
    assert render.step_mark(catalogue("en"), proved(SYMBOLIC), False) == r"\checkmark\ \text{symbolic}"
    assert render.step_mark(PROSE, proved(SYMBOLIC), False) == r"\checkmark\ \text{記号}"
    both = render.step_mark(catalogue("en"), proved(SYMBOLIC, (fixed(K, 2), POSITIVITY)), False)
    assert both == r"\checkmark\ \text{symbolic, for }K = 2,\ y > 0" and "all values" not in both
    assert render.step_mark(catalogue("en"), proved(EXACT), False) == r"\checkmark\ \text{exact}"


def test_the_derivation_page_marks_name_k_3_where_the_chain_fixed_it(verified):
    lines = render.chain_lines(next(c for c in verified.checked if c.chain.id == "sample-1"), catalogue("en"), set())
    assert [line.endswith(r"\text{symbolic, for }K = 3}") for line in lines] == [True, True, False, False, False]
    mean = render.chain_lines(next(c for c in verified.checked if c.chain.id == "mean"), catalogue("en"), set())
    assert all(line.endswith(r"\text{symbolic}}") for line in mean)


def _verdict(diagnoses):
    claim = Claim("X", "here", "number", "E[1]", ("-0.5",), "erratum", "sample-1", 5)
    return Verdict(claim, (sympy.Rational(1, 2),), "erratum", diagnoses, (sympy.Rational(1, 4),))


def test_a_diagnosis_reads_departures_joined_and_alternatives_with_or():
    text = render.diagnosis_text(_verdict(((Deviation("base", "10"), Deviation("sign")), (Deviation("base", "2"),))), PROSE)
    assert PROSE["errata.or"] in text
    assert render.say(PROSE, "diagnosis.base", detail="10") in text
    assert PROSE["diagnosis.sign"] in text


def test_no_diagnosis_says_so():
    assert render.diagnosis_text(_verdict(()), PROSE) == PROSE["errata.no-diagnosis"]


def test_the_difference_is_printed_minus_ours():
    assert render.difference_text(_verdict(())) == "-1.000000"


def test_a_vector_of_values_prints_in_brackets():
    assert render.vector_text(("1", "0", "0")) == "(1, 0, 0)"
    assert render.vector_text(("1",)) == "1"


def test_a_markdown_table_has_a_header_rule():
    assert render.table(["a", "b"], [(1, 2)]) == "| a | b |\n|---|---|\n| 1 | 2 |"


def test_a_bar_inside_a_table_cell_is_escaped_so_the_row_keeps_its_columns():
    assert render.table(["a"], [("|x| = 1",)]).splitlines()[-1] == r"| \|x\| = 1 |"


def test_text_from_a_data_file_is_shown_as_text_not_read_as_markup():
    hostile = "<b>x</b> & [a](javascript:y) *e* _u_ `c` $m$ \\(n\\) {#id} | # !"
    html = markdown.markdown(render.plain(hostile), extensions=["pymdownx.arithmatex", "attr_list", "tables"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})
    assert not any(tag in html for tag in ("<b>", "<a ", "<em>", "<code>", "arithmatex", 'id="id"'))
    assert html_text.unescape(html) == f"<p>{hostile}</p>"


def test_a_symbolic_steps_detail_names_its_conditions_in_the_pages_language():
    from derivations.evidence import SYMBOLIC, Condition, proved

    fixed = proved(SYMBOLIC, (Condition("K = 3", "K = 3"),), note="solved for class 2")
    assert render.detail_text(fixed, catalogue("ja")) == r"\(K = 3\) のとき; solved for class 2"
    assert render.detail_text(fixed, catalogue("en")) == r"for \(K = 3\); solved for class 2"
    assert render.detail_text(proved(SYMBOLIC), catalogue("ja")) == "文字のすべての値で"
