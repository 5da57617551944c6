"""The search for the slips that explain a printed number: what it tries, and how it ranks them.

Each expected value is computed here with `math` from the small table below.
"""
import math
from fractions import Fraction

import pytest
import sympy

from derivations.claims import ERRATUM, Claim, judge, reproduces
from derivations.diagnosis import (
    COMMONNESS, NEIGHBOUR_ROWS, SOFTMAX_PLACES, Convention, Deviation, _candidates, rank, transposable,
)
from derivations.quantity import MeanLoss, SampleLoss, TotalLoss
from derivations.table import Table

# Six samples of three classes, every prediction a different number, so that no two slips
# coincide; the true classes are TRUE.
ROWS = (("0.5", "0.3", "0.2"), ("0.15", "0.25", "0.6"), ("0.55", "0.4", "0.05"),
        ("0.7", "0.18", "0.12"), ("0.08", "0.82", "0.1"), ("0.22", "0.13", "0.65"))
TRUE = (2, 3, 1, 1, 2, 3)
LABELS = tuple(tuple(int(k == c) for k in (1, 2, 3)) for c in TRUE)
TABLE = Table(("a", "b", "c"), LABELS, ROWS)


def _y(sample: int, column: int) -> float:
    return float(ROWS[sample - 1][column - 1])


def _judged(stated, printed: str):
    claim = Claim("c", "here", "number", stated, (printed,), ERRATUM, code_causes=True)
    return judge(claim, TABLE)


def _kinds(verdict) -> list:
    return [sorted(d.kind for d in option) for option in verdict.diagnoses]


def test_fewer_departures_rank_first_then_the_more_common():
    base, element, sign = Deviation("base", "2"), Deviation("element"), Deviation("sign")
    options = [(element,), (base, sign), (base,)]
    assert sorted(options, key=rank) == [(base,), (element,), (base, sign)]
    assert COMMONNESS.index("base") < COMMONNESS.index("other-sample") < COMMONNESS.index("transposed")


def test_another_samples_element_is_sought_only_in_the_nearby_rows():
    near, far = 1 + NEIGHBOUR_ROWS, 2 + NEIGHBOUR_ROWS  # sample 1 (class 2) reads y[near, 2] or y[far, 2]
    assert ["other-sample"] in _kinds(_judged(SampleLoss(1), f"{-math.log(_y(near, 2)):.4f}"))
    assert _judged(SampleLoss(1), f"{-math.log(_y(far, 2)):.4f}").diagnoses == ()


def test_another_samples_own_loss_in_place_of_this_one_is_found():
    verdict = _judged(SampleLoss(2), f"{-math.log(_y(3, 1)):.4f}")  # E3, -log y[3,1], printed for E2
    assert [[d.plain for d in option] for option in verdict.diagnoses] == [["y[3,1]"]]


def test_a_transposed_table_is_tried_only_where_every_cell_it_reads_exists():
    assert _kinds(_judged(SampleLoss(1), f"{-math.log(_y(2, 1)):.4f}")) == [["transposed"]]  # y[2,1] for y[1,2]
    assert not transposable(TABLE, (4,))  # y[k, 4] does not exist: three classes
    assert transposable(TABLE, (1, 2, 3))


def _losses(samples) -> list:
    return [-math.log(_y(n, TRUE[n - 1])) for n in samples]


@pytest.mark.parametrize(("divisor", "kind"), [(3, "divided-by-K"), (5, "divided-by-N-1")])
def test_a_mean_divided_by_k_or_by_n_minus_1_is_found(divisor, kind):
    printed = f"{sum(_losses(range(1, 7))) / divisor:.4f}"
    assert [kind] in _kinds(_judged(MeanLoss(), printed))


def test_terms_rounded_before_they_are_summed_are_found_at_the_printed_places():
    terms = _losses((3, 4))
    printed = f"{round(terms[0], 2) + round(terms[1], 2):.2f}"
    assert printed != f"{sum(terms):.2f}"
    verdict = _judged(TotalLoss((3, 4)), printed)
    assert [[(d.kind, d.detail) for d in option] for option in verdict.diagnoses][0] == [("rounded-terms", "2")]


