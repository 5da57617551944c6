"""Part 1's page: the two formulas the series arrives at, derived and tagged (1) and (2)."""
import dataclasses

import pytest

from derivations import diagram, model
from derivations.parts import formulas
from derivations.steps import StepFailure, check_chain
from derivations.verify import verify


@pytest.fixture(scope="module")
def part1():
    return verify(None, None, formulas.PART)


def test_both_formulas_are_derived_by_chains_that_hold(part1):
    assert [c.chain.tag for c in part1.checked] == ["1", "2"]
    assert all(e.holds for c in part1.checked for e in c.evidence)


def test_2_ends_at_the_binary_batch_loss_of_part_1(part1):
    last = part1.checked[1].chain.steps[-1].expr
    assert last == model.binary_batch_loss()


def test_a_wrong_1_fails(part1):
    chain = part1.checked[0].chain
    wrong = dataclasses.replace(chain, steps=(dataclasses.replace(chain.steps[0], expr=2 * model.batch_loss()),))
    with pytest.raises(StepFailure, match="chain 'part1-1', step 1"):
        check_chain(wrong)


def test_the_overview_diagram_runs_from_the_likelihood_to_1_and_2(site):
    arc = diagram.graph(site)
    columns = {tag: n for n, layer in enumerate(arc.layers) for tag in layer}
    assert columns["4.1"] == 0
    assert {("6.3", "1"), ("1", "2"), ("7.1", "2")} <= set(arc.edges)
    series = [tag for tag, _, slug in arc.nodes if slug not in {v.part.slug for v in site.parts if v.part.past_the_series}]
    assert columns["2"] == max(columns[tag] for tag in series), "(2) closes the series"
