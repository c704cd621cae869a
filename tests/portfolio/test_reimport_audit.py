"""Importing a large workbook again, unchanged, writes nothing: no change and no audit row.

Every record must come back from the database exactly as the workbook reads it (floats that
are not round in binary, dates, lists, text), or each re-import would audit a "change" per
record.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from carveout.demo.portfolio import demo_portfolio
from carveout.domain import Portfolio, RaidEntry
from carveout.portfolio import import_workbook, read_portfolio
from carveout.portfolio.writing import write_xlsx
from carveout.storage import Store
from carveout.storage import tables as t

EXTRA_RAID = 3000
"""RAID entries added to the demonstration portfolio to make it large."""


def audit_rows(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(t.audit)).scalar_one())


def large_portfolio() -> Portfolio:
    """The demonstration portfolio (every kind of record) with thousands of RAID entries whose
    numbers are not exact in binary."""
    demo = demo_portfolio()
    services = tuple(s.code for s in demo.services)
    extra = tuple(
        RaidEntry(
            code=f"X{n:05d}",
            kind="risk" if n % 3 else "issue",
            title=f"Entry {n}: données «migrées» en retard",
            owner="Programme office",
            raised=date(2020, 1, 1) + timedelta(days=n % 900),
            probability=round((n % 97) / 97, 15),
            delay_days=n / 7,
            extra_effort=0.1 + 0.2 * (n % 5),
            cost_impact=1234.567 * (n % 41),
            services=services[n % len(services) :][:3],
            description="Line one.\nLine two." if n % 2 else "",
        )
        for n in range(EXTRA_RAID)
    )
    return demo.model_copy(update={"raid": demo.raid + extra})


def test_importing_an_unchanged_large_workbook_again_adds_no_audit_rows(
    store: Store, tmp_path: Path
) -> None:
    portfolio = large_portfolio()
    path = tmp_path / "large.xlsx"
    write_xlsx(portfolio, path=path)
    first = import_workbook(store=store, path=path, actor="tester")
    records = sum(1 for _ in portfolio.items())
    assert sum(row["added"] for row in first.counts().values()) == records
    audited = audit_rows(store)

    again = import_workbook(store=store, path=path, actor="tester")

    assert not again.changes and again.counts() == {}
    assert audit_rows(store) == audited
    assert store.load() == read_portfolio(path=path)
