"""Markdown and LaTeX blocks for the pages, from checked chains, definitions and verdicts.

Owns how one formula, one chain, one finding or one table row looks on a page: display
math blocks for arithmatex (`$$ … $$`, no blank line inside, one `\\tag` per block), a chain
as HTML rows (number, formula as arithmatex's inline math, reason and mark as text), the
step marks, links between findings and errata, text from data files shown as text (`plain`),
the cited article's link, and an `Edition` (one language's prose). Pure: values and prose in,
text out. The LaTeX of every formula comes from `latex.latex`; this module only arranges it.
"""
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from string import Template

import sympy

from derivations import expressions
from derivations.claims import Verdict
from derivations.diagnosis import Deviation
from derivations.evidence import SYMBOLIC, Evidence
from derivations.latex import latex
from derivations.numbers import SHOWN_PLACES, rounded
from derivations.outline import Definition
from derivations.steps import CheckedChain
from derivations.symbols import E, K, k, t, total_loss_name, y

# The errata page as a link from a chain's HTML, which MkDocs does not rewrite: the page's address
# relative to a part's page (use_directory_urls: /derivation/ → /errata/).
ERRATA_URL = "../errata/"


def say(prose: Mapping, key: str, **values: object) -> str:
    """The prose for `key` with its placeholders filled; a missing value is an error."""
    return Template(prose[key]).substitute({name: str(v) for name, v in values.items()})


# Text from a data file is shown as text, never read as Markdown, HTML or math: HTML's three
# characters and arithmatex's delimiters ($, \) become entities; Markdown's link, emphasis,
# code, table and attribute characters are backslash-escaped (a backslash before "(" would
# itself open arithmatex's inline math, so round brackets stay: without "[" they link nothing).
_PLAIN_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;", "\\": "&#92;", "`": "&#96;",
                  "{": "&#123;", "}": "&#125;", **{ch: "\\" + ch for ch in "*_[]|#!"}}


def plain(text: str) -> str:
    """Text from a data file (a location, a title) as Markdown that shows exactly that text."""
    return "".join(_PLAIN_ESCAPES.get(ch, ch) for ch in text)


def class_name(name: str, prose: Mapping, with_original: bool = False) -> str:
    """A class name from a data file in the page's language ("イヌ" → "Dog" in English), with the
    data file's own word in parentheses where asked; a name the prose does not know is shown as is."""
    translated = prose.get("class." + name)
    if translated is None or translated == name:
        return plain(name)
    return f"{translated} ({plain(name)})" if with_original else translated


_INLINE_MATH = re.compile(r"\\\((.*?)\\\)")


def math_html(tex: str) -> str:
    """A formula as HTML for hooks/katex.py to typeset: arithmatex's own inline form."""
    return f'<span class="arithmatex">\\({html.escape(tex, quote=False)}\\)</span>'


def prose_html(text: str) -> str:
    """Prose that may hold inline math `\\( … \\)` (a step's reason, a mark) as HTML: its words
    as escaped text in the body's font, its math typeset; the same text shows as Markdown in the
    verification table."""
    pieces = _INLINE_MATH.split(text)  # words, math, words, …
    return "".join(html.escape(piece, quote=False) if n % 2 == 0 else math_html(piece)
                   for n, piece in enumerate(pieces) if piece)


def inline(expr: sympy.Basic) -> str:
    return rf"\({latex(expr)}\)"


def inline_equation(lhs: sympy.Basic, rhs: sympy.Basic) -> str:
    return rf"\({latex(lhs)} = {latex(rhs)}\)"


def display_block(tex: str) -> str:
    """A single formula as a display block (an article's as printed, or one of ours)."""
    return f"$$\n{tex}\n$$"


def anchor(name: str) -> str:
    return f'<a id="{name}"></a>'


def equation_anchor(tag: str) -> str:
    """The page anchor of an equation: "6.2" → eq-6-2; a tag is free text ("KL"), so anything but
    an ASCII letter, digit, '-' or '_' becomes '-'."""
    return "eq-" + "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in tag)


def display(lines: list, tag: str | None) -> str:
    """A display block of aligned lines; arithmatex breaks on a blank line inside `$$`."""
    body = " \\\\\n".join(lines)
    tagged = f"\n\\tag{{{tag}}}" if tag else ""
    return f"$$\n\\begin{{aligned}}\n{body}\n\\end{{aligned}}{tagged}\n$$"


def definition_block(definition: Definition) -> str:
    line = f"{latex(definition.lhs)} &= {latex(definition.rhs)}"
    head = [anchor(equation_anchor(definition.tag))] if definition.tag else []
    return "\n\n".join(head + [display([line], definition.tag)])


