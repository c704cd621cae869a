"""The Shapley value: each player's average incremental cost over all joining orders.

The cheapest exact method the game's structure allows is used:

- a :class:`~carveout.costs.games.CatalogueGame` is a sum of service games, and
  the Shapley value is additive, so it is computed per service: the fixed cost
  is shared equally by the service's users, a linear variable cost in
  proportion to usage, and a concave (or tabled) variable cost of total usage by
  :func:`total_usage_shapley`, which counts coalitions by size and total usage
  instead of listing them (O(n² U) for n users and U units of usage);
- an :class:`~carveout.costs.games.AirportGame` by the Littlechild–Owen closed
  form (O(n log n));
- any other game of up to ~20 players by enumerating all 2^n coalitions,
  vectorised over bitmasks (O(n 2^n));
- beyond that, by sampling joining orders, with a confidence interval.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce

import numpy as np
from scipy.stats import norm

from carveout.costs.games import (
    AirportGame,
    CatalogueGame,
    CostGame,
    FloatArray,
    ServiceCost,
    popcounts,
)

MAX_ENUMERATION_PLAYERS = 20
"""Largest general game whose Shapley value is found by listing every coalition."""

MAX_COUNTING_CELLS = 8_000_000
"""Largest (coalition size × total usage) table the usage-counting method builds."""


@dataclass(frozen=True, eq=False)
class ShapleyValue:
    """Shapley values of a game, with how they were found.

    ``half_width`` is the half-width of the ``confidence`` interval around each
    value when any part was sampled, else ``None``. ``by_service`` splits the
    values of a catalogue game by service.
    """

    players: tuple[str, ...]
    values: FloatArray
    method: str
    half_width: FloatArray | None = None
    confidence: float = 0.95
    by_service: dict[str, FloatArray] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        return self.half_width is None

    def as_dict(self) -> dict[str, float]:
        return {p: float(v) for p, v in zip(self.players, self.values, strict=True)}


def order_weights(n: int) -> FloatArray:
    """``w[s] = s! (n-1-s)! / n!``: the chance a given player joins right after ``s`` others."""
    logs = [math.lgamma(s + 1) + math.lgamma(n - s) - math.lgamma(n + 1) for s in range(n)]
    return np.asarray(np.exp(np.array(logs)), dtype=np.float64)


def enumerated_shapley(table: FloatArray, n: int) -> FloatArray:
    """Exact Shapley values from the costs of all ``2^n`` coalitions (vectorised)."""
    if n == 0:
        return np.zeros(0)
    weights = order_weights(n)[np.minimum(popcounts(n), n - 1)]
    values = np.empty(n)
    for i in range(n):
        # Masks split into (higher bits, bit i, lower bits): bit i off vs on.
        shape = (1 << (n - 1 - i), 2, 1 << i)
        costs = table.reshape(shape)
        values[i] = np.sum(weights.reshape(shape)[:, 0, :] * (costs[:, 1, :] - costs[:, 0, :]))
    return values


def airport_shapley(requirements: FloatArray, counts: np.ndarray | None = None) -> FloatArray:
    """Littlechild–Owen: each segment of the runway is shared by all who need it.

    Returns the value per single player of each entry; ``counts[i]`` identical
    players stand behind entry ``i``.
    """
    requirements = np.asarray(requirements, dtype=np.float64)
    counts = np.ones(len(requirements)) if counts is None else np.asarray(counts, np.float64)
    order = np.argsort(requirements, kind="stable")
    levels = requirements[order]
    increments = np.diff(np.concatenate([[0.0], levels]))
    still_needing = np.cumsum(counts[order][::-1])[::-1]
    values = np.empty(len(levels))
    values[order] = np.cumsum(increments / still_needing)
    return values


def total_usage_shapley(usage: np.ndarray, curve: Callable[[FloatArray], FloatArray]) -> FloatArray:
    """Exact Shapley values of ``c(S) = curve(total usage of S)`` for whole-unit usage.

    Counts the coalitions of each size and total usage with a knapsack-style
    table (exact in floating point: every count is below 2^53 for up to 52
    players), then takes one player out by exact deconvolution for each
    distinct usage value. Only sizes up to half are built: a coalition of the
    others of size ``s`` and total ``t`` is the complement of one of size
    ``n-1-s`` and total ``T-u-t``, and the weights are symmetric too.
    Cost O(n² U) time, O(n U) memory, for n players and U total units.
    """
    units = np.asarray(usage, dtype=np.int64)
    n, total = len(units), int(units.sum())
    values = np.zeros(n)
    if n == 0:
        return values
    others, half = n - 1, (n - 1) // 2
    ascending = np.sort(units)
    lowest = np.concatenate([[0], np.cumsum(ascending)])  # sum of the s smallest
    highest = np.concatenate([[0], np.cumsum(ascending[::-1])])  # sum of the s largest

    counts = np.zeros((half + 1, total + 1))
    counts[0, 0] = 1.0
    running = 0
    for j, u in enumerate(units):
        running += int(u)
        for s in range(min(j + 1, half), 0, -1):  # descending: each player joins once
            start = max(int(lowest[s]), int(u))
            if running >= start:
                counts[s, start : running + 1] += counts[s - 1, start - u : running + 1 - u]

    weights = order_weights(n)[: half + 1]
    sizes = np.arange(half + 1)
    paired = np.where(sizes < others - sizes, weights, 0.0)  # sizes s and n-1-s together
    middle = others % 2 == 0
    curve_at = curve(np.arange(total + 1, dtype=np.float64))
    without = np.zeros((half + 1, total + 1))  # coalitions of the others
    without[0, 0] = 1.0
    distinct, which = np.unique(units, return_inverse=True)
    for k, u in enumerate(distinct):
        length = total - int(u) + 1
        for s in range(1, half + 1):
            lo, hi = int(lowest[s]), min(int(highest[s]), length - 1) + 1
            split = max(lo, int(u))
            if split > lo:
                without[s, lo:split] = counts[s, lo:split]
            if hi > split:
                np.subtract(
                    counts[s, split:hi],
                    without[s - 1, split - u : hi - u],
                    out=without[s, split:hi],
                )
            without[s, max(hi, lo) : length] = 0.0
        # Full-width (contiguous) products: columns past ``length`` hold zeros.
        rise = np.zeros(total + 1)
        rise[:length] = curve_at[u : u + length] - curve_at[:length]
        both = rise.copy()
        both[:length] += rise[length - 1 :: -1]
        # einsum, not BLAS: threaded matrix-vector products stall on a busy machine.
        value = float(paired @ np.einsum("st,t->s", without, both))
        if middle:
            value += weights[half] * float(np.einsum("t,t->", without[half], rise))
        values[which == k] = value
    return values


def whole_units(usage: FloatArray) -> tuple[np.ndarray, float] | None:
    """Usage as whole multiples of a common unit (up to 3 decimals), or ``None``."""
    for scale in (1, 10, 100, 1000):
        scaled = np.asarray(usage) * scale
        rounded = np.round(scaled)
        if np.allclose(scaled, rounded, rtol=0, atol=1e-6):
            ints = rounded.astype(np.int64)
            unit = reduce(math.gcd, (int(v) for v in ints), 0) or 1
            return ints // unit, unit / scale
    return None


def _sampled_usage(
    usage: FloatArray, curve: Callable[[FloatArray], FloatArray], samples: int, seed: int
) -> tuple[FloatArray, FloatArray]:
    """Mean and standard error of marginal costs over random joining orders."""
    rng = np.random.default_rng(seed)
    n = len(usage)
    orders = rng.permuted(np.tile(np.arange(n), (samples, 1)), axis=1)
    totals = np.cumsum(usage[orders], axis=1)
    before = np.concatenate([np.zeros((samples, 1)), totals[:, :-1]], axis=1)
    marginal = curve(totals) - curve(before)
    by_player = np.empty_like(marginal)
    np.put_along_axis(by_player, orders, marginal, axis=1)
    return by_player.mean(axis=0), by_player.std(axis=0, ddof=1) / math.sqrt(samples)


def _service_shapley(
    service: ServiceCost, samples: int, seed: int
) -> tuple[FloatArray, FloatArray | None, str]:
    n = len(service.usage)
    values = np.zeros(n)
    users = np.flatnonzero(service.users)
    if len(users) == 0:
        return values, None, "unused"
    values[users] += service.fixed / len(users)
    if service.curve.linear:
        values += service.curve(service.usage)
        return values, None, "exact"
    # Players with no usage are null players of the variable part.
    positive = np.flatnonzero(service.usage > 0)
    usage = service.usage[positive]
    ints = whole_units(usage)
    if ints is not None and (len(positive) // 2 + 1) * (int(ints[0].sum()) + 1) <= (
        MAX_COUNTING_CELLS
    ):
        units, unit = ints
        values[positive] += total_usage_shapley(units, lambda t: service.curve(t * unit))
        return values, None, "exact"
    if len(positive) <= MAX_ENUMERATION_PLAYERS:
        totals = np.zeros(1)
        for u in usage:
            totals = np.concatenate([totals, totals + u])
        values[positive] += enumerated_shapley(service.curve(totals), len(positive))
        return values, None, "exact"
    mean, error = _sampled_usage(usage, service.curve, samples, seed)
    values[positive] += mean
    spread = np.zeros(n)
    spread[positive] = error
    return values, spread, "sampled"


def _catalogue_shapley(
    game: CatalogueGame, samples: int, seed: int, confidence: float
) -> ShapleyValue:
    values = np.zeros(game.n)
    variance = np.zeros(game.n)
    sampled = False
    by_service: dict[str, FloatArray] = {}
    for k, service in enumerate(game.services):
        part, error, _ = _service_shapley(service, samples, seed + k)
        by_service[service.code] = part
        values += part
        if error is not None:
            sampled = True
            variance += error**2
    z = float(norm.ppf(0.5 + confidence / 2))
    return ShapleyValue(
        game.players,
        values,
        "per service, sampled where too large" if sampled else "exact, per service",
        z * np.sqrt(variance) if sampled else None,
        confidence,
        by_service,
    )


def sampled_shapley(
    game: CostGame, *, samples: int = 20_000, seed: int = 0, confidence: float = 0.95
) -> ShapleyValue:
    """Shapley values estimated from random joining orders, for any game.

    Each order costs ``n + 1`` coalition evaluations; the interval is the
    normal approximation ``mean ± z·sd/√samples`` per player.
    """
    rng = np.random.default_rng(seed)
    n = game.n
    total, squares, done = np.zeros(n), np.zeros(n), 0
    batch = max(1, min(samples, 200_000 // (n + 1)))
    while done < samples:
        size = min(batch, samples - done)
        orders = rng.permuted(np.tile(np.arange(n, dtype=np.int64), (size, 1)), axis=1)
        masks = np.concatenate(
            [np.zeros((size, 1), np.int64), np.cumsum(np.int64(1) << orders, axis=1)], axis=1
        )
        costs = game.costs(masks.ravel()).reshape(size, n + 1)
        marginal = np.empty((size, n))
        np.put_along_axis(marginal, orders, np.diff(costs, axis=1), axis=1)
        total += marginal.sum(axis=0)
        squares += (marginal**2).sum(axis=0)
        done += size
    mean = total / samples
    spread = np.sqrt(np.maximum(squares / samples - mean**2, 0.0) * samples / max(samples - 1, 1))
    z = float(norm.ppf(0.5 + confidence / 2))
    return ShapleyValue(
        game.players, mean, "sampled orders", z * spread / math.sqrt(samples), confidence
    )


def shapley(
    game: CostGame, *, samples: int = 20_000, seed: int = 0, confidence: float = 0.95
) -> ShapleyValue:
    """The Shapley value by the cheapest exact method the game allows (see module doc)."""
    if isinstance(game, CatalogueGame):
        return _catalogue_shapley(game, samples, seed, confidence)
    if isinstance(game, AirportGame):
        values = airport_shapley(game.requirements, game.counts)
        return ShapleyValue(game.players, values, "exact, Littlechild–Owen closed form")
    if game.n <= MAX_ENUMERATION_PLAYERS:
        values = enumerated_shapley(game.table(), game.n)
        return ShapleyValue(game.players, values, "exact, all coalitions")
    return sampled_shapley(game, samples=samples, seed=seed, confidence=confidence)
