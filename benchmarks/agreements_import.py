"""Import of 5,000 schedule lines and 60,000 invoice lines against openpyxl reading the file alone.

Generates a synthetic portfolio (its services from :func:`generate_portfolio`), gives it a
transitional agreement whose tranches list every service, one schedule line per service
(one in ten with two rate periods) and a year of monthly invoice lines per service, then
times (a) openpyxl in read-only mode reading every cell of every sheet and (b) ``carveout
import`` of the same workbook into a fresh SQLite database, and prints both with their ratio.

Run: .venv/bin/python -m benchmarks.agreements_import [--lines N] [--months N] [--seed N]
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.import_bench import read_every_cell, timed
from carveout.demo.generate import generate_portfolio
from carveout.domain import (
    Agreement,
    AgreementKind,
    InvoiceLine,
    Portfolio,
    RatePeriod,
    ScheduleLine,
    Tranche,
)
from carveout.planning.calendar import add_months
from carveout.portfolio import import_workbook
from carveout.portfolio.writing import write_xlsx
from carveout.storage import open_store

START = date(2022, 1, 1)
PER_TRANCHE = 500


def with_charges(portfolio: Portfolio, *, lines: int, months: int) -> Portfolio:
    """``portfolio`` with an agreement, its tranches, ``lines`` lines and their invoices."""
    services = [s.code for s in portfolio.services][:lines]
    host, recipient = portfolio.parties[0].code, portfolio.parties[1].code
    end = add_months(START, months)
    last = date.fromordinal(end.toordinal() - 1)
    agreement = Agreement(
        code="BENCH-TSA",
        name="Benchmark transitional agreement",
        kind=AgreementKind.TRANSITIONAL,
        provider=host,
        recipients=(recipient,),
        start=START,
        end=last,
    )
    tranches = tuple(
        Tranche(
            code=f"BT-{i // PER_TRANCHE:03d}",
            agreement=agreement.code,
            start=START,
            end=last,
            monthly_charge=0,
            services=tuple(services[i : i + PER_TRANCHE]),
        )
        for i in range(0, len(services), PER_TRANCHE)
    )
    middle = add_months(START, months // 2)
    schedule: list[ScheduleLine] = []
    invoices: list[InvoiceLine] = []
    for index, service in enumerate(services):
        rate = 1_000 + index % 97 * 10
        periods = (
            (RatePeriod(start=START, end=last, rate=rate),)
            if index % 10
            else (
                RatePeriod(start=START, end=date.fromordinal(middle.toordinal() - 1), rate=rate),
                RatePeriod(start=middle, end=last, rate=rate * 1.05),
            )
        )
        schedule.append(
            ScheduleLine(
                code=f"L-{service}",
                tranche=tranches[index // PER_TRANCHE].code,
                service=service,
                notice_months=3,
                rates=periods,
            )
        )
        for m in range(months):
            month = add_months(START, m)
            invoices.append(
                InvoiceLine(
                    code=f"I-{month:%Y%m}-{service}",
                    agreement=agreement.code,
                    service=service,
                    month=month,
                    amount=rate,
                )
            )
    # The generated tranches, options, pools and risks are dropped to keep the workbook
    # within the import's row limit with all 65,000 lines and invoices in it.
    return portfolio.replace(
        agreements=(*portfolio.agreements, agreement),
        tranches=tranches,
        extension_options=(),
        cost_pools=(),
        raid=(),
        schedule_lines=tuple(schedule),
        invoice_lines=tuple(invoices),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    base = generate_portfolio(services=args.lines, dependencies=0, seed=args.seed)
    portfolio = with_charges(base, lines=args.lines, months=args.months)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "portfolio.xlsx"
        write_seconds, _ = timed(lambda: write_xlsx(portfolio, path=path))
        read_seconds, cells = timed(lambda: read_every_cell(path))
        store = open_store(f"sqlite:///{Path(folder) / 'carveout.db'}")
        import_seconds, result = timed(
            lambda: import_workbook(store=store, path=path, actor="benchmark")
        )
        store.close()
        added = result.counts()
        assert added["schedule_lines"]["added"] == len(portfolio.schedule_lines)
        assert added["invoices"]["added"] == len(portfolio.invoice_lines)
        size = path.stat().st_size / 1024**2
        print(
            f"Workbook: {len(portfolio.schedule_lines)} schedule lines, "
            f"{sum(len(s.rates) for s in portfolio.schedule_lines)} rate periods, "
            f"{len(portfolio.invoice_lines)} invoice lines, {len(portfolio.services)} services, "
            f"{cells} cells, {size:.1f} MB (seed {args.seed}; written in {write_seconds[0]:.2f} s)"
        )
        print(f"{'step':<46} {'wall s':>8} {'ratio':>7} {'CPU s':>8} {'ratio':>7}")
        for name, (wall, cpu) in (
            ("(a) openpyxl read-only, every cell", read_seconds),
            ("(b) carveout import into fresh SQLite", import_seconds),
        ):
            print(
                f"{name:<46} {wall:>8.2f} {wall / read_seconds[0]:>6.2f}x "
                f"{cpu:>8.2f} {cpu / read_seconds[1]:>6.2f}x"
            )


if __name__ == "__main__":
    main()
