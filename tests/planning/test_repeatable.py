"""A repeatable search stops on the solver's own count of work, so a slow or busy machine
gives the same plan as a quiet one, only later."""

import time
from collections.abc import Callable

from carveout.domain import Portfolio
from carveout.planning.planner import REPEATABLE, plan_scenario

Build = Callable[..., Portfolio]


def test_a_repeatable_plan_is_the_same_when_the_wall_clock_has_run_out(build: Build) -> None:
    portfolio = build(
        work={f"S{i:02d}": (5 + i % 4 * 5, 5 + i % 3 * 5) for i in range(16)}, teams={"T": 2.0}
    )

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
