"""A plan the risk engine can simulate: the planner's own for the demonstration's ``tsa-2023``
as of its pinned data date (the sample plans of :mod:`tests.web.sample_results` are laid out
for the pages, not for simulation). Made once per test session."""

from __future__ import annotations

from functools import cache
from typing import Any

from carveout.demo.portfolio import demo_portfolio
from carveout.planning.plan import Plan
from carveout.planning.planner import plan_scenario

SCENARIO = "tsa-2023"


@cache
def _planned() -> Plan:
    portfolio = demo_portfolio()
    scenario = portfolio.scenario_by_code[SCENARIO]
    return plan_scenario(
        portfolio=portfolio, scenario=scenario, as_of=scenario.as_of, time_limit=3, workers=1
    )


def save_real_plan(store: Any) -> Plan:
    """Save the plan of ``tsa-2023`` into ``store`` (made from its portfolio: its fingerprint)."""
    plan = _planned().model_copy(update={"fingerprint": store.load().fingerprint})
    assert plan.feasible, "the demonstration's tsa-2023 should have a plan that fits"
    store.save_result(
        scenario=SCENARIO,
        kind="plan",
        payload=plan.model_dump(mode="json"),
        actor="demo",
        as_of=plan.as_of,
        fingerprint=plan.fingerprint,
    )
    return plan
