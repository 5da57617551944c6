"""Helpers for tests that take a chain out of a verified part or spoil one of its steps."""
import dataclasses

from derivations.steps import Chain


def chain_of(verified, chain_id: str) -> Chain:
    """The chain with this id among a verified part's checked chains."""
    return next(c.chain for c in verified.checked if c.chain.id == chain_id)


def with_step(chain: Chain, position: int, expr) -> Chain:
    """The chain with step `position` (0-based) replaced by `expr`: usually a false step."""
    steps = list(chain.steps)
    steps[position] = dataclasses.replace(steps[position], expr=expr)
    return dataclasses.replace(chain, steps=tuple(steps))
