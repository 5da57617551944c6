"""What a claim can state, read from its text and judged: the binary cross-entropy, a mean or sum
over listed samples, a vector of per-sample losses, and a percentage.

Expected values are computed here with `math` and `decimal` from the table typed below.
"""
import math
from decimal import Decimal
from pathlib import Path

import pytest

from derivations import quantity
from derivations.claims import AGREES, ERRATUM, Claim, judge
from derivations.declared import fraction_text
from derivations.datafiles import read_claims_file
from derivations.expressions import FormulaError
from derivations.fields import DataError
from derivations.quantity import LossVector, MeanLoss, SampleLoss, TotalLoss

# Three binary samples written as two-class rows: (label, P(class 1)).
BINARY = ((1, 0.9), (0, 0.1), (1, 0.8))
HEADER = 'classes = ["negative", "positive"]\n' + "".join(
    f'[[samples]]\nt = [{1 - a}, {a}]\ny = ["{1 - p:.1f}", "{p}"]\n' for a, p in BINARY)


def _bce(label: int, p: float) -> float:
    return -(label * math.log(p) + (1 - label) * math.log(1 - p))


def _four(value: float) -> str:
    return f"{value:.4f}"


def _judged(stated: str, printed, **keys) -> object:
    entries = "".join(f"{key} = {value}\n" for key, value in keys.items())
    text = f'{HEADER}[[claims]]\nid = "c"\nlocation = "here"\nquantity = "{stated}"\nprinted = {printed}\n{entries}'
    author = read_claims_file(text.replace("'", '"'), "mine.toml")
    return judge(author.claims[0], author.table)


def _refusal(stated: str, printed='"0.1"', header: str = HEADER) -> str:
    text = f'{header}[[claims]]\nid = "c"\nlocation = "here"\nquantity = "{stated}"\nprinted = {printed}\n'
    with pytest.raises(DataError) as caught:
        read_claims_file(text, "mine.toml")
    return str(caught.value)


@pytest.mark.parametrize(("text", "read"), [
    ("BCE[2]", SampleLoss(2, binary=True)), ("BCE", MeanLoss(binary=True)),
    ("mean(E[1], E[3])", MeanLoss((1, 3))), ("sum(BCE[1],BCE[2])", TotalLoss((1, 2), True)),
    ("E[1], E[2], E[3]", LossVector((1, 2, 3))), ("E_sum", TotalLoss()), ("E[2]", SampleLoss(2)),
])
def test_each_loss_quantity_is_read_from_its_text_and_written_back_alike(text, read):
    assert quantity.read(text) == read
    assert quantity.read(read.text) == read


@pytest.mark.parametrize("text", ["mean(E[1], BCE[2])", "E[1],", "mean()", "sum(E[1], y[1,1])", "E[0], E[1]"])
def test_a_list_of_anything_but_losses_of_one_kind_is_refused(text):
    with pytest.raises(FormulaError):
        quantity.read(text, formulas=True)


def test_a_formula_whose_cells_hold_commas_is_still_a_formula():
    assert isinstance(quantity.read("-log(y[2,3])", formulas=True), quantity.Formula)


def test_a_binary_loss_is_minus_t_log_p_minus_one_minus_t_log_one_minus_p():
    for sample, (label, p) in enumerate(BINARY, 1):
        assert _judged(f"BCE[{sample}]", f'"{_four(_bce(label, p))}"').status == AGREES
    mean = sum(_bce(a, p) for a, p in BINARY) / 3
    assert _judged("BCE", f'"{_four(mean)}"').status == AGREES


def test_a_binary_loss_needs_a_table_of_two_classes():
    three = 'classes = ["a", "b", "c"]\n[[samples]]\nt = [1, 0, 0]\ny = ["0.5", "0.3", "0.2"]\n'
    assert "must have two classes" in _refusal("BCE[1]", header=three)


