"""The series' own formulas against the derived ones: verdicts, diagnoses, methods, data file.

Each verdict below was worked out by hand from the formula as printed (series.md and the
part-5 article) before it was run: which sign, limit or subscript differs from the
derivation, and in which member of the "=" chain. Mutations are made here from correct
formulas, one change at a time, and must be diagnosed as exactly that change.
"""
import math
from pathlib import Path

import pytest
import sympy

from derivations import audit, model
from derivations.audit import AGREES, ERRATUM, PrintedFormula
from derivations.datafiles import read_formulas as load_formulas
from derivations.verify import audit_formulas as audit_file
from derivations.equality import REGISTRY, derived
from derivations.evidence import SAMPLED, SYMBOLIC
from derivations.symbols import K, t, y
from derivations.table import DataError
from derivations.texparse import parse

ROOT = Path(__file__).resolve().parents[1]
FILE = "data/formulas.toml"
SERIES = ROOT.parent / "shared" / "reference" / "series.md"
SEED = ROOT.parent / "shared" / "seeds" / "000_97646d30e9998b4c.txt"

PART1, PART3, PART4 = (f"https://blog.qualiteg.com/cross-entropy-0{n}" for n in (1, 3, 4))
PART5, PART6 = "https://blog.qualiteg.com/cross-entropy-05", "https://blog.qualiteg.com/cross-entropy-06"
BATCH = r"E = - \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}"
ONE_SAMPLE = r"E = - \sum_{k=1}^{K} t_{k} \log y_{k}"


