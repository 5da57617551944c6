"""The text report's words: the same keys in both languages, each language in its own script,
and no LaTeX anywhere."""
import re
from string import Template

import pytest

from derivations.diagnosis import COMMONNESS
from derivations.report_words import WORDS, word

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_both_languages_have_the_same_keys_and_placeholders():
    def placeholders(text: str) -> set:
        return {match[1] or match[2] for match in Template.pattern.findall(text) if match[1] or match[2]}

    assert set(WORDS["en"]) == set(WORDS["ja"])
    assert {key: placeholders(WORDS["en"][key]) for key in WORDS["en"]} == {
        key: placeholders(WORDS["ja"][key]) for key in WORDS["ja"]}


def test_the_english_words_hold_no_japanese():
    assert [key for key, text in WORDS["en"].items() if JAPANESE.search(text)] == []


@pytest.mark.parametrize("key", ["agrees", "erratum", "unreviewed", "printed", "diagnosis", "none", "parts"])
def test_the_japanese_statuses_and_labels_are_japanese(key):
    assert JAPANESE.search(WORDS["ja"][key])


def test_the_japanese_words_say_kisai_not_inji():
    assert [key for key, text in WORDS["ja"].items() if "印字" in text] == []


@pytest.mark.parametrize("language", sorted(WORDS))
def test_no_word_holds_latex(language):
    assert [key for key, text in WORDS[language].items() if "\\" in text or "_{" in text] == []


def test_a_word_is_filled_with_its_values():
    assert word("en", "deviation.element", plain="y[4,3]") == "uses y[4,3], not the true class"
    assert word("ja", "expected", status=word("ja", "agrees")) == "想定は一致"


@pytest.mark.parametrize("language", sorted(WORDS))
def test_every_departure_the_diagnosis_knows_has_its_words(language):
    assert [kind for kind in COMMONNESS if f"deviation.{kind}" not in WORDS[language]] == []
