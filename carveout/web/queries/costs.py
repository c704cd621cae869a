"""The stored cost report: allocations side by side, the subsidy test, fair shares and
their subsidy-free ranges, the gaps to the fair share, settlements and their notes."""

from __future__ import annotations

from pydantic import BaseModel

from carveout.costs.report import CostReport
from carveout.web.cache import ResultCache, Stored, reader
from carveout.web.queries.scope import ResultNote, ScenarioChoice


class AllocationCell(BaseModel):
    """One party's charge in one pool under one method (a row of the side-by-side chart)."""

    pool: str
    method: str
    party: str
    amount: float
    fraction: float


class CostsView(BaseModel):
    """The Costs page and ``GET /api/costs``."""

    scenario: ScenarioChoice
    source_scenario: str | None
    report: CostReport | None
    cells: list[AllocationCell]
    costs_note: ResultNote | None = None
    """When the report was made, and whether the portfolio has changed since (``stale``)."""


def load_costs(results: ResultCache, scenario: str) -> tuple[str | None, Stored[CostReport] | None]:
    """The scenario's cost report, else the newest one stored for any scenario.

    Cost allocation does not depend on the plan, so a report run under another
    scenario is still the right one to show.
    """
    candidates = [scenario, *[s for s in results.scenarios_with("costs") if s != scenario]]
    for code in candidates:
        found = results.get(scenario=code, kind="costs", parse=reader(CostReport))
        if found is not None:
            return code, found
    return None, None


def costs_view(
    *,
    scenario: ScenarioChoice,
    source: str | None,
    report: CostReport | None,
    costs_note: ResultNote | None = None,
) -> CostsView:
    cells = (
        [
            AllocationCell(
                pool=pool.name,
                method=a.label,
                party=s.name,
                amount=s.amount,
                fraction=s.fraction,
            )
            for pool in report.pools
            for a in pool.allocations
            for s in a.shares
        ]
        if report
        else []
    )
    return CostsView(
        scenario=scenario, source_scenario=source, report=report, cells=cells, costs_note=costs_note
    )
