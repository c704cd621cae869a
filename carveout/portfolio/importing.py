"""The import service: a workbook replaces the stored portfolio, all or nothing.

The file is the whole portfolio (or, for a partial import, the whole of the kinds it
names): records in the store but not in the file are removed. Every cell is checked
first; the store then works out the difference, checks the result and writes it in one
transaction holding its lock (:meth:`~carveout.storage.Store.replace`), so an import never
merges with another running at the same time. On any error the store is untouched and
every error (up to a limit) is reported by cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from carveout.access import Principal
from carveout.domain import COLLECTIONS, Portfolio, Problem, validate
from carveout.domain.changes import Changeset
from carveout.domain.enums import Coupling
from carveout.errors import ValidationFailed
from carveout.portfolio.parsing import ERROR_LIMIT, Origins, ParsedWorkbook, parse_workbook
from carveout.portfolio.partial import Kinds, report_missing, restrict, sheets_of
from carveout.portfolio.reading import read_workbook
from carveout.portfolio.sheets import SHEET_BY_NAME, SHEET_OF_KIND

if TYPE_CHECKING:
    from carveout.storage import Store

Step = Callable[[str], None]
"""Told the name of each step as it starts, to show progress."""

# A cross-record problem about an entry of a child collection is put on the
# child sheet's row: (kind, problem field) -> child sheet.
_CHILD_OF_PROBLEM = {
    ("tranche", "service"): "tranche_services",
    ("cost_pool", "share"): "pool_shares",
    ("cost_pool", "service"): "pool_services",
    ("team", "capacity"): "capacity",
    ("schedule_line", "rates"): "line_rates",
}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did (or, for a dry run, would do), per sheet.

    ``changes`` were made; ``proposed`` wait for the approval of the other parties they bind
    (``proposals`` numbers them). ``kinds`` are the kinds a partial import replaced (None:
    every kind); ``missing_sheets`` and ``ignored_sheets`` are the sheets of other kinds
    absent from the file or present in it, left as they were.
    """

    source: str
    changes: Changeset
    missing_sheets: tuple[str, ...]
    dry_run: bool = False
    proposed: Changeset = field(default_factory=Changeset)
    proposals: tuple[int, ...] = ()
    kinds: Kinds = None
    ignored_sheets: tuple[str, ...] = ()

    def counts(self, changes: Changeset | None = None) -> dict[str, dict[str, int]]:
        """``{sheet: {"added": n, "changed": n, "removed": n}}`` for sheets that changed (of
        ``changes``, default those made)."""
        summary = (self.changes if changes is None else changes).summary()
        return {SHEET_OF_KIND[kind].name: row for kind, row in summary.items()}


def read_portfolio(*, path: Path, limit: int = ERROR_LIMIT, step: Step | None = None) -> Portfolio:
    """The valid portfolio in the workbook at ``path`` (an ``.xlsx`` or a CSV folder).

    Raises :class:`~carveout.portfolio.reading.UnreadableWorkbook` for a file
    that cannot safely be read and
    :class:`~carveout.portfolio.parsing.WorkbookInvalid` listing every error,
    cell by cell, including those between records.
    """
    parsed, _ = _parse(path=path, kinds=None, limit=limit, step=step or _quiet)
    _raise_cell_errors(parsed, parsed.portfolio, validate(parsed.portfolio))
    return parsed.portfolio


def import_workbook(
    *,
    store: Store,
    path: Path,
    actor: str,
    kinds: Kinds = None,
    allow_deletions: bool = False,
    principal: Principal | None = None,
    request_id: str | None = None,
    dry_run: bool = False,
    limit: int = ERROR_LIMIT,
    step: Step | None = None,
) -> ImportResult:
    """Make the stored portfolio (as ``principal`` sees it) exactly the one in ``path`` (its
    records of ``kinds`` only, for a partial import), in one transaction.

    A sheet missing from the file is an error unless it belongs to a kind a partial import
    leaves alone. Raises :class:`~carveout.storage.replacing.MassDeletion` when the import
    would remove too large a share of a kind, unless ``allow_deletions``; changes the
    ``principal`` may not make as :meth:`~carveout.storage.Store.apply` does. Re-importing
    the same file changes nothing. With ``dry_run`` nothing is written and the result says
    what would change.
    """
    from carveout.storage.replacing import MAX_DELETION_SHARE

    step = step or _quiet
    parsed, ignored = _parse(path=path, kinds=kinds, limit=limit, step=step)
    step("checking references between records")
    whole = parsed.portfolio
    if kinds is not None:
        whole = _overlay(store.load(principal=principal), parsed.portfolio, kinds)
    _raise_cell_errors(parsed, whole, validate(whole))
    step("comparing with the stored portfolio and writing")
    try:
        outcome = store.replace(
            parsed.portfolio,
            kinds=kinds,
            actor=actor,
            principal=principal,
            request_id=request_id,
            dry_run=dry_run,
            max_deletion_share=None if allow_deletions else MAX_DELETION_SHARE,
        )
    except ValidationFailed as failed:  # the store changed meanwhile, and the file no longer fits
        _raise_cell_errors(parsed, whole, failed.problems)
        raise
    return ImportResult(
        source=path.name,
        changes=Changeset(outcome.applied),
        missing_sheets=parsed.missing_sheets,
        dry_run=dry_run,
        proposed=Changeset(outcome.proposed),
        proposals=tuple(p.id for p in outcome.proposals),
        kinds=kinds,
        ignored_sheets=ignored,
    )


