"""Which scenario a page shows, and reading that scenario's stored results."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from carveout.domain import Portfolio
from carveout.errors import CarveoutError, NotFound
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
    """``requested`` if known; else the :func:`default_scenario`."""
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
        code = default_scenario(known=known, results=results)
    scenario = portfolio.scenario_by_code.get(code)
    return ScenarioChoice(code=code, name=scenario.name if scenario else code, available=known)


def default_scenario(*, known: list[str], results: ResultCache) -> str:
    """The scenario a page shows unless asked: the one whose latest plan is feasible and newest;
    else the one planned most recently; else the first known.

    A scenario no plan fits (such as a deadline already missed) is worth a look,
    but not as the first thing the dashboard shows.
    """
    planned = results.scenarios_with("plan")
    for code in planned:
        try:
            plan = load_plan(results, code)
        except CarveoutError:
            continue  # unreadable: that scenario's own page says so
        if plan is not None and plan.feasible:
            return code
    if planned:
        return planned[0]
    return known[0] if known else DEFAULT_SCENARIO


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
