from datetime import date

from typer.testing import CliRunner

from carveout.cli import app, load_commands
from carveout.cli.plan_output import bound_and_gap
from carveout.domain import (
    Capacity,
    Estimate,
    Migration,
    Party,
    PartyRole,
    Portfolio,
    Scenario,
    Service,
    ServiceKind,
    Team,
)
from carveout.domain.changes import diff
from carveout.planning.plan import Plan
from carveout.storage import Store

load_commands()
runner = CliRunner()


def _portfolio() -> Portfolio:
    one = Estimate(optimistic=10, most_likely=10, pessimistic=10)
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
            for c in ("Custody", "Payroll")
        ),
        teams=(
            Team(
                code="INF",
                name="Infrastructure",
                capacity=(Capacity(start=date(2019, 1, 1), end=date(2020, 12, 31), people=1),),
            ),
        ),
        migrations=tuple(
            Migration(service=c, team="INF", effort=one, duration=one)
            for c in ("Custody", "Payroll")
        ),
        scenarios=(
            Scenario(
                code="tight",
                name="Tight",
                start=date(2019, 1, 7),
                deadline=date(2019, 1, 27),
                as_of=date(2019, 1, 7),
            ),
            Scenario(
                code="later",
                name="Later",
                start=date(2019, 1, 7),
                deadline=date(2019, 6, 30),
                as_of=date(2019, 1, 7),
            ),
        ),
    )


def _load(store: Store) -> None:
    store.apply(diff(Portfolio(), _portfolio()), actor="tester")


def test_plan_stores_a_plan_and_prints_its_cutovers(store: Store, carveout_env: str) -> None:
    _load(store)
    result = runner.invoke(app, ["plan", "--scenario", "later", "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    assert "Custody" in result.output and "Transitional hosting" in result.output
    saved = store.latest_result(scenario="later", kind="plan", as_of=date(2019, 1, 7))
    assert saved is not None and saved["status"] == "optimal"
    assert "7 Jan 2019" in result.output
    (info,) = store.results(kind="plan")
    assert info.as_of == date(2019, 1, 7) and info.fingerprint == store.load().fingerprint


def test_plan_as_of_another_date_plans_nothing_before_it(store: Store, carveout_env: str) -> None:
    _load(store)
    result = runner.invoke(
        app, ["plan", "--scenario", "later", "--as-of", "2019-03-04", "--time-limit", "2"]
    )
    assert result.exit_code == 0, result.output
    saved = store.latest_result(scenario="later", kind="plan", as_of=date(2019, 3, 4))
    assert saved is not None
    assert min(m["start"] for m in saved["migrations"]) >= "2019-03-04"


def test_plan_explains_an_impossible_deadline(store: Store, carveout_env: str) -> None:
    _load(store)
    # The limit bounds the whole command, compiling included, and a clean checkout compiles
    # the search kernels on first use: a generous limit costs nothing once infeasibility and
    # its reason are proven, which takes a second or two.
    result = runner.invoke(app, ["plan", "--scenario", "tight", "--time-limit", "60"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # Rich wraps long lines
    assert "No plan fits" in text
    assert "capacity of the Infrastructure team in 2019 Q1" in text
    assert "Earliest feasible deadline: 3 Feb 2019" in text


def test_plan_asks_which_scenario_when_there_are_several(store: Store, carveout_env: str) -> None:
    _load(store)
    result = runner.invoke(app, ["plan"])
    assert result.exit_code != 0
    assert "--scenario" in str(result.exception)


def test_plans_lists_the_latest_plan_of_each_scenario(store: Store, carveout_env: str) -> None:
    _load(store)
    for name in ("tight", "later"):
        runner.invoke(app, ["plan", "--scenario", name, "--time-limit", "2"])
    result = runner.invoke(app, ["plans"])
    assert result.exit_code == 0, result.output
    assert "tight" in result.output and "later" in result.output
    assert "infeasible" in result.output and "3 Feb 2019" in result.output
    assert "7 Jan 2019" in result.output and "stale" not in result.output
    # Any change to the portfolio makes both plans stale.
    portfolio = store.load()
    store.upsert("party", portfolio.parties[0].model_copy(update={"name": "WM"}), actor="t")
    assert "stale" in runner.invoke(app, ["plans"]).output


def test_baseline_marks_the_latest_plan_and_refuses_when_there_is_none(
    store: Store, carveout_env: str
) -> None:
    _load(store)
    refused = runner.invoke(app, ["baseline", "--scenario", "later"])
    assert refused.exit_code != 0 and "carveout plan --scenario later" in str(refused.exception)
    runner.invoke(app, ["plan", "--scenario", "later", "--time-limit", "2"])
    marked = runner.invoke(app, ["baseline", "--scenario", "later"])
    assert marked.exit_code == 0, marked.output
    assert store.latest_result(scenario="later", kind="baseline") == store.latest_result(
        scenario="later", kind="plan"
    )


def test_plan_and_plans_have_help_with_an_example() -> None:
    for command in ("plan", "plans", "baseline"):
        result = runner.invoke(app, [command, "--help"])
        assert "Example: carveout " + command in result.output


def test_a_plan_without_a_known_bound_shows_a_dash_not_a_zero(
    store: Store, carveout_env: str
) -> None:
    _load(store)
    runner.invoke(app, ["plan", "--scenario", "later", "--time-limit", "2"])
    saved = store.latest_result(scenario="later", kind="plan", as_of=date(2019, 1, 7))
    assert saved is not None
    plan = Plan.model_validate({**saved, "bound": None, "gap": None})

    assert bound_and_gap(plan) == "—"
    known = plan.model_copy(update={"bound": 1_234_567.0, "gap": 0.125})
    assert bound_and_gap(known) == "1,234,567 / 12.5%"


def test_a_repeatable_plan_prints_the_same_plan_each_time(store: Store, carveout_env: str) -> None:
    _load(store)
    outputs = []
    for _ in range(2):
        result = runner.invoke(
            app, ["plan", "--scenario", "later", "--time-limit", "1", "--repeatable"]
        )
        assert result.exit_code == 0, result.output
        outputs.append(store.latest_result(scenario="later", kind="plan")["migrations"])
    assert outputs[0] == outputs[1] and len(outputs[0]) == 2
