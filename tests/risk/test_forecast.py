from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carveout.cli import app, load_commands
from carveout.domain import (
    Agreement,
    Capacity,
    Coupling,
    Dependency,
    Estimate,
    ExtensionOption,
    Migration,
    Party,
    PartyRole,
    Portfolio,
    RaidEntry,
    Scenario,
    Service,
    ServiceKind,
    Team,
    Tranche,
)
from carveout.domain.changes import diff
from carveout.errors import CarveoutError
from carveout.planning.plan import Plan, PlannedMigration
from carveout.risk import model_from_plan, run_risk
from carveout.storage import Store

load_commands()
runner = CliRunner()
START = date(2021, 1, 4)


def _portfolio() -> Portfolio:
    def est(m: float) -> Estimate:
        return Estimate(optimistic=0.8 * m, most_likely=m, pessimistic=1.6 * m)

    codes = ("Custody", "Payroll", "Intel")
    return Portfolio(
        parties=(
            Party(code="WM", name="West Mercia", role=PartyRole.HOST),
            Party(code="WW", name="Warwickshire", role=PartyRole.LEAVING),
        ),
        services=tuple(
            Service(
                code=c,
                name=c,
                kind=ServiceKind.APPLICATION,
                host="WM",
                consumers=("WW",),
                fixed_cost=12_000,
            )
            for c in codes
        ),
        dependencies=(Dependency(service="Intel", depends_on="Custody", coupling=Coupling.BEFORE),),
        teams=(
            Team(
                code="APP",
                name="Apps",
                capacity=(Capacity(start=date(2021, 1, 1), end=date(2022, 12, 31), people=2),),
            ),
        ),
        migrations=tuple(
            Migration(service=c, team="APP", effort=est(40), duration=est(40)) for c in codes
        ),
        agreements=(
            Agreement(
                code="TSA",
                name="TSA",
                kind="transitional",
                provider="WM",
                recipients=("WW",),
                start=date(2021, 1, 1),
            ),
        ),
        tranches=(
            Tranche(
                code="T1",
                agreement="TSA",
                start=date(2021, 1, 1),
                end=date(2021, 6, 30),
                monthly_charge=3000,
                services=codes,
            ),
        ),
        extension_options=(ExtensionOption(code="X1", tranche="T1", length_months=3, step_up=0.2),),
        raid=(
            RaidEntry(
                code="R1",
                kind="risk",
                title="Supplier late",
                probability=0.3,
                delay_days=20,
                services=("Intel",),
            ),
        ),
        scenarios=(Scenario(code="base", name="Base", start=START, deadline=date(2021, 6, 30)),),
    )


def _plan() -> Plan:
    rows = [("Custody", 0, 55), ("Payroll", 0, 55), ("Intel", 56, 111)]
    return Plan(
        scenario="base",
        objective="cost",
        status="optimal",
        created=datetime.now(UTC),
        start=START,
        as_of=START,
        deadline=date(2021, 6, 30),
        migrations=tuple(
            PlannedMigration(
                service=s,
                team="APP",
                start=date.fromordinal(START.toordinal() + a),
                cutover=date.fromordinal(START.toordinal() + b),
                wave=0,
                effort_days=40,
                duration_days=40,
            )
            for s, a, b in rows
        ),
    )


def test_the_model_follows_the_plans_order_dependencies_risks_and_tranches() -> None:
    model = model_from_plan(portfolio=_portfolio(), plan=_plan())
    net = model.network
    assert net.names[-1] == "Intel"
    assert list(net.predecessors(2)) == [net.names.index("Custody")]
    assert net.mode.tolist() == [56.0, 56.0, 56.0]  # 40 working days = 8 weeks
    assert [e.code for e in model.sampling.events] == ["R1"]
    assert [(t.code, len(t.activities)) for t in model.tranches] == [("T1", 3)]
    # Nothing starts before its planned start: Intel is released on day 56.
    assert net.release.tolist() == [0.0, 0.0, 56.0]


def test_a_forecast_covers_dates_tranches_costs_drivers_and_recommendations() -> None:
    forecast = run_risk(portfolio=_portfolio(), plan=_plan(), runs=4000, seed=3)
    assert forecast.finish.p50 <= forecast.finish.p80 <= forecast.finish.p90
    assert forecast.p_meet_deadline is not None and 0 < forecast.p_meet_deadline < 1
    intel = next(s for s in forecast.services if s.service == "Intel")
    assert intel.criticality > 0.9
    # From February (the first month to go): at least the plan's own months at £1,000 each.
    assert forecast.hosting_cost.p90 >= forecast.hosting_cost.p50 >= 5 * 1000
    assert forecast.as_of == START
    assert {d.name for d in forecast.drivers} >= {"Intel", "R1"}
    covered = {s for r in forecast.recommended for s in r.services}
    assert covered == {"Custody", "Payroll", "Intel"}


def test_an_infeasible_plan_is_refused_with_advice() -> None:
    plan = _plan().model_copy(update={"status": "infeasible", "migrations": ()})
    with pytest.raises(CarveoutError, match="fix the plan"):
        model_from_plan(portfolio=_portfolio(), plan=plan)


def test_cli_risk_prints_stores_and_charts_the_forecast(
    store: Store, carveout_env: str, tmp_path: Path
) -> None:
    store.apply(diff(Portfolio(), _portfolio()), actor="tester")
    store.save_result(
        scenario="base", kind="plan", payload=_plan().model_dump(mode="json"), actor="tester"
    )
    result = runner.invoke(
        app,
        [
            "risk",
            "--as-of",
            START.isoformat(),
            "--runs",
            "2000",
            "--seed",
            "2",
            "--out",
            str(tmp_path / "charts"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "P50 / P80 / P90 finish" in result.output
    assert "Recommended tranches" in result.output
    saved = store.latest_result(scenario="base", kind="risk", as_of=START)
    assert saved is not None and saved["runs"] == 2000
    for name in ("finish-s-curve", "hosting-cost", "tornado"):
        assert (tmp_path / "charts" / f"{name}.svg").read_text().startswith("<svg")
        assert (tmp_path / "charts" / f"{name}.png").read_bytes()[:4] == b"\x89PNG"


def test_cli_risk_without_a_plan_says_how_to_make_one(store: Store, carveout_env: str) -> None:
    store.apply(diff(Portfolio(), _portfolio()), actor="tester")
    result = runner.invoke(app, ["risk", "--scenario", "base", "--as-of", "2021-01-04"])
    assert result.exit_code != 0
    assert "carveout plan --scenario base --as-of 2021-01-04" in str(result.exception)


def test_risk_help_shows_an_example() -> None:
    result = runner.invoke(app, ["risk", "--help"])
    assert result.exit_code == 0 and "Example: carveout risk" in result.output
