"""The errata page: each entry leads with the corrected text an author pastes, then what was
wrong and why; severities come from the causes; no column of differences."""
import math
import re

import pytest

from derivations import errata as errata_module
from derivations.audit import Diagnosis, FormulaVerdict
from derivations.claims import ERRATUM, Claim, Verdict
from derivations.diagnosis import Deviation
from derivations.pages import errata_page
from derivations.prose import catalogue
from derivations.render import Edition

LANGUAGES = ("ja", "en")


@pytest.fixture(scope="module")
def errata_pages(site):
    return {language: errata_page(site, Edition(language, catalogue(language))) for language in LANGUAGES}


def _entry(page: str, erratum: str) -> str:
    """One entry of the page: from its heading to the next heading."""
    return re.search(rf"^### {re.escape(erratum)} \{{#erratum-{re.escape(erratum)}\}}\n(.*?)(?=^##)", page,
                     re.M | re.S).group(1)


def _correction(entry: str) -> str:
    """What an entry shows before its list of facts: the corrected text."""
    return entry.split("\n- **")[0].strip()


# Hand derivation from the article's table: sample i's true class has probability p, and
# E_i = -ln p; the article prints six decimals, and five for E4 (-0.46852).
CORRECTED = [("E1", 0.33, 6), ("E2", 0.36, 6), ("E3", 0.32, 6), ("E4", 0.33, 5)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("erratum, truth, places", CORRECTED)
def test_a_number_erratum_leads_with_the_natural_log_line_to_the_articles_digits(errata_pages, language, erratum,
                                                                               truth, places):
    correction = _correction(_entry(errata_pages[language], erratum))
    assert correction.startswith(f"**{catalogue(language)['errata.corrected-line']}**")
    # The article's own "=" before the value, where our chain shows "≈" (errata_text).
    assert f"\\log {truth} = {-math.log(truth):.{places}f}\n$$" in correction


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_vector_erratum_is_corrected_to_the_scalar_the_dot_product_gives(errata_pages, language):
    correction = _correction(_entry(errata_pages[language], "E1-vector"))
    assert f"\\log 0.33 = {-math.log(0.33):.6f}\n$$" in correction and "matrix" not in correction


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("erratum, right, wrong", [("E4-heading", "E_{4}", "E_{2}"),
                                                   ("index-pair", "y_{k}", None)])
def test_a_name_erratum_leads_with_the_symbol_the_article_should_print(errata_pages, language, erratum, right, wrong):
    correction = _correction(_entry(errata_pages[language], erratum))
    assert correction.startswith(f"**{catalogue(language)['errata.corrected-name']}**")
    assert f"\\({right}\\)" in correction
    assert wrong is None or wrong not in correction


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_index_pair_correction_keeps_the_articles_order_label_then_prediction(errata_pages, language):
    correction = _correction(_entry(errata_pages[language], "index-pair"))
    assert correction.index("t_{k}") < correction.index("y_{k}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_printed_formula_erratum_leads_with_the_derived_formula(site, errata_pages, language):
    page = errata_pages[language]
    label = f"**{catalogue(language)['errata.corrected-formula']}**"
    for verdict in (v for v in site.formulas if v.status == ERRATUM):
        entry = page.split(f"{{#formula-{verdict.id}}}\n\n", 1)[1]
        assert entry.startswith(f"{label}"), verdict.id
        assert entry.index(verdict.derived) < entry.index("- **") < entry.index(f"$$\n{verdict.printed}\n$$")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_shows_a_difference_between_printed_and_ours(errata_pages, language):
    page, prose = errata_pages[language], catalogue(language)
    # Hand derivation: E1's printed −0.481486 minus −ln 0.33 (the column the page used to show).
    assert f"{-0.481486 + math.log(0.33):.6f}" not in page
    assert not any(key.endswith("difference") for key in prose)
    labels = set(re.findall(r"^- \*\*(.+?)\*\*", page, re.M))
    assert labels <= {prose[f"errata.col.{key}"] for key in
                      ("where", "severity", "printed", "ours", "base10", "ours-name", "diagnosis", "step", "method")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_table_keeps_printed_ours_and_diagnosis_and_no_difference(errata_pages, language):
    prose = catalogue(language)
    header = "| " + " | ".join(prose[f"errata.col.{c}"] for c in ("id", "severity", "printed", "ours", "diagnosis"))
    assert header + " |\n" in errata_pages[language]


# --- severities of the findings ----------------------------------------------------------------

def _claim_verdict(*explanations):
    claim = Claim("X", "here", "number", "E[1]", ("-0.5",), "erratum", "sample-1", 5)
    return Verdict(claim, (), ERRATUM, explanations)


@pytest.mark.parametrize("causes, expected", [
    (("base", "sign"), ("error", "convention")),      # E1: a dropped sign is the error; base 10 the convention
    (("base",), ("convention",)),
    (("epsilon",), ("convention",)),
    (("element",), ("error",)),
    (("elementwise",), ("error",)),
    (("name",), ("error",)),
    ((), ("error",)),                                  # nothing explains it
])
def test_a_claims_severities_come_from_the_causes_of_its_first_explanation(causes, expected):
    first = tuple(Deviation(kind) for kind in causes)
    verdict = _claim_verdict(first, (Deviation("sign"),)) if causes else _claim_verdict()
    assert errata_module.severities(verdict) == expected


@pytest.mark.parametrize("causes, expected", [
    (("lower-limits-missing",), ("nit",)),
    (("lower-limits-missing", "subscript-meaning"), ("nit",)),
    (("minus-sign-missing",), ("error",)),
    (("lower-limits-missing", "name-differs"), ("error", "nit")),
])
def test_a_printed_formulas_severities_come_from_its_diagnoses(causes, expected):
    verdict = FormulaVerdict("f", "here", "x", "x", ERRATUM, tuple(Diagnosis(kind) for kind in causes), "symbolic",
                             "erratum")
    assert errata_module.severities(verdict) == expected


def test_the_articles_e1_is_an_error_and_a_departure_from_convention_and_both_are_shown(site, errata_pages):
    # Hand derivation: log10(0.33) = -0.481486 is what E1 prints; E1 = -ln(0.33) = 1.108663.
    e1 = next(v for v in site.verdicts() if v.claim.id == "E1")
    assert errata_module.severities(e1) == ("error", "convention")
    prose = catalogue("ja")
    assert f"| [E1](#erratum-E1) | {prose['severity.error']}、{prose['severity.convention']} |" in errata_pages["ja"]