def _quiet(_: str) -> None:
    return None


def _parse(
    *, path: Path, kinds: Kinds, limit: int, step: Step
) -> tuple[ParsedWorkbook, tuple[str, ...]]:
    """The file's records of ``kinds``, valid cell by cell, and the sheets it ignored."""
    step("reading")
    raw, ignored = restrict(read_workbook(path), kinds)
    step("checking every cell")
    parsed = parse_workbook(raw, limit=limit)
    report_missing(parsed.missing_sheets, kinds, parsed.errors)
    # References into a missing sheet say nothing more than that it is missing.
    needed = (s.kind for s in sheets_of(kinds) if s.name in parsed.missing_sheets)
    parsed.origins.skipped.update(kind for kind in needed if kind is not None)
    return parsed, ignored


def _overlay(stored: Portfolio, parsed: Portfolio, kinds: Iterable[str]) -> Portfolio:
    """``stored`` with its records of ``kinds`` replaced by ``parsed``'s."""
    collections = {COLLECTIONS[kind]: parsed.records(kind) for kind in kinds}
    return stored.replace(**collections)


def _raise_cell_errors(
    parsed: ParsedWorkbook, portfolio: Portfolio, problems: Iterable[Problem]
) -> None:
    """Raise every error of the file: its cells' (already in ``parsed.errors``) and
    ``problems`` between the records of ``portfolio``, each put on the cell it is about."""
    for problem in problems:
        if not _already_reported(problem, parsed.origins):
            sheet, row, column = locate(problem, portfolio, parsed.origins)
            parsed.errors.add(sheet, row, column, problem.value, problem.expected)
    parsed.errors.raise_if_any()


def _already_reported(problem: Problem, origins: Origins) -> bool:
    """Duplicates are reported with both rows; a reference to a row that failed, or into a
    sheet that could not be read, is moot."""
    if problem.field == "code" and problem.expected.startswith("a unique code"):
        return True
    if not problem.expected.startswith("the code of a known"):
        return False
    unreadable = problem.expected.removeprefix("the code of a known ") in origins.skipped
    return unreadable or problem.value in origins.failed


def locate(problem: Problem, portfolio: Portfolio, origins: Origins) -> tuple[str, int | None, str]:
    """The sheet, row and column a cross-record problem is about."""
    kind, key, field, value = problem.kind, problem.key, problem.field, problem.value
    sheet = SHEET_OF_KIND[kind]
    row = origins.records.get((kind, key))
    child = _CHILD_OF_PROBLEM.get((kind, field))
    if child is not None:
        child_sheet = SHEET_BY_NAME[child]
        return child, origins.children.get((child, key, value), row), child_sheet.key[-1]
    column = field
    if kind == "service" and field == "consumer":
        column = "consumers"
    elif kind == "agreement" and field == "party":
        agreement = portfolio.agreement_by_code.get(key)
        column = "recipients"
        if agreement is not None and value == agreement.provider:
            column = "provider"
        elif agreement is not None and value == agreement.terminating_party:
            column = "terminating_party"
    elif kind == "dependency" and field == "coupling":
        row = origins.records.get(("dependency", _edge_in_cycle(portfolio, key)), row)
    return sheet.name, row, column if column in sheet.headers else ""


def _edge_in_cycle(portfolio: Portfolio, service: str) -> str:
    """The key of a 'before' dependency from ``service`` that lies on a cycle through it.

    A cycle is reported under one of its services; this finds a row to point at.
    """
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_edges_from(
        (d.depends_on, d.service, {"key": d.key})
        for d in portfolio.dependencies
        if d.coupling is Coupling.BEFORE
    )
    if service not in graph:
        return ""
    loop: set[str] = next(
        (c for c in nx.strongly_connected_components(graph) if service in c), set()
    )
    return next(
        (str(data["key"]) for tail, _, data in graph.in_edges(service, data=True) if tail in loop),
        "",
    )
