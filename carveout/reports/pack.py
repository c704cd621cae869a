"""Assembling the governance pack: a pure function of the model, its results and the last report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from carveout.costs.report import CostReport
from carveout.domain import Portfolio, Scenario
from carveout.domain.calendar import WINDOWS, due_within
from carveout.planning.plan import Plan
from carveout.reports.charges import charges_section
from carveout.reports.contents import (
    ImpliedTranche,
    Pack,
    ProgressLine,
    ServiceLine,
    Status,
)
from carveout.reports.decisions import decisions, tranche_lines
from carveout.reports.formatting import days, percent, uk_date
from carveout.reports.money import pool_sections
from carveout.reports.notices import scenario_calendar
from carveout.reports.readiness import readiness_section
from carveout.reports.risk_impacts import impacts_section
from carveout.reports.risk_section import risk_section
from carveout.reports.separation import separation_section
from carveout.reports.service_levels import service_levels_section
from carveout.reports.snapshot import Progress, ServiceState, Snapshot, progress_since
from carveout.reports.timeline import burn_down, hosted_by_party, money, service_lines, still_hosted
from carveout.risk.forecast import Forecast

NEXT_TRANCHES = 3
DATES_AHEAD = WINDOWS[-1]
"""How far ahead the pack lists the dates to act on, in days."""


def status_against_plan(
    *,
    lines: Sequence[ServiceLine],
    scenario: Scenario,
    plan: Plan | None,
    forecast: Forecast | None,
    as_of: date,
    baseline: Plan | None = None,
) -> Status:
    """Where the programme stands on the data date, rated red, amber or green with the reasons.

    Red: no feasible plan, a plan that finishes after the deadline (soft
    deadlines), a deadline passed with work left (its chance is then 0 %), or
    under an even chance of meeting the deadline. Amber: services
    behind the baseline, or under 80% chance. Green otherwise.
    """
    moving = [s for s in lines if s.moves]
    done = [s for s in moving if s.status == "cut_over"]
    due = [s for s in moving if s.baseline_cutover is not None and s.baseline_cutover < as_of]
    behind = tuple(s.code for s in due if s.status != "cut_over")
    left = len(moving) - len(done)
    passed = scenario.deadline is not None and scenario.deadline < as_of and left > 0
    p = 0.0 if passed else forecast.p_meet_deadline if forecast is not None else None
    reasons: list[str] = []
    rating = "green"
    if passed:
        rating = "red"
        reasons.append(
            f"the deadline of {uk_date(scenario.deadline)} has passed with {left} service(s) "
            "still to cut over"
        )
    elif plan is None or not plan.feasible:
        rating = "red"
        reasons.append("there is no feasible plan for this scenario")
    elif (
        scenario.deadline is not None
        and plan.finish is not None
        and plan.finish > scenario.deadline
    ):
        rating = "red"
        reasons.append(
            f"the plan finishes on {uk_date(plan.finish)}, after the deadline "
            f"of {uk_date(scenario.deadline)}"
        )
    if not passed and p is not None and p < 0.8:
        rating = "red" if p < 0.5 else "amber" if rating == "green" else rating
        reasons.append(f"the chance of meeting the deadline is {percent(p)}")
    if behind:
        rating = "amber" if rating == "green" else rating
        reasons.append(f"{len(behind)} service(s) behind the baseline")
    if not reasons:
        reasons.append("on plan")
    if baseline is None:
        reasons.append("no baseline is marked, so nothing is judged behind plan")
    return Status(
        rating=rating,
        reasons=tuple(reasons),
        moving=len(moving),
        done=len(done),
        planned_done=len(due),
        in_progress=sum(1 for s in moving if s.status == "in_progress"),
        behind=behind,
        unplanned=tuple(s.code for s in moving if s.expected is None),
        deadline=scenario.deadline,
        planned_finish=plan.finish if plan is not None else None,
        finish_p50=forecast.finish.p50 if forecast is not None else None,
        finish_p80=forecast.finish.p80 if forecast is not None else None,
        p_meet_deadline=p,
        baseline_as_of=baseline.as_of if baseline is not None else None,
        deadline_passed=passed,
    )


def snapshot_of(pack: Pack, *, baseline: Snapshot | None) -> Snapshot:
    """What the next report compares with: each moving service's status and dates."""
    return Snapshot(
        scenario=pack.scenario,
        as_of=pack.as_of,
        services={
            s.code: ServiceState(
                status=s.status or "not_started",
                planned=s.planned_cutover,
                forecast=s.forecast_p80,
                actual_end=s.actual_end,
            )
            for s in pack.moving
        },
        baseline=baseline,
    )


