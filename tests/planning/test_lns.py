"""Large-neighbourhood search: never worse, always valid, repeatable, and it does improve."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from carveout.demo.generate import generate_portfolio
from carveout.domain import Portfolio
from carveout.planning import planner
from carveout.planning.incumbent import invalid, schedule_cost
from carveout.planning.lns import improve, regret
from carveout.planning.lns_neighbourhoods import KINDS, couplings, neighbourhood
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import SeparationModel, build_model
from carveout.planning.warm import warm_schedule
from tests.plan_checker import check_plan
from tests.test_plan_checker import small_programme

Build = Callable[..., Portfolio]


@pytest.fixture(scope="module")
def generated() -> tuple[SeparationModel, tuple[int, ...]]:
    return _generated()


def _generated(services: int = 30) -> tuple[SeparationModel, tuple[int, ...]]:
    """A generated portfolio's cost model and its warm start."""
    portfolio = generate_portfolio(
        services=services, dependencies=4 * services, teams=3, years=2, seed=3
    )
    scenario = portfolio.scenarios[0].model_copy(update={"deadline": None})
    separation = build_separation(portfolio=portfolio, scenario=scenario)
    warm = warm_schedule(separation, SolverConfig(time_limit=5))
    assert warm is not None
    return build_model(separation, SolverConfig(time_limit=5, hint=warm)), warm


def _search(model: SeparationModel, starts: tuple[int, ...], seed: int = 0) -> tuple[int, ...]:
    result = improve(model, starts, budget=100.0, seed=seed, deterministic=True, max_steps=4)
    return result.starts


def test_the_search_never_returns_a_schedule_costing_more_than_its_start(
    generated: tuple[SeparationModel, tuple[int, ...]],
) -> None:
    model, warm = generated
    result = improve(model, warm, budget=100.0, deterministic=True, max_steps=4)
    assert result.start_cost == schedule_cost(model, warm)
    assert result.cost == schedule_cost(model, result.starts)
    assert result.cost <= result.start_cost
    assert result.steps == 4


def test_every_schedule_the_search_returns_meets_the_whole_model(
    generated: tuple[SeparationModel, tuple[int, ...]],
) -> None:
    model, warm = generated
    for seed in (0, 1):
        starts = _search(model, warm, seed)
        assert invalid(model.separation, model.separation.instance(), starts) == []


def test_the_same_seed_gives_the_same_schedule(
    generated: tuple[SeparationModel, tuple[int, ...]],
) -> None:
    model, warm = generated
    assert _search(model, warm, seed=7) == _search(model, warm, seed=7)


def test_a_team_window_in_the_wrong_order_is_rearranged(build: Build) -> None:
    # One person, two services of the same work; E costs fifty times C to host.
    # Starting with the cheap one first, swapping them saves most of a year of E.
    portfolio = build(work={"C": (100, 100), "E": (100, 100)})
    portfolio = portfolio.model_copy(
        update={
            "services": tuple(
                s.model_copy(update={"fixed_cost": 2_600_000.0 if s.code == "E" else 52_000.0})
                for s in portfolio.services
            )
        }
    )
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    c, e = (next(m for m in separation.moves if m.service == code) for code in ("C", "E"))
    wrong = [0, 0]
    wrong[c.index], wrong[e.index] = 0, c.duration
    start = tuple(wrong)
    model = build_model(separation, SolverConfig(time_limit=5, hint=start))
    assert invalid(separation, separation.instance(), start) == []
    weights = regret(model, start)
    assert weights[e.index] > weights[c.index] == 1.0
    result = improve(model, start, budget=100.0, deterministic=True, max_steps=3)
    assert result.starts[e.index] == 0
    assert result.starts[c.index] == e.duration
    assert result.cost < result.start_cost
    assert result.accepted >= 1


def test_neighbourhoods_free_only_work_not_under_way_and_whole_groups(
    generated: tuple[SeparationModel, tuple[int, ...]],
) -> None:
    model, warm = generated
    separation = model.separation
    coupled = couplings(separation)
    rng = random.Random(0)
    for kind in KINDS:
        freed = neighbourhood(kind=kind, coupled=coupled, starts=warm, size=10, rng=rng)
        assert freed
        assert all(separation.moves[i].fixed_start is None for i in freed)
        for group in separation.together:
            inside = freed.intersection(group)
            free = {i for i in group if separation.moves[i].fixed_start is None}
            assert not inside or inside == free


@pytest.mark.parametrize(
    "make",
    [
        small_programme,
        lambda: generate_portfolio(services=30, dependencies=120, teams=3, years=2, seed=3),
    ],
    ids=["programme", "generated"],
)
def test_a_plan_improved_by_the_search_passes_the_plan_checker(
    make: Callable[[], Portfolio], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planner, "LNS_FROM", 1)
    portfolio = make()
    plan = planner.plan_scenario(
        portfolio=portfolio, scenario=portfolio.scenarios[0], time_limit=2, workers=1
    )
    assert plan.feasible, plan.conflicts
    assert check_plan(portfolio, plan) == []
