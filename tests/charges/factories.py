"""A small transitional agreement with schedule lines, for the charges tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from carveout.domain import (
    Agreement,
    AgreementKind,
    ExtensionOption,
    Portfolio,
    RatePeriod,
    ScheduleLine,
    Tranche,
)
from tests.planning.conftest import make_portfolio

START = date(2019, 1, 1)
T1_END = date(2019, 6, 30)


def line(service: str, rate: float, *, end: date = T1_END, **terms: Any) -> ScheduleLine:
    return ScheduleLine(
        code=f"T1/{service}",
        tranche="T1",
        service=service,
        rates=(RatePeriod(start=START, end=end, rate=rate),),
        **terms,
    )


def tsa(*lines: ScheduleLine, work: dict[str, tuple[float, float]] | None = None) -> Portfolio:
    """Services A, B, C under tranche T1 (Jan–Jun 2019, a 20% step-up option after it)."""
    work = work or {"A": (10, 10), "B": (30, 30), "C": (100, 100)}
    return make_portfolio(
        work=work,
        annual_cost=12_000,
        agreements=(
            Agreement(
                code="TSA",
                name="TSA",
                kind=AgreementKind.TRANSITIONAL,
                provider="WM",
                recipients=("WW",),
                start=START,
                end=date(2019, 12, 31),
                budgets={"WW": 50_000},
            ),
        ),
        tranches=(
            Tranche(
                code="T1",
                agreement="TSA",
                start=START,
                end=T1_END,
                monthly_charge=0,
                services=tuple(work),
            ),
        ),
        extension_options=(
            ExtensionOption(code="T1-X", tranche="T1", length_months=6, step_up=0.2),
        ),
        schedule_lines=lines,
    )
