"""Fixtures for the cost engine: small hand-computed games and the Birmingham airport data."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pytest

from carveout.costs.games import AirportGame, TableGame


def shared_folder() -> Path:
    """The shared reference data, ``../shared`` beside the repository unless overridden."""
    default = Path(__file__).resolve().parents[2].parent / "shared"
    return Path(os.environ.get("CARVEOUT_SHARED", default))


@pytest.fixture(scope="session")
def birmingham() -> AirportGame:
    """Littlechild & Thompson's 1968 Birmingham runway game, one entry per aircraft type."""
    path = shared_folder() / "benchmarks" / "coop" / "birmingham_airport_1968.csv"
    if not path.exists():
        pytest.skip(f"reference data not found at {path}")
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    return AirportGame(
        tuple(r["aircraft_type"] for r in rows),
        np.array([float(r["runway_capital_cost_gbp"]) for r in rows]),
        np.array([int(r["movements"]) for r in rows], dtype=np.int64),
    )


@pytest.fixture(scope="session")
def three_runways() -> AirportGame:
    """The three smallest aircraft types of the Birmingham data, one landing each."""
    path = shared_folder() / "benchmarks" / "coop" / "birmingham_airport_1968.csv"
    if not path.exists():
        pytest.skip(f"reference data not found at {path}")
    with path.open(newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: float(r["runway_capital_cost_gbp"]))[:3]
    return AirportGame(
        tuple(r["aircraft_type"] for r in rows),
        np.array([float(r["runway_capital_cost_gbp"]) for r in rows]),
    )


def table_game(costs: dict[str, float], players: str = "ABC") -> TableGame:
    """A game from costs written as ``{"A": 4, "AB": 8, ...}``."""
    return TableGame.from_coalitions(tuple(players), {frozenset(k): v for k, v in costs.items()})


@pytest.fixture
def make_game():
    """``make_game({"W": 30, "R": 10, "WR": 34}, players="WR")``."""
    return table_game


@pytest.fixture
def economies_game() -> TableGame:
    """Each pair saves 2 on the sum of stand-alone costs 4, 6, 8, the trio saves 4."""
    return table_game({"A": 4, "B": 6, "C": 8, "AB": 8, "AC": 10, "BC": 12, "ABC": 14})


@pytest.fixture
def runway_game() -> TableGame:
    """A 3-player airport game with requirements 1, 2, 3, written out in full."""
    return table_game({"A": 1, "B": 2, "C": 3, "AB": 2, "AC": 3, "BC": 3, "ABC": 3})


@pytest.fixture
def empty_core_game() -> TableGame:
    """Any two can be served for 1, all three cost 2: no allocation is subsidy-free."""
    return table_game({"A": 1, "B": 1, "C": 1, "AB": 1, "AC": 1, "BC": 1, "ABC": 2})