@pytest.fixture(scope="module")
def text() -> str:
    return (ROOT / FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def verdicts(text) -> dict:
    return {verdict.id: verdict for verdict in audit_file(text, FILE)}


def _verdict(latex_text: str, states: str) -> audit.FormulaVerdict:
    return audit.audit(PrintedFormula("mutant", "made in the test", "", latex_text, states, ERRATUM, "test"))


def _kinds(verdict) -> list:
    return [diagnosis.kind for diagnosis in verdict.diagnoses]


def _details(diagnosis, *keys) -> tuple:
    return tuple(diagnosis.detail(key) for key in keys)


# --- the series' formulas -------------------------------------------------------------------


def test_every_formula_of_the_series_is_recorded_in_reading_order(verdicts):
    assert list(verdicts) == ["part1-1", "part1-2", "part3-4.1", "part4-4.3", "part4-5.2",
                              "part5-6.1", "part5-6.2", "part5-6.3", "part6-bce", "part6-7.1"]


@pytest.mark.parametrize("formula_id", ["part3-4.1", "part4-5.2", "part5-6.1", "part5-6.2", "part5-6.3",
                                        "part6-bce", "part6-7.1"])
def test_these_formulas_agree_with_the_derivation_as_reviewed(verdicts, formula_id):
    verdict = verdicts[formula_id]
    assert (verdict.status, verdict.diagnoses) == (AGREES, ())
    assert verdict.as_expected


@pytest.mark.parametrize("formula_id", ["part1-1", "part1-2", "part4-4.3"])
def test_these_formulas_are_errata_as_reviewed(verdicts, formula_id):
    assert verdicts[formula_id].status == ERRATUM
    assert verdicts[formula_id].as_expected


def test_part1_eq1_omits_both_lower_limits_and_is_otherwise_the_batch_loss(verdicts):
    verdict = verdicts["part1-1"]
    assert _kinds(verdict) == ["lower-limits-missing"]
    assert _details(verdict.diagnoses[0], "indices", "assumed") == ("i, k", "i = 1, k = 1")
    # With 1 assumed the literal formula is (6.3) itself, structurally: no sampling needed.
    assert [check.holds for check in verdict.checks] == [True]
    assert verdict.method == SYMBOLIC


def test_part1_eq2_omits_the_lower_limit_and_uses_t_i_for_the_label_of_class_1(verdicts):
    # In part 5's notation t_i is sample i's label vector; (2) is (6.3) with K = 2 only when
    # its scalar t_i, y_i are read as t_{i1}, y_{i1} (and t_{i2} = 1 - t_{i1}, y_{i2} = 1 - y_{i1}).
    verdict = verdicts["part1-2"]
    assert _kinds(verdict) == ["lower-limits-missing", "subscript-meaning"]
    assert _details(verdict.diagnoses[0], "indices", "assumed") == ("i", "i = 1")
    assert _details(verdict.diagnoses[1], "symbols", "reading") == ("t_{i}, y_{i}", "t_{i,1}, y_{i,1}")
    assert verdict.checks[0].holds is False


def test_part4_eq4_3_has_lost_the_minus_sign_of_its_right_hand_side(verdicts):
    verdict = verdicts["part4-4.3"]
    assert _kinds(verdict) == ["minus-sign-missing"]
    assert _details(verdict.diagnoses[0], "member", "members", "printed") == (
        "2", "2", r"\sum_{k=1}^{K} t_{k} \log y_{k}")
    # The left side, −log L with L = Π y_k^{t_k}, is right; only the right side is negated.
    assert [check.holds for check in verdict.checks] == [True, False]


def test_the_sign_error_of_eq4_3_on_the_dog_example_by_hand():
    # y = (0.33, 0.32, 0.35), t = (1, 0, 0): −log L = −ln 0.33 > 0, but the printed right side
    # Σ t_k log y_k is ln 0.33 < 0, its negative.
    left, right = parse(r"- \log L=\sum_{k=1}^{K} t_{k} \log y_{k}").exprs
    cells = {t[1]: 1, t[2]: 0, t[3]: 0, y[1]: sympy.Rational(33, 100), y[2]: sympy.Rational(32, 100),
             y[3]: sympy.Rational(35, 100)}
    left_value = float(model.unfold_likelihoods(left, classes=3).doit().xreplace(cells))
    right_value = float(right.subs(K, 3).doit().xreplace(cells))
    assert left_value == pytest.approx(-math.log(0.33))
    assert right_value == pytest.approx(-left_value)


def test_every_chain_member_of_the_part6_bce_formula_is_checked(verdicts):
    checks = verdicts["part6-bce"].checks
    assert [check.printed for check in checks] == [
        "BCE", r"- \log L", r"- \sum_{k=1}^{2} t_{k} \log y_{k}", r"- (t_{1} \log y_{1} + t_{2} \log y_{2})"]
    assert all(check.holds and check.method == SYMBOLIC for check in checks)


def test_a_verdict_shows_the_formula_as_printed_and_as_derived(verdicts):
    verdict = verdicts["part5-6.3"]
    assert verdict.printed == r"E = - \frac{1}{N} \sum_{i=1}^N \sum_{k=1}^{K} t_{ik} \log y_{ik} \tag{6.3}"
    assert verdict.derived == BATCH
    assert verdicts["part3-4.1"].derived == r"\log L = \sum_{k=1}^{6} t_{k} \log y_{k}"
    assert verdicts["part4-4.3"].derived == r"- \log L = - \sum_{k=1}^{K} t_{k} \log y_{k}"
    assert verdicts["part1-2"].derived == r"E = - \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{2} t_{ik} \log y_{ik}"


def test_a_verdict_is_located_by_the_parts_url_and_equation_number(verdicts):
    assert verdicts["part4-4.3"].location == f"{PART4} (4.3、再掲)"
    assert verdicts["part5-6.1"].location == f"{PART5} (6.1)"
    assert verdicts["part6-bce"].location == f"{PART6} (7章)"


def test_an_equation_number_printed_with_words_has_its_english_form_for_the_english_pages(verdicts):
    assert (verdicts["part4-4.3"].equation, verdicts["part4-4.3"].equation_en) == ("4.3、再掲", "4.3, repeated")
    assert verdicts["part5-6.1"].equation_en == verdicts["part5-6.1"].equation == "6.1"
    english_errata = (ROOT / "docs" / "errata.en.md").read_text(encoding="utf-8")
    assert "再掲" not in english_errata and "(4.3, repeated)" in english_errata


def test_a_verdict_against_a_wrong_expectation_is_not_as_expected(text):
    changed = text.replace('states = "total_loss"\nexpect = "agrees"', 'states = "total_loss"\nexpect = "erratum"')
    verdict = {v.id: v for v in audit_file(changed, FILE)}["part5-6.1"]
    assert verdict.status == AGREES and not verdict.as_expected


@pytest.mark.parametrize("source, ids", [
    (SERIES, ["part1-1", "part1-2", "part3-4.1", "part4-4.3", "part4-5.2", "part6-bce", "part6-7.1"]),
    (SEED, ["part5-6.1", "part5-6.2", "part5-6.3"]),
])
def test_each_formula_is_recorded_exactly_as_printed(text, source, ids):
    if not source.exists():
        pytest.skip(f"{source} is not at hand")
    printed = source.read_text(encoding="utf-8")
    formulas = {formula.id: formula for formula in load_formulas(text, FILE)}
    assert all(formulas[name].latex.strip() in printed for name in ids)


# --- mutations: one change each, diagnosed as that change -----------------------------------


def test_a_correct_formula_is_not_flagged():
    verdict = _verdict(BATCH, "batch_loss")
    assert (verdict.status, verdict.diagnoses, verdict.method) == (AGREES, (), SYMBOLIC)


def test_a_renamed_summation_index_still_agrees_but_only_by_sampling():
    verdict = _verdict(r"E = - \sum_{j=1}^{K} t_{j} \log y_{j}", "one_sample_loss")
    assert (verdict.status, verdict.method) == (AGREES, SAMPLED)


def test_a_dropped_minus_sign_is_found_on_the_side_that_lost_it():
    verdict = _verdict(r"E = \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}", "batch_loss")
    assert _kinds(verdict) == ["minus-sign-missing"]
    assert verdict.diagnoses[0].detail("member") == "2"


def test_an_extra_minus_sign_on_the_left_is_found_there():
    verdict = _verdict(r"- E = - \sum_{k=1}^{K} t_{k} \log y_{k}", "one_sample_loss")
    assert _kinds(verdict) == ["minus-sign-extra"]
    assert _details(verdict.diagnoses[0], "member", "printed") == ("1", "- E")


def test_a_changed_upper_limit_names_the_index_and_both_limits():
    verdict = _verdict(r"E = - \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{N} t_{ik} \log y_{ik}", "batch_loss")
    assert _kinds(verdict) == ["upper-limit-differs"]
    assert _details(verdict.diagnoses[0], "index", "printed_limit", "derived_limit") == ("k", "N", "K")


def test_an_upper_limit_one_short_is_found():
    verdict = _verdict(r"E_{sum} = \sum_{i=1}^{N-1} E_{i}", "total_loss")
    assert _details(verdict.diagnoses[0], "index", "printed_limit", "derived_limit") == ("i", "N - 1", "N")


def test_the_wrong_number_of_die_faces_is_an_upper_limit():
    verdict = _verdict(r"\log L=\sum_{k=1}^{5} t_{k} \log y_{k}", "log_likelihood_6")
    assert _kinds(verdict) == ["upper-limit-differs"]
    assert _details(verdict.diagnoses[0], "printed_limit", "derived_limit") == ("5", "6")


def test_a_changed_lower_limit_is_found():
    verdict = _verdict(r"E = - \frac{1}{N} \sum_{i=0}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}", "batch_loss")
    assert _kinds(verdict) == ["lower-limit-differs"]
    assert _details(verdict.diagnoses[0], "index", "printed_limit", "derived_limit") == ("i", "0", "1")


def test_counting_classes_from_zero_changes_both_limits():
    verdict = _verdict(r"E = - \sum_{k=0}^{K-1} t_{k} \log y_{k}", "one_sample_loss")
    assert _kinds(verdict) == ["lower-limit-differs", "upper-limit-differs"]


def test_swapped_subscripts_of_t_alone_are_found():
    verdict = _verdict(r"E = - \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ki} \log y_{ik}", "batch_loss")
    assert _kinds(verdict) == ["subscripts-swapped"]
    assert _details(verdict.diagnoses[0], "symbols", "reading") == ("t_{ki}", "t_{ik}")


def test_swapped_subscripts_of_t_and_y_together_are_one_difference():
    verdict = _verdict(r"E = - \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ki} \log y_{ki}", "batch_loss")
    assert _kinds(verdict) == ["subscripts-swapped"]
    assert _details(verdict.diagnoses[0], "symbols", "reading") == ("t_{ki}, y_{ki}", "t_{ik}, y_{ik}")


def test_a_missing_sample_index_is_found():
    verdict = _verdict(r"E = - \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{k} \log y_{k}", "batch_loss")
    assert _kinds(verdict) == ["index-missing"]
    assert _details(verdict.diagnoses[0], "symbols", "reading") == ("t_{k}, y_{k}", "t_{ik}, y_{ik}")


def test_a_sample_index_too_many_is_found():
    verdict = _verdict(r"E = - \sum_{k=1}^{K} t_{ik} \log y_{ik}", "one_sample_loss")
    assert _kinds(verdict) == ["index-extra"]
    assert _details(verdict.diagnoses[0], "symbols", "reading") == ("t_{ik}, y_{ik}", "t_{k}, y_{k}")


def test_the_binary_labels_read_as_the_part5_vectors_are_diagnosed_without_a_limit_note():
    text = r"- \frac{1}{N} \sum_{i=1}^{N} \lbrack t_{i} \log y_{i} + (1- t_{i}) \log (1- y_{i}) \rbrack"
    assert _kinds(_verdict(text, "binary_batch_loss")) == ["subscript-meaning"]


def test_a_missing_mean_factor_is_found():
    verdict = _verdict(r"E = - \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}", "batch_loss")
    assert _kinds(verdict) == ["mean-factor-missing"]


def test_a_mean_written_for_the_total_is_an_extra_mean_factor():
    verdict = _verdict(r"E_{sum} = \frac{1}{N} \sum_{i=1}^{N} E_{i}", "total_loss")
    assert _kinds(verdict) == ["mean-factor-extra"]


def test_the_total_named_where_the_mean_is_meant_is_a_name_difference():
    verdict = _verdict(r"E_{sum} = - \frac{1}{N} \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}", "batch_loss")
    assert _kinds(verdict) == ["name-differs"]
    assert _details(verdict.diagnoses[0], "member", "name", "derived_name") == ("1", "E_{sum}", "E")


def test_a_name_the_derivation_does_not_have_is_reported_by_name():
    verdict = _verdict(r"E = - \sum_{k=1}^{K} t_{k} \log M", "one_sample_loss")
    assert _kinds(verdict) == ["undefined-name"]
    assert verdict.diagnoses[0].detail("names") == "M"


def test_a_difference_nothing_explains_is_reported_as_such():
    verdict = _verdict(r"BCE = - (t_{1} \log y_{1} - t_{2} \log y_{2})", "binary_loss")
    assert _kinds(verdict) == ["differs"]
    assert verdict.method == SAMPLED


def test_every_diagnosis_says_which_member_and_what_was_printed_there():
    verdict = _verdict(r"E = \sum_{k=1}^{K} t_{k} \log y_{k}", "one_sample_loss")
    assert _details(verdict.diagnoses[0], "member", "members", "printed") == (
        "2", "2", r"\sum_{k=1}^{K} t_{k} \log y_{k}")


# One printed formula per kind of diagnosis, each changed from a correct one in that one way.
ONE_OF_EACH_KIND = [
    ("lower-limits-missing", r"E = - \sum_{k}^{K} t_{k} \log y_{k}", "one_sample_loss"),
    ("minus-sign-missing", r"E = \sum_{k=1}^{K} t_{k} \log y_{k}", "one_sample_loss"),
    ("minus-sign-extra", r"- E = - \sum_{k=1}^{K} t_{k} \log y_{k}", "one_sample_loss"),
    ("upper-limit-differs", r"E = - \sum_{k=1}^{N} t_{k} \log y_{k}", "one_sample_loss"),
    ("lower-limit-differs", r"E = - \sum_{k=2}^{K} t_{k} \log y_{k}", "one_sample_loss"),
    ("subscript-meaning", r"E = - \frac{1}{N} \sum_{i=1}^{N} (t_{i} \log y_{i} + (1 - t_{i}) \log (1 - y_{i}))",
     "binary_batch_loss"),
    ("index-missing", r"E_{i} = - \sum_{k=1}^{K} t_{k} \log y_{k}", "per_sample_loss"),
    ("index-extra", r"BCE = - \sum_{k=1}^{2} t_{ik} \log y_{ik}", "binary_loss"),
    ("subscripts-swapped", r"E_{i} = - \sum_{k=1}^{K} t_{ki} \log y_{ki}", "per_sample_loss"),
    ("mean-factor-missing", r"E = - \sum_{i=1}^{N} \sum_{k=1}^{K} t_{ik} \log y_{ik}", "batch_loss"),
    ("mean-factor-extra", r"E_{sum} = \frac{1}{N} \sum_{i=1}^{N} E_{i}", "total_loss"),
    ("name-differs", r"BCE = - \sum_{k=1}^{K} t_{k} \log y_{k}", "one_sample_loss"),
    ("undefined-name", r"E = - \sum_{k=1}^{K} t_{k} \log x", "one_sample_loss"),
    ("differs", r"E = - \sum_{k=1}^{K} t_{k} \log y_{k} + 1", "one_sample_loss"),
]


@pytest.mark.parametrize("kind, text, states", ONE_OF_EACH_KIND)
def test_each_kind_of_diagnosis_is_produced_by_the_mutation_it_names(kind, text, states):
    assert _kinds(_verdict(text, states)) == [kind]


def test_every_declared_kind_of_diagnosis_has_a_mutation_above():
    assert sorted(kind for kind, _, _ in ONE_OF_EACH_KIND) == sorted(audit.DIAGNOSIS_KINDS)


def test_a_diagnosis_gives_its_details_as_a_mapping_for_templates():
    (diagnosis,) = _verdict(r"E = - \sum_{k=1}^{N} t_{k} \log y_{k}", "one_sample_loss").diagnoses
    assert diagnosis.fields == {"member": "2", "members": "2", "printed": r"- \sum_{k=1}^{N} t_{k} \log y_{k}",
                                "index": "k", "printed_limit": "N", "derived_limit": "K"}


# --- the registry, through the audit (equality itself: test_equality.py) ---------------------


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_derived_formula_printed_and_read_back_agrees_with_itself(name):
    formula = derived(name)
    verdict = _verdict(formula.latex(), name)
    assert (verdict.status, verdict.diagnoses) == (AGREES, ())


# --- the data file --------------------------------------------------------------------------


ENTRY = """[[formulas]]
id = "f"
url = "https://example.org/part"
equation = "5.2"
latex = 'E = - \\sum_{k=1}^{K} t_{k} \\log y_{k}'
states = "one_sample_loss"
expect = "agrees"
"""


def _load(text: str):
    return load_formulas(text, "formulas.toml")


def test_a_minimal_entry_loads():
    (formula,) = _load(ENTRY)
    assert (formula.id, formula.equation, formula.states, formula.location) == (
        "f", "5.2", "one_sample_loss", "https://example.org/part (5.2)")


@pytest.mark.parametrize("change, key, message", [
    (('states = "one_sample_loss"', 'states = "entropy"'), "states", "states 'entropy' is not a derived formula"),
    (('expect = "agrees"', 'expect = "ok"'), "expect", "expect must be agrees or erratum, not 'ok'"),
    (('expect = "agrees"\n', ''), "", "expect is missing"),
    (('expect = "agrees"', 'expect = "agrees"\ncolour = "red"'), "colour", "unknown key 'colour'"),
    (('equation = "5.2"', 'equation = 5.2'), "equation", "equation must be a string"),
    (("latex = 'E = - ", "latex = 'E = & "), "latex", "latex cannot be read: '&' cannot start an expression at position 4"),
    (('equation = "5.2"', 'equation = ""'), "equation", "an unnumbered formula (equation = \"\") needs a section"),
    (("y_{k}'", "y_{k} \\tag{5.3}'"), "latex", "latex is tagged '5.3' but equation is '5.2'"),
])
def test_a_defective_entry_is_named_with_its_line_and_the_defect(change, key, message):
    text = "# a comment line\n\n" + ENTRY.replace(*change)
    with pytest.raises(DataError) as raised:
        _load(text)
    # The line of the defective key, or of the entry's header (line 3) where the key is missing.
    line = next((n for n, content in enumerate(text.split("\n"), 1) if key and content.startswith(f"{key} =")), 3)
    assert str(raised.value).startswith(f"formulas.toml, line {line}: [[formulas]] entry 1 (f): ")
    assert message in str(raised.value)


def test_the_second_entry_is_named_as_the_second():
    second = ENTRY.replace('id = "f"', 'id = "g"').replace('expect = "agrees"', 'expect = "maybe"')
    text = ENTRY + "\n" + second
    line = text.split("\n").index('expect = "maybe"') + 1
    with pytest.raises(DataError, match=rf"line {line}: \[\[formulas\]\] entry 2 \(g\): expect must be"):
        _load(text)


def test_repeated_ids_are_refused():
    with pytest.raises(DataError, match="formula ids must be unique; repeated: f"):
        _load(ENTRY + "\n" + ENTRY)


def test_an_empty_file_has_no_formulas():
    with pytest.raises(DataError, match="at least one"):
        _load("")


def test_an_unknown_top_level_key_is_refused():
    with pytest.raises(DataError, match="line 1: top level: unknown key 'title'"):
        _load("title = 'x'\n" + ENTRY)


def test_an_entry_that_is_not_a_table_is_refused():
    with pytest.raises(DataError, match="entry 1: must be a table"):
        _load("formulas = [1]")


def test_broken_toml_is_refused_with_its_line():
    with pytest.raises(DataError, match=r"not valid TOML: .*line 2"):
        _load("[[formulas]]\nid = \n")


def test_the_recorded_file_loads_and_every_verdict_is_as_expected(verdicts):
    assert all(verdict.as_expected for verdict in verdicts.values())


def test_a_verdict_names_the_part_its_entry_names_whatever_its_url(verdicts):
    # The entry's `part` says which part of the series prints it; the url is only the link.
    assert {verdicts[i].part for i in ("part1-1", "part3-4.1", "part4-4.3", "part5-6.1", "part6-bce")} == {1, 3, 4, 5, 6}


@pytest.mark.parametrize("bad", ["0", "1000", '"5"'])
def test_a_part_number_that_is_not_1_to_999_is_a_data_error(text, bad):
    changed = text.replace("part = 5", f"part = {bad}", 1)
    with pytest.raises(DataError, match="part"):
        load_formulas(changed, FILE)
