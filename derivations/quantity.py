"""What a claim states, parsed once: a sample's loss, the total, the mean, a formula, or names.

Owns the small union of quantities and reading one from the text a data file gives
(`E[2]`, `E_sum`, `E`, a formula over t and y, or for a name claim a list of names), so that
nothing downstream slices strings. The grammars of formulas and names are `expressions`';
judging a quantity is `claims`'. Pure: text in, values out.
"""
from dataclasses import dataclass

import sympy

from derivations import expressions
from derivations.expressions import FormulaError


@dataclass(frozen=True)
class SampleLoss:
    """E[i]: the loss of one sample."""

    sample: int

    @property
    def text(self) -> str:
        return f"E[{self.sample}]"


@dataclass(frozen=True)
class TotalLoss:
    """E_sum: the loss summed over the samples."""

    text: str = "E_sum"


@dataclass(frozen=True)
class MeanLoss:
    """E: the mean loss over the samples."""

    text: str = "E"


@dataclass(frozen=True)
class Formula:
    """A formula over the table's t and y, as written and as read."""

    text: str
    expr: sympy.Expr


@dataclass(frozen=True)
class Names:
    """The model's names a printed symbol should be (a name claim), as written and as read."""

    text: str
    names: tuple


Quantity = SampleLoss | TotalLoss | MeanLoss | Formula | Names
NAMED = {"E_sum": TotalLoss(), "E": MeanLoss()}


def read(text: str, kind: str = "number", formulas: bool = False) -> Quantity:
    """The quantity a claim of `kind` states; `formulas` admits a formula over t and y.

    FormulaError, in words, for anything else.
    """
    if kind == "name":
        return Names(text, expressions.parse_names(text))
    if text in NAMED:
        return NAMED[text]
    sample = _sample(text)
    if sample:
        return SampleLoss(sample)
    if not formulas:
        raise FormulaError(f"{text[:40]!r} is none of them")
    return Formula(text, expressions.parse(text))


def _sample(text: str) -> int:
    """The i of "E[i]" written with ASCII digits (at most six: no table has more rows), else 0."""
    inside = text[2:-1]
    if text.startswith("E[") and text.endswith("]") and inside.isascii() and inside.isdigit() and len(inside) <= 6:
        return int(inside)
    return 0
