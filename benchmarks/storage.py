"""How fast the store writes and reads a large portfolio, on SQLite (and PostgreSQL if up).

Run: ``.venv/bin/python -m benchmarks.storage [--services 5000 --dependencies 20000]``.
Times, on a portfolio from ``carveout.demo.generate``: a full apply into an
empty database (validation, bulk inserts, one audit row per record), a load
with an empty cache, a one-record upsert and an apply that changes nothing,
side by side per backend.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

from carveout.demo.generate import generate_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store

POSTGRES = os.environ.get(
    "CARVEOUT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _time(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(url: str, portfolio: Portfolio) -> dict[str, float]:
    store = open_store(url)
    empty = store.load()
    figures = {
        "apply (empty → full)": _time(lambda: store.apply(diff(empty, portfolio), actor="b"))
    }
    store.close()
    store = open_store(url)  # a cold read, as a fresh process would do it
    figures["load (cold)"] = _time(store.load)
    figures["load (cached)"] = _time(store.load)
    changed = portfolio.services[0].model_copy(update={"fixed_cost": 1.0})
    figures["upsert one service"] = _time(lambda: store.upsert("service", changed, actor="b"))
    figures["apply unchanged"] = _time(
        lambda: store.apply(diff(store.load(), store.load()), actor="b")
    )
    store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--dependencies", type=int, default=20000)
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    portfolio = generate_portfolio(
        services=args.services, dependencies=args.dependencies, teams=args.teams, seed=args.seed
    )
    records = sum(1 for _ in portfolio.items())
    print(f"{records:,} records ({args.services:,} services, {args.dependencies:,} dependencies)")
    columns: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        columns["SQLite"] = measure(f"sqlite:///{Path(folder) / 'bench.db'}", portfolio)
    try:
        schema = f"carveout_bench_{os.getpid()}"
        admin = create_engine(POSTGRES)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
            columns["PostgreSQL"] = measure(url, portfolio)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    except Exception as error:  # the PostgreSQL column is optional
        print(f"(PostgreSQL skipped: {type(error).__name__}: {str(error).splitlines()[0]})")
    names = list(columns)
    header = f"{'operation':<22}" + "".join(f"{n:>12}" for n in names)
    if len(names) == 2:
        header += f"{'PG/SQLite':>11}"
    print(header)
    for operation in columns[names[0]]:
        line = f"{operation:<22}" + "".join(f"{columns[n][operation]:>11.3f}s" for n in names)
        if len(names) == 2:
            ratio = columns[names[1]][operation] / max(columns[names[0]][operation], 1e-9)
            line += f"{ratio:>10.1f}×"
        print(line)


if __name__ == "__main__":
    main()
