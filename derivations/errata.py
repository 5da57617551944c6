"""The errata page's content: every printed number and name that disagrees, with its diagnosis.

Owns what the errata page says and in which order: the summary table, one entry per
erratum (the corrected text to paste first, then where, printed, ours in both bases, the
diagnosis, the link to its line), the claims that agree, and the series' printed formulas
that differ from the derivation (the derived formula first). Pure: a verified `Site` and an `Edition` in, Markdown blocks out; the page's
frame is `pages`'.
"""
from collections.abc import Mapping

from derivations import errata_text, render
from derivations.audit import FormulaVerdict
from derivations.claims import ERRATUM
from derivations.render import Edition, say
from derivations.verify import Site, Verified

# How much a finding matters, from its causes; most severe first. A finding's causes are those of
# its first explanation (the one with fewest departures), each of one severity; a finding no
# combination of causes explains is an error. E1 (base 10 and a dropped sign) is an error that
# also departs from the convention: both are shown, and counted.
ERROR, CONVENTION, NIT = "error", "convention", "nit"
SEVERITIES = (ERROR, CONVENTION, NIT)
# Causes that are not errors. A printed number: base-10 logarithms where machine learning means
# ln, and what a framework does by convention (an ε added inside the log, float32 arithmetic),
# depart from the convention. A printed formula: Σ without its lower limits, or a letter used
# with another meaning than in part 5 (a reading that agrees), are notation nits.
# Every other cause (a sign, another element of y, a subscript, a vector for a scalar, a sum for
# a mean, a wrong name, an extra or missing factor) is an error.
CAUSE_SEVERITY = {"base": CONVENTION, "epsilon": CONVENTION, "float32": CONVENTION,
                  "lower-limits-missing": NIT, "subscript-meaning": NIT}


def severities(verdict) -> tuple:
    """The severities of a finding's causes, most severe first: a claim's (Verdict) or a printed
    formula's (FormulaVerdict, whose diagnoses are its causes)."""
    kinds = [d.kind for d in verdict.diagnoses] if isinstance(verdict, FormulaVerdict) else (
        [d.kind for d in verdict.diagnoses[0]] if verdict.diagnoses else [])
    found = {CAUSE_SEVERITY.get(kind, ERROR) for kind in kinds} or {ERROR}
    return tuple(level for level in SEVERITIES if level in found)


def severity_counts(site: Site) -> dict:
    """For each severity, how many findings (printed numbers, names, formulas) have a cause of it."""
    findings = [v for v in site.verdicts() if v.status == ERRATUM] + [v for v in site.formulas if v.status == ERRATUM]
    return {level: sum(1 for v in findings if level in severities(v)) for level in SEVERITIES}


def _kind_text(verdict, prose: Mapping) -> str:
    return prose["list.separator"].join(prose["severity." + level] for level in severities(verdict))


def blocks(site: Site, edition: Edition) -> list:
    """The errata page below its title."""
    prose = edition.prose
    errata = [(v, verdict) for v in site.parts for verdict in v.verdicts if verdict.status == ERRATUM]
    blocks = [edition.say("errata.lead", source=render.article_link(site.worked_example)),
              edition.say("errata.severities", **severity_counts(site)), _summary(errata, prose)]
    for kind, heading in (("number", "errata.numbers"), ("name", "errata.names")):
        blocks += [f"## {prose[heading]}"] + [_entry(v, verdict, edition) for v, verdict in errata
                                             if verdict.claim.kind == kind]
    blocks += [f"## {prose['errata.agreeing']}", _agreeing(site, edition)]
    blocks += _formula_errata(site, edition)
    return blocks


def _formula_errata(site: Site, edition: Edition) -> list:
    """The series' printed formulas that differ from the derivation, then those that agree."""
    prose = edition.prose
    blocks = [f"## {prose['errata.formulas']} {{#formulas}}", prose["errata.formulas.text"]]
    for verdict in (v for v in site.formulas if v.status == ERRATUM):
        blocks += _formula_entry(verdict, edition)
    blocks.append(f"### {prose['errata.formulas.agreeing']}")
    for verdict in (v for v in site.formulas if v.status != ERRATUM):
        blocks += [_printed_where(verdict, edition), render.display_block(verdict.printed)]
    return blocks


def _printed_where(verdict, edition: Edition) -> str:
    """Where the series prints a formula: "part N of the series (equation)", linked, as its entry
    in the formulas file says (`part`; its URL is only the link); the bare URL where it names none."""
    number = verdict.part
    article = edition.say("article.part", part=number) if number else render.plain(verdict.url)
    equation = verdict.equation_en if edition.language == "en" else verdict.equation
    return f"[{article}]({verdict.url}) ({render.plain(equation)})"


