"""Two councils ending a shared back office, as of mid-January with most work not started."""

from datetime import UTC, date, datetime

from carveout.domain import (
    Agreement,
    Capacity,
    Estimate,
    ExtensionOption,
    Migration,
    Party,
    Portfolio,
    Scenario,
    Service,
    Team,
    Tranche,
)
from carveout.planning.planner import plan_scenario
from carveout.reports.contents import Pack
from carveout.reports.pack import build_pack
from carveout.risk.run import run_risk

AS_OF = date(2025, 1, 15)
CODES = tuple(f"S{i:02d}" for i in range(12))


def _councils() -> Portfolio:
    done = {"S00", "S01"}
    return Portfolio(
        parties=(
            Party(code="NORTH", name="North Council", role="host"),
            Party(code="SOUTH", name="South Council", role="leaving"),
        ),
        services=tuple(
            Service(
                code=c,
                name=f"Service {c}",
                kind="business_service",
                host="NORTH",
                consumers=("NORTH", "SOUTH"),
                fixed_cost=60_000,
                destination="SOUTH",
            )
            for c in CODES
        ),
        teams=(
            Team(
                code="T",
                name="Separation team",
                capacity=(Capacity(start=date(2024, 1, 1), end=date(2026, 12, 31), people=2),),
            ),
        ),
        migrations=tuple(
            Migration(
                service=c,
                team="T",
                effort=Estimate(optimistic=15, most_likely=20, pessimistic=35),
                duration=Estimate(optimistic=15, most_likely=20, pessimistic=35),
                status="cut_over" if c in done else "not_started",
                actual_start=date(2024, 9, 2) if c in done else None,
                actual_end=date(2024, 11, 29) if c in done else None,
            )
            for c in CODES
        ),
        agreements=(
            Agreement(
                code="TSA",
                name="Transitional services",
                kind="transitional",
                provider="NORTH",
                recipients=("SOUTH",),
                start=date(2024, 10, 1),
                end=date(2025, 3, 31),
                termination_terms="Neither council is liable for the other's reasonable costs.",
            ),
        ),
        tranches=(
            Tranche(
                code="TSA-1",
                agreement="TSA",
                start=date(2024, 10, 1),
                end=date(2025, 3, 31),
                monthly_charge=24_000,
                services=CODES,
            ),
        ),
        extension_options=(
            ExtensionOption(
                code="TSA-1-X", tranche="TSA-1", length_months=3, notice_months=1, step_up=0.2
            ),
        ),
        scenarios=(
            Scenario(
                code="EXIT",
                name="Exit by the tranche end",
                start=date(2024, 9, 1),
                deadline=date(2025, 3, 31),
                as_of=AS_OF,
            ),
        ),
    )


def _pack(portfolio: Portfolio, scenario: Scenario, *, forecast: bool) -> Pack:
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, as_of=AS_OF, time_limit=3)
    return build_pack(
        portfolio=portfolio,
        scenario=scenario,
        plan=plan,
        forecast=run_risk(portfolio=portfolio, plan=plan, runs=2_000, seed=1) if forecast else None,
        costs=None,
        as_of=AS_OF,
        previous=None,
        generated=datetime(2025, 1, 15, tzinfo=UTC),
    )


def test_ten_of_twelve_services_cannot_leave_in_eleven_weeks_so_no_plan_meets_the_deadline() -> (
    None
):
    portfolio = _councils()
    pack = _pack(portfolio, portfolio.scenarios[0], forecast=False)

    # Two people cannot move ten services of four weeks each in eleven weeks.
    assert pack.plan_status == "infeasible"
    assert pack.status.rating == "red"
    titles = [d.title for d in pack.decisions]
    assert any(t.startswith("Serve notice to extend") for t in titles), titles
    assert "Agree a deadline the programme can meet" in titles
    assert not any("lapse" in t for t in titles), titles


def test_planned_late_on_soft_deadlines_the_forecast_is_red_and_the_board_told_to_extend() -> None:
    portfolio = _councils()
    soft = portfolio.scenarios[0].model_copy(update={"lateness_penalty": 100})
    pack = _pack(portfolio, soft, forecast=True)

    assert pack.plan_status in ("optimal", "feasible")
    assert all(
        line.planned_start is None or line.planned_start >= AS_OF or line.status != "not_started"
        for line in pack.services
    )
    assert pack.status.p_meet_deadline is not None and pack.status.p_meet_deadline < 0.5
    assert pack.status.rating == "red"
    titles = [d.title for d in pack.decisions]
    assert any(t.startswith("Serve notice to extend") for t in titles), titles
    assert not any("lapse" in t for t in titles), titles
    # Hosting to go counts from February: January had begun on the data date.
    assert pack.money.hosting_to_go > 0 and pack.money.hosting_to_date > 0


def test_a_plan_finishing_after_its_soft_deadline_is_red_without_a_forecast() -> None:
    portfolio = _councils()
    soft = portfolio.scenarios[0].model_copy(update={"lateness_penalty": 100})
    pack = _pack(portfolio, soft, forecast=False)

    assert pack.status.rating == "red"
    assert any("after the deadline of 31 Mar 2025" in r for r in pack.status.reasons)
