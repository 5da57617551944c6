"""The prose catalogue: our words only, every key the pages use present, no computed numbers."""
import re
from string import Template

from derivations.numbers import rounded
import pytest

from derivations.prose import LANGUAGES, catalogue

PROSE = catalogue("ja")


def test_every_language_has_exactly_the_same_keys():
    keys = {language: set(text) for language, text in LANGUAGES.items()}
    assert keys["en"] == keys["ja"]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_each_language_uses_the_same_placeholders_per_key(language):
    for key, text in catalogue(language).items():
        # Word order differs between languages; the set of values a text needs must not.
        assert sorted(re.findall(r"\$\{(\w+)\}", text)) == sorted(re.findall(r"\$\{(\w+)\}", PROSE[key])), key


def test_every_placeholder_is_a_valid_template_field():
    for key, text in PROSE.items():
        Template(text).substitute({name: "x" for name in re.findall(r"\$\{(\w+)\}", text)})


def test_no_computed_value_is_typed_into_the_prose(verified):
    values = [rounded(v, places) for verdict in verified.verdicts if verdict.claim.kind == "number"
              for v in verdict.computed + verdict.base10 for places in (3, 4, 5, 6)]
    for key, text in PROSE.items():
        assert not any(value in text for value in values), key


def test_every_reason_and_method_of_the_derivation_has_prose(verified):
    for checked in verified.checked:
        assert f"chain.{checked.chain.title}" in PROSE
        for step, evidence in zip(checked.chain.steps, checked.evidence):
            assert f"reason.{step.reason}" in PROSE
            assert f"method.{evidence.method}" in PROSE and f"method.{evidence.method}.short" in PROSE


def test_every_section_has_a_heading_and_text(verified):
    for section in verified.derivation.sections:
        assert f"section.{section.id}" in PROSE and f"section.{section.id}.text" in PROSE


def test_no_long_run_of_the_articles_text_is_copied(article_sentences):
    # Formulas and numbers may be reproduced; sentences may not. No 20-character run of the
    # article's Japanese prose appears in ours.
    ours = "".join(PROSE.values())
    for sentence in article_sentences:
        for start in range(0, max(len(sentence) - 20, 0) + 1):
            assert sentence[start:start + 20] not in ours, sentence