def _progress_lines(progress: Progress, lines: Sequence[ServiceLine]) -> tuple[ProgressLine, ...]:
    if progress.first:
        return ()
    names = {s.code: s.name for s in lines}

    def named(codes: Sequence[str]) -> tuple[str, ...]:
        return tuple(f"{c} ({names[c]})" if c in names else c for c in codes)

    def moved(slips: Sequence[object]) -> tuple[str, ...]:
        return tuple(
            f"{s.service}: {uk_date(s.before)} → {uk_date(s.after)} ({days(abs(s.days))})"  # type: ignore[attr-defined]
            for s in slips
        )

    return (
        ProgressLine(what="Cut over", services=named(progress.cut_over)),
        ProgressLine(what="Started", services=named(progress.started)),
        ProgressLine(what="Slipped", services=moved(progress.slipped)),
        ProgressLine(what="Brought forward", services=moved(progress.brought_forward)),
        ProgressLine(what="Added to the programme", services=named(progress.added)),
        ProgressLine(what="Removed from the programme", services=named(progress.removed)),
    )


def lines_and_status(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    as_of: date,
    plan: Plan | None,
    forecast: Forecast | None,
    baseline: Plan | None,
) -> tuple[tuple[ServiceLine, ...], Status]:
    """Each service's line and the programme's status as of ``as_of``: where the pack and the
    dashboard's standing both start, so they cannot disagree."""
    lines = tuple(
        service_lines(
            portfolio=portfolio, plan=plan, forecast=forecast, as_of=as_of, baseline=baseline
        )
    )
    status = status_against_plan(
        lines=lines,
        scenario=scenario,
        plan=plan,
        forecast=forecast,
        as_of=as_of,
        baseline=baseline,
    )
    return lines, status


def build_pack(
    *,
    portfolio: Portfolio,
    scenario: Scenario,
    plan: Plan | None,
    forecast: Forecast | None,
    costs: CostReport | None,
    as_of: date,
    previous: Snapshot | None,
    generated: datetime,
    sources: Sequence[str] = (),
    baseline: Plan | None = None,
) -> Pack:
    """The governance pack of ``scenario`` as of ``as_of`` (pure: no storage, no rendering).

    ``plan`` and ``forecast`` must be made as of ``as_of``; ``baseline`` is the
    plan the board approved, which "behind plan" is judged against.
    """
    lines, status = lines_and_status(
        portfolio=portfolio,
        scenario=scenario,
        as_of=as_of,
        plan=plan,
        forecast=forecast,
        baseline=baseline,
    )
    tranches = tranche_lines(portfolio=portfolio, lines=lines, forecast=forecast)
    parties = [p.name for p in portfolio.parties if p.role.value in ("host", "leaving")]
    programme = " and ".join(parties) or "Separation programme"
    pack = Pack(
        title="Separation programme: report to the board",
        programme=programme,
        scenario=scenario.code,
        scenario_name=scenario.name,
        as_of=as_of,
        generated=generated,
        sources=tuple(sources),
        plan_status=plan.status if plan is not None else "missing",
        status=status,
        hosted=hosted_by_party(portfolio=portfolio, lines=lines, as_of=as_of),
        tranches=tranches,
        next_tranches=tuple(t for t in tranches if t.end >= as_of)[:NEXT_TRANCHES],
        money=money(
            portfolio=portfolio,
            lines=lines,
            start=scenario.start,
            as_of=as_of,
            plan=plan,
            forecast=forecast,
        ),
        decisions=decisions(
            portfolio=portfolio, tranches=tranches, status=status, plan=plan, as_of=as_of
        ),
        previous=previous.as_of if previous is not None else None,
        progress=(),
        services=lines,
        burn_down=burn_down(
            lines,
            start=scenario.start,
            as_of=as_of,
            with_forecast=forecast is not None,
            with_baseline=baseline is not None,
        ),
        implied=tuple(
            ImpliedTranche(
                host=t.host,
                start=t.start,
                until=t.until,
                services=t.services,
                monthly_charge=t.monthly_charge,
                cost=t.cost,
            )
            for t in (plan.tranches if plan is not None else ())
        ),
        risk=risk_section(portfolio=portfolio, forecast=forecast),
        impacts=impacts_section(forecast),
        pools=pool_sections(costs),
        cost_headlines=costs.headlines if costs is not None else (),
        dates_due=due_within(
            scenario_calendar(portfolio=portfolio, as_of=as_of, plan=plan), DATES_AHEAD
        ),
        charges=charges_section(portfolio=portfolio, plan=plan, as_of=as_of),
        separation=separation_section(portfolio=portfolio, plan=plan, as_of=as_of, costs=costs),
        readiness=readiness_section(portfolio=portfolio, plan=plan),
        service_levels=service_levels_section(portfolio=portfolio, plan=plan, as_of=as_of),
    )
    progress = progress_since(previous, snapshot_of(pack, baseline=None))
    return pack.model_copy(update={"progress": _progress_lines(progress, lines)})


__all__ = ["build_pack", "snapshot_of", "still_hosted"]
