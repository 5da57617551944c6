"""The shape of a derivation: the part of the series it rebuilds, what its build is given, and
its page's sections.

Owns the values a derivation module declares (`Part`, `Computed`), is given (`Inputs`,
`Committed`) and returns (`Definition`, `Section`, `Derivation`) and nothing else: no checking
(that is `steps`), no LaTeX (that is `latex`), no site-wide prose (that is the prose catalogue;
sections name their prose by key), no reading (a build's inputs are read at the edge, by
`files` for `cli`, and reach it as text).
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import sympy

from derivations.steps import Chain
from derivations.table import Table


@dataclass(frozen=True)
class Computed:
    """A file under docs/ that a part computes beside its page and reads back on the next build
    (declared in `Part.computed`): its values are trusted while its fingerprint is current."""

    path: str  # under docs/, as the part writes it in `Derivation.generated`
    module: Path  # the module that computes it: its source is part of the fingerprint
    library: str  # the distribution it computes with: its installed version is part of the fingerprint


@dataclass(frozen=True)
class Committed:
    """A `Computed` file as the edge read it: its text under the --docs folder (None where it is
    missing or unreadable) and its computing code (the module's source and the library's
    version). The default is a file nobody read: no text, no code."""

    text: str | None = None
    code: bytes = b""


@dataclass(frozen=True)
class Inputs:
    """Everything a part's build is given, one value for every part, read before it is called."""

    table: Table | None = None  # its data file's worked example; None without a data file
    settings: Mapping = field(default_factory=dict)  # its data file's [settings]: name -> value as read
    committed: Mapping = field(default_factory=dict)  # path -> Committed, one per `Part.computed`


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
    build: Callable  # (Inputs) -> Derivation
    data_file: str | None = None  # its worked example under data/ (a file name), if it has numbers
    # The [settings] its data file must give (names of `datafiles.SETTINGS`); a part that declares
    # none refuses a [settings] table, so that no setting is silently ignored.
    settings: tuple = ()
    computed: tuple = ()  # the `Computed` files it writes and reads back
    prose: Mapping = field(default_factory=dict)  # language -> key -> text, for its own keys
    worked_example: bool = False  # the site's worked example: the overview, errata and pictures cite it
    one_hot: bool = False  # its chains use each sample's true class, so its table must be one-hot
    # Ours, after the articles: listed apart in the navigation, and one box in the overview's
    # picture (named by prose key box.<slug>), which has no room for every equation past the series.
    past_the_series: bool = False
