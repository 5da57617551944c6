"""Helpers for the tests of a part's derivation: take a chain out of a verified part, spoil one
of its steps, check that the part's prose covers its page."""
import dataclasses
import re

from derivations.prose import catalogue

from derivations.steps import Chain


def chain_of(verified, chain_id: str) -> Chain:
    """The chain with this id among a verified part's checked chains."""
    return next(c.chain for c in verified.checked if c.chain.id == chain_id)


def with_step(chain: Chain, position: int, expr) -> Chain:
    """The chain with step `position` (0-based) replaced by `expr`: usually a false step."""
    steps = list(chain.steps)
    steps[position] = dataclasses.replace(steps[position], expr=expr)
    return dataclasses.replace(chain, steps=tuple(steps))


def assert_prose_covers_the_page(verified, prose: dict) -> None:
    """The part's own prose (`PROSE`) has the same keys and placeholders in both languages,
    and the merged catalogues have every key its page asks for."""
    assert set(prose["ja"]) == set(prose["en"])
    slug = verified.part.slug
    needed = {f"title.{slug}", f"{slug}.lead", f"index.page.{slug}"}
    needed |= {f"section.{s.id}{end}" for s in verified.derivation.sections for end in ("", ".text")}
    needed |= {f"chain.{c.chain.title}" for c in verified.checked}
    needed |= {f"reason.{step.reason}" for c in verified.checked for step in c.chain.steps}
    needed |= {f"box.{slug}"} if verified.part.past_the_series else set()
    for language in ("ja", "en"):
        assert needed <= set(catalogue(language)), needed - set(catalogue(language))
    for key, text in prose["ja"].items():
        assert re.findall(r"\$\{(\w+)\}", text) == re.findall(r"\$\{(\w+)\}", prose["en"][key]), key
