"""The compiled genetic algorithm gives valid, good, reproducible schedules on plain networks."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest

from carveout.planning.rcpsp import (
    Activity,
    Instance,
    Precedence,
    Resource,
    priority_rule_schedule,
    violations,
)
from carveout.planning.rcpsp.genetic import _csr, _insert, _seed, applies, genetic_schedule
from carveout.planning.rcpsp.heuristics import makespan


def random_network(seed: int, size: int = 30) -> Instance:
    """A layered network with two resources, releases and lags, like a small PSPLIB case."""
    rng = random.Random(seed)
    acts = tuple(
        Activity(
            f"a{i}",
            rng.randint(1, 9),
            (rng.randint(0, 5), rng.randint(0, 5)),
            release=rng.choice((0, 0, 0, rng.randint(1, 10))),
        )
        for i in range(size)
    )
    precedences = tuple(
        Precedence(i, j, lag=rng.choice((0, 0, 1)))
        for j in range(size)
        for i in range(j)
        if rng.random() < 3.0 / size
    )
    return Instance(acts, (Resource("r1", 6), Resource("r2", 7)), precedences)


def test_genetic_algorithm_finds_the_hand_checked_optimum(chain_and_pair: Instance) -> None:
    starts = genetic_schedule(chain_and_pair, seconds=5.0, max_generations=20)
    assert starts is not None
    assert not violations(chain_and_pair, starts)
    assert makespan(chain_and_pair, starts) == 8


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_genetic_schedule_is_valid_and_no_worse_than_the_lft_rule(seed: int) -> None:
    instance = random_network(seed)
    starts = genetic_schedule(instance, seconds=5.0, max_generations=30)
    assert starts is not None
    assert violations(instance, starts) == []
    lft = priority_rule_schedule(instance, rule="lft")
    assert makespan(instance, starts) <= makespan(instance, lft)


def test_same_seed_and_generation_limit_give_the_same_schedule() -> None:
    # Enough generations for the population to stall and restart at least once.
    instance = random_network(7)
    first = genetic_schedule(instance, seconds=60.0, seed=3, max_generations=80)
    again = genetic_schedule(instance, seconds=60.0, seed=3, max_generations=80)
    assert first == again


def test_an_insertion_keeps_the_list_a_precedence_feasible_permutation() -> None:
    instance = random_network(11, size=40)
    n = instance.size
    pp, pi, _ = _csr(n, [(p.after, p.before, 0) for p in instance.precedences])
    sp, si, _ = _csr(n, [(p.before, p.after, 0) for p in instance.precedences])
    child = np.arange(n, dtype=np.int64)  # the layered network's indices are a topological order
    where = np.empty(n, np.int64)
    _seed(5)
    moved = 0
    for _ in range(2_000):
        before = child.copy()
        _insert(child, where, pp, pi, sp, si)
        moved += int(not np.array_equal(before, child))
        assert sorted(child.tolist()) == list(range(n))
        position = {int(a): k for k, a in enumerate(child)}
        assert all(position[p.before] < position[p.after] for p in instance.precedences)
    assert moved > 1_000  # most draws do move an activity


def test_the_search_stops_once_it_stops_improving() -> None:
    instance = random_network(3)
    began = time.perf_counter()
    starts = genetic_schedule(instance, seconds=120.0, patience=0.5)
    assert time.perf_counter() - began < 30.0
    assert starts is not None and violations(instance, starts) == []


@pytest.mark.parametrize(
    "instance",
    [
        Instance((Activity("a", 1, (1,)),), (Resource("r", 1, profile=((0, 5, 0),)),)),
        Instance((Activity("a", 1, (1,), forbidden_ends=((1, 3),)),), (Resource("r", 1),)),
        Instance((Activity("a", 1, (1,), fixed_start=4),), (Resource("r", 1),)),
        Instance((Activity("a", 1, (2,)),), (Resource("r", 1),)),
        Instance(
            (Activity("a", 1, (1,)), Activity("b", 1, (1,))),
            (Resource("r", 2),),
            together=((0, 1),),
        ),
        Instance(
            (Activity("a", 3, (1,)), Activity("b", 1, (1,))),
            (Resource("r", 2),),
            (Precedence(0, 1, lag=-2),),
        ),
    ],
    ids=["profile", "blackout", "frozen", "too-big", "together", "negative-lag"],
)
def test_richer_instances_are_left_to_the_priority_rule_sampler(instance: Instance) -> None:
    assert not applies(instance)
    assert genetic_schedule(instance, seconds=1.0) is None
