"""Which scenario a page shows, and reading that scenario's stored results."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from carveout.domain import Portfolio
from carveout.errors import NotFound
from carveout.planning.plan import Plan
from carveout.web.cache import ResultCache

DEFAULT_SCENARIO = "baseline"


class ScenarioChoice(BaseModel):
    """The scenario a page shows and the others it could show."""

    code: str
    name: str
    available: list[str]


def choose_scenario(
    *, portfolio: Portfolio, results: ResultCache, requested: str | None
) -> ScenarioChoice:
    """``requested`` if known; else the first scenario with a plan; else the first one."""
    known = [s.code for s in portfolio.scenarios]
    for code in results.scenarios_with("plan"):
        if code not in known:
            known.append(code)
    if requested:
        if requested not in known:
            choices = ", ".join(known) or "none yet"
            raise NotFound(f"There is no scenario {requested!r}; known scenarios: {choices}.")
        code = requested
    else:
        planned = set(results.scenarios_with("plan"))
        code = next((c for c in known if c in planned), known[0] if known else DEFAULT_SCENARIO)
    scenario = portfolio.scenario_by_code.get(code)
    return ScenarioChoice(code=code, name=scenario.name if scenario else code, available=known)


def load_plan(results: ResultCache, scenario: str) -> Plan | None:
    return results.get(scenario=scenario, kind="plan", parse=Plan.model_validate)


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month to ``last``'s month."""
    months: list[date] = []
    current = date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def months_between(start: date, end: date) -> float:
    """Whole and part months from ``start`` to ``end`` (0 when ``end`` is not later)."""
    return max(0.0, (end - start).days / 30.4375)


def dump(value: Any) -> Any:
    """A model as plain JSON-ready data (for chart specs)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value
