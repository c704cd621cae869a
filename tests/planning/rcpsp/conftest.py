"""Small instances for the scheduling core, with optima checked by hand."""

from __future__ import annotations

import pytest

from carveout.planning.rcpsp import Activity, Instance, Precedence, Resource


def job(name: str, duration: int, *demands: int, **extra: object) -> Activity:
    """An activity with a compact signature for tests."""
    return Activity(name, duration, tuple(demands), **extra)  # type: ignore[arg-type]


@pytest.fixture
def chain_and_pair() -> Instance:
    """A (3) -> B (2) in sequence, and C (4), D (4) that cannot overlap (2 + 2 > 3).

    A, C and D all want the single crew of 3; A needs 1 so it can run beside
    C or D but C and D need 2 each. Best: C then D (8), A-B beside them: 8.
    """
    acts = (job("A", 3, 1), job("B", 2, 1), job("C", 4, 2), job("D", 4, 2))
    return Instance(acts, (Resource("crew", 3),), (Precedence(0, 1),), name="chain-and-pair")