def test_truncated_digits_are_a_cause_and_are_judged_toward_zero():
    assert reproduces((-math.log(0.7),), ("0.356",), truncated=False) is False
    assert reproduces((sympy.Float(-math.log(0.7), 30),), ("0.356",), truncated=True)
    assert reproduces((sympy.Float(math.log(0.7), 30),), ("-0.356",), truncated=True)
    assert not reproduces((sympy.Float(-math.log(0.7), 30),), ("0.357",), truncated=True)
    assert ["truncated"] in _kinds(_judged(SampleLoss(4), "0.356"))  # -log 0.7 = 0.35667…


def test_a_percentage_without_its_sign_is_found():
    assert ["percentage"] in _kinds(_judged(SampleLoss(4), f"{-100 * math.log(0.7):.2f}"))


def test_the_part_five_article_gets_no_author_slips():
    claim = Claim("c", "here", "number", SampleLoss(1), ("0.356",), ERRATUM)  # no code_causes
    assert judge(claim, TABLE).diagnoses == ()


def test_the_rounded_softmax_is_tried_only_where_a_sample_gives_logits():
    from_logits = Table(("a", "b"), ((1, 0),), ((),), (("1", "0"),))
    tried = {convention.softmax_places for convention in _candidates(SampleLoss(1), TABLE, Convention(), True, True, 4)}
    assert tried == {0}
    tried = {convention.softmax_places for convention in _candidates(SampleLoss(1), from_logits, Convention(), True,
                                                                     True, 4)}
    assert tried == {0, *SOFTMAX_PLACES}


def test_the_rounded_softmax_ranks_before_truncated_digits():
    assert COMMONNESS.index("softmax-rounded") < COMMONNESS.index("truncated")


EPSILON = sympy.Rational(1, 10**7)


def test_a_clip_rows_renormalized_and_a_missing_epsilon_are_departures_named_with_their_constant():
    assert Convention(clip=EPSILON).deviations(SampleLoss(1)) == (Deviation("clipped", "1e-7"),)
    assert Convention(renormalized=True).deviations(SampleLoss(1)) == (Deviation("renormalized"),)
    declared = Convention(epsilon=EPSILON)
    assert Convention().deviations(SampleLoss(1), declared) == (Deviation("no-epsilon", "1e-7"),)


def test_the_search_tries_a_clip_and_renormalizing_only_where_the_file_declares_neither():
    edges = Table(("a", "b", "c"), ((1, 0, 0),), (("0.996", "0", "0.003"),))  # a 0, and a sum of 0.999

    def tried(declared: Convention) -> set:
        return {(c.clip, c.renormalized) for c in _candidates(SampleLoss(1), edges, declared, True, True, 4)}

    assert {(EPSILON, False), (sympy.Rational(1, 10**15), False), (0, True), (EPSILON, True)} <= tried(Convention())
    assert tried(Convention(clip=EPSILON, renormalized=True)) == {(EPSILON, True)}


def test_no_clip_or_renormalizing_is_tried_where_it_would_change_no_value():
    tried = {(c.clip, c.renormalized) for c in _candidates(SampleLoss(1), TABLE, Convention(), True, True, 4)}
    assert tried == {(0, False)}
    assert all(0 < float(v) < 1 - 1e-7 for row in ROWS for v in row) and all(sum(map(Fraction, row)) == 1 for row in ROWS)


def test_the_search_tries_no_epsilon_only_where_the_file_declares_one():
    def epsilons(declared: Convention) -> set:
        return {c.epsilon for c in _candidates(SampleLoss(1), TABLE, declared, True, True, 4)}

    assert epsilons(Convention(epsilon=EPSILON)) == {EPSILON, 0}
    assert epsilons(Convention()) == {0, EPSILON, *(sympy.Rational(1, 10**n) for n in (8, 12, 15))}
