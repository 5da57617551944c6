"""The whole verification of a data file as one value."""
import pytest

from derivations.table import DataError
from derivations.verify import verify


def test_the_article_verifies_with_every_claim_as_reviewed(verified):
    assert verified.unexpected() == ()
    assert [v.claim.id for v in verified.verdicts] == ["E1", "E2", "E3", "E4", "E1-vector", "E4-heading", "index-pair"]


def test_findings_are_grouped_by_the_chain_they_concern(verified):
    assert [v.claim.id for v in verified.verdicts_for("sample-4")] == ["E4", "E4-heading"]
    assert verified.verdicts_for("one-hot") == []


def test_a_claim_naming_an_unknown_chain_is_a_data_error(article_text):
    with pytest.raises(DataError, match="no chain named 'sample-9'"):
        verify(article_text.replace('chain = "sample-1"', 'chain = "sample-9"', 1), "x.toml")


def test_a_claim_naming_a_step_past_the_end_is_a_data_error(article_text):
    with pytest.raises(DataError, match="has no step 9"):
        verify(article_text.replace("step = 5", "step = 9", 1), "x.toml")


def test_a_flipped_expectation_is_reported_as_unexpected(article_text):
    flipped = article_text.replace('expect = "erratum"', 'expect = "agrees"', 1)
    assert [v.claim.id for v in verify(flipped, "x.toml").unexpected()] == ["E1"]
