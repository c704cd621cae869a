"""Import of a 5,000-service / 20,000-dependency workbook against openpyxl reading it alone.

Generates the workbook from a seed, then times (a) openpyxl in read-only mode
reading every cell of every sheet and (b) ``carveout import`` of the same file
into a fresh SQLite database (reading with the hostile-file checks, parsing,
validation, diff and one transaction), and prints both with their ratio.

Run: .venv/bin/python -m benchmarks.import_bench [--services N] [--dependencies N] [--seed N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import openpyxl

from carveout.demo.generate import generate_portfolio
from carveout.portfolio import import_workbook
from carveout.portfolio.writing import write_xlsx
from carveout.storage import open_store

T = TypeVar("T")


def read_every_cell(path: Path) -> int:
    """Read every cell with openpyxl alone, as fast as it goes; the number of cells."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells += len(row)
    book.close()
    return cells


def timed(work: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """``work``'s result with its wall-clock and CPU seconds (CPU time is steadier on a busy
    machine; the SQLite writes happen in this process, so it covers them too)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--dependencies", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "portfolio.xlsx"
        portfolio = generate_portfolio(
            services=args.services, dependencies=args.dependencies, seed=args.seed
        )
        write_seconds, _ = timed(lambda: write_xlsx(portfolio, path=path))
        records = sum(1 for _ in portfolio.items())
        read_seconds, cells = timed(lambda: read_every_cell(path))
        store = open_store(f"sqlite:///{Path(folder) / 'carveout.db'}")
        import_seconds, result = timed(
            lambda: import_workbook(store=store, path=path, actor="benchmark")
        )
        again_seconds, again = timed(
            lambda: import_workbook(store=store, path=path, actor="benchmark")
        )
        store.close()
        assert sum(row["added"] for row in result.counts().values()) == records
        assert not again.changes
        size = path.stat().st_size / 1024**2
        print(
            f"Workbook: {args.services} services, {args.dependencies} dependencies, "
            f"{records} records, {cells} cells, {size:.1f} MB (seed {args.seed}; "
            f"written in {write_seconds[0]:.2f} s)"
        )
        print(f"{'step':<46} {'wall s':>8} {'ratio':>7} {'CPU s':>8} {'ratio':>7}")
        rows = [
            ("(a) openpyxl read-only, every cell", read_seconds),
            ("(b) carveout import into fresh SQLite", import_seconds),
            ("(c) re-import of the same file (no change)", again_seconds),
        ]
        for name, (wall, cpu) in rows:
            print(
                f"{name:<46} {wall:>8.2f} {wall / read_seconds[0]:>6.2f}x "
                f"{cpu:>8.2f} {cpu / read_seconds[1]:>6.2f}x"
            )


if __name__ == "__main__":
    main()
