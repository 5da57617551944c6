"""The whole verification, as a value: per part its table, checked chains and verdicts.

Owns the order of the work for one part (parse and validate its data, build its derivation
from its `Inputs`, check every chain, judge every claim), the site as the sequence of verified
parts, and the comparison of verdicts with their reviewed expectations. The checks are
independent tasks, which `workers` shares between processes. Given texts, file names and the
committed files the parts read back (`Committed`); it reads nothing and writes nothing.
"""
import functools
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from derivations import audit, claims, datafiles, lines, workers
from derivations.outline import Committed, Derivation, Inputs, Part
from derivations.parts import all_parts
from derivations.steps import chain_evidence, checked
from derivations.fields import DataError
from derivations.table import Source, Table


@dataclass(frozen=True)
class Verified:
    part: Part
    data_file: str | None
    source: Source | None
    table: Table | None
    derivation: Derivation
    checked: tuple  # CheckedChain per chain, in page order
    verdicts: tuple  # Verdict per claim, in file order
    settings: Mapping = field(default_factory=dict)  # its data file's [settings], as read (the data page shows them)

    def unexpected(self) -> tuple:
        """Verdicts that differ from their reviewed expectation."""
        return tuple(v for v in self.verdicts if not v.as_expected)

    def verdicts_for(self, chain_id: str) -> list:
        return [v for v in self.verdicts if v.claim.chain == chain_id and v.status == claims.ERRATUM]


@dataclass(frozen=True)
class Site:
    """Every part of the series, verified, in the series' order."""

    parts: tuple
    formulas: tuple = ()  # audit.FormulaVerdict per formula of the series as printed

    def surprises(self) -> tuple:
        """("claim ID" or "formula ID", location, verdict, expectation) of each one not as reviewed."""
        claims_ = [(f"claim {v.claim.id}", v.claim.location, v.status, v.claim.expect) for v in self.unexpected()]
        formulas = [(f"formula {v.id}", v.location, v.status, v.expect) for v in self.formulas if not v.as_expected]
        return tuple(claims_ + formulas)

    @property
    def worked_example(self) -> Verified:
        """The part that declares itself the worked example (else the first with a table): the
        overview and the errata page cite its article."""
        with_table = [v for v in self.parts if v.table is not None] or list(self.parts)
        return next((v for v in self.parts if v.part.worked_example), with_table[0])

    def verdicts(self) -> tuple:
        return tuple(verdict for verified in self.parts for verdict in verified.verdicts)

    def checked(self) -> tuple:
        return tuple(checked for verified in self.parts for checked in verified.checked)

    def unexpected(self) -> tuple:
        return tuple(verdict for verified in self.parts for verdict in verified.unexpected())


@dataclass(frozen=True)
class _Prepared:
    """One part read and built, before any of its work is checked."""

    part: Part
    data_file: str | None
    source: Source | None
    table: Table | None
    derivation: Derivation
    stated: tuple  # Claim per claim of the data file
    settings: Mapping  # the data file's [settings], as read


def _prepared(text: str | None, data_file: str | None, part: Part, committed: Mapping) -> _Prepared:
    """The part's data parsed and validated and its derivation built; DataError if invalid.
    `committed` holds the files it reads back (a file it declares that is not there: Committed())."""
    source = table = None
    stated, settings = (), {}
    if text is not None:
        data = datafiles.read_part_data(text, data_file, part.settings)
        source, table, stated, settings = data.source, data.table, data.claims, data.settings
        _check_labels_fit(part, table, data_file, text)
    read_back = {computed.path: committed.get(computed.path, Committed()) for computed in part.computed}
    derivation = part.build(Inputs(table, settings, read_back))
    try:
        _check_claim_targets(stated, derivation, data_file)
    except DataError as error:
        raise lines.located(error, text) from None
    return _Prepared(part, data_file, source, table, derivation, stated, settings)


def _check_labels_fit(part: Part, table: Table, data_file: str, text: str) -> None:
    """A part whose chains use the true class refuses a table with a soft label (exit 5)."""
    row = table.first_soft_row()
    if part.one_hot and row:
        error = DataError(data_file, f"part {part.number} ({part.slug}) needs one-hot labels: its chains use each "
                          "sample's true class, but this label is a distribution", row, place=("samples", row, "t"))
        raise lines.located(error, text)


