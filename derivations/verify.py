"""The whole verification of one data file, as a value: table, checked chains, verdicts.

Owns the order of the work (parse and validate the data, build the derivation, check every
chain, judge every claim) and the comparison of verdicts with their reviewed expectations.
Given text and a file name; it reads nothing and writes nothing.
"""
from dataclasses import dataclass

from derivations import claims, part5
from derivations.outline import Derivation
from derivations.steps import check_chain
from derivations.table import DataError, Source, Table, parse_source, parse_table, parse_toml


@dataclass(frozen=True)
class Verified:
    data_file: str
    source: Source
    table: Table
    derivation: Derivation
    checked: tuple  # CheckedChain per chain, in page order
    verdicts: tuple  # Verdict per claim, in file order

    def unexpected(self) -> tuple:
        """Verdicts that differ from their reviewed expectation."""
        return tuple(v for v in self.verdicts if not v.as_expected)

    def verdicts_for(self, chain_id: str) -> list:
        return [v for v in self.verdicts if v.claim.chain == chain_id and v.status == claims.ERRATUM]


def verify(text: str, data_file: str) -> Verified:
    """Everything the site states, computed and checked; DataError or StepFailure if not."""
    document = parse_toml(text, data_file)
    source = parse_source(document, data_file)
    table = parse_table(document, data_file)
    stated = claims.parse_claims(document, table, data_file)
    derivation = part5.derivation(table, source.url)
    _check_claim_targets(stated, derivation, data_file)
    checked = tuple(check_chain(chain) for chain in derivation.chains())
    verdicts = tuple(claims.judge(claim, table) for claim in stated)
    return Verified(data_file, source, table, derivation, checked, verdicts)


def _check_claim_targets(stated: tuple, derivation: Derivation, data_file: str) -> None:
    chains = {chain.id: chain for chain in derivation.chains()}
    for claim in stated:
        chain = chains.get(claim.chain)
        if claim.chain and chain is None:
            raise DataError(data_file, f"claim {claim.id}: no chain named {claim.chain!r}")
        if chain is not None and not 0 <= claim.step <= len(chain.steps):
            raise DataError(data_file, f"claim {claim.id}: chain {claim.chain!r} has no step {claim.step}")
