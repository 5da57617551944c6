"""The machine-readable report of `check --format json`, as plain data, and the text lines
of `check --claims`.

Owns the JSON schema: per claim `id`, `location`, `printed`, `computed` (natural log),
`status`, `expect`, `diagnosis`; per chain its steps with `holds`, `method`, `detail` and
`conditions` (what a symbolic proof assumed: "K = 3", "y > 0"; the detail then reads
"for K = 3", or "for all values of the letters" when there were none);
the same grouped per part of the series under `parts`. For an author's claims file, the
same per claim plus `reviewed` and `file`; in text, one line per claim and a summary.
Pure: values in, a dict or text out (serialised and printed by the caller).
"""
from collections.abc import Mapping

from derivations import render
from derivations.claims import AGREES, ERRATUM
from derivations.numbers import rounded
from derivations.render import say
from derivations.verify import Site

REPORT_PLACES = 12  # decimals of computed values in the report: beyond any printed digit


def claim_entry(verdict) -> dict:
    claim = verdict.claim
    computed = [v if isinstance(v, str) else rounded(v, REPORT_PLACES) for v in verdict.computed]
    diagnosis = [[{"kind": d.kind, "detail": d.detail, **_names(d)} for d in option] for option in verdict.diagnoses]
    return {"id": claim.id, "location": claim.location, "location_en": claim.location_en, "kind": claim.kind,
            "quantity": claim.quantity.text,
            "printed": list(claim.printed), "computed": computed, "status": verdict.status,
            "expect": claim.expect, "as_expected": verdict.as_expected, "diagnosis": diagnosis}


def _names(deviation) -> dict:
    return {"printed": deviation.printed, "ours": deviation.ours} if deviation.kind == "name" else {}


def chain_entry(checked) -> dict:
    steps = [{"step": n, "reason": step.reason, "relation": "≈" if step.approximate else "=",
              "holds": evidence.holds, "method": evidence.method, "detail": evidence.detail,
              "conditions": [condition.text for condition in evidence.conditions]}
             for n, (step, evidence) in enumerate(zip(checked.chain.steps, checked.evidence), 1)]
    return {"id": checked.chain.id, "tag": checked.chain.tag, "steps": steps}


def full_report(site: Site, stale: list, exit_code: int) -> dict:
    parts = [{"part": v.part.number, "page": f"{v.part.slug}.md", "data": v.data_file,
              "claims": [claim_entry(verdict) for verdict in v.verdicts],
              "chains": [chain_entry(checked) for checked in v.checked]} for v in site.parts]
    return {"exit_code": exit_code, "stale_pages": stale, "parts": parts,
            "claims": [claim_entry(v) for v in site.verdicts()],
            "chains": [chain_entry(c) for c in site.checked()],
            "formulas": [formula_entry(v) for v in site.formulas]}


def formula_entry(verdict) -> dict:
    """A printed formula of the series: as printed, as derived, the verdict and its diagnosis."""
    return {"id": verdict.id, "location": verdict.location, "printed": verdict.printed,
            "derived": verdict.derived, "status": verdict.status, "expect": verdict.expect,
            "as_expected": verdict.as_expected, "method": verdict.method,
            "diagnosis": [{"kind": d.kind, **d.fields} for d in verdict.diagnoses]}


def error_report(kind: str, message: str, exit_code: int, where: dict | None = None) -> dict:
    """An error; `where` adds its place (file, line, row, column) when it is known."""
    return {"exit_code": exit_code, "error": {"kind": kind, "message": message, **(where or {})}}


def author_report(file: str, verdicts: tuple, exit_code: int) -> dict:
    """`check --claims FILE --format json`: every claim of the author's file."""
    return {"exit_code": exit_code, "file": file, "claims": [author_entry(v, file) for v in verdicts]}


def author_entry(verdict, file: str) -> dict:
    # An author's file has no English wording of its locations: the field would always be "".
    entry = {key: value for key, value in claim_entry(verdict).items() if key != "location_en"}
    return {**entry, "reviewed": verdict.claim.reviewed, "file": file}


def claim_line(verdict, prose: Mapping) -> str:
    """One claim on one line: id, location, printed, ours (natural log), status, diagnosis."""
    claim = verdict.claim
    ours = render.vector_text(verdict.computed) if claim.kind == "name" else render.values_text(verdict.computed)
    notes = [prose["claims-check.unreviewed"]] if not claim.reviewed else []
    notes += [] if verdict.as_expected else [say(prose, "claims-check.expected", expect=claim.expect)]
    status = verdict.status + (f" ({'; '.join(notes)})" if notes else "")
    line = (f"{claim.id} ({claim.location}): {prose['errata.col.printed']} {render.vector_text(claim.printed)}"
            f" | {prose['errata.col.ours']} {ours} | {status}")
    if verdict.status == ERRATUM:
        line += f" | {prose['errata.col.diagnosis']}: {render.diagnosis_text(verdict, prose)}"
    return line


def summary_line(file: str, verdicts: tuple, prose: Mapping) -> str:
    counts = {"agree": sum(v.status == AGREES for v in verdicts), "errata": sum(v.status == ERRATUM for v in verdicts),
              "unexpected": sum(not v.as_expected for v in verdicts)}
    return say(prose, "claims-check.summary", file=file, claims=len(verdicts), **counts)
