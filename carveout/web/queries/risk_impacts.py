"""Drivers and mitigations of a forecast as the Risk page, its API twin and the charts read them."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.risk.drivers import top_drivers
from carveout.risk.forecast import Forecast
from carveout.risk.mitigations import MitigationEffect, sentence

TOP_DRIVERS = 12


class DriverRow(BaseModel):
    """One driver: what it adds to the P80 finish (days) and the P80 cost (pounds)."""

    rank: int
    name: str
    kind: str
    title: str
    label: str
    days: float
    cost: float | None


class MitigationRow(BaseModel):
    """One mitigation (or all of them, ``code == "all"``): what it costs and buys, and the
    P80s once it is in place; ``sentence`` says it in a board's words."""

    code: str
    title: str
    action: str
    cost: float
    days_earlier: float
    cost_saving: float | None
    net_saving: float | None
    days_per_100k: float | None
    finish_p80_after: date
    cost_p80_after: float | None
    sentence: str


class ImpactsView(BaseModel):
    """What drives the P80s and what each mitigation buys, as of the forecast's data date.

    ``drivers`` are the top drivers that move either P80 (``more`` others do
    not make the list); the forecast in the same answer keeps every one.
    """

    as_of: date
    runs: int
    finish_p80: date
    cost_p80: float | None
    drivers: list[DriverRow]
    more: int
    mitigations: list[MitigationRow]
    all_mitigations: MitigationRow | None
    method: str


def _row(m: MitigationEffect) -> MitigationRow:
    return MitigationRow(
        code=m.code,
        title=m.title,
        action=m.action,
        cost=m.cost,
        days_earlier=round(m.days_earlier, 1),
        cost_saving=m.cost_saving,
        net_saving=m.net_saving,
        days_per_100k=m.days_per_spend,
        finish_p80_after=m.finish_p80_after,
        cost_p80_after=m.cost_p80_after,
        sentence=sentence(m),
    )


def impacts_view(forecast: Forecast | None) -> ImpactsView | None:
    """The drivers and mitigations of ``forecast`` (None when they were not measured)."""
    impacts = forecast.impacts if forecast is not None else None
    if impacts is None:
        return None
    shown = top_drivers(impacts.drivers, TOP_DRIVERS)
    return ImpactsView(
        as_of=impacts.as_of,
        runs=impacts.runs,
        finish_p80=impacts.finish_p80,
        cost_p80=impacts.cost_p80,
        drivers=[
            DriverRow(
                rank=i + 1,
                name=d.name,
                kind=d.kind,
                title=d.title,
                label=f"{d.name} {d.title}".strip()[:48],
                days=round(d.days, 1),
                cost=d.cost,
            )
            for i, d in enumerate(shown)
        ],
        more=len(impacts.drivers) - len(shown),
        mitigations=[_row(m) for m in impacts.mitigations],
        all_mitigations=_row(impacts.all_mitigations) if impacts.all_mitigations else None,
        method=impacts.method,
    )


def driver_bars(view: ImpactsView) -> list[dict[str, object]]:
    """Chart rows: each driver's days, ranked."""
    return [
        {"driver": f"{d.rank}. {d.label}", "days": d.days, "kind": d.kind} for d in view.drivers
    ]


def mitigation_bars(view: ImpactsView) -> list[dict[str, object]]:
    """Chart rows: days each mitigation brings the P80 finish forward, and all of them."""
    rows = [*view.mitigations, *([view.all_mitigations] if view.all_mitigations else [])]
    return [
        {
            "mitigation": "All mitigations" if m.code == "all" else f"{m.code} {m.title}"[:48],
            "days": m.days_earlier,
        }
        for m in rows
    ]
