"""The pack's risk section: the simulated S-curve and key dates, the open risks by expected
delay with the finish swing the simulation measured, and the top drivers."""

from __future__ import annotations

from carveout.domain import Portfolio, RaidKind, RaidStatus
from carveout.reports.contents import DriverLine, RiskLine, RiskSection
from carveout.risk.convergence import convergence_sentence
from carveout.risk.forecast import Forecast

TOP_RISKS = 10
"""Open risks the pack lists."""


def risk_section(*, portfolio: Portfolio, forecast: Forecast | None) -> RiskSection:
    """Open risks by expected delay, with the simulated swing of the finish where known."""
    swing = {
        d.name: d.high - d.low for d in (forecast.drivers if forecast else ()) if d.kind == "risk"
    }
    open_risks = [
        r for r in portfolio.raid if r.kind is RaidKind.RISK and r.status is RaidStatus.OPEN
    ]
    ranked = sorted(
        open_risks, key=lambda r: (-r.expected_delay, -r.probability * r.cost_impact, r.code)
    )
    risks = tuple(
        RiskLine(
            code=r.code,
            title=r.title,
            owner=r.owner,
            probability=r.probability,
            delay_days=r.delay_days,
            expected_delay=r.expected_delay,
            cost_impact=r.cost_impact,
            expected_cost=r.probability * r.cost_impact,
            services=r.services,
            finish_swing=swing.get(r.code),
        )
        for r in ranked[:TOP_RISKS]
    )
    drivers = tuple(
        DriverLine(
            name=d.name, kind=d.kind, correlation=d.rank_correlation, swing_days=d.high - d.low
        )
        for d in (forecast.drivers[:5] if forecast else ())
    )
    return RiskSection(
        runs=forecast.runs if forecast else None,
        p_meet_deadline=forecast.p_meet_deadline if forecast else None,
        finish_p50=forecast.finish.p50 if forecast else None,
        finish_p80=forecast.finish.p80 if forecast else None,
        finish_p90=forecast.finish.p90 if forecast else None,
        s_curve=forecast.s_curve if forecast else (),
        risks=risks,
        drivers=drivers,
        risks_open=len(open_risks),
        joint=forecast.joint if forecast else None,
        convergence=convergence_sentence(forecast.convergence) if forecast else "",
        in_play=forecast.in_play if forecast else (),
    )
