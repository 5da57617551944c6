"""Rendering blocks: display math arithmatex can read, marks, findings, escaped prose."""
import html as html_text
import re

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


def test_a_formula_is_handed_to_katex_as_arithmatex_inline_math_with_html_escaped():
    assert render.math_html("a < b & c") == r'<span class="arithmatex">\(a &lt; b &amp; c\)</span>'


def test_a_missing_placeholder_value_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        render.say({"k": "sample ${sample}"}, "k")


def test_a_disputed_step_carries_a_warning_mark_that_links_to_its_erratum():
    mark = render.step_mark(PROSE, Evidence(True, NUMERIC), erratum="E2")
    link = re.search(r'<a class="chain-erratum" href="([^"]+)" aria-label="([^"]+)">⚠</a>$', mark)
    # Relative to a part's page (/derivation/ → /errata/): MkDocs does not rewrite a chain's HTML.
    assert link and link.groups() == ("../errata/#erratum-E2", "正誤表の E2")
    assert "⚠" not in render.step_mark(PROSE, Evidence(True, NUMERIC))


def test_a_mark_names_the_fixed_letter_in_math_in_both_languages():
    evidence = proved(SYMBOLIC, (fixed(K, 3),))
    assert render.step_mark(catalogue("en"), evidence) == f"✓ symbolic, for {MATH_K3}"
    assert render.step_mark(PROSE, evidence) == f"✓ 記号（{MATH_K3} のとき）"


MATH_K3 = r'<span class="arithmatex">\(K = 3\)</span>'


def test_a_mark_is_plain_only_when_nothing_was_fixed_or_assumed():
    # The legend says that a plain "symbolic" mark holds for all values.
    assert render.step_mark(catalogue("en"), proved(SYMBOLIC)) == "✓ symbolic"
    assert render.step_mark(PROSE, proved(SYMBOLIC)) == "✓ 記号"
    both = render.step_mark(catalogue("en"), proved(SYMBOLIC, (fixed(K, 2), POSITIVITY)))
    assert both == r'✓ symbolic, for <span class="arithmatex">\(K = 2,\ y &gt; 0\)</span>' and "all values" not in both
    assert render.step_mark(catalogue("en"), proved(EXACT)) == "✓ exact"


def test_the_derivation_page_marks_name_k_3_where_the_chain_fixed_it(verified):
    lines = render.chain_lines(next(c for c in verified.checked if c.chain.id == "sample-1"), catalogue("en"))
    assert [line.endswith(f'for {MATH_K3}</span></span></div>') for line in lines] == [True, True, False, False, False]
    mean = render.chain_lines(next(c for c in verified.checked if c.chain.id == "mean"), catalogue("en"))
    assert all(line.endswith('<span class="chain-mark">✓ symbolic</span></span></div>') for line in mean)


def test_every_line_of_a_chain_shows_its_number_which_carries_the_lines_anchor(verified):
    checked = next(c for c in verified.checked if c.chain.id == "sample-2")
    lines = render.chain_lines(checked, PROSE)
    numbers = [re.match(r'<div class="chain-line"><span class="chain-number" id="([^"]+)">(\d+)</span> ', line).groups()
               for line in lines]
    assert numbers == [(f"step-sample-2-{n}", str(n)) for n in range(1, len(lines) + 1)]


def test_a_lines_reason_is_text_in_the_pages_language_outside_the_math(verified):
    checked = next(c for c in verified.checked if c.chain.id == "sample-2")
    reasons = [re.search(r'<span class="chain-reason">(.*?)</span> <span class="chain-mark">', line).group(1)
               for line in render.chain_lines(checked, PROSE)]
    assert reasons[0] == "(5.2) を2件目に適用" and reasons[1] == "K = 3 として書き下す"
    assert not any("arithmatex" in reason or "\\text" in reason for reason in reasons)


def test_a_lines_formula_is_its_left_side_on_the_first_line_then_the_relation_and_the_right_side(verified):
    checked = next(c for c in verified.checked if c.chain.id == "sample-1")
    formulas = [re.search(r'<span class="chain-formula">(.*?)</span></span> <span class="chain-note">', line).group(1)
                for line in render.chain_lines(checked, PROSE)]
    assert formulas[0].startswith(r'<span class="chain-lhs"><span class="arithmatex">\(\displaystyle E_{1}\)</span></span>')
    assert r"\(\displaystyle {} = - \sum_{k=1}^{K} t_{k} \log y_{k}\)" in formulas[0]
    assert formulas[1].startswith('<span class="chain-lhs"></span>')
    # The last line is rounded, so it says ≈, not =.
    assert r"\(\displaystyle {} \approx 1.108663\)" in formulas[-1]


