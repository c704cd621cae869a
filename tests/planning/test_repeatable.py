"""A repeatable search stops on the solver's own count of work, so a slow or busy machine
gives the same plan as a quiet one, only later."""

import time
from collections.abc import Callable

from carveout.domain import Portfolio
from carveout.planning.planner import REPEATABLE, plan_scenario
from carveout.planning.prepare import build_separation
from carveout.planning.rcpsp import SolverConfig
from carveout.planning.terms import build_model

Build = Callable[..., Portfolio]


def _portfolio(build: Build) -> Portfolio:
    return build(
        work={f"S{i:02d}": (5 + i % 4 * 5, 5 + i % 3 * 5) for i in range(16)}, teams={"T": 2.0}
    )


def test_a_repeatable_plan_is_the_same_when_the_wall_clock_has_run_out(build: Build) -> None:
    portfolio = _portfolio(build)

    def planned(lost: float, slack: tuple[float, float]) -> list[object]:
        plan = plan_scenario(
            portfolio=portfolio,
            scenario=portfolio.scenarios[0],
            time_limit=1,
            seed=5,
            # As if ``lost`` seconds had gone before the search: a machine that slow.
            started=time.perf_counter() - lost,
            slack=slack,
        )
        assert plan.feasible
        return [(m.service, m.start, m.cutover) for m in plan.migrations]

    quiet = planned(0, REPEATABLE)
    assert planned(12, REPEATABLE) == quiet


def test_a_deterministic_limit_is_not_cut_by_the_time_building_took(build: Build) -> None:
    """Regression: the wall seconds spent building the model came off the deterministic
    limit, so a loaded machine searched less."""
    portfolio = _portfolio(build)
    separation = build_separation(portfolio=portfolio, scenario=portfolio.scenarios[0])
    config = SolverConfig(time_limit=0.3, workers=2, seed=5, deterministic=True)

    def solved(building: float) -> tuple[tuple[int, ...], float]:
        model = build_model(separation, config)
        model.core._build_seconds = building  # as slow as that to build
        model.core.minimise(model.cost())
        solution = model.core.solve()
        return solution.starts, model.core.deterministic_time()

    quick, slow = solved(0.0), solved(60.0)
    assert slow == quick
    assert quick[1] > 0.25
