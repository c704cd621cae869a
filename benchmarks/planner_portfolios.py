"""What the planner benchmarks share: the generated portfolios they plan, and their tables.

Each portfolio is ``generate_portfolio(services=N, dependencies=4N, teams=10, years=3)``
with the given seed, planned for its first scenario (cost objective) without its deadline.
"""

from __future__ import annotations

from carveout.demo.generate import generate_portfolio
from carveout.domain import Portfolio, Scenario


def generated(size: int, seed: int = 0) -> tuple[Portfolio, Scenario]:
    """The generated portfolio of ``size`` services and the scenario the benchmarks plan."""
    portfolio = generate_portfolio(
        services=size, dependencies=4 * size, teams=10, years=3, seed=seed
    )
    return portfolio, portfolio.scenarios[0].model_copy(update={"deadline": None})


def millions(pounds: float | None) -> str:
    """Pounds as millions with two decimals, or a dash when there is no figure."""
    return f"{pounds / 1e6:.2f}M" if pounds is not None else "-"


def print_rows(rows: list[dict[str, str]]) -> None:
    """The rows as a table, one column per key, right-aligned."""
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    print("  ".join(c.rjust(widths[c]) for c in columns))
    for r in rows:
        print("  ".join(r[c].rjust(widths[c]) for c in columns))