def test_only_the_line_an_erratum_concerns_gets_the_warning_link(verified):
    checked = next(c for c in verified.checked if c.chain.id == "sample-2")
    lines = render.chain_lines(checked, PROSE, {3: "E9"})
    assert [("#erratum-E9" in line) for line in lines] == [n == 3 for n in range(1, len(lines) + 1)]


def test_a_chain_is_one_raw_html_block_that_markdown_passes_through_with_its_math_for_katex(verified):
    checked = next(c for c in verified.checked if c.chain.id == "sample-1")
    block = render.chain_html(render.chain_lines(checked, PROSE), "6.2")
    assert "\n\n" not in block and block.count('<span class="chain-tag">(6.2)</span>') == 1
    assert block.startswith('<div class="chain"><div class="chain-lines" style="--lines: 5">')
    converted = markdown.markdown(f"text\n\n{block}\n\ntext", extensions=["pymdownx.arithmatex", "md_in_html"],
                                  extension_configs={"pymdownx.arithmatex": {"generic": True}})
    assert block in converted


def test_a_chain_without_an_equation_number_has_no_tag():
    assert "chain-tag" not in render.chain_html(['<div class="chain-line"></div>'], None)


def test_a_finding_names_and_links_its_numbered_line():
    text = render.finding(_verdict(()), PROSE)
    assert "[5行目へ](#step-sample-1-5)" in text and "(errata.md#erratum-X)" in text


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
    assert render.detail_text(fixed, catalogue("ja")) == r"\(K = 3\) のとき、2つ目のクラスの値を条件から解いて代入"
    assert render.detail_text(fixed, catalogue("en")) == r"for \(K = 3\); solved for class 2"
    assert render.detail_text(proved(SYMBOLIC), catalogue("ja")) == "文字のすべての値で"


def test_a_reason_with_inline_math_is_set_as_escaped_words_and_math_for_katex():
    assert render.prose_html(r"\(z = \log y\) を代入") == r'<span class="arithmatex">\(z = \log y\)</span> を代入'
    assert render.prose_html("a_b <i> & c") == "a_b &lt;i&gt; &amp; c"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_provers_note_is_shown_in_the_pages_language(language):
    evidence = proved(SYMBOLIC, (fixed(K, sympy.Integer(2)),), "solved for class 2")
    detail = render.detail_text(evidence, catalogue(language))
    # The prover's English phrase shows only on the English page.
    assert ("solved for class 2" in detail) == (language == "en")
    assert detail.endswith(catalogue(language)["note.solved-for-class-2"])


def test_a_note_without_words_in_the_catalogue_stops_the_build():
    with pytest.raises(KeyError):
        render.detail_text(proved(SYMBOLIC, (), "an unknown note"), PROSE)


def test_conditions_are_listed_with_the_languages_own_separator():
    evidence = proved(SYMBOLIC, (fixed(K, sympy.Integer(2)), fixed(E[1], sympy.Integer(0))))
    assert r"\(K = 2\)、\(E_{1} = 0\)" in render.detail_text(evidence, PROSE)
    assert r"\(K = 2\), \(E_{1} = 0\)" in render.detail_text(evidence, catalogue("en"))


def test_a_class_name_is_translated_on_english_pages_with_the_articles_word_once_where_asked():
    english = catalogue("en")
    assert render.class_name("イヌ", english) == "Dog"
    assert render.class_name("オオカミ", english, with_original=True) == "Wolf (オオカミ)"
    assert render.class_name("イヌ", PROSE, with_original=True) == "イヌ"
    assert render.class_name("cat_1", english) == r"cat\_1"  # an unknown name (a claims file's) as is


def test_a_numeric_steps_detail_is_worded_in_the_pages_language_with_its_numbers_as_math():
    import sympy

    from derivations.evidence import NUMERIC, Evidence
    from derivations.prose import catalogue

    evidence = Evidence(True, NUMERIC, "|difference| = 3.75e-7 ≤ 1/2000000",
                        gap=sympy.Float("3.75e-7", 3), tolerance=sympy.Rational(1, 2000000))
    japanese, english = (render.detail_text(evidence, catalogue(language)) for language in ("ja", "en"))
    assert "difference" not in japanese and "差" in japanese and r"\frac{1}{2000000}" in japanese
    assert r"\(3.75 \cdot 10^{-7}\)" in english and "within" in english
    failing = Evidence(False, NUMERIC, "|difference| = 0.1 > 1/2000000", gap=sympy.Float("0.1", 3),
                       tolerance=sympy.Rational(1, 2000000))
    assert render.detail_text(failing, catalogue("ja")) == failing.detail
