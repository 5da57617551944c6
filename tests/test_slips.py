"""The search for the fewest slips that make a printed member equal the derived formula.

Each printed expression below is a derived formula with a change made by hand; the search
must name exactly that change, and undoing it must give back an expression equal to the
derived one. (The audit's own tests diagnose every kind of slip through whole formulas.)
"""
import sympy

from derivations.equality import derived, equal
from derivations.slips import MAX_DEPARTURES, departures, explain, undo
from derivations.symbols import K, N, k, t, y

ONE_SAMPLE = derived("one_sample_loss")


def _summand() -> sympy.Expr:
    return t[k] * sympy.log(y[k])


def test_a_dropped_minus_sign_is_the_one_slip_and_undoing_it_restores_the_formula():
    printed = sympy.Sum(_summand(), (k, 1, K))
    (slip,) = explain(printed, ONE_SAMPLE)
    assert slip.kind == "minus-sign-missing"
    assert equal(undo(printed, (slip,)), ONE_SAMPLE).holds


def test_a_wrong_upper_limit_names_the_index_and_both_limits():
    printed = -sympy.Sum(_summand(), (k, 1, N))
    (slip,) = explain(printed, ONE_SAMPLE)
    assert (slip.kind, dict(slip.details)) == ("upper-limit-differs",
                                                {"index": "k", "printed_limit": "N", "derived_limit": "K"})


def test_two_slips_at_once_are_found_together():
    printed = sympy.Sum(_summand(), (k, 0, K))
    assert sorted(slip.kind for slip in explain(printed, ONE_SAMPLE)) == ["lower-limit-differs", "minus-sign-missing"]


def test_the_alternatives_for_one_printed_limit_touch_that_limit_so_they_are_never_combined():
    # The batch loss has the upper limits K and N: a printed M could be a slip for either.
    printed = -sympy.Sum(_summand(), (k, 1, sympy.Symbol("M")))
    upper = [d for d in departures(printed, derived("batch_loss")) if d.kind == "upper-limit-differs"]
    assert sorted(dict(d.details)["derived_limit"] for d in upper) == ["K", "N"]
    assert len({d.touches for d in upper}) == 1


def test_a_difference_beyond_the_allowed_number_of_slips_is_left_unexplained():
    assert MAX_DEPARTURES == 2
    printed = 2 * sympy.Sum(_summand(), (k, 0, N))   # a factor no slip explains, and two limits
    assert explain(printed, ONE_SAMPLE) is None
