"""Why a printed number disagrees: the ways of computing a quantity differently that reproduce it.

Owns `Convention` (one way of computing: log base, sign, which element of y (for a one-hot
row only: a soft label has no single true class), summed over the classes or not, sum or
mean), `Deviation` (one departure from the definitions) and the search over every
combination that keeps the explanations reproducing every printed digit with the fewest
departures. Evaluating a quantity under a convention is `claims`', handed in.
"""
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from derivations.latex import latex
from derivations.quantity import MeanLoss, Quantity, SampleLoss, TotalLoss
from derivations.symbols import y
from derivations.table import Table

BASES = ("e", "10", "2")


@dataclass(frozen=True)
class Deviation:
    """One departure from the definitions: kind plus what it departs to."""

    kind: str  # "base", "sign", "element", "elementwise", "sum-for-mean", "mean-for-sum", "name"
    detail: str = ""  # the base, the element read instead, or what a misprinted name names
    printed: str = ""  # for "name": the name as printed
    ours: str = ""  # for "name": the name the model gives


@dataclass(frozen=True)
class Convention:
    """One way of computing a quantity; the default is the definitions themselves."""

    base: str = "e"
    negated: bool = True
    chosen_class: int = 0  # the class whose y is read for a sample loss; 0: the labelled one
    summed_over_classes: bool = True
    averaged: bool | None = None  # None: as the quantity defines it

    def deviations(self, quantity: Quantity) -> tuple:
        found = [Deviation("base", self.base)] if self.base != "e" else []
        found += [] if self.negated else [Deviation("sign")]
        if self.chosen_class:
            found.append(Deviation("element", latex(y[quantity.sample, self.chosen_class])))
        found += [] if self.summed_over_classes else [Deviation("elementwise")]
        if self.averaged is not None:
            found.append(Deviation("mean-for-sum" if self.averaged else "sum-for-mean"))
        return tuple(found)


def diagnose(quantity: Quantity, printed: tuple, table: Table, evaluate: Callable, reproduces: Callable) -> tuple:
    """The explanations that reproduce the printed value, fewest departures first.

    `evaluate(convention)` is the quantity's value under a convention; `reproduces(values,
    printed)` whether values round to the printed entries.
    """
    matches = [convention.deviations(quantity) for convention in _conventions(quantity, table)
               if reproduces(evaluate(convention), printed)]
    if not matches:
        return ()
    fewest = min(len(m) for m in matches)
    return tuple(m for m in matches if len(m) == fewest)


def _conventions(quantity: Quantity, table: Table) -> list:
    sample = quantity.sample if isinstance(quantity, SampleLoss) else 0
    # Reading another element of y is a departure only from a one-hot row's single true class.
    one_hot = bool(sample) and table.row_one_hot(sample)
    classes = [c for c in range(0, len(table.classes) + 1) if not c or c != table.true_class(sample)] if one_hot else [0]
    summed = (True, False) if sample else (True,)
    averaged = (None, not isinstance(quantity, MeanLoss)) if isinstance(quantity, MeanLoss | TotalLoss) else (None,)
    grid = itertools.product(BASES, (True, False), classes, summed, averaged)
    return [Convention(*options) for options in grid]
