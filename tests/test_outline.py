"""The outline values: a derivation lists its chains and definitions in page order."""
import sympy

from derivations.outline import Definition, Derivation, Section
from derivations.steps import Chain, Step


def test_chains_and_definitions_are_listed_in_page_order():
    first = Definition("d", sympy.Symbol("a"), sympy.Integer(1))
    chain = Chain("c", "c", sympy.Symbol("a"), (Step(sympy.Integer(1), "r"),))
    derivation = Derivation("x", "u", (Section("s1", (first,)), Section("s2", (chain, first))))
    assert derivation.chains() == (chain,)
    assert derivation.definitions() == (first, first)
