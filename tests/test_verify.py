"""The whole verification of a data file as one value."""
import os

import pytest

from derivations import workers
from derivations.files import data_texts
from derivations.pages import build_pages
from derivations.parts import all_parts
from derivations.parts.part5 import PART as PART5
from derivations.table import DataError
from derivations.verify import FORMULAS_FILE, verify, verify_site


def test_the_article_verifies_with_every_claim_as_reviewed(verified):
    assert verified.unexpected() == ()
    assert [v.claim.id for v in verified.verdicts] == ["E1", "E2", "E3", "E4", "E1-vector", "E4-heading", "index-pair"]


def test_findings_are_grouped_by_the_chain_they_concern(verified):
    assert [v.claim.id for v in verified.verdicts_for("sample-4")] == ["E4", "E4-heading"]
    assert verified.verdicts_for("one-hot") == []


def test_a_claim_naming_an_unknown_chain_is_a_data_error(article_text):
    with pytest.raises(DataError, match="no chain named 'sample-9'"):
        verify(article_text.replace('chain = "sample-1"', 'chain = "sample-9"', 1), "x.toml", PART5)


def test_a_claim_naming_a_step_past_the_end_is_a_data_error(article_text):
    with pytest.raises(DataError, match="has no step 9"):
        verify(article_text.replace("step = 5", "step = 9", 1), "x.toml", PART5)


def test_a_flipped_expectation_is_reported_as_unexpected(article_text):
    flipped = article_text.replace('expect = "erratum"', 'expect = "agrees"', 1)
    assert [v.claim.id for v in verify(flipped, "x.toml", PART5).unexpected()] == ["E1"]


def test_a_part_whose_chains_use_the_true_class_refuses_a_soft_label_naming_file_and_row(article_text):
    soft = article_text.replace("t = [1, 0, 0]", 't = ["0.5", "0.5", "0"]', 1)
    with pytest.raises(DataError) as caught:
        verify(soft, "my/part5.toml", PART5)
    line = article_text.splitlines().index("t = [1, 0, 0]") + 1
    assert str(caught.value) == (f"my/part5.toml, line {line}, row 1: part 5 (derivation) needs one-hot labels: its "
                                 "chains use each sample's true class, but this label is a distribution")
    assert caught.value.outcome.code == 5


@pytest.mark.filterwarnings("ignore:.*multi-threaded.*fork:DeprecationWarning")
def test_the_site_checked_on_every_core_is_the_site_checked_in_one_process(site, monkeypatch):
    # Forks even where earlier tests left a thread running (see test_workers.py for why that is safe here).
    monkeypatch.setattr(workers, "can_fork", lambda: hasattr(os, "fork"))
    texts = data_texts([part.data_file for part in all_parts() if part.data_file] + [FORMULAS_FILE])
    alone, shared = verify_site(texts, processes=1), verify_site(texts, processes=2)
    assert shared.formulas == alone.formulas and shared.verdicts() == alone.verdicts()
    assert [c.evidence for c in shared.checked()] == [c.evidence for c in alone.checked()]
    assert build_pages(shared) == build_pages(alone) == build_pages(site)