def step_mark(prose: Mapping, evidence: Evidence, erratum: str = "") -> str:
    """A step's verification mark as HTML, and where the article disagrees (`erratum`, the claim's
    id) a ⚠ that links to that erratum. A symbolic proof's mark says what it was proved for: the
    conditions it used (K = 3, y > 0) in math, or "for all values" when it used none."""
    method = prose[f"method.{evidence.method}.short"]
    mark = _scoped(prose, method, evidence.conditions) if evidence.method == SYMBOLIC else html.escape(method)
    if not erratum:
        return f"✓ {mark}"
    label = html.escape(say(prose, "finding.see-errata", id=erratum), quote=True)
    return f'✓ {mark} <a class="chain-erratum" href="{ERRATA_URL}#erratum-{erratum}" aria-label="{label}">⚠</a>'


def detail_text(evidence: Evidence, prose: Mapping) -> str:
    """The verification table's detail of a step: a symbolic proof's scope in the page's
    language (its conditions as math), then what a prover adds; other methods' own detail."""
    if evidence.gap is not None and evidence.gap <= evidence.tolerance:  # a numeric "≈" that holds
        return say(prose, "detail.within", gap=rf"\({latex(evidence.gap)}\)",
                   tolerance=rf"\({latex(evidence.tolerance)}\)")
    if evidence.method != SYMBOLIC:
        return evidence.detail or ""
    conditions = prose["list.separator"].join(rf"\({condition.tex}\)" for condition in evidence.conditions)
    scope = say(prose, "detail.under", conditions=conditions) if conditions else prose["detail.all-values"]
    return f"{scope}{prose['errata.and']}{note_text(evidence.note, prose)}" if evidence.note else scope


# A prover's note is one fixed phrase (derivations/proofs.py); each has its words in every
# language, so that no English note is left on a Japanese page. A new note without words here
# fails the build (KeyError), rather than showing in the prover's English.
_NOTES = {"solved for class 2": "note.solved-for-class-2", "symbolic N and K": "note.symbolic-n-k",
          "symbolic K": "note.symbolic-k", "exp z > 0": "note.exp-positive", "by (L2)": "note.by-l2"}


def note_text(note: str, prose: Mapping) -> str:
    """A prover's note in the page's language; a part's own prover finds its words in its
    part's prose, under `note.<the note>`."""
    return prose[_NOTES.get(note, f"note.{note}")]


def _scoped(prose: Mapping, method: str, conditions: tuple) -> str:
    if not conditions:
        return prose_html(say(prose, "mark.all-values", method=method))
    tex = r",\ ".join(condition.tex for condition in conditions)
    return prose_html(say(prose, "mark.under", method=method, conditions=rf"\({tex}\)"))


def step_anchor(chain_id: str, position: int) -> str:
    """The page anchor of a chain's numbered line: line 5 of chain sample-2 → step-sample-2-5."""
    return f"step-{chain_id}-{position}"


def chain_lines(checked: CheckedChain, prose: Mapping, errata: Mapping | None = None) -> list:
    """The lines of a chain as HTML rows: each its number (which carries the line's anchor), its
    formula (left side, then "= right side"), and a note of its reason and mark; `errata` maps a
    line's number to the erratum about it. A formula is inline math in display style, so that on
    a narrow screen it wraps at its top-level "=" and "+" (KaTeX breaks inline math there only)."""
    chain, errata = checked.chain, errata or {}
    lines = []
    for position, (step, evidence) in enumerate(zip(chain.steps, checked.evidence), 1):
        head = math_html(rf"\displaystyle {latex(chain.lhs)}") if position == 1 else ""
        relation = r"\approx" if step.approximate else "="
        # "{}" before the relation gives it the spacing it has after a left side, as in aligned.
        rest = math_html(rf"\displaystyle {{}} {relation} {latex(step.expr)}")
        number = f'<span class="chain-number" id="{step_anchor(chain.id, position)}">{position}</span>'
        formula = (f'<span class="chain-formula"><span class="chain-lhs">{head}</span>'
                   f'<span class="chain-rhs">{rest}</span></span>')
        reason = prose_html(say(prose, "reason." + step.reason, **reason_values(chain)))
        mark = step_mark(prose, evidence, errata.get(position, ""))
        note = (f'<span class="chain-note"><span class="chain-reason">{reason}</span> '
                f'<span class="chain-mark">{mark}</span></span>')
        # Spaces between the cells (not drawn in the grid) keep the search index's words apart.
        lines.append(f'<div class="chain-line">{number} {formula} {note}</div>')
    return lines


def reason_values(chain) -> dict:
    """The values a step reason's placeholders may use: the chain's, and K where known."""
    return {**chain.params, "classes": chain.context.assumptions.get(K, "K")}


def chain_html(lines: list, tag: str | None) -> str:
    """A chain's rows as one HTML block (laid out by stylesheets/chains.css: columns on a wide
    screen, each reason and mark under its formula on a narrow one), with its equation number."""
    tagged = f'<span class="chain-tag">({html.escape(tag, quote=False)})</span>' if tag else ""
    # --lines lets the equation number span the rows, centred beside them as \tag would be.
    rows = "\n".join(lines)
    return f'<div class="chain"><div class="chain-lines" style="--lines: {len(lines)}">\n{rows}{tagged}</div></div>'


