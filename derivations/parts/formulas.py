"""Part 1 of the series: the two formulas everything leads to, (1) and (2), derived here.

Owns the part-1 page: (1), the batch categorical cross-entropy, is part 5's (6.3); (2), the
batch binary cross-entropy, is (1) with K = 2 and one-hot labels, reached through part 6.
Both are checked chains, tagged with part 1's equation numbers so the overview's diagram
ends at them. How part 1 prints them is audited on the errata page (data/formulas.toml).
"""
import dataclasses

from derivations import model
from derivations.outline import Derivation, Inputs, Part, Section
from derivations.parts import binary
from derivations.steps import Chain, Context, Step
from derivations.symbols import batch_loss_name

SLUG = "formulas"
URL = "https://blog.qualiteg.com/cross-entropy-01"


def derivation(inputs: Inputs) -> Derivation:
    multi_class = Chain("part1-1", "part1-1", batch_loss_name,
                        (Step(model.batch_loss(), "part1-is-6-3"),), Context(unfold=model.unfold_names),
                        tag="1", uses=("6.3",))
    binary_class = dataclasses.replace(binary.from_categorical_chain(), id="part1-2", title="part1-2", tag="2",
                                       uses=("1", "7.1"))
    sections = (Section("part1-1", (multi_class,)), Section("part1-2", (binary_class,)))
    return Derivation(SLUG, URL, sections)


PROSE = {
    "ja": {
        "equation.1": "多クラス",  # the box of (1) in the overview diagram
        "equation.2": "2クラス",
        "title.formulas": "第1回：2つの交差エントロピーの式",
        "formulas.lead": (
            "${source}は、多値分類と2値分類の交差エントロピーとして2つの式 (1)、(2) を示し、"
            "同じところから導かれると述べています。ここでは、この連載の導出がたどり着く先として、"
            "両方の式を、一行ずつ検証した式変形で導きます。第1回での書き方の食い違いは正誤表にあります。"
        ),
        "index.page.formulas": "到達点の2つの式 (1)、(2) を、第5回・第6回の結果から導きます。",
        "section.part1-1": "多値分類 (1)",
        "section.part1-1.text": "(1) は第5回の (6.3) そのものです（第1回は和の下限を省いて記載しています）。",
        "chain.part1-1": "(1) は (6.3)",
        "reason.part1-is-6-3": "(6.3) より",
        "section.part1-2": "2値分類 (2)",
        "section.part1-2.text": (
            "(2) は、(1) で K = 2 とし、各件のラベルと予測の第2成分を第1成分で表したものです（第6回の (7.1) と同じ置き換え）。"
        ),
        "chain.part1-2": "(2) は K = 2 の (1)",
    },
    "en": {
        "equation.1": "multi-class",
        "equation.2": "binary",
        "title.formulas": "Part 1: the two cross-entropy formulas",
        "formulas.lead": (
            "The series begins with two formulas, (1) and (2), which ${source} presents as the multi-class and the "
            "binary cross-entropy, saying they share one origin. Here both are derived, every line checked, as the "
            "place where the series' derivation arrives. How part 1 writes them is audited on the errata page."
        ),
        "index.page.formulas": "The two destination formulas (1) and (2), derived from parts 5 and 6.",
        "section.part1-1": "Multi-class (1)",
        "section.part1-1.text": "(1) is part 5's (6.3) itself (part 1 prints it without the sums' lower limits).",
        "chain.part1-1": "(1) is (6.3)",
        "reason.part1-is-6-3": "by (6.3)",
        "section.part1-2": "Binary (2)",
        "section.part1-2.text": (
            "(2) is (1) with K = 2, the second component of each label and prediction written through the first "
            "(the substitution of part 6's (7.1))."
        ),
        "chain.part1-2": "(2) is (1) with K = 2",
    },
}

PART = Part(number=1, slug=SLUG, url=URL, build=derivation, prose=PROSE)
