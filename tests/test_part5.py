"""The part-5 derivation: the article's order, its chains, and the values it shows."""
import math

import pytest
import sympy

from derivations.evidence import ALL_VALUES, SYMBOLIC
from derivations.numbers import PrintedNumber
from derivations.outline import Definition
from derivations.steps import Chain, StepFailure, check_chain
from derivations.prose import catalogue
from derivations.symbols import E, K, i, k, t, y
from chain_support import chain_of, with_step
from conftest import ROOT


def test_the_sections_follow_the_article_with_the_calculator_after_the_worked_example_and_a_legend_last(verified):
    assert [s.id for s in verified.derivation.sections] == [
        "one-sample", "table", "samples", "vector", "total-table", "total", "per-sample", "double-sum", "mean",
        "calculator", "one-hot", "legend"]
    assert [s.id for s in verified.derivation.sections if s.calculator] == ["calculator"]


def test_the_table_is_shown_before_any_sample_is_substituted(verified):
    assert [s.id for s in verified.derivation.sections if s.table] == ["table"]
    assert [s.id for s in verified.derivation.sections][1:3] == ["table", "samples"]


def _indexed(expr) -> set:
    return {cell for cell in expr.atoms(sympy.Indexed) if cell.base in (t, y)}


def test_the_four_samples_use_the_one_sample_notation_of_5_2_with_their_own_row(verified):
    for n in range(1, 5):
        chain = chain_of(verified, f"sample-{n}")
        cells = set().union(*(_indexed(step.expr) for step in chain.steps))
        assert cells and all(len(cell.indices) == 1 for cell in cells), (n, cells)
        assert chain.lhs == E[n] and chain.steps[0].expr == -sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, K))


def test_a_sample_given_another_samples_row_is_rejected(verified):
    # Sample 2's row (0, 1, 0) and (0.30, 0.36, 0.34), by hand, put in place of sample 1's.
    with sympy.evaluate(False):
        wrong = -(0 * sympy.log(y[1]) + 1 * sympy.log(y[2]) + 0 * sympy.log(y[3]))
    row_2 = wrong.xreplace({y[1]: PrintedNumber("0.30"), y[2]: PrintedNumber("0.36"), y[3]: PrintedNumber("0.34")})
    with pytest.raises(StepFailure, match="chain 'sample-1', step 3"):
        check_chain(with_step(chain_of(verified, "sample-1"), 2, row_2))


@pytest.mark.parametrize("page", ["docs/derivation.md", "docs/derivation.en.md"])
def test_nothing_on_the_page_is_used_before_its_section_introduces_it(page):
    text = (ROOT / page).read_text()
    heading = {key: text.index("## " + catalogue("en" if page.endswith(".en.md") else "ja")[f"section.{key}"])
               for key in ("total-table", "per-sample", "vector")}
    # The sample index i: first in the sum over the four samples, where the prose names it.
    assert text.index(r"\sum_{i=1}") > heading["total-table"]
    assert min(text.index(r"t_{i"), text.index(r"y_{i")) > heading["per-sample"]
    assert text.index("(6.2)") > heading["per-sample"]
    # Two indices on one label: first in the vector section, whose prose introduces them.
    assert text.index("t_{1,") > heading["vector"]


def test_each_sample_has_a_chain_from_definition_to_value(verified):
    samples = next(s for s in verified.derivation.sections if s.id == "samples").items
    assert [c.id for c in samples] == ["sample-1", "sample-2", "sample-3", "sample-4"]
    assert all(isinstance(c, Chain) and c.steps[-1].approximate for c in samples)


def test_the_values_shown_are_the_natural_logs_of_the_true_class(verified):
    # Hand values with Python's math: E_i = -ln y_{i,c_i}, y of the true class from the table.
    true_y = [0.33, 0.36, 0.32, 0.33]
    shown = {c.id: float(c.steps[-1].expr.exact()) for c in verified.derivation.chains() if c.steps[-1].approximate}
    for n, value in enumerate(true_y, 1):
        assert abs(shown[f"sample-{n}"] - (-math.log(value))) < 5e-7
    assert abs(shown["total-table"] - sum(-math.log(v) for v in true_y)) < 5e-7
    assert abs(shown["mean-table"] - sum(-math.log(v) for v in true_y) / 4) < 5e-7


def test_the_definitions_are_5_2_and_6_1(verified):
    assert [d.tag for d in verified.derivation.definitions()] == ["5.2", "6.1"]
    assert all(isinstance(d, Definition) for d in verified.derivation.definitions())


def test_the_tagged_chains_are_6_2_and_6_3(verified):
    assert [c.tag for c in verified.derivation.chains() if c.tag] == ["6.2", "6.3"]


def test_6_2_is_5_2_with_the_sample_index_added_for_all_values(verified):
    (evidence,) = next(c for c in verified.checked if c.chain.id == "per-sample").evidence
    assert (evidence.method, evidence.conditions, evidence.detail) == (SYMBOLIC, (), ALL_VALUES)
    assert not chain_of(verified, "per-sample").steps[0].prover  # the normal form, no prover of its own


def test_an_index_added_to_only_one_factor_is_rejected(verified):
    half_indexed = -sympy.Sum(t[i, k] * sympy.log(y[k]), (k, 1, K))
    with pytest.raises(StepFailure, match="chain 'per-sample', step 1"):
        check_chain(with_step(chain_of(verified, "per-sample"), 0, half_indexed))


def test_the_legend_names_every_letter_the_derivation_uses(verified):
    from derivations.prose import catalogue

    for language in ("ja", "en"):
        legend = catalogue(language)["section.legend.text"]
        for letter in (r"\(N\)", r"\(i\)", r"\(K\)", r"\(k\)", r"\(t_{ik}\)", r"\(y_{ik}\)", r"\(E\)"):
            assert letter in legend, (language, letter)
