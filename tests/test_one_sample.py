"""Part 4: the loss of one sample as −log L (4.3), (5.2), and the dog-image examples.

The values shown on the page are compared with Python's `math` and scikit-learn's
`log_loss`; the inputs are read from the data file by hand, not through the package.
"""
import math
import tomllib
from pathlib import Path

import pytest
import sympy
from sklearn.metrics import log_loss

from derivations import model
from derivations.numbers import PrintedNumber
from derivations.outline import Inputs
from derivations.parts.one_sample import PART, PROSE
from derivations.evidence import EXACT, NUMERIC, SYMBOLIC
from derivations.steps import StepFailure, check_chain
from derivations.symbols import K, k, likelihood_name, one_sample_loss_name, t, y
from derivations.verify import verify
from chain_support import assert_prose_covers_the_page, chain_of, with_step

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "data" / "part4.toml"
# The two outputs for a dog image, as the data file records them (read by hand below too).
DOG = [1, 0, 0]
OUTPUTS = [[0.8, 0.1, 0.1], [0.33, 0.32, 0.35]]


@pytest.fixture(scope="module")
def part4():
    return verify(DATA_FILE.read_text(encoding="utf-8"), "data/part4.toml", PART)


def test_the_page_is_part_4_with_its_data_file():
    assert (PART.number, PART.slug, PART.url) == (4, "one-sample", "https://blog.qualiteg.com/cross-entropy-04")
    assert PART.data_file == "part4.toml"


def test_the_data_file_holds_the_two_dog_samples_and_no_claims():
    document = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert document["classes"] == ["イヌ", "キツネ", "オオカミ"]
    assert [s["t"] for s in document["samples"]] == [DOG, DOG]
    assert [[float(v) for v in s["y"]] for s in document["samples"]] == OUTPUTS
    assert "claims" not in document


def test_every_chain_holds_and_there_is_nothing_to_judge(part4):
    assert [c.chain.id for c in part4.checked] == ["nll", "dog-1", "dog-2"]
    assert all(e.holds for c in part4.checked for e in c.evidence)
    assert part4.verdicts == ()


def test_4_3_is_minus_the_log_likelihood_proved_for_symbolic_k(part4):
    chain = chain_of(part4, "nll")
    assert chain.tag == "4.3" and chain.uses == ("4.1",)
    assert chain.lhs == -sympy.log(likelihood_name)
    assert chain.steps[-1].expr == -sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, K))
    checked = next(c for c in part4.checked if c.chain.id == "nll")
    assert [e.method for e in checked.evidence] == [SYMBOLIC, SYMBOLIC]


def test_5_2_is_the_definition_of_the_loss(part4):
    (definition,) = part4.derivation.definitions()
    assert (definition.tag, definition.uses) == ("5.2", ("4.3",))
    assert (definition.lhs, definition.rhs) == (one_sample_loss_name, model.one_sample_loss())


def test_the_4_3_printed_without_its_minus_on_the_right_does_not_hold(part4):
    # The re-post in part 4 prints −log L = Σ_k t_k log y_k: the check rejects it.
    printed = sympy.Sum(t[k] * sympy.log(y[k]), (k, 1, K))
    with pytest.raises(StepFailure) as failure:
        check_chain(with_step(chain_of(part4, "nll"), 1, printed))
    assert "chain 'nll', step 2" in str(failure.value)


def test_the_values_shown_are_minus_the_natural_log_of_the_dogs_probability(part4):
    for sample, output in enumerate(OUTPUTS, 1):
        chain = chain_of(part4, f"dog-{sample}")
        shown = chain.steps[-1].expr
        assert chain.steps[-1].approximate and isinstance(shown, PrintedNumber)
        assert abs(float(shown.exact()) - (-math.log(output[0]))) <= 5e-7
        # the true class is class 0 (イヌ) in scikit-learn's numbering
        assert abs(float(shown.exact()) - log_loss([0], [output], labels=[0, 1, 2])) <= 5e-7


def test_the_dog_chains_are_symbolic_then_exact_then_numeric(part4):
    for chain_id in ("dog-1", "dog-2"):
        checked = next(c for c in part4.checked if c.chain.id == chain_id)
        assert [e.method for e in checked.evidence] == [SYMBOLIC, SYMBOLIC, EXACT, EXACT, NUMERIC]


def test_the_wrong_class_fails_the_exact_check(part4):
    with sympy.evaluate(False):
        wolf = -sympy.log(PrintedNumber("0.1"))
    with pytest.raises(StepFailure, match="chain 'dog-1', step 4"):
        check_chain(with_step(chain_of(part4, "dog-1"), 3, wolf))


def test_a_rounded_value_off_by_more_than_half_a_unit_fails(part4):
    # −ln 0.8 = 0.2231435…; 0.223145 is off by 1.5e-6.
    with pytest.raises(StepFailure, match="chain 'dog-1', step 5"):
        check_chain(with_step(chain_of(part4, "dog-1"), 4, PrintedNumber("0.223145")))


def test_a_base_10_value_fails(part4):
    # The mistake part 5 makes with the same sample: log10 instead of ln.
    base10 = PrintedNumber(f"{-math.log10(0.33):.6f}")
    with pytest.raises(StepFailure, match="chain 'dog-2', step 5"):
        check_chain(with_step(chain_of(part4, "dog-2"), 4, base10))


def test_without_its_table_the_page_keeps_the_formulas_only():
    derivation = PART.build(Inputs())
    assert [s.id for s in derivation.sections] == ["one-sample-nll", "one-sample-loss"]


# --- prose ---------------------------------------------------------------------------------


def test_the_prose_covers_every_key_of_the_page_in_both_languages(part4):
    assert_prose_covers_the_page(part4, PROSE)
