"""Real articles' worked examples, and a planted file, judged as an author would run them.

Each file under tests/corpus/ transcribes a public worked example (its URL and the lines read
are in its comments). Here every expected verdict is recomputed from the transcribed numbers
with `math`, `numpy` and `decimal` alone: a short printout agrees when it lies within half a
unit of its last digit of the value, a float printout when the source's own code, rerun with
numpy, prints it. The causes expected for an erratum are the slip the test itself applies.
"""
import math
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import numpy
import pytest

from derivations.claims import AGREES, ERRATUM, judge
from derivations.datafiles import read_claims_file

CORPUS = Path(__file__).resolve().parent / "corpus"


def _verdicts(name: str) -> dict:
    path = CORPUS / name
    read = read_claims_file(path.read_text(encoding="utf-8"), f"tests/corpus/{name}")
    return {claim.id: judge(claim, read.table) for claim in read.claims}


def _rounds_to(value: float, printed: str) -> bool:
    """Whether a printed decimal is the value rounded to its digits (half a unit of the last one)."""
    stated = Decimal(printed)
    return abs(Decimal(value) - stated) <= Decimal(1).scaleb(stated.as_tuple().exponent) / 2


def _status(agrees: bool) -> str:
    return AGREES if agrees else ERRATUM


def _kinds(verdict) -> list:
    return [sorted(deviation.kind for deviation in option) for option in verdict.diagnoses]


def _assert_judged(verdicts: dict, expected: dict) -> None:
    for claim_id, status in expected.items():
        verdict = verdicts[claim_id]
        assert (claim_id, verdict.status) == (claim_id, status)
        assert verdict.as_expected, claim_id


# --- the real examples ---------------------------------------------------------------------------


