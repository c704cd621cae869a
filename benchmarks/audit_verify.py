"""How long ``carveout audit verify`` takes on a long audit trail, on SQLite and PostgreSQL.

Run: ``.venv/bin/python -m benchmarks.audit_verify [--services 5000 --dependencies 20000]``.
Writes the generated portfolio into an empty store (one audited entry per record), then
changes ``--changes`` services one apply at a time in batches, and times: the write, a
full verification (chain, seals, replay against the stored records) and a checkpoint.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from carveout.demo.generate import generate_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import Change, Changeset, diff
from carveout.storage import open_store
from carveout.storage.chain import read_head
from carveout.storage.verify import verify

POSTGRES = os.environ.get(
    "CARVEOUT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def measure(url: str, portfolio: Portfolio, changes: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    with open_store(url) as store:
        started = time.perf_counter()
        store.apply(diff(store.load(), portfolio), actor="bench")
        services = portfolio.services[:changes]
        for first in range(0, len(services), 100):
            batch = [
                Change("service", s.key, None, s.model_copy(update={"fixed_cost": 1.0 + i}))
                for i, s in enumerate(services[first : first + 100])
            ]
            store.apply(Changeset(tuple(batch)), actor="bench")
        figures["write"] = time.perf_counter() - started
    with open_store(url) as store:
        started = time.perf_counter()
        result = verify(store.engine)
        figures["verify"] = time.perf_counter() - started
        assert result.ok, [f.what for f in result.findings[:5]]
        figures["entries"] = result.entries
        figures["records"] = result.records
        started = time.perf_counter()
        with store.engine.connect() as connection:
            read_head(connection)
        figures["checkpoint (head only)"] = time.perf_counter() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--dependencies", type=int, default=20000)
    parser.add_argument("--changes", type=int, default=1000)
    args = parser.parse_args()
    portfolio = generate_portfolio(
        services=args.services, dependencies=args.dependencies, teams=40, seed=7
    )
    columns: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        columns["SQLite"] = measure(url, portfolio, args.changes)
    try:
        schema = f"carveout_bench_{os.getpid()}"
        admin = create_engine(POSTGRES)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
            columns["PostgreSQL"] = measure(url, portfolio, args.changes)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    except Exception as error:  # the PostgreSQL column is optional
        print(f"(PostgreSQL skipped: {type(error).__name__}: {str(error).splitlines()[0]})")
    names = list(columns)
    print(f"{'':<24}" + "".join(f"{n:>12}" for n in names))
    for figure in columns[names[0]]:
        cells = "".join(
            f"{columns[n][figure]:>12,.0f}"
            if figure in ("entries", "records")
            else f"{columns[n][figure]:>11.2f}s"
            for n in names
        )
        print(f"{figure:<24}{cells}")


if __name__ == "__main__":
    main()
