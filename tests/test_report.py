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
