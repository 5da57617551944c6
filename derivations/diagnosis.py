"""Why a printed number disagrees: the ways of computing a quantity differently that reproduce it.

Owns `Convention` (one way of computing: log base, sign, which element of y (for a one-hot
row only: a soft label has no single true class), summed over the classes or not, sum or
mean, and the preparations a file may declare: rows renormalized, y clipped to [ε, 1 − ε],
ε added inside the log; and the slips of an author's file: another sample's element, the
table read transposed, a mean divided by K or by N − 1, the terms rounded before they are
summed, the softmax of logits rounded before the log, the digits truncated, a percentage), `Deviation` (one departure from the declared
convention), the search over every combination that keeps the explanations reproducing
every printed digit with the fewest departures, and their ranking: fewer departures first,
then the more common slips (`COMMONNESS`). Evaluating a quantity under a convention is
`evaluation`'s, and whether it reproduces the printed digits `claims`', both handed in.
"""
import dataclasses
import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from derivations.latex import latex
from derivations.quantity import MeanLoss, Quantity, SampleLoss, TotalLoss, plain_name
from derivations.symbols import y
from derivations.table import Table, label_value

BASES = ("e", "10", "2")
# The constants code adds inside the log, as causes the search tries when a file declares none:
# a textbook's and Keras's 1e-7, and the 1e-8, 1e-12 and 1e-15 of other libraries and notes.
COMMON_EPSILON_EXPONENTS = (7, 8, 12, 15)
# The bounds code clips y to, [ε, 1 − ε], as causes the search tries when a file declares none:
# Keras's 1e-7 and scikit-learn's former log_loss default 1e-15.
COMMON_CLIP_EXPONENTS = (7, 15)
# The departures from the most to the least common, by our reading of worked examples (the
# corpus under tests/corpus/ and the errata of the series): of two explanations with as many
# departures, the one whose departures come first here is shown first.
COMMONNESS = ("sign", "base", "sum-for-mean", "mean-for-sum", "percentage", "softmax-rounded", "truncated",
              "rounded-terms", "element", "other-sample", "epsilon", "no-epsilon", "clipped", "renormalized", "float32", "elementwise", "divided-by-N-1",
              "divided-by-K", "transposed", "name")
# Another sample's element is looked for in the rows this near the claim's own: a slip of the
# eye or of copying lands on a neighbour, and a search of every row would cost N times more.
NEIGHBOUR_ROWS = 2
# The decimals to which an article may have rounded the softmax of its logits before taking
# their log: it prints them to two or three places, seldom one or four.
SOFTMAX_PLACES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Deviation:
    """One departure from the definitions: kind plus what it departs to."""

    kind: str  # one of COMMONNESS
    detail: str = ""  # the base, the element read instead, the ε added ("1e-7"), the places of rounded
    # terms, or what a misprinted name names
    printed: str = ""  # for "name": the name as printed
    ours: str = ""  # for "name": the name the model gives
    plain: str = ""  # for "element" and "name": the model's name as a quantity is written (y[4,3], E[4])


