"""What a sweep says, as it is stored (result kind ``sweep``) and shown everywhere.

The CLI, the Trade-offs page and its ``/api`` twin, the pack's appendix and the
workbook all read this one shape, made by :func:`summarise` from the cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from carveout.formatting import pounds, uk_date
from carveout.planning.sweep_frontier import (
    CellResult,
    DeadlineValue,
    MonthValue,
    PersonValue,
    deadline_values,
    efficient,
    month_values,
    person_values,
    recommend,
)
from carveout.planning.sweep_grid import Grid

SWEEP = "sweep"
"""The result kind of a sweep's summary; its cells are kept under :func:`cell_kind`."""


def cell_kind(key: str) -> str:
    """The result kind one sweep's cells are stored under, one result per cell."""
    return f"sweep-cell:{key}"


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SweepSettings(_Out):
    """How each cell is computed: the same settings and seed give the same cells.

    Each plan runs CP-SAT on ``workers`` worker (one: deterministic search
    whatever the machine's load) with a deterministic-time limit of
    ``time_limit`` seconds; ``risk_runs`` (0: none) simulations per cell;
    ``person_month_cost`` prices each extra person for each month from the data
    date to the finish.
    """

    time_limit: float = Field(default=8.0, gt=0)
    seed: int = Field(default=0, ge=0)
    workers: int = Field(default=1, ge=1)
    risk_runs: int = Field(default=0, ge=0)
    confidence: float = Field(default=0.8, gt=0, lt=1)
    person_month_cost: float = Field(default=0.0, ge=0)

    def fingerprint(self) -> str:
        """What of these settings the cells depend on, as text for the sweep's key."""
        return self.model_dump_json()


class Sweep(_Out):
    """A sweep of ``scenario`` as of ``as_of``: its cells, frontier and recommendation.

    ``basis`` says what the exit date is (the planned finish, or the finish met at
    the confidence when risk runs were made); ``frontier`` lists the efficient
    cells' keys by exit date; ``recommended`` is the cheapest cell that meets its
    own deadline on that basis; ``by_deadline`` the cheapest cell exiting by each
    deadline swept and what allowing the next deadline saves a month.
    """

    scenario: str
    as_of: date
    fingerprint: str
    key: str
    created: datetime
    settings: SweepSettings
    deadlines: tuple[date, ...]
    people: tuple[tuple[str, tuple[int, ...]], ...] = ()
    extensions: tuple[str, ...] = ("all",)
    mitigations: tuple[bool, ...] = (False,)
    basis: str
    cells: tuple[CellResult, ...]
    frontier: tuple[str, ...]
    months: tuple[MonthValue, ...]
    persons: tuple[PersonValue, ...]
    by_deadline: tuple[DeadlineValue, ...] = ()
    recommended: str | None = None
    recommendation: str
    computed: int = 0
    seconds: float = 0.0

    def cell(self, key: str | None) -> CellResult | None:
        return next((c for c in self.cells if c.key == key), None)

    @property
    def on_frontier(self) -> tuple[CellResult, ...]:
        found = (self.cell(k) for k in self.frontier)
        return tuple(c for c in found if c is not None)


def basis_of(settings: SweepSettings) -> str:
    if settings.risk_runs:
        return (
            f"the finish met with {settings.confidence:.0%} confidence "
            f"({settings.risk_runs:,} risk runs per cell)"
        )
    return "the planned finish (no risk runs, so the confidence is not applied)"


def summarise(
    *,
    scenario: str,
    as_of: date,
    fingerprint: str,
    key: str,
    created: datetime,
    settings: SweepSettings,
    grid: Grid,
    cells: Sequence[CellResult],
    computed: int = 0,
    seconds: float = 0.0,
) -> Sweep:
    """The sweep's reading of ``cells`` (in grid order): frontier, values, recommendation."""
    front = efficient(cells)
    best = recommend(cells)
    return Sweep(
        scenario=scenario,
        as_of=as_of,
        fingerprint=fingerprint,
        key=key,
        created=created,
        settings=settings,
        deadlines=grid.deadlines,
        people=grid.people,
        extensions=grid.extensions,
        mitigations=grid.mitigations,
        basis=basis_of(settings),
        cells=tuple(cells),
        frontier=tuple(c.key for c in front),
        months=tuple(month_values(front)),
        persons=tuple(person_values(cells, best)),
        by_deadline=tuple(deadline_values(cells, grid.deadlines)),
        recommended=best.key if best is not None else None,
        recommendation=recommendation_text(best, settings),
        computed=computed,
        seconds=round(seconds, 1),
    )


def describe(cell: CellResult) -> str:
    """The cell in words: deadline, extra people, extensions, mitigations."""
    people = ", ".join(f"+{n} {team}" for team, n in cell.extra if n) or "no extra people"
    ext = {"all": "extension options as contracted", "none": "no extension taken"}.get(
        cell.extensions, f"extensions {cell.extensions.replace('+', ' and ')} only"
    )
    mit = "mitigations in place" if cell.mitigations else "no mitigations"
    return f"deadline {uk_date(cell.deadline)}, {people}, {ext}, {mit}"


def recommendation_text(best: CellResult | None, settings: SweepSettings) -> str:
    if best is None or best.cost is None:
        return "No cell meets its own deadline on this basis: sweep later deadlines or more people."
    sure = (
        f"finishing by {uk_date(best.exit)} with {settings.confidence:.0%} confidence"
        if settings.risk_runs
        else f"planned to finish on {uk_date(best.exit)} (no risk runs: plan finish, "
        "not a confidence)"
    )
    return f"Recommended: {describe(best)}; {pounds(best.cost)} to go, {sure}."


def read_sweep(payload: dict[str, Any] | None) -> Sweep | None:
    """A stored sweep, or None when there is none or it no longer reads."""
    if payload is None:
        return None
    try:
        return Sweep.model_validate(payload)
    except ValidationError:
        return None


def read_cell(payload: dict[str, Any] | None) -> CellResult | None:
    if payload is None:
        return None
    try:
        return CellResult.model_validate(payload)
    except ValidationError:
        return None
