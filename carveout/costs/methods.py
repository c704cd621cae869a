"""Allocation methods side by side, each with a sentence on every party's share.

- ``ratio``: the pool's charging basis as written (fixed shares, or a driver);
- ``driver``: pay for what you use (each service by usage), or by a party driver;
- ``shapley``: each party's average incremental cost over all joining orders;
- ``nucleolus``: the allocation that leaves the worst-treated coalition best off.

Amounts are in the game's units (the catalogue cost); ``scale`` turns them
into the pounds of the year shown in the sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from carveout.costs.from_portfolio import PoolScope
from carveout.costs.games import CatalogueGame, FloatArray
from carveout.costs.nucleolus import MAX_NUCLEOLUS_PLAYERS, nucleolus
from carveout.costs.shapley import shapley
from carveout.costs.text import money
from carveout.domain import ChargingBasis, Portfolio
from carveout.errors import CarveoutError


class Method(StrEnum):
    """An allocation method."""

    RATIO = "ratio"
    DRIVER = "driver"
    SHAPLEY = "shapley"
    NUCLEOLUS = "nucleolus"


@dataclass(frozen=True, eq=False)
class Allocation:
    """One method's charges to the players of a game, with an explanation per party."""

    method: Method
    label: str
    amounts: FloatArray
    explanations: tuple[str, ...]
    half_width: FloatArray | None = None
    note: str = ""


def _stand_alone(game: CatalogueGame) -> FloatArray:
    return game.costs(np.int64(1) << np.arange(game.n, dtype=np.int64))


def _service_totals(game: CatalogueGame) -> FloatArray:
    everyone = np.ones((1, game.n))
    return np.array([float(s.costs(everyone)[0]) for s in game.services])


def current_basis(
    *, scope: PoolScope, game: CatalogueGame, portfolio: Portfolio, scale: float
) -> Allocation | None:
    """What the pool charges today: its fixed shares or its driver."""
    pool = scope.pool
    if pool is None:
        return None
    total = game.cost(game.grand)
    if pool.basis is ChargingBasis.RATIO:
        weights = np.array([pool.shares.get(p, 0.0) for p in game.players])
        fractions = weights / weights.sum()
        label = "Current basis (" + "/".join(f"{100 * f:.0f}" for f in fractions) + ")"
        why = [
            f"pays {f:.0%} of the pool, the share written in its charging basis" for f in fractions
        ]
    else:
        name = pool.driver or ""
        weights = _driver_values(portfolio, game.players, name)
        fractions = weights / weights.sum()
        label = f"Current basis (by {name})"
        why = [
            f"pays {f:.0%} of the pool in proportion to its {name} ({w:,.0f})"
            for f, w in zip(fractions, weights, strict=True)
        ]
    return Allocation(Method.RATIO, label, fractions * total, tuple(why))


def _driver_values(portfolio: Portfolio, players: Sequence[str], name: str) -> FloatArray:
    values = np.array(
        [
            portfolio.party_by_code[p].drivers.get(name, 0.0)
            if p in portfolio.party_by_code
            else 0.0
            for p in players
        ]
    )
    if values.sum() <= 0:
        raise CarveoutError(
            f"no party has a value for the driver '{name}'; add it to the parties' drivers "
            "or choose another driver"
        )
    return values


def driver_allocation(
    *, game: CatalogueGame, portfolio: Portfolio, driver: str | None, scale: float
) -> Allocation:
    """Each service split by its users' usage (equally if none recorded), or a party driver."""
    total = game.cost(game.grand)
    if driver:
        weights = _driver_values(portfolio, game.players, driver)
        fractions = weights / weights.sum()
        why = tuple(f"pays {f:.0%} of the pool, its share of {driver}" for f in fractions)
        return Allocation(Method.DRIVER, f"By {driver}", fractions * total, why)
    amounts = np.zeros(game.n)
    used = np.zeros(game.n, dtype=int)
    for service, cost in zip(game.services, _service_totals(game), strict=True):
        usage = service.usage if service.usage.sum() > 0 else service.users.astype(float)
        amounts += cost * usage / usage.sum()
        used += service.users
    why = tuple(
        f"pays for what it uses: its share of usage of the {k} services it uses, "
        f"{money(a * scale)} a year"
        for k, a in zip(used, amounts, strict=True)
    )
    return Allocation(Method.DRIVER, "By usage", amounts, why)


def shapley_allocation(
    *, game: CatalogueGame, scale: float, samples: int = 20_000, seed: int = 0
) -> Allocation:
    """Shapley charges, explained by their fixed and usage parts and largest service."""
    value = shapley(game, samples=samples, seed=seed)
    why = []
    for i in range(game.n):
        fixed = sum(s.fixed / s.users.sum() for s in game.services if s.users[i] and s.users.sum())
        parts = {code: float(v[i]) for code, v in value.by_service.items()}
        top = max(parts, key=lambda c: parts[c]) if parts else ""
        why.append(
            f"pays its average extra cost over every order of joining: {money(fixed * scale)} of "
            f"fixed costs shared equally with the other users and "
            f"{money((value.values[i] - fixed) * scale)} for its usage; largest part "
            f"{top} ({money(parts.get(top, 0.0) * scale)})"
        )
    note = "" if value.exact else f"sampled in part; ±{value.confidence:.0%} interval shown"
    return Allocation(
        Method.SHAPLEY, "Shapley value", value.values, tuple(why), value.half_width, note
    )


def nucleolus_allocation(*, game: CatalogueGame, scale: float) -> Allocation | None:
    """Nucleolus charges, explained against each party's stand-alone cost."""
    if game.n > MAX_NUCLEOLUS_PLAYERS:
        return None
    values = nucleolus(game).values
    alone = _stand_alone(game)
    why = tuple(
        f"pays {money((a - v) * scale)} a year less than its stand-alone cost of "
        f"{money(a * scale)}; no coalition could be given a larger smallest saving"
        for a, v in zip(alone, values, strict=True)
    )
    return Allocation(Method.NUCLEOLUS, "Nucleolus", values, why)


def allocate(
    *,
    scope: PoolScope,
    game: CatalogueGame,
    portfolio: Portfolio,
    methods: Sequence[Method],
    scale: float,
    driver: str | None = None,
    samples: int = 20_000,
    seed: int = 0,
) -> tuple[list[Allocation], list[str]]:
    """The requested allocations, and a note for each one that does not apply."""
    out: list[Allocation] = []
    notes: list[str] = []
    for method in methods:
        allocation: Allocation | None
        if method is Method.RATIO:
            allocation = current_basis(scope=scope, game=game, portfolio=portfolio, scale=scale)
            if allocation is None:
                notes.append(f"{scope.name} has no charging basis to compare with")
        elif method is Method.DRIVER:
            allocation = driver_allocation(
                game=game, portfolio=portfolio, driver=driver, scale=scale
            )
        elif method is Method.SHAPLEY:
            allocation = shapley_allocation(game=game, scale=scale, samples=samples, seed=seed)
        else:
            allocation = nucleolus_allocation(game=game, scale=scale)
            if allocation is None:
                notes.append(
                    f"the nucleolus is computed for at most {MAX_NUCLEOLUS_PLAYERS} parties; "
                    f"{scope.name} has {game.n}"
                )
        if allocation is not None:
            out.append(allocation)
    return out, notes