@dataclass(frozen=True)
class Convention:
    """One way of computing a quantity; the default is the definitions themselves."""

    base: str = "e"
    negated: bool = True
    chosen_class: int = 0  # the class whose y is read for a sample loss; 0: the labelled one
    summed_over_classes: bool = True
    averaged: bool | None = None  # None: as the quantity defines it
    renormalized: bool = False  # each prediction row divided by its sum before the log (Keras)
    clip: sympy.Rational = sympy.Integer(0)  # y clipped to [clip, 1 − clip]; 0: not clipped
    epsilon: sympy.Rational = sympy.Integer(0)  # added inside the log, log(y + ε); 0: nothing added
    smoothing: sympy.Rational = sympy.Integer(0)  # label smoothing: t read as (1 − ε)·t + ε/K; 0: none
    float32: bool = False  # computed in numpy float32, as frameworks do (a cause the search may find)
    row: int = 0  # the sample whose row of y is read for a sample loss; 0: its own
    transposed: bool = False  # y[k, i] read for y[i, k]
    divisor: str = ""  # a mean divided by "K" or "N-1" instead of the number of samples averaged
    rounded_terms: int = 0  # each sample's loss rounded to this many places before the sum; 0: not rounded
    softmax_places: int = 0  # the softmax of logits rounded to this many places before the log; 0: not rounded
    truncated: bool = False  # the printed digits cut off, not rounded (judged by `claims`)
    percentage: bool = False  # the printed value read the other way: as a percentage, or as not one

    @property
    def preparation(self) -> tuple:
        """What is done to the predictions before the log: (renormalized, clip, epsilon)."""
        return self.renormalized, self.clip, self.epsilon

    def deviations(self, quantity: Quantity, declared: "Convention | None" = None) -> tuple:
        """How this convention departs from the declared one (by default, the definitions)."""
        stated = declared or Convention()
        found = [Deviation("base", self.base)] if self.base != stated.base else []
        found += [] if self.negated else [Deviation("sign")]
        if self.chosen_class or self.row:
            cell = y[self.row or quantity.sample, self.chosen_class]
            found.append(Deviation("other-sample" if self.row else "element", latex(cell), plain=plain_name(cell)))
        found += [] if self.summed_over_classes else [Deviation("elementwise")]
        if self.averaged is not None:
            found.append(Deviation("mean-for-sum" if self.averaged else "sum-for-mean"))
        return tuple(found) + self._preparations(stated) + self._slips()

    def _preparations(self, stated: "Convention") -> tuple:
        """The departures of code from the declared preparation of y and number format."""
        found = []
        if self.epsilon != stated.epsilon:
            found.append(Deviation("epsilon", constant_text(self.epsilon)) if self.epsilon
                         else Deviation("no-epsilon", constant_text(stated.epsilon)))
        found += [Deviation("clipped", constant_text(self.clip))] if self.clip and self.clip != stated.clip else []
        found += [Deviation("renormalized")] if self.renormalized and not stated.renormalized else []
        found += [Deviation("float32")] if self.float32 and not stated.float32 else []
        return tuple(found)

    def _slips(self) -> tuple:
        """The departures of an author's slips, in COMMONNESS order."""
        flags = (("percentage", self.percentage), ("truncated", self.truncated), ("transposed", self.transposed),
                 ("divided-by-N-1", self.divisor == "N-1"), ("divided-by-K", self.divisor == "K"))
        rounded = (Deviation("rounded-terms", str(self.rounded_terms)),) if self.rounded_terms else ()
        rounded += (Deviation("softmax-rounded", str(self.softmax_places)),) if self.softmax_places else ()
        return rounded + tuple(Deviation(kind) for kind, on in flags if on)


def rank(explanation: tuple) -> tuple:
    """Fewer departures first, then the more common ones (COMMONNESS)."""
    return len(explanation), sorted(COMMONNESS.index(deviation.kind) for deviation in explanation)


def constant_text(value: sympy.Rational) -> str:
    """A small constant as code writes it: 1e-7 for 1/10^7, else its decimal digits."""
    exponent = sympy.multiplicity(10, value.q) if value.p == 1 else 0
    return f"1e-{exponent}" if exponent and value.q == 10**exponent else str(sympy.Float(value, 15))


def diagnose(quantity: Quantity, table: Table, reproduced: Callable, declared: Convention | None = None,
             code: bool = False, float32: bool = True, places: int = 0) -> tuple:
    """The explanations that reproduce the printed value, fewest and most common departures first.

    `reproduced(convention)` is whether the quantity computed under a convention reproduces
    every printed digit; departures are counted from the `declared` convention (by default,
    the definitions); `code` adds the departures of code (an ε inside the log and, if
    `float32`, computing in float32) and an author's slips (`places`: the decimals printed,
    to which the terms of a sum may have been rounded).
    """
    stated = declared or Convention()
    conventions = _candidates(quantity, table, stated, code, float32, places)
    matches = [convention.deviations(quantity, stated) for convention in conventions if reproduced(convention)]
    if not matches:
        return ()
    fewest = min(len(m) for m in matches)
    return tuple(sorted((m for m in matches if len(m) == fewest), key=rank))


@functools.lru_cache(maxsize=64)
def _candidates(quantity: Quantity, table: Table, declared: Convention, code: bool, float32: bool,
                places: int) -> tuple:
    # Cached: a file often repeats a kind of claim, and making the conventions is a tenth of
    # the search's cost.
    conventions = _conventions(quantity, table, declared)
    if code:
        conventions += _code_constants(quantity, table, declared, float32) + _slips(quantity, table, declared, places)
    return tuple(conventions)


def _conventions(quantity: Quantity, table: Table, declared: Convention) -> list:
    sample = quantity.sample if isinstance(quantity, SampleLoss) else 0
    # Reading another element of y is a departure only from a one-hot row's single true class
    # (a binary loss reads both of its classes).
    one_hot = bool(sample) and not quantity.binary and table.row_one_hot(sample)
    classes = [c for c in range(0, len(table.classes) + 1) if not c or c != table.true_class(sample)] if one_hot else [0]
    summed = (True, False) if sample else (True,)
    averaged = (None, not isinstance(quantity, MeanLoss)) if isinstance(quantity, MeanLoss | TotalLoss) else (None,)
    grid = itertools.product(BASES, (True, False), classes, summed, averaged)
    fields = ("base", "negated", "chosen_class", "summed_over_classes", "averaged")
    return [dataclasses.replace(declared, **dict(zip(fields, options))) for options in grid]