def test_the_textbook_notes_print_the_float64_result_of_their_own_code_with_its_delta():
    def code(y: list) -> str:  # the notebook's cross_entropy_error, rerun
        t = numpy.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        return repr(float(-numpy.sum(t * numpy.log(numpy.array(y) + 1e-7))))

    right = code([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    wrong = code([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.1, 0.6, 0.0])
    assert (right, wrong) == ("0.510825457099338", "2.302584092994546")
    _assert_judged(_verdicts("dlfs-study-notes.toml"), {"right-guess": AGREES, "wrong-guess": AGREES})


def test_the_qiita_article_rounds_both_of_its_losses_right():
    expected = {"case-1": _status(_rounds_to(-math.log(0.644), "0.44")),
                "case-2": _status(_rounds_to(-math.log(0.236), "1.44"))}
    assert set(expected.values()) == {AGREES}
    _assert_judged(_verdicts("qiita-softmax.toml"), expected)


def test_the_qa_answer_and_its_expansion_agree():
    value = -(1 * math.log(0.1) + 0 * math.log(0.5))
    expected = {"loss": _status(_rounds_to(value, "2.303")), "loss-as-written": _status(_rounds_to(value, "2.303"))}
    assert set(expected.values()) == {AGREES}
    _assert_judged(_verdicts("janbask-qa.toml"), expected)


def test_the_coding_exercise_examples_agree():
    expected = {"example-1": _status(_rounds_to(-math.log(0.7), "0.3567")),
                "example-2": _status(_rounds_to(-math.log(0.8), "0.2231"))}
    assert set(expected.values()) == {AGREES}
    _assert_judged(_verdicts("codearena-categorical.toml"), expected)


def test_the_binary_tutorial_prints_its_clamped_losses_rounded_to_four_places():
    def bce(label: int, p: float) -> float:
        p = max(min(p, 1 - 1e-15), 1e-15)
        return -(label * math.log(p) + (1 - label) * math.log(1 - p))

    cases = {"good-positive": (1, 0.9, "0.1054"), "bad-positive": (1, 0.1, "2.3026"),
             "good-negative": (0, 0.1, "0.1054"), "bad-negative": (0, 0.9, "2.3026")}
    expected = {name: _status(_rounds_to(bce(label, p), printed)) for name, (label, p, printed) in cases.items()}
    expected["bce-good-positive"] = _status(_rounds_to(bce(1, 0.9), "0.1054"))
    vector = [_rounds_to(bce(label, p), printed) for label, p, printed in cases.values()]
    expected["bce-losses"] = _status(all(vector))
    assert set(expected.values()) == {AGREES}
    _assert_judged(_verdicts("littlebitai-binary.toml"), expected)


def test_the_binary_exercise_prints_the_mean_over_each_inputs_own_samples():
    def mean_bce(labels: list, predictions: list) -> float:
        return -sum(a * math.log(p) + (1 - a) * math.log(1 - p) for a, p in zip(labels, predictions)) / len(labels)

    expected = {"example-1": _status(_rounds_to(mean_bce([1, 0, 1], [0.9, 0.1, 0.8]), "0.1446")),
                "example-2": _status(_rounds_to(mean_bce([1, 1], [0.5, 0.5]), "0.6931")),
                "example-3": _status(_rounds_to(mean_bce([0, 1], [0.2, 0.7]), "0.2899"))}
    assert set(expected.values()) == {AGREES}
    _assert_judged(_verdicts("codearena-binary.toml"), expected)


def test_the_clipping_notebook_prints_numpys_float64_mean():
    y = numpy.clip(numpy.array([[0.1, 0.2, 0.7], [0.9, 0.05, 0.05], [0.1, 0.1, 0.8]]), 1e-7, 1 - 1e-7)
    losses = -numpy.log(y[[0, 1, 2], [0, 1, 2]])
    assert repr(float(numpy.mean(losses))) == "1.8404869726207487"
    assert numpy.array2string(losses) == "[2.30258509 2.99573227 0.22314355]"  # numpy's print of the vector
    _assert_judged(_verdicts("shiv314-clip.toml"), {"mean": AGREES, "losses": AGREES})


def test_the_doors_post_has_four_errata_that_no_candidate_cause_explains():
    stated = (0.70, 0.80, 0.97)
    terms = [-math.log(p) for p in stated]
    expected = {"door-1": _status(_rounds_to(terms[0], "0.35566")), "door-2": _status(_rounds_to(terms[1], "0.2231")),
                "door-3": _status(_rounds_to(terms[2], "0.1053")), "total": _status(_rounds_to(sum(terms), "0.685")),
                "likelihood": _status(_rounds_to(math.prod(stated), "0.6"))}
    assert expected == {"door-1": ERRATUM, "door-2": AGREES, "door-3": ERRATUM, "total": ERRATUM,
                        "likelihood": ERRATUM}
    # What the post did instead: its third term and total are those of 0.9, not of the 0.97 it states.
    assert _rounds_to(-math.log(0.7) - math.log(0.8) - math.log(0.9), "0.685")
    verdicts = _verdicts("harpreet-doors.toml")
    _assert_judged(verdicts, expected)
    assert all(verdicts[name].diagnoses == () for name, status in expected.items() if status == ERRATUM)


# --- the planted file ----------------------------------------------------------------------------

Y = {1: (0.7, 0.2, 0.1), 2: (0.25, 0.5, 0.25), 3: (0.6, 0.3, 0.1), 4: (0.0001, 0.4, 0.5999),
     5: (0.00005, 0.00005, 0.9999), 6: (0.004, 0.0, 1.0)}
TRUE = {1: 1, 2: 2, 3: 2, 4: 1, 5: 3, 6: 3}
LOSSES = [-math.log(Y[n][TRUE[n] - 1]) for n in Y]


def _places(value: float, places: int) -> str:
    return f"{value:.{places}f}"


def _cut(value: float, places: int) -> str:
    """The value with its digits past `places` cut off, not rounded."""
    return str(Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN))


# claim id → (the printed value the slip gives, recomputed here; the departure kinds expected)
PLANTED = {
    "base-10": (_places(-math.log10(0.7), 4), ["base"]),
    "base-2": (_places(-math.log2(0.5), 4), ["base"]),
    "sign": (_places(math.log(0.3), 4), ["sign"]),
    "element": (_places(-math.log(0.2), 4), ["element"]),
    "sum-for-mean": (_places(sum(LOSSES), 4), ["sum-for-mean"]),
    "mean-for-sum": (_places(sum(LOSSES) / 6, 4), ["mean-for-sum"]),
    "epsilon": (_places(-math.log(0.0001 + 1e-7), 5), ["epsilon"]),
    "float32": (str(-numpy.log(numpy.float32(0.9999))), ["float32"]),
    "formula-base-10": (_places(-math.log10(0.3), 4), ["base"]),
    "other-sample": (_places(-math.log(Y[3][1]), 4), ["other-sample"]),  # y[3,2] for E2's y[2,2]
    "transposed": (_places(-math.log(Y[2][2]), 4), ["transposed"]),  # y[2,3] for E3's y[3,2]
    "divided-by-K": (_places(sum(LOSSES) / 3, 4), ["divided-by-K"]),
    "divided-by-N-1": (_places(sum(LOSSES) / 5, 4), ["divided-by-N-1"]),
    "truncated": (_cut(LOSSES[0], 3), ["truncated"]),
    "percentage": (_places(100 * LOSSES[1], 2), ["percentage"]),
    "rounded-terms": (_places(round(LOSSES[0], 1) + round(LOSSES[1], 1), 1), ["rounded-terms"]),
    # Sample 6, y = (0.004, 0, 1) with t = class 3: its loss is 0; clipped, 1 becomes 1 − 1e-7,
    # and its row divided by its sum, 1.004, gives 1 / 1.004.
    "clipped": (_places(-math.log(1 - 1e-7), 8), ["clipped"]),
    "renormalized": (_places(-math.log(1 / sum(Y[6])), 4), ["renormalized"]),
}


@pytest.fixture(scope="module")
def planted():
    return _verdicts("planted.toml")


@pytest.mark.parametrize("claim_id", sorted(PLANTED))
def test_each_planted_slip_is_an_erratum_explained_by_that_slip(planted, claim_id):
    printed, kinds = PLANTED[claim_id]
    verdict = planted[claim_id]
    assert verdict.claim.printed == (printed,)
    assert verdict.status == ERRATUM
    assert kinds in _kinds(verdict)


def test_the_planted_vector_is_the_terms_of_a_sum_left_unsummed(planted):
    terms = [_places(-t * math.log(p) if t else 0, 4).rstrip("0").rstrip(".") for t, p in zip((0, 1, 0), Y[2])]
    assert planted["elementwise"].claim.printed == tuple(terms)
    assert ["elementwise"] in _kinds(planted["elementwise"])


@pytest.mark.parametrize(("claim_id", "value"), [("few-digits-E2", LOSSES[1]), ("few-digits-E3", LOSSES[2]),
                                                 ("few-digits-sum", sum(LOSSES))])
def test_correct_claims_printed_with_few_digits_agree(planted, claim_id, value):
    assert _rounds_to(value, planted[claim_id].claim.printed[0])
    assert planted[claim_id].status == AGREES


def test_every_planted_claim_is_judged_as_its_file_expects(planted):
    assert all(verdict.as_expected for verdict in planted.values())


def test_each_planted_slip_of_a_new_cause_differs_from_the_correct_value():
    assert not _rounds_to(LOSSES[0], PLANTED["truncated"][0])
    assert not _rounds_to(LOSSES[0] + LOSSES[1], PLANTED["rounded-terms"][0])
    assert LOSSES[5] == 0 and not _rounds_to(0, PLANTED["clipped"][0]) and not _rounds_to(0, PLANTED["renormalized"][0])


def test_the_clip_and_the_renormalizing_found_are_keras_ones(planted):
    assert [[(d.kind, d.detail) for d in option] for option in planted["clipped"].diagnoses] == [[("clipped", "1e-7")]]
    assert [[d.kind for d in option] for option in planted["renormalized"].diagnoses] == [["renormalized"]]


def test_a_value_printed_without_the_epsilon_its_file_declares_is_diagnosed_as_no_epsilon():
    verdicts = _verdicts("planted-epsilon.toml")
    expected = {"with-epsilon": _status(_rounds_to(-math.log(0.7 + 1e-7), "0.35667480")),
                "no-epsilon": _status(_rounds_to(-math.log(0.7 + 1e-7), "0.35667494"))}
    assert expected == {"with-epsilon": AGREES, "no-epsilon": ERRATUM}
    assert _rounds_to(-math.log(0.7), "0.35667494")
    _assert_judged(verdicts, expected)
    assert [[(d.kind, d.detail) for d in option] for option in verdicts["no-epsilon"].diagnoses] == \
        [[("no-epsilon", "1e-7")]]


def test_a_value_printed_with_too_few_digits_gets_every_explanation_ranked_the_common_first(planted):
    verdict = planted["one-digit"]
    assert verdict.claim.printed == (_places(-math.log2(0.7), 0),)
    kinds = _kinds(verdict)
    # A base is a more common slip than another sample's element; several fit one digit.
    assert kinds[0] == ["base"] and ["other-sample"] in kinds and len(kinds) > 1
    assert [d.detail for d in verdict.diagnoses[0]] == ["2"]


def test_a_planted_misprinted_name_is_diagnosed_as_that_name(planted):
    verdict = planted["name"]
    assert verdict.status == ERRATUM
    assert [[(d.kind, d.plain) for d in option] for option in verdict.diagnoses] == [[("name", "t[k]")]]


# --- logits: the loss computed from the softmax rounded to the printed digits -------------------

LOGITS = ([2.7, 2.3, -1.1, 0.0], [-0.5, 1.25, 0.75, -2.0])


def _softmax(logits: list, k: int) -> float:
    return math.exp(logits[k]) / sum(math.exp(z) for z in logits)


@pytest.fixture(scope="module")
def logits():
    return _verdicts("planted-logits.toml")


def test_the_issues_example_prints_the_loss_of_the_rounded_softmax_not_of_its_logits(logits):
    rounded = round(_softmax(LOGITS[0], 0), 2)
    assert (rounded, _places(-math.log(rounded), 2), _places(-math.log(_softmax(LOGITS[0], 0)), 4)) == \
        (0.57, "0.56", "0.5653")
    assert logits["rounded-softmax"].status == ERRATUM
    # Two places fit the cut-off digits of 0.5653 too: both are named, the rounded softmax first.
    assert _kinds(logits["rounded-softmax"]) == [["softmax-rounded"], ["truncated"]]
    assert [d.detail for d in logits["rounded-softmax"].diagnoses[0]] == ["2"]


def test_four_printed_places_leave_the_rounded_softmax_the_only_explanation(logits):
    assert logits["rounded-softmax-4-places"].claim.printed == (_places(-math.log(0.57), 4),)
    assert [[(d.kind, d.detail) for d in option] for option in logits["rounded-softmax-4-places"].diagnoses] == \
        [[("softmax-rounded", "2")]]


def test_a_mean_of_losses_from_softmax_rounded_to_three_places_is_found(logits):
    slipped = [round(_softmax(LOGITS[0], 0), 3), round(_softmax(LOGITS[1], 2), 3)]
    assert logits["rounded-softmax-mean"].claim.printed == (_places(-sum(map(math.log, slipped)) / 2, 4),)
    assert [[(d.kind, d.detail) for d in option] for option in logits["rounded-softmax-mean"].diagnoses] == \
        [[("softmax-rounded", "3")]]


def test_softmax_values_log_softmax_and_the_loss_from_logits_agree_when_printed_right(logits):
    expected = {"softmax-1": _status(_rounds_to(_softmax(LOGITS[0], 0), "0.57")),
                "softmax-2": _status(_rounds_to(_softmax(LOGITS[0], 1), "0.38")),
                "log-softmax": _status(_rounds_to(math.log(_softmax(LOGITS[0], 1)), "-0.9653")),
                "loss-from-logits": _status(_rounds_to(-math.log(_softmax(LOGITS[1], 2)), "1.0983"))}
    assert set(expected.values()) == {AGREES}
    _assert_judged(logits, expected)
    assert all(verdict.as_expected for verdict in logits.values())
