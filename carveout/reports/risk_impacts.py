"""The pack's drivers and mitigations: what drives the P80s, in days and pounds, and what each
mitigation would buy — worked out when the pack is built (its chart: :mod:`impacts_chart`)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from carveout.risk.drivers import top_drivers
from carveout.risk.forecast import Forecast
from carveout.risk.mitigations import MitigationEffect, sentence

TOP = 8
"""Drivers the pack lists."""


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DriverImpactLine(_Part):
    """A risk or an estimate and what it adds to the P80 finish (days) and P80 cost."""

    name: str
    title: str
    kind: str
    days: float
    cost: float | None


class MitigationLine(_Part):
    """A mitigation (or every one, ``code == "all"``), what it costs and what it buys."""

    code: str
    title: str
    action: str
    cost: float
    days_earlier: float
    cost_saving: float | None
    finish_p80_after: date
    cost_p80_after: float | None
    sentence: str


class ImpactsSection(_Part):
    """The drivers and mitigations of the forecast, as of its data date."""

    as_of: date
    runs: int
    finish_p80: date
    cost_p80: float | None
    drivers: tuple[DriverImpactLine, ...]
    mitigations: tuple[MitigationLine, ...]
    all_mitigations: MitigationLine | None
    method: str


def _line(m: MitigationEffect) -> MitigationLine:
    return MitigationLine(
        code=m.code,
        title=m.title,
        action=m.action,
        cost=m.cost,
        days_earlier=m.days_earlier,
        cost_saving=m.cost_saving,
        finish_p80_after=m.finish_p80_after,
        cost_p80_after=m.cost_p80_after,
        sentence=sentence(m),
    )


def impacts_section(forecast: Forecast | None) -> ImpactsSection | None:
    """The section for ``forecast``; None when its drivers and mitigations were not measured."""
    impacts = forecast.impacts if forecast is not None else None
    if impacts is None:
        return None
    return ImpactsSection(
        as_of=impacts.as_of,
        runs=impacts.runs,
        finish_p80=impacts.finish_p80,
        cost_p80=impacts.cost_p80,
        drivers=tuple(
            DriverImpactLine(name=d.name, title=d.title, kind=d.kind, days=d.days, cost=d.cost)
            for d in top_drivers(impacts.drivers, TOP)
        ),
        mitigations=tuple(_line(m) for m in impacts.mitigations),
        all_mitigations=_line(impacts.all_mitigations) if impacts.all_mitigations else None,
        method=impacts.method,
    )