def _formula_entry(verdict, edition: Edition) -> list:
    """One printed formula that differs: the derived formula to paste, then where, diagnosis,
    method, and the formula as printed."""
    prose = edition.prose
    diagnosis = prose["sentence.separator"].join(edition.say(f"formula.{d.kind}", **d.fields) for d in verdict.diagnoses)
    facts = [("where", _printed_where(verdict, edition)), ("severity", _kind_text(verdict, prose)),
             ("diagnosis", diagnosis),
             ("method", prose[f"formula.method.{verdict.method}"])]
    lines = "\n".join(f"- **{prose['errata.col.' + key]}**{prose['colon']}{value}" for key, value in facts)
    return [f"### {verdict.id} {{#formula-{verdict.id}}}",
            f"**{prose['errata.corrected-formula']}**{prose['colon'].rstrip()}", render.display_block(verdict.derived),
            lines, f"{prose['errata.col.printed']}{prose['colon'].rstrip()}", render.display_block(verdict.printed)]


def _step_link(verified: Verified, verdict, prose: Mapping) -> str:
    """The numbered line an erratum concerns (its ⚠ links back here), or the chain's finding."""
    claim = verdict.claim
    if not claim.step:
        return f"[{prose['to-chain']}]({verified.part.slug}.md#finding-{claim.id})"
    line = render.step_anchor(claim.chain, claim.step)
    return f"[{say(prose, 'to-step', step=claim.step)}]({verified.part.slug}.md#{line})"


def _summary(errata: list, prose: Mapping) -> str:
    header = [prose[f"errata.col.{c}"] for c in ("id", "severity", "printed", "ours", "diagnosis")]
    rows = [(f"[{verdict.claim.id}](#erratum-{verdict.claim.id})", _kind_text(verdict, prose),
             render.printed_text(verdict), _ours_text(verdict), render.diagnosis_text(verdict, prose))
            for _, verdict in errata]
    # In a box of its own class: its kinds column breaks only between words (extra.css).
    return f'<div class="errata-summary" markdown>\n\n{render.table(header, rows)}\n\n</div>'


def _ours_text(verdict) -> str:
    if verdict.claim.kind == "name":
        return ", ".join(rf"\({name}\)" for name in verdict.computed)
    return render.values_text(verdict.computed)


def _location(claim, edition: Edition) -> str:
    """Where the article prints a claim: in English where the data file says it in English,
    with the article's own (Japanese) words to find the place by."""
    if edition.language != "en" or not claim.location_en:
        return render.plain(claim.location)
    return edition.say("errata.location-translated", translated=render.plain(claim.location_en),
                       original=render.plain(claim.location))


def _entry(verified: Verified, verdict, edition: Edition) -> str:
    """One erratum in full: the corrected text to paste first, then where, what was printed,
    ours in both bases, the diagnosis and the link to its line."""
    prose = edition.prose
    facts = [("where", _location(verdict.claim, edition)), ("severity", _kind_text(verdict, prose)),
             ("printed", render.printed_text(verdict))]
    if verdict.claim.kind == "number":
        facts += [("ours", render.values_text(verdict.computed)), ("base10", render.values_text(verdict.base10))]
    facts += [("diagnosis", render.diagnosis_text(verdict, prose)), ("step", _step_link(verified, verdict, prose))]
    lines = "\n".join(f"- **{prose['errata.col.' + key]}**{prose['colon']}{value}" for key, value in facts)
    return f"### {verdict.claim.id} {{#erratum-{verdict.claim.id}}}\n\n{correction(verified, verdict, prose)}\n\n{lines}"


def correction(verified: Verified, verdict, prose: Mapping) -> str:
    """The corrected text an author pastes: a number's line as display math, a name inline; the
    derivation page's finding box shows it too."""
    if verdict.claim.kind == "name":
        names = ", ".join(rf"\({name}\)" for name in errata_text.corrected_names(verdict))
        return f"**{prose['errata.corrected-name']}**{prose['colon']}{names}"
    line = render.display_block(errata_text.corrected_number(verified, verdict))
    return f"**{prose['errata.corrected-line']}**{prose['colon'].rstrip()}\n\n{line}"


def _agreeing(site: Site, edition: Edition) -> str:
    agreeing = [v for v in site.verdicts() if v.status != ERRATUM]
    if not agreeing:
        return edition.prose["errata.none-agreeing"]
    colon = edition.prose["colon"]
    return "\n".join(f"- {v.claim.id}{colon}{_location(v.claim, edition)}{colon}{render.printed_text(v)}" for v in agreeing)
