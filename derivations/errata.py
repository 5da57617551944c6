"""The errata page's content: every printed number and name that disagrees, with its diagnosis.

Owns what the errata page says and in which order: the summary table, one entry per
erratum (where, printed, ours in both bases, the difference, the diagnosis, the link to its
step), the claims that agree, and the series' printed formulas that differ from the
derivation. Pure: a verified `Site` and an `Edition` in, Markdown blocks out; the page's
frame is `pages`'.
"""
from collections.abc import Mapping

from derivations import render
from derivations.claims import ERRATUM
from derivations.render import Edition, say
from derivations.verify import Site, Verified


def blocks(site: Site, edition: Edition) -> list:
    """The errata page below its title."""
    prose = edition.prose
    errata = [(v, verdict) for v in site.parts for verdict in v.verdicts if verdict.status == ERRATUM]
    blocks = [edition.say("errata.lead", source=render.article_link(site.worked_example)), _summary(errata, prose)]
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
    """One printed formula that differs: where, as printed, as derived, diagnosis, method."""
    prose = edition.prose
    diagnosis = " ".join(edition.say(f"formula.{d.kind}", **d.fields) for d in verdict.diagnoses)
    facts = [("where", _printed_where(verdict, edition)), ("diagnosis", diagnosis),
             ("method", prose[f"formula.method.{verdict.method}"])]
    lines = "\n".join(f"- **{prose['errata.col.' + key]}**: {value}" for key, value in facts)
    return [f"### {verdict.id} {{#formula-{verdict.id}}}", lines,
            f"{prose['errata.col.printed']}:", render.display_block(verdict.printed),
            f"{prose['errata.col.derived']}:", render.display_block(verdict.derived)]


def _step_link(verified: Verified, verdict, prose: Mapping) -> str:
    claim = verdict.claim
    label = say(prose, "to-step", step=claim.step) if claim.step else prose["to-chain"]
    return f"[{label}]({verified.part.slug}.md#finding-{claim.id})"


def _summary(errata: list, prose: Mapping) -> str:
    header = [prose[f"errata.col.{c}"] for c in ("id", "printed", "ours", "diagnosis")]
    rows = [(f"[{verdict.claim.id}](#erratum-{verdict.claim.id})", render.printed_text(verdict), _ours_text(verdict),
             render.diagnosis_text(verdict, prose)) for _, verdict in errata]
    return render.table(header, rows)


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
    """One erratum in full: where, printed, ours in both bases, difference, diagnosis, link."""
    prose = edition.prose
    facts = [("where", _location(verdict.claim, edition)), ("printed", render.printed_text(verdict))]
    if verdict.claim.kind == "number":
        facts += [("ours", render.values_text(verdict.computed)), ("base10", render.values_text(verdict.base10)),
                  ("difference", render.difference_text(verdict))]
    else:
        facts.append(("ours-name", _ours_text(verdict)))
    facts += [("diagnosis", render.diagnosis_text(verdict, prose)), ("step", _step_link(verified, verdict, prose))]
    lines = "\n".join(f"- **{prose['errata.col.' + key]}**: {value}" for key, value in facts)
    return f"### {verdict.claim.id} {{#erratum-{verdict.claim.id}}}\n\n{lines}"


def _agreeing(site: Site, edition: Edition) -> str:
    agreeing = [v for v in site.verdicts() if v.status != ERRATUM]
    if not agreeing:
        return edition.prose["errata.none-agreeing"]
    return "\n".join(f"- {v.claim.id}: {_location(v.claim, edition)}: {render.printed_text(v)}" for v in agreeing)