def chain_block(checked: CheckedChain, prose: Mapping, verdicts: list, corrections: Mapping | None = None) -> str:
    """A chain with its anchor, title and lines, and the article's findings (and `corrections`) beside it."""
    chain = checked.chain
    # A line two findings concern links to the first of them (its box below names both).
    errata = {v.claim.step: v.claim.id for v in reversed(verdicts) if v.claim.step}
    head = [anchor("chain-" + chain.id)]
    head += [anchor(equation_anchor(chain.tag))] if chain.tag else []
    title = f"**{say(prose, 'chain.' + chain.title, **chain.params)}**"
    parts = ["".join(head) + title, chain_html(chain_lines(checked, prose, errata), chain.tag)]
    return "\n\n".join(parts + [finding(v, prose, (corrections or {}).get(v.claim.id, "")) for v in verdicts])


def finding(verdict: Verdict, prose: Mapping, correction: str = "") -> str:
    """An admonition next to a chain: the corrected text (Markdown, as the errata entry shows it),
    then what the article prints there and why it differs."""
    claim = verdict.claim
    key = "finding.next-to-step" if claim.step else "finding.next-to-chain"
    title = say(prose, key, step=claim.step)
    link = f"[{say(prose, 'finding.see-errata', id=claim.id)}](errata.md#erratum-{claim.id})"
    body = [f"[{say(prose, 'finding.to-line', step=claim.step)}](#{step_anchor(claim.chain, claim.step)})"]
    colon = prose["colon"]
    body = (body if claim.step else []) + [f"{prose['finding.printed']}{colon}{printed_text(verdict)}"]
    if claim.kind == "number":
        body.append(f"{prose['finding.ours']}{colon}{values_text(verdict.computed)}")
        body.append(f"{prose['finding.base10']}{colon}{values_text(verdict.base10)}")
    body.append(f"{prose['errata.col.diagnosis']}{colon}{diagnosis_text(verdict, prose)}")
    lines = "\n".join(f"    - {line}" for line in body + [link])
    # Indented into the admonition; a blank line stays blank (arithmatex breaks on a blank line inside $$).
    first = "".join(f"    {line}\n" if line else "\n" for line in correction.splitlines()) + "\n" if correction else ""
    return f'{anchor("finding-" + claim.id)}\n\n!!! warning "{title}"\n\n{first}{lines}'


def printed_text(verdict: Verdict) -> str:
    if verdict.claim.kind == "name":
        return ", ".join(rf"\({p}\)" for p in verdict.claim.printed)
    return vector_text(verdict.claim.printed)


def values_text(values: tuple) -> str:
    return vector_text(tuple(rounded(v, SHOWN_PLACES) for v in values))


def vector_text(entries: tuple) -> str:
    return entries[0] if len(entries) == 1 else "(" + ", ".join(entries) + ")"


def diagnosis_text(verdict: Verdict, prose: Mapping) -> str:
    """The computed diagnosis in words: explanations joined by "or", departures by "and"."""
    if not verdict.diagnoses:
        return prose["errata.no-diagnosis"]
    explanations = [prose["errata.and"].join(deviation_text(d, prose) for d in option) for option in verdict.diagnoses]
    return f" {prose['errata.or']} ".join(explanations)


def deviation_text(deviation: Deviation, prose: Mapping) -> str:
    if deviation.kind != "name":
        return say(prose, "diagnosis." + deviation.kind, detail=deviation.detail)
    text = say(prose, "diagnosis.name", printed=deviation.printed, ours=deviation.ours)
    meaning = meaning_text(deviation.detail, prose)
    return text + (say(prose, "diagnosis.name-meaning", printed=deviation.printed, meaning=meaning) if meaning else "")


def meaning_text(names: str, prose: Mapping) -> str:
    """What a model name means, in words: "E[2]" → the loss of sample 2; "" for none."""
    if not names:
        return ""
    (name,) = expressions.parse_names(names)
    if isinstance(name, sympy.Indexed) and name.base == E:
        return say(prose, "meaning.sample", sample=name.indices[0])
    keys = {t[k]: "meaning.label", y[k]: "meaning.prediction", total_loss_name: "meaning.total"}
    return prose[keys[name]] if name in keys else ""


def table(header: list, rows: list) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    # A "|" inside a cell (e.g. |difference| in a step's detail) would end the cell.
    lines += ["| " + " | ".join(str(cell).replace("|", r"\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass(frozen=True)
class Edition:
    """One language of the site: its code and its prose."""

    language: str
    prose: Mapping

    def say(self, key: str, **values: object) -> str:
        return say(self.prose, key, **values)


def article_link(verified, prose: Mapping | None = None) -> str:
    """The cited article: its title and address where the part's data file records them, else
    "part N of the series" linked to the part's url."""
    if verified.source:
        return f"[{plain(verified.source.title)}]({verified.source.url})"
    text = say(prose, "article.part", part=verified.part.number) if prose else verified.part.url
    return f"[{text}]({verified.part.url})"
