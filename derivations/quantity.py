"""What a claim states, parsed once: a sample's loss, the total, the mean, a vector, a formula, or names.

Owns the small union of quantities and reading one from the text a data file gives
(`E[2]`, `E_sum`, `E`; the binary `BCE[2]` and `BCE`; `mean(E[1], E[3])` and `sum(…)` over
listed samples; `E[1], E[2], E[3]`, a vector of per-sample losses; a formula over t and y,
or for a name claim a list of names), so that nothing downstream slices strings. A list is
split on commas and each entry matched whole: nothing is evaluated. The grammars of formulas
and names are `expressions`'; judging a quantity is `claims`'. Pure: text in, values out.
"""
from dataclasses import dataclass

import sympy

from derivations import expressions, limits
from derivations.expressions import FormulaError
from derivations.symbols import total_loss_name


def _loss_name(binary: bool) -> str:
    return "BCE" if binary else "E"


@dataclass(frozen=True)
class SampleLoss:
    """E[i]: the loss of one sample; BCE[i]: its binary cross-entropy, y[i,2] being P(class 1)."""

    sample: int
    binary: bool = False

    @property
    def text(self) -> str:
        return f"{_loss_name(self.binary)}[{self.sample}]"


@dataclass(frozen=True)
class TotalLoss:
    """E_sum: the loss summed over the samples (`samples`: those listed; empty: all)."""

    samples: tuple = ()
    binary: bool = False

    @property
    def text(self) -> str:
        return _listed("sum", self.samples, self.binary) if self.samples else "E_sum"


@dataclass(frozen=True)
class MeanLoss:
    """E: the mean loss over the samples (`samples`: those listed; empty: all); BCE: the binary mean."""

    samples: tuple = ()
    binary: bool = False

    @property
    def text(self) -> str:
        return _listed("mean", self.samples, self.binary) if self.samples else _loss_name(self.binary)


@dataclass(frozen=True)
class LossVector:
    """E[1], E[2], …: the per-sample losses of the listed samples, printed as one vector."""

    samples: tuple
    binary: bool = False

    @property
    def text(self) -> str:
        return ", ".join(SampleLoss(n, self.binary).text for n in self.samples)


def _listed(function: str, samples: tuple, binary: bool) -> str:
    return f"{function}({LossVector(samples, binary).text})"


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


Quantity = SampleLoss | TotalLoss | MeanLoss | LossVector | Formula | Names
NAMED = {"E_sum": TotalLoss(), "E": MeanLoss(), "BCE": MeanLoss(binary=True)}
LISTS = {"mean(": MeanLoss, "sum(": TotalLoss}


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
        return SampleLoss(*sample)
    listed = _list_of_losses(text)
    if listed:
        return listed
    if not formulas:
        raise FormulaError(f"{text[:40]!r} is none of them")
    return Formula(text, expressions.parse(text))


def _sample(text: str) -> tuple:
    """(i, binary) of "E[i]" or "BCE[i]" written with ASCII digits (at most six: no table has more
    rows), else ()."""
    name, _, rest = text.partition("[")
    inside = rest[:-1]
    digits = inside.isascii() and inside.isdigit() and len(inside) <= 6
    if name in ("E", "BCE") and rest.endswith("]") and digits and int(inside) > 0:
        return int(inside), name == "BCE"
    return ()


def _list_of_losses(text: str) -> Quantity | None:
    """mean(…), sum(…) or a bare list of E[i] (or of BCE[i]); None if the text is none of them."""
    function = next((name for name in LISTS if text.startswith(name) and text.endswith(")")), "")
    inner = text[len(function):-1] if function else text
    if not function and not (text.startswith(("E[", "BCE[")) and "," in text):
        return None  # a formula's cells hold commas too: y[2,3]
    if len(text) > limits.MAX_FORMULA_CHARS:
        raise FormulaError(f"the list is {len(text)} characters long; the limit is {limits.MAX_FORMULA_CHARS}")
    entries = [_sample(entry.strip(" ")) for entry in inner.split(",")]
    if not all(entries) or len({binary for _, binary in entries}) != 1:
        raise FormulaError(f"{text[:40]!r}: a list holds E[i] entries only, or BCE[i] entries only, "
                           "separated by commas, e.g. \"mean(E[1], E[3])\"")
    samples, binary = tuple(sample for sample, _ in entries), entries[0][1]
    return LISTS[function](samples, binary) if function else LossVector(samples, binary)


def plain_name(name: sympy.Expr) -> str:
    """A model name written as a quantity is: y[4,3], E[2], t[k], E_sum (plain text, not LaTeX)."""
    if name == total_loss_name:
        return "E_sum"
    if isinstance(name, sympy.Indexed):
        return f"{name.base}[{','.join(str(index) for index in name.indices)}]"
    return str(name)
