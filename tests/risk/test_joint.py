"""Joint confidence: the chance of meeting a date and a budget together, and its inverses."""

from __future__ import annotations

import numpy as np
import pytest

from carveout.risk.engine import Samples, simulate
from carveout.risk.events import RiskEvent
from carveout.risk.forecast import build_forecast
from carveout.risk.joint import (
    budget_at,
    budget_for,
    date_at,
    day_for,
    finish_days,
    frontiers,
    joint_probability,
)
from carveout.risk.joint_chart import joint_spec
from carveout.risk.model import RiskModel
from carveout.risk.sampling import SamplingOptions

from .conftest import MONTHLY, START, hosting, triangular


def uncertain_model(*, deadline: float = 150.0, budget: float = 12_000.0) -> RiskModel:
    names = ["a", "b", "c"]
    net = triangular(names, 20, 60, 160, edges=[("a", "c"), ("b", "c")])
    events = (RiskEvent("R1", 0.3, (30.0,), (0,), cost=2500.0),)
    return RiskModel(
        scenario="t",
        start=START,
        network=net,
        sampling=SamplingOptions(events=events),
        resource_aware=False,
        deadline=deadline,
        hosting=hosting(3),
        fixed_cost=500.0,
        budget=budget,
        budget_basis="a test budget",
    )


def sample(model: RiskModel, runs: int = 8000, seed: int = 3) -> Samples:
    return simulate(model, runs=runs, seed=seed, batch_size=1000)


def test_the_joint_chance_is_the_share_of_stored_runs_meeting_both() -> None:
    model = uncertain_model()
    samples = sample(model)
    joint = build_forecast(model, samples).joint
    assert joint is not None and samples.cost is not None
    programme = samples.programme.astype(np.float64)
    by = (joint.by - START).days
    both = np.mean((programme <= by + 1) & (samples.cost <= model.budget))
    assert joint.p_joint == pytest.approx(both, abs=1e-12)
    assert 0 < joint.p_joint < min(joint.p_finish, joint.p_budget) < 1
    assert joint.p_finish == build_forecast(model, samples).p_meet_deadline
    assert joint.basis == "a test budget" and joint.by_basis == "the deadline"


def test_a_runs_cost_is_its_hosting_to_its_cut_over_plus_fixed_and_risk_costs() -> None:
    # 10 days: cut over in January (one month hosted); with the risk, 50 days: February
    # (two months) and the risk's £5,000; every run also bears the £500 fixed.
    model = RiskModel(
        scenario="t",
        start=START,
        network=triangular(["a"], 10, 10, 10),
        sampling=SamplingOptions(events=(RiskEvent("R", 0.3, (40.0,), (0,), cost=5000.0),)),
        resource_aware=False,
        hosting=hosting(1),
        fixed_cost=500.0,
    )
    samples = simulate(model, runs=2000, seed=2, batch_size=500)
    assert samples.cost is not None
    happened = samples.happened[:, 0]
    expected = np.where(happened, 2 * MONTHLY + 5000.0, MONTHLY) + 500.0
    np.testing.assert_array_equal(samples.cost, expected)
    assert 0.25 < happened.mean() < 0.35


@pytest.mark.parametrize("level", [0.5, 0.7, 0.8])
def test_the_budget_for_a_confidence_is_the_least_that_reaches_it(level: float) -> None:
    model = uncertain_model()
    samples = sample(model)
    assert samples.cost is not None
    days, cost = finish_days(samples.programme), samples.cost
    by = int(np.quantile(days, 0.9))
    budget = budget_for(days, cost, by=by, level=level)
    assert budget is not None
    assert joint_probability(days, cost, by=by, budget=budget) >= level
    below = float(np.nextafter(budget, -np.inf))
    assert joint_probability(days, cost, by=by, budget=below) < level
    day = day_for(days, cost, budget=budget, level=level)
    assert day is not None and day <= by
    assert joint_probability(days, cost, by=day, budget=budget) >= level
    assert joint_probability(days, cost, by=day - 1, budget=budget) < level


def test_a_level_the_date_alone_misses_needs_no_budget_it_cannot_reach() -> None:
    model = uncertain_model()
    samples = sample(model)
    assert samples.cost is not None
    days, cost = finish_days(samples.programme), samples.cost
    early = int(np.quantile(days, 0.4))
    assert budget_for(days, cost, by=early, level=0.5) is None
    assert day_for(days, cost, budget=float(np.quantile(cost, 0.3)), level=0.5) is None


def test_every_point_of_a_frontier_is_met_at_its_level() -> None:
    model = uncertain_model()
    samples = sample(model)
    assert samples.cost is not None
    days, cost = finish_days(samples.programme), samples.cost
    levels = (0.5, 0.7, 0.8)
    for level, points in zip(levels, frontiers(days, cost, levels), strict=True):
        assert points
        budgets = [b for _, b in points]
        assert budgets == sorted(budgets, reverse=True)
        for day, budget in points:
            assert joint_probability(days, cost, by=day, budget=budget) >= level


def test_a_two_point_finish_gives_the_exact_joint_chance() -> None:
    # One activity of exactly 10 days, 40 days more when a 30 % risk happens (costing £5,000):
    # by day 20 within £6,000 is met exactly when the risk does not happen: 70 %.
    net = triangular(["a"], 10, 10, 10)
    model = RiskModel(
        scenario="t",
        start=START,
        network=net,
        sampling=SamplingOptions(events=(RiskEvent("R", 0.3, (40.0,), (0,), cost=5000.0),)),
        resource_aware=False,
        deadline=20.0,
        hosting=hosting(1),
        budget=6000.0,
    )
    runs = 20_000
    forecast = build_forecast(model, simulate(model, runs=runs, seed=9, batch_size=5000))
    joint = forecast.joint
    assert joint is not None
    assert joint.p_joint == pytest.approx(0.7, abs=4 * np.sqrt(0.21 / runs))
    levels = {lv.level: lv for lv in joint.levels}
    assert levels[0.5].budget_by_date == MONTHLY
    assert levels[0.5].date_for_budget == START.replace(day=10)
    assert levels[0.8].budget_by_date is None and levels[0.8].date_for_budget is None
    frontier = levels[0.5].frontier
    assert budget_at(frontier, START.replace(day=10)) == MONTHLY
    assert date_at(frontier, MONTHLY) == START.replace(day=10)


def test_the_same_seed_gives_the_same_joint_confidence() -> None:
    model = uncertain_model()
    a = build_forecast(model, sample(model, seed=4)).joint
    b = build_forecast(model, sample(model, seed=4)).joint
    c = build_forecast(model, sample(model, seed=5)).joint
    assert a == b and a != c


def test_the_chart_shows_the_runs_the_date_the_budget_and_each_frontier() -> None:
    alt = pytest.importorskip("altair")
    jsonschema = pytest.importorskip("jsonschema")
    model = uncertain_model()
    joint = build_forecast(model, sample(model, runs=2000)).joint
    assert joint is not None
    spec = joint_spec(joint)
    jsonschema.validate(spec, alt.vegalite.v6.schema.core.load_schema())
    data = spec["datasets"]
    assert len(data["runs"]) == len(joint.scatter) <= 300
    assert {row["level"] for row in data["frontier"]} == {"50%", "70%", "80%"}
    assert data["budget"] == [{"cost": 12_000.0}]
