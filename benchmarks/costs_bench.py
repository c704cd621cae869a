"""Cost allocation benchmarks: exact Shapley and nucleolus against the textbook baseline.

Run: ``.venv/bin/python -m benchmarks.costs_bench``. The baseline is the
textbook Shapley formula, a plain loop over all coalitions for each player;
it is run where feasible and its time extrapolated (per coalition visited)
where not.
"""

from __future__ import annotations

import csv
import math
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from carveout.costs.games import AirportGame, CatalogueGame, PowerCurve, ServiceCost, TableGame
from carveout.costs.nucleolus import lp_nucleolus, nucleolus
from carveout.costs.shapley import sampled_shapley, shapley


def shared_folder() -> Path:
    default = Path(__file__).resolve().parents[1].parent / "shared"
    return Path(os.environ.get("CARVEOUT_SHARED", default)) / "benchmarks"


CPU: dict[float, float] = {}
"""CPU seconds of each timed run, keyed by its wall time (the machine may be shared)."""


def timed(run: Callable[[], Any]) -> tuple[Any, float]:
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    wall = time.perf_counter() - start
    CPU[wall] = time.process_time() - cpu
    return result, wall


def seconds(wall: float) -> str:
    return f"{wall:.2f} s (cpu {CPU[wall]:.2f} s)"


def textbook_shapley(table: np.ndarray, n: int) -> list[float]:
    """φ_i = Σ_{S ⊆ N∖i} |S|!(n-|S|-1)!/n! (c(S ∪ i) - c(S)), coalition by coalition."""
    weights = [math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n) for s in range(n)]
    costs = table.tolist()
    values = []
    for i in range(n):
        bit, total = 1 << i, 0.0
        for mask in range(1 << n):
            if not mask & bit:
                total += weights[mask.bit_count()] * (costs[mask | bit] - costs[mask])
        values.append(total)
    return values


def general_game(n: int, seed: int) -> TableGame:
    """A general (unstructured) game: a random subadditive-looking cost per coalition."""
    rng = np.random.default_rng(seed)
    sizes = np.zeros(1)
    for _ in range(n):
        sizes = np.concatenate([sizes, sizes + 1])
    values = 100 * np.sqrt(sizes) * rng.uniform(0.8, 1.2, 1 << n)
    values[0] = 0.0
    return TableGame(tuple(f"P{i}" for i in range(n)), values)


def birmingham() -> AirportGame:
    path = shared_folder() / "coop" / "birmingham_airport_1968.csv"
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    return AirportGame(
        tuple(r["aircraft_type"] for r in rows),
        np.array([float(r["runway_capital_cost_gbp"]) for r in rows]),
        np.array([int(r["movements"]) for r in rows], dtype=np.int64),
    )


def police_game(seed: int = 43, forces: int = 43, services: int = 200) -> CatalogueGame:
    """Every force of England and Wales sharing 200 services; whole-unit usage ≤ 20,000."""
    rng = np.random.default_rng(seed)
    size = rng.lognormal(0.0, 0.8, forces)  # forces differ a lot in size
    items = []
    for k in range(services):
        users = rng.random(forces) < 0.9
        total = int(rng.integers(2_000, 20_001))
        weights = np.where(users, size, 0.0)
        usage = rng.multinomial(total, weights / weights.sum()).astype(float)
        curve = PowerCurve(
            float(rng.uniform(2e5, 2e6)), float(total), float(rng.uniform(0.6, 0.95))
        )
        items.append(ServiceCost(f"S{k:03d}", float(rng.uniform(5e4, 1e6)), usage, users, curve))
    return CatalogueGame(tuple(f"F{i:02d}" for i in range(forces)), tuple(items))


def main() -> None:
    rows: list[tuple[str, str, str, str, str]] = []

    game20 = general_game(20, seed=1)
    table = game20.table()
    fast, t_fast = timed(lambda: shapley(game20).values)
    slow, t_slow = timed(lambda: textbook_shapley(table, 20))
    assert np.allclose(fast, slow)
    per_visit = t_slow / (20 * 2**19)
    rows.append(
        (
            "Shapley, general 20-party game",
            seconds(t_fast),
            seconds(t_slow),
            f"{t_slow / t_fast:,.0f}×",
            "exact; < 1 s target",
        )
    )

    airport = birmingham()
    value, t_air = timed(lambda: shapley(airport).as_dict())
    nuc, t_air_nuc = timed(lambda: nucleolus(airport).as_dict())
    players = int(airport.counts.sum())
    rows.append(
        (
            f"Shapley, Birmingham ({players:,} players)",
            f"{t_air * 1e3:.2f} ms",
            "infeasible (2^13572 coalitions)",
            "—",
            f"B707 {value['Boeing 707']:.4f}, F27 {value['Fokker Friendship 27']:.4f}; < 0.1 s",
        )
    )
    rows.append(
        (
            f"Nucleolus, Birmingham ({players:,} players)",
            f"{t_air_nuc * 1e3:.2f} ms",
            "—",
            "—",
            f"B707 {nuc['Boeing 707']:.4f}, F27 {nuc['Fokker Friendship 27']:.4f}",
        )
    )

    game15 = general_game(15, seed=2)
    result, t_nuc = timed(lambda: lp_nucleolus(game15))
    assert abs(result.values.sum() - game15.table()[-1]) < 1e-6
    rows.append(
        (
            "Nucleolus, general 15-party game",
            seconds(t_nuc),
            "—",
            "—",
            f"{result.stages} LP stages over 32,766 coalitions; < 5 s target",
        )
    )

    police = police_game()
    exact, t_police = timed(lambda: shapley(police))
    estimate = per_visit * 43 * 2**42
    sampled, t_sampled = timed(
        lambda: sampled_shapley(police, samples=1_000, seed=7, confidence=0.99)
    )
    assert exact.exact
    inside = np.abs(sampled.values - exact.values) <= sampled.half_width
    ratio = float(np.max(np.abs(sampled.values - exact.values) / sampled.half_width))
    rows.append(
        (
            "Shapley, 43 forces × 200 services",
            seconds(t_police),
            f"~{estimate / 3.15e7:,.0f} years (extrapolated)",
            f"~{estimate / t_police:.0e}×",
            "exact; < 10 s target",
        )
    )
    rows.append(
        (
            "  check: sampling 1,000 orders",
            seconds(t_sampled),
            "—",
            "—",
            f"{inside.sum()}/43 exact values inside the 99% interval; "
            f"worst |diff| = {ratio:.2f} half-widths",
        )
    )

    header = ("case", "carveout", "textbook baseline", "speed-up", "notes")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
