"""The compiled genetic algorithm gives valid, good, reproducible schedules on plain networks."""

from __future__ import annotations

import random

import pytest

from carveout.planning.rcpsp import (
    Activity,
    Instance,
    Precedence,
    Resource,
    priority_rule_schedule,
    violations,
)
from carveout.planning.rcpsp.genetic import applies, genetic_schedule
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
    instance = random_network(7)
    first = genetic_schedule(instance, seconds=60.0, seed=3, max_generations=15)
    again = genetic_schedule(instance, seconds=60.0, seed=3, max_generations=15)
    assert first == again


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
