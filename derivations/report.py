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
import math

import sympy

from derivations import texparse
from derivations.claims import AGREES, ERRATUM, INFINITE, printed_name
from derivations.numbers import SHOWN_PLACES, decimals_printed, rounded
from derivations.quantity import plain_name
from derivations.report_words import word
from derivations.verify import Site

REPORT_PLACES = 12  # decimals of computed values in the report: beyond any printed digit


def claim_entry(verdict) -> dict:
    claim = verdict.claim
    computed = [v if isinstance(v, str) else _infinite(v) or rounded(v, REPORT_PLACES) for v in verdict.computed]
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
    floats = [_float_text(value) for value in verdict.floats]
    return {**entry, "reviewed": verdict.claim.reviewed, "file": file, "precision": verdict.precision,
            "computed_float": floats, "differs_at": parting_digit(verdict), "ambiguous": ambiguous_diagnosis(verdict)}


def claim_line(verdict, language: str) -> str:
    """One claim on one line, in plain words of `language`: id, location, printed, ours, status, diagnosis."""
    claim = verdict.claim
    printed = claim.printed if claim.kind == "number" else tuple(_name_text(text) for text in claim.printed)
    fields = [f"{word(language, 'printed')} {_entries(printed)}"]
    if claim.kind == "number":
        base = word(language, "base." + claim.declared.base)
        fields.append(f"{word(language, 'ours', base=base)} {_entries(_shown(v) for v in verdict.computed)}")
        if verdict.floats:
            fields.append(f"{word(language, 'float', precision=verdict.precision)} "
                          f"{_entries(_float_text(v) for v in verdict.floats)}")
    else:
        fields.append(f"{word(language, 'ours-name')} {_entries(plain_name(name) for name in claim.quantity.names)}")
    fields.append(_status(verdict, language))
    if verdict.status == ERRATUM:
        fields.append(f"{word(language, 'diagnosis')}: {_diagnosis(verdict, language)}")
    digit = parting_digit(verdict)
    fields += [word(language, "parts", digit=digit)] if digit else []
    return f"{claim.id} ({claim.location}): " + " | ".join(fields)


def _status(verdict, language: str) -> str:
    notes = [] if verdict.claim.reviewed else [word(language, "unreviewed")]
    if not verdict.as_expected:
        notes.append(word(language, "expected", status=word(language, verdict.claim.expect)))
    joined = word(language, "note-sep").join(notes)
    return word(language, verdict.status) + (word(language, "notes", notes=joined) if notes else "")


def _diagnosis(verdict, language: str) -> str:
    if not verdict.diagnoses:
        return word(language, "none")
    options = [word(language, "and").join(_departure(d, language) for d in option) for option in verdict.diagnoses]
    ambiguous = word(language, "notes", notes=word(language, "ambiguous")) if ambiguous_diagnosis(verdict) else ""
    return word(language, "or").join(options) + ambiguous


def ambiguous_diagnosis(verdict) -> bool:
    """Whether several explanations, as few departures each, reproduce the printed digits: more
    digits would be needed to tell them apart (they are ranked, the more common first)."""
    return len(verdict.diagnoses) > 1


def _departure(deviation, language: str) -> str:
    printed = _name_text(deviation.printed) if deviation.kind == "name" else ""
    text = word(language, "deviation." + deviation.kind, detail=deviation.detail, plain=deviation.plain,
                printed=printed)
    if deviation.kind == "name" and deviation.detail:
        text += word(language, "deviation.name-meaning", printed=printed, meaning=deviation.detail)
    return text


def _name_text(printed: str) -> str:
    """A printed name as a quantity is written (E_{2} → E[2]); as printed if it is none of ours."""
    try:
        return plain_name(printed_name(printed))
    except texparse.ParseError:
        return printed


def _entries(texts) -> str:
    shown = tuple(texts)
    return shown[0] if len(shown) == 1 else "(" + ", ".join(shown) + ")"


def _shown(value) -> str:
    """A computed value to six places; an infinite loss as Python prints it."""
    infinite = _infinite(value)
    return infinite or rounded(value, SHOWN_PLACES)


def _infinite(value) -> str:
    if isinstance(value, sympy.Basic):
        return {sympy.oo: "inf", -sympy.oo: "-inf"}.get(value, "")
    return "" if math.isfinite(value) else ("inf" if value > 0 else "-inf")


def _float_text(value) -> str:
    """A float result as Python or numpy prints it: the shortest digits that give it back.
    A numpy scalar's repr reads "np.float32(…)" since numpy 2, its str the digits alone; checked
    by type, not isinstance (numpy.float64 is a float), so numpy is not imported here for it."""
    return repr(value) if type(value) is float else str(value)


def parting_digit(verdict) -> int:
    """The significant digit (1-based) at which the first printed entry that differs parts from
    ours rounded to its printed places; 0 when none does (a name, or every entry agrees)."""
    if verdict.claim.kind != "number" or verdict.status != ERRATUM:
        return 0
    values = verdict.floats or verdict.computed
    found = [_parting(text, value) for text, value in zip(verdict.claim.stated, values)]
    return next((digit for digit in found if digit), 0)


def _parting(text: str, value) -> int:
    if text in INFINITE or _infinite(value):
        return 0 if text == _infinite(value) else 1
    exact = value if isinstance(value, sympy.Basic) else sympy.Rational(float(value))
    ours = rounded(exact, decimals_printed(text))
    if ours.startswith("-") != text.startswith("-"):
        return 1
    printed, mine = (number.lstrip("-").replace(".", "") for number in (text, ours))
    width = max(len(printed), len(mine))
    printed, mine = printed.zfill(width), mine.zfill(width)
    first = next((n for n, (a, b) in enumerate(zip(printed, mine)) if a != b), None)
    if first is None:
        return 0
    leading = min(len(printed) - len(printed.lstrip("0")), len(mine) - len(mine.lstrip("0")))
    return first - leading + 1


def mismatch_line(verdict, language: str) -> str:
    """For standard error: a claim whose verdict is not the one expected."""
    claim = verdict.claim
    return word(language, "mismatch", id=claim.id, location=claim.location, status=word(language, verdict.status),
                expect=word(language, claim.expect))


def summary_line(file: str, verdicts: tuple, language: str) -> str:
    counts = {"agree": sum(v.status == AGREES for v in verdicts), "errata": sum(v.status == ERRATUM for v in verdicts),
              "unexpected": sum(not v.as_expected for v in verdicts)}
    return word(language, "summary", file=file, claims=len(verdicts), **counts)