def _code_constants(quantity: Quantity, table: Table, declared: Convention, float32: bool) -> list:
    """The preparations of code (`_prepared_by_code`) and float32 arithmetic, each alone or
    together, with any log base, sign and sum or mean; not with the per-element departures,
    which would multiply the search by the number of classes."""
    formats = (False, True) if float32 else (False,)
    averaged = (None, not isinstance(quantity, MeanLoss)) if isinstance(quantity, MeanLoss | TotalLoss) else (None,)
    grid = itertools.product(BASES, (True, False), averaged, [{}] + _prepared_by_code(declared, table), formats)
    return [dataclasses.replace(declared, base=base, negated=negated, averaged=mean, float32=single, **prepared)
            for base, negated, mean, prepared, single in grid if prepared or single]


def _prepared_by_code(declared: Convention, table: Table) -> list:
    """What code may do to y that the file does not declare: add a common ε inside the log (or,
    where the file declares an ε, add none); where it changes a value of the table, clip to a
    common [ε, 1 − ε] and divide each row by its sum (Keras, alone or with its clip to 1e-7)."""
    def constants(exponents: tuple) -> list:
        return [sympy.Rational(1, 10**n) for n in exponents]

    low, high, unnormalized = _extent(table)
    clips = [] if declared.clip else [c for c in constants(COMMON_CLIP_EXPONENTS) if low < c or high > 1 - c]
    found = [{"epsilon": e} for e in constants(COMMON_EPSILON_EXPONENTS)] if not declared.epsilon else [{"epsilon": 0}]
    found += [{"clip": c} for c in clips]
    if unnormalized and not declared.renormalized:
        found += [{"renormalized": True}] + [{"renormalized": True, "clip": c} for c in clips[:1]]
    return found


@functools.lru_cache(maxsize=8)
def _extent(table: Table) -> tuple:
    """The smallest and largest prediction, and whether a row of printed predictions does not sum
    to exactly 1 (a softmax does, to its 70 digits): no clip or renormalizing that would change
    nothing is tried, which keeps the search of a typical table as short as before they were."""
    values = [value for row in table.values for value in row]
    unnormalized = any(sum(row) != 1 for n, row in enumerate(table.values, 1) if not table.from_logits(n))
    return min(values), max(values), unnormalized


def _slips(quantity: Quantity, table: Table, declared: Convention, places: int) -> list:
    """Each slip of an author's alone, with any log base and sign: the digits truncated or read as a
    percentage the other way; where samples give logits, the softmax rounded to a few places
    before the log; for a sample loss another sample's element or the table transposed;
    for a mean or sum the terms rounded first, the table transposed, or a mean's other divisor."""
    slips = [{"truncated": True}, {"percentage": True}]
    slips += [{"softmax_places": places} for places in SOFTMAX_PLACES] if table.has_logits else []
    if isinstance(quantity, SampleLoss) and not quantity.binary:
        slips += [{"row": row, "chosen_class": column} for row, column in _neighbours(quantity.sample, table)]
        slips += [{"transposed": True}] if transposable(table, (quantity.sample,), declared) else []
    if isinstance(quantity, MeanLoss | TotalLoss):
        samples = quantity.samples or tuple(range(1, table.samples + 1))
        slips += [{"rounded_terms": places}] if places else []
        slips += [{"transposed": True}] if not quantity.binary and transposable(table, samples, declared) else []
        slips += [{"divisor": d} for d in _divisors(quantity, table, len(samples))]
    return [dataclasses.replace(declared, base=base, negated=negated, **slip)
            for slip in slips for base, negated in itertools.product(BASES, (True, False))]


def _neighbours(sample: int, table: Table) -> list:
    """(row, class) of the elements of nearby samples a slip may read: the same class in another
    row, and that row's own true class (its loss in place of this one's)."""
    if not table.row_one_hot(sample):
        return []
    own = table.true_class(sample)
    nearby = range(max(1, sample - NEIGHBOUR_ROWS), min(table.samples, sample + NEIGHBOUR_ROWS) + 1)
    rows = [n for n in nearby if n != sample]
    found = [(row, own) for row in rows]
    found += [(row, table.true_class(row)) for row in rows if table.row_one_hot(row) and table.true_class(row) != own]
    return found


def transposable(table: Table, samples: tuple, declared: Convention = Convention()) -> bool:
    """Whether y[k, i] exists for each listed sample i and each class k its label reads (and no
    renormalizing reads the whole of a transposed row, which may not exist)."""
    reads = {k for n in samples for k, label in enumerate(table.labels[n - 1], 1) if label_value(label) != 0}
    return max(samples) <= len(table.classes) and max(reads) <= table.samples and not declared.renormalized


def _divisors(quantity: Quantity, table: Table, count: int) -> list:
    if not isinstance(quantity, MeanLoss):
        return []
    return (["N-1"] if count > 1 else []) + (["K"] if len(table.classes) != count else [])
