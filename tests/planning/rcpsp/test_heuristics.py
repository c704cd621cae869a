"""The serial schedule-generation scheme and its improvements give valid schedules."""

from __future__ import annotations

import pytest

from carveout.planning.rcpsp import (
    Activity,
    Instance,
    Precedence,
    Resource,
    improved_schedule,
    priority_rule_schedule,
    serial_sgs,
    violations,
)
from carveout.planning.rcpsp.booking import BookingGrid
from carveout.planning.rcpsp.heuristics import RULES, makespan


def job(name: str, duration: int, demand: int = 1, **extra: object) -> Activity:
    return Activity(name, duration, (demand,), **extra)  # type: ignore[arg-type]


def test_serial_scheme_places_lower_priority_values_first() -> None:
    instance = Instance((job("A", 2), job("B", 3)), (Resource("crew", 1),))
    assert serial_sgs(instance, [1.0, 0.0]) == (3, 0)
    assert serial_sgs(instance, [0.0, 1.0]) == (0, 2)


def test_serial_scheme_waits_for_predecessors_and_lags_whatever_the_priority() -> None:
    instance = Instance(
        (job("A", 2, 0), job("B", 1, 0)), (Resource("crew", 1),), (Precedence(0, 1, lag=1),)
    )
    assert serial_sgs(instance, [5.0, 0.0]) == (0, 3)


def test_serial_scheme_honours_releases_fixed_starts_blackouts_and_profiles() -> None:
    crew = Resource("crew", 1, profile=((0, 2, 0),))
    instance = Instance(
        (
            job("frozen", 2, fixed_start=2),
            job("late", 1, release=6),
            job("blackout", 1, forbidden_ends=((5, 9),)),
        ),
        (crew,),
    )
    starts = serial_sgs(instance, [2.0, 1.0, 0.0])
    assert violations(instance, starts) == []
    assert starts[0] == 2 and starts[1] >= 6


def test_serial_scheme_starts_a_together_group_at_one_time_that_fits_all() -> None:
    instance = Instance(
        (job("A", 2, 2), job("B", 3, 1), job("C", 2, 2)),
        (Resource("crew", 3),),
        together=((1, 2),),
    )
    starts = serial_sgs(instance, [0.0, 1.0, 2.0])
    assert starts[1] == starts[2] == 2
    assert violations(instance, starts) == []


def test_serial_scheme_refuses_a_demand_no_capacity_can_meet() -> None:
    instance = Instance((job("A", 1, 5),), (Resource("crew", 2),))
    with pytest.raises(ValueError, match="A can never start"):
        serial_sgs(instance, [0.0])


def test_search_for_a_start_stops_once_capacity_is_gone_for_good() -> None:
    # The crew has people for ten periods only; the second job no longer fits
    # after the first. A far horizon must not make the search look that far.
    crew = Resource("crew", 0, profile=((0, 10, 2),))
    instance = Instance((job("A", 6, 2), job("B", 6, 2)), (crew,), horizon=100_000)
    grid = BookingGrid(instance, 16)
    grid.book(instance.activities[0], grid.earliest([instance.activities[0]], 0))
    with pytest.raises(ValueError, match="B can never start"):
        grid.earliest([instance.activities[1]], 0)
    assert grid.free.shape[1] < 100
    with pytest.raises(ValueError, match="can never start"):
        serial_sgs(instance, [0.0, 1.0])


def test_search_for_a_start_still_waits_out_bookings_and_blackouts() -> None:
    crew = Resource("crew", 1, profile=((0, 3, 0),))
    blocked = job("B", 2, forbidden_ends=((5, 40),))
    instance = Instance((job("A", 4), blocked), (crew,), horizon=10)
    assert serial_sgs(instance, [0.0, 1.0]) == (3, 38)


@pytest.mark.parametrize("rule", RULES)
def test_every_priority_rule_gives_a_valid_schedule(rule: str, chain_and_pair: Instance) -> None:
    starts = priority_rule_schedule(chain_and_pair, rule=rule)
    assert violations(chain_and_pair, starts) == []
    assert makespan(chain_and_pair, starts) >= 8


def test_unknown_rule_is_named_in_the_error(chain_and_pair: Instance) -> None:
    with pytest.raises(ValueError, match="unknown priority rule 'fifo'"):
        priority_rule_schedule(chain_and_pair, rule="fifo")


def test_improvement_is_never_worse_than_the_lft_rule() -> None:
    # Two chains competing for a crew of 2; LFT alone interleaves them poorly.
    acts = tuple(
        job(f"J{i}", d, q)
        for i, (d, q) in enumerate([(3, 2), (1, 1), (2, 1), (4, 1), (2, 2), (1, 1)])
    )
    precs = (Precedence(0, 1), Precedence(1, 2), Precedence(3, 4), Precedence(4, 5))
    instance = Instance(acts, (Resource("crew", 2),), precs)
    lft = makespan(instance, priority_rule_schedule(instance, rule="lft"))
    better = improved_schedule(instance, seconds=0.2, seed=3, max_rounds=20)
    assert violations(instance, better) == []
    assert makespan(instance, better) <= lft


def test_improvement_with_a_round_budget_is_reproducible(chain_and_pair: Instance) -> None:
    first = improved_schedule(chain_and_pair, seconds=60, seed=5, max_rounds=10)
    assert first == improved_schedule(chain_and_pair, seconds=60, seed=5, max_rounds=10)
