"""The import service: a workbook replaces the stored portfolio, all or nothing.

The file is the whole portfolio: records in the store but not in the file
are removed. Every check runs before anything is written; on any error the
store is untouched and every error (up to a limit) is reported by cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from carveout.domain import Portfolio, Problem, validate
from carveout.domain.changes import Changeset, diff
from carveout.domain.enums import Coupling
from carveout.portfolio.parsing import ERROR_LIMIT, Origins, parse_workbook
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
}


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did (or, for a dry run, would do), per sheet."""

    source: str
    changes: Changeset
    missing_sheets: tuple[str, ...]
    dry_run: bool = False

    def counts(self) -> dict[str, dict[str, int]]:
        """``{sheet: {"added": n, "changed": n, "removed": n}}`` for sheets that changed."""
        return {SHEET_OF_KIND[kind].name: row for kind, row in self.changes.summary().items()}


def read_portfolio(*, path: Path, limit: int = ERROR_LIMIT, step: Step | None = None) -> Portfolio:
    """The valid portfolio in the workbook at ``path`` (an ``.xlsx`` or a CSV folder).

    Raises :class:`~carveout.portfolio.reading.UnreadableWorkbook` for a file
    that cannot safely be read and
    :class:`~carveout.portfolio.parsing.WorkbookInvalid` listing every error,
    cell by cell, including those between records.
    """
    return _read(path=path, limit=limit, step=step or _quiet)[0]


def import_workbook(
    *,
    store: Store,
    path: Path,
    actor: str,
    dry_run: bool = False,
    limit: int = ERROR_LIMIT,
    step: Step | None = None,
) -> ImportResult:
    """Make the stored portfolio exactly the one in ``path``, in one transaction.

    Re-importing the same file changes nothing. With ``dry_run`` nothing is
    written and the result says what would change.
    """
    step = step or _quiet
    portfolio, missing = _read(path=path, limit=limit, step=step)
    step("comparing with the stored portfolio")
    changes = diff(store.load(), portfolio)
    if changes and not dry_run:
        step("writing")
        store.apply(changes, actor=actor)
    return ImportResult(path.name, changes, missing, dry_run)


def _quiet(_: str) -> None:
    return None


def _read(*, path: Path, limit: int, step: Step) -> tuple[Portfolio, tuple[str, ...]]:
    step("reading")
    raw = read_workbook(path)
    step("checking every cell")
    parsed = parse_workbook(raw, limit=limit)
    step("checking references between records")
    for problem in validate(parsed.portfolio):
        if not _already_reported(problem, parsed.origins):
            sheet, row, column = locate(problem, parsed.portfolio, parsed.origins)
            parsed.errors.add(sheet, row, column, problem.value, problem.expected)
    parsed.errors.raise_if_any()
    return parsed.portfolio, parsed.missing_sheets


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
