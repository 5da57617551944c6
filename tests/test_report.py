"""The JSON report's schema."""
import json

from derivations import report


def test_each_claim_entry_has_the_documented_fields(verified):
    entry = report.claim_entry(verified.verdicts[0])
    assert {"id", "location", "printed", "computed", "status", "diagnosis"} <= set(entry)
    assert entry["diagnosis"] == [[{"kind": "base", "detail": "10"}, {"kind": "sign", "detail": ""}]]


def test_each_chain_entry_lists_its_steps_with_holds_and_method(verified):
    entry = report.chain_entry(verified.checked[0])
    assert entry["id"] == "sample-1"
    assert [s["method"] for s in entry["steps"]] == ["symbolic", "symbolic", "exact", "exact", "numeric"]
    assert all(s["holds"] is True for s in entry["steps"])


def test_a_step_proved_with_k_fixed_says_so_in_the_report_and_others_say_for_all_values(verified):
    sample = report.chain_entry(next(c for c in verified.checked if c.chain.id == "sample-1"))["steps"]
    assert [(s["method"], s["detail"]) for s in sample[:2]] == [("symbolic", "for K = 3")] * 2
    assert [s["conditions"] for s in sample[:2]] == [["K = 3"]] * 2
    mean = report.chain_entry(next(c for c in verified.checked if c.chain.id == "mean"))["steps"]
    assert {(s["detail"], tuple(s["conditions"])) for s in mean} == {("for all values of the letters", ())}


def test_the_full_report_serialises_to_json_with_every_part(site):
    parsed = json.loads(json.dumps(report.full_report(site, [], 0), ensure_ascii=False))
    assert parsed["exit_code"] == 0
    assert [p["part"] for p in parsed["parts"]] == [v.part.number for v in site.parts]
    assert len(parsed["claims"]) == sum(len(p["claims"]) for p in parsed["parts"])


def test_a_name_claim_reports_the_printed_and_the_model_name(verified):
    heading = next(v for v in verified.verdicts if v.claim.id == "E4-heading")
    deviation = report.claim_entry(heading)["diagnosis"][0][0]
    assert deviation == {"kind": "name", "detail": "E[2]", "printed": "E_{2}", "ours": "E_{4}"}


# --- the text report of check --claims -----------------------------------------------------

import math  # noqa: E402 - grouped with the tests that use it

import pytest  # noqa: E402
import sympy  # noqa: E402

from derivations.claims import AGREES, ERRATUM, Claim, Verdict  # noqa: E402
from derivations.quantity import SampleLoss  # noqa: E402


def _verdict(printed: str, ours, status: str = ERRATUM) -> Verdict:
    claim = Claim("c", "here", "number", SampleLoss(1), (printed,), ERRATUM)
    return Verdict(claim, (ours,), status, ())


def _lines(verified, language: str) -> dict:
    return {v.claim.id: report.claim_line(v, language) for v in verified.verdicts}


def test_the_text_report_names_another_element_as_a_quantity_is_written_not_as_latex(verified):
    line = _lines(verified, "en")["E4"]
    assert "uses y[4,1], not the true class" in line
    assert not any(mark in line for mark in ("\\(", "_{", "\\)"))


def test_the_japanese_text_report_says_its_statuses_and_labels_in_japanese(verified):
    lines = _lines(verified, "ja")
    assert all(" | 誤り | 診断: " in line for line in lines.values())
    english = ("erratum", "agrees", "Printed", "Ours", "Diagnosis", "unreviewed", "expected")
    assert [word for line in lines.values() for word in english if word in line] == []
    assert "正解クラスではない y[4,1] を使っている" in lines["E4"]


def test_no_text_report_line_holds_latex_in_either_language(verified):
    for language in ("en", "ja"):
        assert [line for line in _lines(verified, language).values() if "\\" in line or "_{" in line] == []


@pytest.mark.parametrize("printed, ours, digit", [
    ("0.5109", -math.log(0.6), 4),     # 0.5108|26…: the fourth significant digit is 8, printed 9
    ("-0.2218", -math.log(0.6), 1),    # the sign already differs
    ("0.0523", 0.05129, 2),            # leading zeros are not significant: 5|2 against 5|1
    ("12.41", 12.3, 3),                # 12.30 against 12.41
])
def test_the_report_shows_the_first_significant_digit_where_printed_and_ours_part(printed, ours, digit):
    verdict = _verdict(printed, sympy.Float(ours, 30))
    assert report.parting_digit(verdict) == digit
    assert report.claim_line(verdict, "en").endswith(f"| first differing significant digit: {digit}")
    assert report.claim_line(verdict, "ja").endswith(f"| 値が食い違う最初の有効数字: {digit} 桁目")


def test_an_agreeing_claim_shows_no_differing_digit():
    assert report.parting_digit(_verdict("0.5108", sympy.Float(-math.log(0.6), 30), AGREES)) == 0


def test_an_infinite_loss_is_shown_as_inf_in_text_and_json():
    verdict = _verdict("16.1181", sympy.oo)
    assert "| Ours (natural log) inf |" in report.claim_line(verdict, "en")
    assert report.claim_entry(verdict)["computed"] == ["inf"]
    assert report.parting_digit(verdict) == 1


def test_the_summary_counts_in_each_language(verified):
    verdicts = tuple(verified.verdicts)
    erratum = sum(v.status == ERRATUM for v in verdicts)
    assert report.summary_line("f.toml", verdicts, "en") == (
        f"f.toml: claims judged {len(verdicts)}: agree 0, erratum {erratum}; not as expected 0")
    assert report.summary_line("f.toml", verdicts, "ja") == (
        f"f.toml: 判定した主張 {len(verdicts)} 件、一致 0 件、誤り {erratum} 件、想定と異なる判定 0 件")


def test_a_claim_not_as_expected_is_named_in_the_language_of_the_report():
    verdict = _verdict("0.5109", sympy.Float(-math.log(0.6), 30))
    verdict = Verdict(Claim("c", "here", "number", SampleLoss(1), ("0.5109",), AGREES), verdict.computed, ERRATUM, ())
    assert report.mismatch_line(verdict, "en") == "claim c (here): verdict erratum, expected agrees"
    assert report.mismatch_line(verdict, "ja") == "主張 c（here）: 判定は誤り、想定は一致"


def test_several_explanations_are_said_to_need_more_digits_in_text_and_json():
    from derivations.diagnosis import Deviation

    options = ((Deviation("base", "2"),), (Deviation("other-sample", "y_{2,1}", plain="y[2,1]"),))
    verdict = Verdict(Claim("c", "here", "number", SampleLoss(1), ("1",), ERRATUM), (sympy.Float(0.3567, 30),),
                      ERRATUM, options)
    assert "(the printed digits are too few to tell these explanations apart)" in report.claim_line(verdict, "en")
    assert "記載の桁数が少なく" in report.claim_line(verdict, "ja")
    assert report.author_entry(verdict, "f.toml")["ambiguous"] is True
    single = Verdict(verdict.claim, verdict.computed, ERRATUM, options[:1])
    assert report.author_entry(single, "f.toml")["ambiguous"] is False
    assert "too few" not in report.claim_line(single, "en")


def test_a_percentage_parts_from_ours_at_the_digit_of_its_fraction():
    claim = Claim("c", "here", "number", SampleLoss(1), ("35.77%",), ERRATUM)
    verdict = Verdict(claim, (sympy.Float(-math.log(0.7), 30),), ERRATUM, ())
    assert report.parting_digit(verdict) == 3  # 0.3577 against 0.3567
