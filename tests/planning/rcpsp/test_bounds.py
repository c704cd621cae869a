"""Lower bounds never exceed a known optimum and are tight on simple cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carveout.planning.rcpsp import (
    Activity,
    Instance,
    Precedence,
    Resource,
    critical_path_bound,
    resource_bound,
)
from carveout.planning.rcpsp.bounds import earliest_starts, latest_starts
from carveout.planning.rcpsp.cliques import conflict_sets, disjunctive_cliques
from carveout.planning.rcpsp.energy import precedence_energy_delays


def job(name: str, duration: int, demand: int = 1, **extra: object) -> Activity:
    return Activity(name, duration, (demand,), **extra)  # type: ignore[arg-type]


def test_critical_path_is_the_longest_chain_with_lags_and_releases() -> None:
    instance = Instance(
        (job("A", 2), job("B", 3, release=1), job("C", 4)),
        (Resource("crew", 9),),
        (Precedence(0, 2, lag=1), Precedence(1, 2)),
    )
    # B is released at 1 and ends at 4; C may start at 4 and ends at 8.
    assert critical_path_bound(instance) == 8


def test_critical_path_of_a_together_group_follows_its_latest_member() -> None:
    instance = Instance(
        (job("A", 1, release=5), job("B", 2)), (Resource("crew", 9),), together=((0, 1),)
    )
    assert earliest_starts(instance) == [5, 5]
    assert critical_path_bound(instance) == 7


def test_positive_cycle_is_reported() -> None:
    instance = Instance(
        (job("A", 1), job("B", 1)), (Resource("crew", 9),), (Precedence(0, 1), Precedence(1, 0))
    )
    assert earliest_starts(instance) is None
    with pytest.raises(ValueError, match="cycle"):
        critical_path_bound(instance)


def test_latest_starts_respect_deadlines_and_successors() -> None:
    instance = Instance(
        (job("A", 2), job("B", 3, deadline=9)), (Resource("crew", 9),), (Precedence(0, 1),)
    )
    assert latest_starts(instance, 20) == [4, 6]


def test_resource_bound_is_total_work_over_capacity() -> None:
    instance = Instance((job("A", 3, 2), job("B", 3, 2), job("C", 1, 1)), (Resource("crew", 2),))
    assert resource_bound(instance) == 7  # 13 units of work at 2 a period


def test_resource_bound_counts_a_holiday_with_no_capacity() -> None:
    crew = Resource("crew", 1, profile=((0, 5, 0),))
    instance = Instance((job("A", 2),), (crew,))
    assert resource_bound(instance) == 7


def test_blackout_moves_the_earliest_start() -> None:
    instance = Instance((job("A", 2, forbidden_ends=((1, 4),)),), (Resource("crew", 1),))
    assert earliest_starts(instance) == [2]


def test_jobs_too_big_to_share_the_crew_form_one_clique() -> None:
    acts = (job("A", 1, 3), job("B", 1, 3), job("C", 1, 3), job("D", 1, 1))
    cliques = disjunctive_cliques(Instance(acts, (Resource("crew", 5),)))
    assert cliques == [[0, 1, 2]]


def test_energy_of_successors_delays_the_end() -> None:
    # After A, three 2-period jobs each needing the whole crew must run one by one.
    acts = (job("A", 1), job("B", 2, 2), job("C", 2, 2), job("D", 2, 2))
    instance = Instance(acts, (Resource("crew", 2),), tuple(Precedence(0, k) for k in (1, 2, 3)))
    delays = precedence_energy_delays(instance, [0, 1, 1, 1])
    assert any(d.before == 0 and d.after is None and d.gap == 6 for d in delays)


def test_most_keeps_only_the_largest_cliques() -> None:
    # A, B and C exclude each other on the first crew, D and E on the second.
    first = tuple(Activity(name, 1, (3, 0)) for name in "ABC")
    acts = first + tuple(Activity(name, 1, (0, 3)) for name in "DE")
    instance = Instance(acts, (Resource("first", 5), Resource("second", 5)))
    assert disjunctive_cliques(instance, min_size=2) == [[0, 1, 2], [3, 4]]
    assert disjunctive_cliques(instance, min_size=2, most=1) == [[0, 1, 2]]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda resources: st.tuples(
            st.lists(st.integers(0, 9), min_size=resources, max_size=resources),
            st.lists(
                st.tuples(
                    st.integers(0, 3),
                    st.lists(st.integers(0, 9), min_size=resources, max_size=resources),
                ),
                min_size=1,
                max_size=25,
            ),
        )
    )
)
def test_resource_conflicts_are_the_pairs_that_exceed_a_peak(
    case: tuple[list[int], list[tuple[int, list[int]]]],
) -> None:
    peaks, jobs = case
    acts = tuple(Activity(f"a{i}", d, tuple(need)) for i, (d, need) in enumerate(jobs))
    instance = Instance(acts, tuple(Resource(f"r{r}", p) for r, p in enumerate(peaks)))
    _, by_resource = conflict_sets(instance)
    for i, a in enumerate(acts):
        expected = {
            j
            for j, b in enumerate(acts)
            if j != i
            and a.duration > 0
            and b.duration > 0
            and any(x + y > p for x, y, p in zip(a.demands, b.demands, peaks, strict=True))
        }
        assert {j for j in range(len(acts)) if by_resource[i] >> j & 1} == expected
