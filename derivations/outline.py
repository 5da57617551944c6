"""The shape of a derivation: the part of the series it rebuilds, and its page's sections.

Owns the values a derivation module declares and returns (`Part`, `Definition`, `Section`,
`Derivation`) and nothing else: no checking (that is `steps`), no LaTeX (that is `latex`),
no site-wide prose (that is the prose catalogue; sections name their prose by key).
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy

from derivations.steps import Chain


@dataclass(frozen=True)
class Definition:
    """A formula the derivation introduces: `lhs = rhs`, taken as given, not checked."""

    id: str
    lhs: sympy.Basic
    rhs: sympy.Basic
    tag: str | None = None
    uses: tuple = ()  # the equation numbers it comes from: the edges of the overview's diagram


@dataclass(frozen=True)
class Section:
    """A heading, our prose (by key), and the formulas it shows, in reading order."""

    id: str
    items: tuple  # Definitions, Chains and Listings
    figure: str | None = None  # a picture of the worked example shown after the items (pages.FIGURES)
    calculator: bool = False  # the in-page calculator (derivations/calculator.py) after the items
    table: bool = False  # the part's worked example as a table (derivations/example_table.py) before the items


@dataclass(frozen=True)
class Listing:
    """A table of values the checks do not cover (e.g. floating-point results), shown as
    computed: its columns' headings by prose key, each row's cells as formulas."""

    id: str
    header: tuple  # prose keys, one per column
    rows: tuple  # tuples of cells, one per column: SymPy expressions, or prose keys (str) for words


@dataclass(frozen=True)
class Derivation:
    slug: str  # the page name: docs/<slug>.md
    source_url: str
    sections: tuple
    # Files under docs/ the derivation computes beside its page (path -> text): `build` writes
    # them and `check` compares them, as it does the pages.
    generated: Mapping = field(default_factory=dict)

    def chains(self) -> tuple:
        return tuple(item for s in self.sections for item in s.items if isinstance(item, Chain))

    def definitions(self) -> tuple:
        return tuple(item for s in self.sections for item in s.items if isinstance(item, Definition))


@dataclass(frozen=True)
class Part:
    """One derivation module's declaration: which part of the series, its page, its data.

    Its identity is its number and its slug; its `url` is only the link its page cites (two
    parts may rebuild one article).
    """

    number: int  # the part of the series: the order of the pages
    slug: str  # its page: docs/<slug>.md (and docs/<slug>.en.md)
    url: str  # the article it rebuilds, cited on its page
    build: Callable  # (Table or None) -> Derivation
    data_file: str | None = None  # its worked example under data/ (a file name), if it has numbers
    prose: Mapping = field(default_factory=dict)  # language -> key -> text, for its own keys
    worked_example: bool = False  # the site's worked example: the overview, errata and pictures cite it
    one_hot: bool = False  # its chains use each sample's true class, so its table must be one-hot
    # Ours, after the articles: listed apart in the navigation, and one box in the overview's
    # picture (named by prose key box.<slug>), which has no room for every equation past the series.
    past_the_series: bool = False
