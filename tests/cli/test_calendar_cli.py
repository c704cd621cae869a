"""``carveout calendar``: the dates to act on, overdue first, and the .ics export."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.planning.plan import Plan, PlannedMigration
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 250)  # keep table cells on one line


@pytest.fixture
def loaded(carveout_env: str, small_portfolio: Callable[..., Portfolio]) -> str:
    """The small portfolio, its hosting agreement ending with a month's notice, and a plan of
    BASE cutting crime records over before their tranche ends."""
    base = small_portfolio()
    tha = base.agreement_by_code["THA"].model_copy(
        update={"end": date(2023, 3, 31), "notice_months": 1}
    )
    portfolio = small_portfolio(agreements=(base.agreement_by_code["ALLIANCE"], tha))
    as_of = date(2021, 11, 15)
    plan = Plan(
        scenario="BASE",
        objective="cost",
        status="feasible",
        created=datetime(2021, 11, 15, tzinfo=UTC),
        start=date(2021, 10, 1),
        as_of=as_of,
        migrations=(
            PlannedMigration(
                service="RMS",
                team="APPS",
                start=date(2021, 12, 1),
                cutover=date(2022, 1, 31),
                wave=1,
                effort_days=10,
                duration_days=20,
            ),
        ),
    )
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), portfolio), actor="tester")
        store.save_result(
            scenario="BASE",
            kind="plan",
            payload=plan.model_dump(mode="json"),
            actor="tester",
            as_of=as_of,
        )
    return carveout_env


def test_the_calendar_lists_the_dates_with_days_left_from_the_scenarios_data_date(
    loaded: str,
) -> None:
    result = runner.invoke(app, ["calendar"])
    assert result.exit_code == 0, result.output
    assert "as of 15 Nov 2021" in result.output
    rows = [line for line in result.output.splitlines() if "2021" in line or "2022" in line]
    # the plan cuts crime records over on 31 Jan: notice is due a month before
    assert any(
        "31 Dec 2021" in r and "Give notice to stop hosting" in r and "46" in r for r in rows
    )
    assert any("31 Mar 2022" in r and "tranche THA-1" in r and "136" in r for r in rows)
    assert "follow the plan of BASE" in result.output


def test_overdue_dates_come_first_and_within_limits_the_list(loaded: str) -> None:
    result = runner.invoke(app, ["calendar", "--as-of", "2023-02-10", "--within", "30"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    overdue = next(i for i, line in enumerate(lines) if "overdue" in line)
    assert "31 Jan 2023" in lines[overdue]  # the extension's exercise-by date, 10 days ago
    to_come = next(i for i, line in enumerate(lines) if "28 Feb 2023" in line)
    assert overdue < to_come and "18" in lines[to_come]
    assert "tranche THA-2" not in result.output  # it ends in 49 days
    assert "2 dates." in result.output
    assert "No plan saved for this date" in result.output


def test_the_ics_file_holds_one_event_per_date(loaded: str, tmp_path: Path) -> None:
    target = tmp_path / "notices.ics"
    result = runner.invoke(app, ["calendar", "--ics", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"BEGIN:VEVENT") == 5
    assert b"DTSTART;VALUE=DATE:20211231\r\n" in data


def test_an_unknown_scenario_is_named(loaded: str) -> None:
    result = runner.invoke(app, ["calendar", "--scenario", "NOPE"])
    assert result.exit_code != 0
    assert "NOPE" in str(result.exception)


def test_a_negative_look_ahead_is_a_usage_error(loaded: str) -> None:
    result = runner.invoke(app, ["calendar", "--within", "-1"])
    assert result.exit_code == 2
    assert "--within" in result.output
