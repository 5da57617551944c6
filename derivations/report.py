"""The machine-readable report of `check --format json`, as plain data.

Owns the JSON schema: per claim `id`, `location`, `printed`, `computed` (natural log),
`status`, `expect`, `diagnosis`; per chain its steps with `holds`, `method` and `detail`;
the same grouped per part of the series under `parts`.
Pure: values in, a dict out (serialised by the caller).
"""
from derivations.numbers import rounded
from derivations.verify import Site

REPORT_PLACES = 12  # decimals of computed values in the report: beyond any printed digit


def claim_entry(verdict) -> dict:
    claim = verdict.claim
    computed = [v if isinstance(v, str) else rounded(v, REPORT_PLACES) for v in verdict.computed]
    diagnosis = [[{"kind": d.kind, "detail": d.detail, **_names(d)} for d in option] for option in verdict.diagnoses]
    return {"id": claim.id, "location": claim.location, "kind": claim.kind, "quantity": claim.quantity,
            "printed": list(claim.printed), "computed": computed, "status": verdict.status,
            "expect": claim.expect, "as_expected": verdict.as_expected, "diagnosis": diagnosis}


def _names(deviation) -> dict:
    return {"printed": deviation.printed, "ours": deviation.ours} if deviation.kind == "name" else {}


def chain_entry(checked) -> dict:
    steps = [{"step": n, "reason": step.reason, "relation": "≈" if step.approximate else "=",
              "holds": evidence.holds, "method": evidence.method, "detail": evidence.detail}
             for n, (step, evidence) in enumerate(zip(checked.chain.steps, checked.evidence), 1)]
    return {"id": checked.chain.id, "tag": checked.chain.tag, "steps": steps}


def full_report(site: Site, stale: list, exit_code: int) -> dict:
    parts = [{"part": v.part.number, "page": f"{v.part.slug}.md", "data": v.data_file,
              "claims": [claim_entry(verdict) for verdict in v.verdicts],
              "chains": [chain_entry(checked) for checked in v.checked]} for v in site.parts]
    return {"exit_code": exit_code, "stale_pages": stale, "parts": parts,
            "claims": [claim_entry(v) for v in site.verdicts()],
            "chains": [chain_entry(c) for c in site.checked()]}


def error_report(kind: str, message: str, exit_code: int) -> dict:
    return {"exit_code": exit_code, "error": {"kind": kind, "message": message}}
