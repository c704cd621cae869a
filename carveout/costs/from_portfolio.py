"""Cost games built from a portfolio's catalogue and cost pools.

A pool's game has as players every party charged by the pool or using one of
its services. Each service costs a coalition nothing unless one of its
consumers is in it (a service with no consumers is used by its host); then it
costs its fixed cost plus a variable cost of the coalition's total usage,
calibrated so the whole catalogue usage costs ``variable_cost × usage`` as the
catalogue says. ``exponent`` below 1 models economies of scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from carveout.costs.games import CatalogueGame, PowerCurve, ServiceCost
from carveout.domain import CostPool, Portfolio, Service
from carveout.errors import CarveoutError

CATALOGUE_POOL = "catalogue"
"""The code of the implicit pool carrying every service when a portfolio has none."""


@dataclass(frozen=True)
class PoolScope:
    """What one pool carries: its players and services, and its charging basis (if any)."""

    code: str
    name: str
    players: tuple[str, ...]
    services: tuple[Service, ...]
    pool: CostPool | None


def service_cost(service: Service, *, players: Sequence[str], exponent: float = 1.0) -> ServiceCost:
    """One service as a cost game component over ``players``."""
    consumers = set(service.consumers) or {service.host}
    usage = np.array([service.usage_of(p) for p in players])
    users = np.array([p in consumers for p in players])
    reference = float(usage.sum())
    curve = PowerCurve(
        service.variable_cost * reference, reference if reference > 0 else 1.0, exponent
    )
    return ServiceCost(service.code, service.fixed_cost, usage, users, curve)


def catalogue_game(
    *, services: Sequence[Service], players: Sequence[str], exponent: float = 1.0
) -> CatalogueGame:
    """The game of serving coalitions of ``players`` with ``services``."""
    players = tuple(players)
    return CatalogueGame(
        players, tuple(service_cost(s, players=players, exponent=exponent) for s in services)
    )


def pool_scopes(*, portfolio: Portfolio) -> list[PoolScope]:
    """Every pool of the portfolio, or one implicit pool of the whole catalogue.

    A pool that lists no services carries the whole catalogue.
    """
    order = [p.code for p in portfolio.parties]
    if not portfolio.cost_pools:
        services = portfolio.services
        return [
            PoolScope(
                CATALOGUE_POOL, "Whole catalogue", _players(order, services, ()), services, None
            )
        ]
    scopes = []
    for pool in portfolio.cost_pools:
        if pool.services:
            missing = [c for c in pool.services if c not in portfolio.service_by_code]
            if missing:
                raise CarveoutError(
                    f"cost pool {pool.code} lists unknown services {', '.join(missing)}; "
                    "add them to the catalogue or remove them from the pool"
                )
            services = tuple(portfolio.service_by_code[c] for c in pool.services)
        else:
            services = portfolio.services
        charged = tuple(p for p, share in pool.shares.items() if share > 0)
        scopes.append(
            PoolScope(pool.code, pool.name, _players(order, services, charged), services, pool)
        )
    return scopes


def _players(
    order: Sequence[str], services: Sequence[Service], charged: Sequence[str]
) -> tuple[str, ...]:
    involved = set(charged)
    for service in services:
        involved.update(service.consumers or (service.host,))
    known = [p for p in order if p in involved]
    return (*known, *sorted(involved - set(known)))
