"""The shape of a derivation page: sections of our prose around definitions and chains.

Owns the values a derivation module returns (`Definition`, `Section`, `Derivation`) and
nothing else: no checking (that is `steps`), no LaTeX (that is `latex`), no prose text
(that is the prose catalogue; sections name their prose by key).
"""
from dataclasses import dataclass

import sympy

from derivations.steps import Chain


@dataclass(frozen=True)
class Definition:
    """A formula the derivation introduces: `lhs = rhs`, taken as given, not checked."""

    id: str
    lhs: sympy.Basic
    rhs: sympy.Basic
    tag: str | None = None


@dataclass(frozen=True)
class Section:
    """A heading, our prose (by key), and the formulas it shows, in reading order."""

    id: str
    items: tuple  # Definitions and Chains


@dataclass(frozen=True)
class Derivation:
    slug: str  # the page name: docs/<slug>.md
    source_url: str
    sections: tuple

    def chains(self) -> tuple:
        return tuple(item for s in self.sections for item in s.items if isinstance(item, Chain))

    def definitions(self) -> tuple:
        return tuple(item for s in self.sections for item in s.items if isinstance(item, Definition))
