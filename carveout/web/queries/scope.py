"""Which scenario a page shows, as of which data date, and reading its stored results."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

from carveout.domain import Portfolio, Scenario
from carveout.errors import NotFound
from carveout.planning.plan import Plan, read_plan
from carveout.reports import inputs as report_inputs
from carveout.risk.forecast import Forecast
from carveout.web.cache import ResultCache, Stored, reader

DEFAULT_SCENARIO = "baseline"
"""The scenario code pages use when there is no scenario at all (an empty database)."""

BASELINE = report_inputs.BASELINE
"""The result kind of a scenario's baseline, as ``carveout baseline`` stores it."""

Basis = Literal["asked", "pinned", "today"]
"""Where the data date came from: ``?as_of=``, the scenario's pinned date, or today."""


class ScenarioChoice(BaseModel):
    """The scenario a page shows, the others it could show, and the data date it is seen as of."""

    code: str
    name: str
    available: list[str]
    as_of: date
    as_of_basis: Basis


class ResultNote(BaseModel):
    """A stored result as a page labels it: its data date, when it was made, and whether the
    portfolio has changed since (``stale``)."""

    id: int
    kind: str
    as_of: date | None
    created: datetime
    stale: bool


def known_scenarios(*, portfolio: Portfolio, results: ResultCache) -> list[str]:
    """The portfolio's scenarios, then any others that have a stored plan."""
    known = [s.code for s in portfolio.scenarios]
    return known + [c for c in results.scenarios_with("plan") if c not in known]


def default_scenario(*, portfolio: Portfolio, results: ResultCache) -> str:
    """The scenario a page shows unless asked: the same rule as the reports'
    (:func:`carveout.reports.inputs.choose_scenario`)."""
    try:
        chosen = report_inputs.choose_scenario(
            store=results.store,  # type: ignore[arg-type]
            portfolio=portfolio,
            name=None,
            latest_plan=lambda code: load_plan(results, code),
        )
    except NotFound:  # no scenario in the portfolio: show what was planned, if anything
        planned = results.scenarios_with("plan")
        return planned[0] if planned else DEFAULT_SCENARIO
    return chosen.code


def choose_scenario(
    *,
    portfolio: Portfolio,
    results: ResultCache,
    requested: str | None,
    as_of: date | None = None,
    today: date,
) -> ScenarioChoice:
    """``requested`` if known, else the :func:`default_scenario`; seen as of ``as_of``, else the
    scenario's pinned data date, else ``today``."""
    known = known_scenarios(portfolio=portfolio, results=results)
    if requested:
        if requested not in known:
            choices = ", ".join(known) or "none yet"
            raise NotFound(f"There is no scenario {requested!r}; known scenarios: {choices}.")
        code = requested
    else:
        code = default_scenario(portfolio=portfolio, results=results)
    record = portfolio.scenario_by_code.get(code)
    pinned = record.as_of if record else None
    basis: Basis = "asked" if as_of else "pinned" if pinned else "today"
    return ScenarioChoice(
        code=code,
        name=record.name if record else code,
        available=known,
        as_of=as_of or pinned or today,
        as_of_basis=basis,
    )


def assumptions(portfolio: Portfolio, code: str, plan: Plan | None, as_of: date) -> Scenario:
    """The scenario's record; for a code only stored results know (its record was removed, or
    there is none yet), a stand-in with the plan's start and deadline."""
    record = portfolio.scenario_by_code.get(code)
    if record is not None:
        return record
    start = plan.start if plan else as_of
    return Scenario(
        code=code, name=code, start=start, deadline=plan.deadline if plan else None, as_of=as_of
    )


def load_plan(results: ResultCache, scenario: str) -> Plan | None:
    """The scenario's latest plan, whatever its data date."""
    found = results.get(scenario=scenario, kind="plan", parse=read_plan)
    return found.value if found else None


def plan_as_of(results: ResultCache, scenario: str, as_of: date) -> Stored[Plan] | None:
    """The newest plan of ``scenario`` made as of ``as_of``."""
    return results.get(scenario=scenario, kind="plan", parse=read_plan, as_of=as_of)


def forecast_as_of(results: ResultCache, scenario: str, as_of: date) -> Stored[Forecast] | None:
    """The newest risk forecast of ``scenario`` made as of ``as_of``."""
    return results.get(scenario=scenario, kind="risk", parse=reader(Forecast), as_of=as_of)


def baseline_of(results: ResultCache, scenario: str) -> Stored[Plan] | None:
    """The plan marked as the scenario's baseline (``carveout baseline``), of whatever date."""
    return results.get(scenario=scenario, kind=BASELINE, parse=read_plan)


def note(found: Stored[Any] | None, *, kind: str, fingerprint: str) -> ResultNote | None:
    """How a page labels ``found``: stale when made from another version of the portfolio."""
    if found is None:
        return None
    info = found.info
    return ResultNote(
        id=found.id,
        kind=kind,
        as_of=info.as_of,
        created=info.created,
        stale=info.stale(fingerprint),
    )


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