def test_a_mean_over_listed_samples_averages_those_alone():
    listed = (_bce(*BINARY[0]) + _bce(*BINARY[2])) / 2
    assert _judged("mean(E[1], E[3])", f'"{_four(listed)}"').status == AGREES
    everyone = sum(_bce(a, p) for a, p in BINARY) / 3
    verdict = _judged("mean(E[1], E[3])", f'"{_four(everyone)}"', expect='"erratum"')
    assert verdict.status == ERRATUM


def test_a_sum_over_listed_samples_printed_as_their_mean_is_diagnosed_so():
    listed = _bce(*BINARY[0]) + _bce(*BINARY[1])
    verdict = _judged("sum(E[1], E[2])", f'"{_four(listed / 2)}"', expect='"erratum"')
    assert [sorted(d.kind for d in option) for option in verdict.diagnoses][0] == ["mean-for-sum"]


def test_a_vector_of_losses_agrees_entry_by_entry():
    printed = [_four(_bce(a, p)) for a, p in BINARY]
    assert _judged("E[1], E[2], E[3]", printed).status == AGREES
    in_bits = [_four(_bce(a, p) / math.log(2)) for a, p in BINARY]
    verdict = _judged("E[1], E[2], E[3]", in_bits, expect='"erratum"')
    assert verdict.status == ERRATUM and [[d.detail for d in option] for option in verdict.diagnoses][0] == ["2"]


def test_a_vector_of_losses_must_print_one_value_per_listed_sample():
    assert "lists 3 samples but 2 value(s) are printed" in _refusal("E[1], E[2], E[3]", '["0.1", "0.2"]')


def test_a_listed_sample_past_the_table_is_named():
    assert "names sample 7, but the table has samples 1 … 3" in _refusal("mean(E[1], E[7])")


@pytest.mark.parametrize(("printed", "fraction"), [("28.77%", "0.2877"), ("5", "0.05"), ("-3.1%", "-0.031"),
                                                    ("100", "1.00"), ("0.5%", "0.005")])
def test_a_percentage_is_read_by_moving_the_point_two_places(printed, fraction):
    assert fraction_text(printed) == fraction
    assert Decimal(fraction) == Decimal(printed.removesuffix("%")) / 100


def test_a_percentage_agrees_printed_with_its_sign_or_declared():
    percent = f"{-100 * math.log(0.8):.2f}"
    assert _judged("E[3]", f'"{percent}%"').status == AGREES
    assert _judged("E[3]", f'"{percent}"', percent="true").status == AGREES
    assert _judged("E[3]", f'"{percent}"', expect='"erratum"').status == ERRATUM


def test_a_claims_percent_key_must_be_a_boolean():
    text = f'{HEADER}[[claims]]\nid = "c"\nlocation = "here"\nquantity = "E[1]"\nprinted = "10"\npercent = "yes"\n'
    with pytest.raises(DataError) as caught:
        read_claims_file(text, "mine.toml")
    line = text.split("\n").index('percent = "yes"') + 1
    assert "percent must be a boolean" in str(caught.value) and caught.value.line == line


def test_a_claim_declared_in_percent_is_a_claim_of_that_kind():
    claim = Claim("c", "here", "number", SampleLoss(1), ("10.54",), AGREES, percent=True)
    assert claim.stated == ("0.1054",)


@pytest.mark.parametrize("page", ["claims-file.md", "claims-file.en.md"])
def test_the_pages_example_of_the_new_quantities_agrees_throughout(page):
    text = (Path(__file__).resolve().parents[1] / "docs" / page).read_text(encoding="utf-8")
    block = next(part.split("```", 1)[0] for part in text.split("```toml\n") if 'quantity = "BCE"' in part)
    author = read_claims_file(block, page)
    assert [judge(claim, author.table).status for claim in author.claims] == [AGREES] * 3
    assert f"{(_bce(1, 0.9) + _bce(0, 0.2)) / 2:.4f}" == "0.1643"  # what the block prints for BCE
