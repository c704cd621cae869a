"""The cost pools' sheets: each pool, its parties' shares, services, costs by year and charges."""

from __future__ import annotations

from carveout.domain.enums import ChargingBasis
from carveout.portfolio.sheet_model import (
    Sheet,
    choice_column,
    code_column,
    integer_column,
    number_column,
    text_column,
)

COST_POOL_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "cost_pools",
        "Pots of shared cost and how they are charged to parties today.",
        (
            code_column("code", "Short unique code of the pool"),
            text_column("name", "Name of the pool", required=True),
            choice_column(
                "basis", ChargingBasis, "ratio: fixed shares; driver: by a driver", required=True
            ),
            text_column("driver", "Driver name when the basis is driver, e.g. officers"),
            code_column(
                "agreement", "Code of the agreement the pool is shared under", required=False
            ),
        ),
        key=("code",),
        kind="cost_pool",
    ),
    Sheet(
        "pool_shares",
        "Fixed shares of each party in a ratio pool (normalised: 69/31 = 0.69/0.31).",
        (
            code_column("pool", "Code of a pool on the cost_pools sheet"),
            code_column("party", "Code of a party"),
            number_column("share", "The party's share", required=True),
        ),
        key=("pool", "party"),
        parent="cost_pools",
        field="shares",
    ),
    Sheet(
        "pool_services",
        "The services whose cost each pool carries.",
        (
            code_column("pool", "Code of a pool on the cost_pools sheet"),
            code_column("service", "Code of a service"),
        ),
        key=("pool", "service"),
        parent="cost_pools",
        field="services",
    ),
    Sheet(
        "pool_costs",
        "Each pool's total cost by year.",
        (
            code_column("pool", "Code of a pool on the cost_pools sheet"),
            integer_column("year", "The year, e.g. 2019", required=True),
            number_column("amount", "Total cost of the pool that year in pounds", required=True),
        ),
        key=("pool", "year"),
        parent="cost_pools",
        field="annual_costs",
    ),
    Sheet(
        "pool_charges",
        "What each party was actually charged for a pool in a year (where known).",
        (
            code_column("pool", "Code of a pool on the cost_pools sheet"),
            integer_column("year", "The year, e.g. 2016", required=True),
            code_column("party", "Code of a party"),
            number_column(
                "amount", "What the party was charged that year in pounds", required=True
            ),
        ),
        key=("pool", "year", "party"),
        parent="cost_pools",
        field="charges",
    ),
)