def _tasks(prepared: _Prepared) -> list:
    """The part's work as independent tasks: the steps of each chain, then each claim's verdict."""
    chains = [functools.partial(chain_evidence, chain) for chain in prepared.derivation.chains()]
    return chains + [functools.partial(claims.judge, claim, prepared.table) for claim in prepared.stated]


def _verified(prepared: _Prepared, results: list) -> Verified:
    """The part with its results; StepFailure at the first step, in page order, that fails."""
    chains = prepared.derivation.chains()
    checked_chains = tuple(checked(chain, evidence) for chain, evidence in zip(chains, results))
    return Verified(prepared.part, prepared.data_file, prepared.source, prepared.table, prepared.derivation,
                    checked_chains, tuple(results[len(chains):]), prepared.settings)


def verify(text: str | None, data_file: str | None, part: Part, committed: Mapping | None = None) -> Verified:
    """One part, computed and checked; DataError or StepFailure if anything does not hold.
    `committed`: path -> Committed, the files it reads back (none given: as if none were committed)."""
    prepared = _prepared(text, data_file, part, committed or {})
    return _verified(prepared, [task() for task in _tasks(prepared)])


FORMULAS_FILE = "formulas.toml"  # the series' formulas as printed, audited by `audit`


def verify_site(texts: Mapping, processes: int | None = None, committed: Mapping | None = None) -> Site:
    """Every part and the printed formulas; `texts` maps a data file name to (text, shown name),
    `committed` the path of each file a part reads back to its `Committed` (none given: each is
    computed afresh, with no code to fingerprint, as the tests need; the command line gives them).

    The parts are read and built first (a DataError stops it there); the checks then share
    the processor cores (`workers`): `processes` = 1 runs them all in this process.
    """
    # SymPy imports sympy.tensor.tensor (and sympy.combinatorics) when it builds its first sum,
    # about 0.045 s: imported here, before the fork, it is imported once for both processes.
    importlib.import_module("sympy.tensor.tensor")
    # The audit needs no part built: it starts in a copy of this process while they are built
    # (a DataError in the formulas file is raised by audits.results(), once the parts are read).
    audit_file = [functools.partial(audit_formulas, *texts[FORMULAS_FILE])] if FORMULAS_FILE in texts else []
    with workers.started(audit_file, processes) as audits:
        prepared = [_prepared(*_text_of(texts, part), part, committed or {}) for part in all_parts()]
        per_part = [_tasks(p) for p in prepared]
        results = workers.run_all([task for tasks in per_part for task in tasks], processes)
        formula_verdicts = tuple(verdict for verdicts in audits.results() for verdict in verdicts)
    verified, position = [], 0
    for part, tasks in zip(prepared, per_part):
        verified.append(_verified(part, results[position:position + len(tasks)]))
        position += len(tasks)
    site = Site(tuple(verified), formula_verdicts)
    try:
        _check_unique_claim_ids(site)
    except DataError as error:
        shown = {name: text for text, name in texts.values()}
        raise lines.located(error, shown[error.file]) from None
    return site


def audit_formulas(text: str, file: str) -> tuple:
    """The verdict on every formula of a formulas file (data/formulas.toml), in file order."""
    return tuple(audit.audit(formula) for formula in datafiles.read_formulas(text, file))


def _text_of(texts: Mapping, part: Part) -> tuple:
    return texts.get(part.data_file, (None, None)) if part.data_file else (None, None)


def _check_unique_claim_ids(site: Site) -> None:
    seen = {}
    for verified in site.parts:
        for number, verdict in enumerate(verified.verdicts, 1):
            other = seen.setdefault(verdict.claim.id, verified.data_file)
            if other != verified.data_file:
                raise DataError(verified.data_file, f"claim id {verdict.claim.id} is used in {other} too",
                                place=("claims", number, "id"))


def _check_claim_targets(stated: tuple, derivation: Derivation, data_file: str) -> None:
    chains = {chain.id: chain for chain in derivation.chains()}
    for number, claim in enumerate(stated, 1):
        chain = chains.get(claim.chain)
        if claim.chain and chain is None:
            raise DataError(data_file, f"claim {claim.id}: no chain named {claim.chain!r}",
                            place=("claims", number, "chain"))
        if chain is not None and not 0 <= claim.step <= len(chain.steps):
            raise DataError(data_file, f"claim {claim.id}: chain {claim.chain!r} has no step {claim.step}",
                            place=("claims", number, "step"))
