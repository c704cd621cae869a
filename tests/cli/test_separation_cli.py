"""``carveout separation``: the four kinds of separation cost by party."""

from collections.abc import Callable
from datetime import date

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import MigrationStatus, Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 250)


def test_separation_shows_each_kind_and_says_how_to_see_the_settlement(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    with open_store() as store:
        store.apply(diff(Portfolio(), small_portfolio()), actor="test")

    result = runner.invoke(app, ["separation", "--as-of", "2021-12-01", "--months", "6"])

    assert result.exit_code == 0, result.output
    assert "Separation cost as of 1 Dec 2021" in result.output
    assert "Transitional charges" in result.output
    assert "Stranded costs" in result.output and "6 months of stranded cost" in result.output
    assert "run carveout costs" in result.output


def _stored(portfolio: Portfolio) -> None:
    """``portfolio`` with both migrations done (so their work is counted without a plan)."""
    done = {
        "status": MigrationStatus.CUT_OVER,
        "actual_start": date(2021, 9, 6),
        "actual_end": date(2021, 11, 26),
        "percent_complete": None,
        "remaining_days": None,
    }
    migrations = tuple(m.model_copy(update=done) for m in portfolio.migrations)
    with open_store() as store:
        store.apply(
            diff(Portfolio(), portfolio.model_copy(update={"migrations": migrations})),
            actor="test",
        )


def _rated(portfolio: Portfolio, **rates: float) -> Portfolio:
    teams = tuple(t.model_copy(update={"day_rate": rates.get(t.code)}) for t in portfolio.teams)
    return portfolio.model_copy(update={"teams": teams})


def _one_time_row(output: str, party: str) -> str:
    return next(x for x in output.splitlines() if "One-time" in x and party in x)


SEPARATION = ["separation", "--as-of", "2021-12-01"]


def test_without_rates_the_work_is_counted_in_person_days(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    _stored(small_portfolio())

    result = runner.invoke(app, SEPARATION)

    assert result.exit_code == 0, result.output
    assert "Migration work is counted in person-days: no day rate is recorded." in result.output
    assert "person-days" in _one_time_row(result.output, "West Midlands")


def test_the_teams_recorded_rates_price_the_work(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    _stored(_rated(small_portfolio(), APPS=500, BIZ=400))

    result = runner.invoke(app, SEPARATION)

    assert result.exit_code == 0, result.output
    assert "Migration work is priced at each team's recorded day rate." in result.output
    row = _one_time_row(result.output, "West Midlands")
    # CAD: 60 person-days at £500; PAY: 12 at £400
    assert "£35k" in row and "person-days" not in row


def test_days_of_a_team_without_a_rate_are_shown_beside_the_priced_work(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    _stored(_rated(small_portfolio(), APPS=500))

    result = runner.invoke(app, SEPARATION)

    assert result.exit_code == 0, result.output
    assert "£30k + 12 person-days unpriced" in _one_time_row(result.output, "West Midlands")
    assert (
        "12 person-days of team BIZ have no day rate recorded and are counted in days, "
        "not priced." in result.output
    )


def test_a_rate_on_the_command_line_overrides_the_teams_and_says_so(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    _stored(_rated(small_portfolio(), APPS=500))

    result = runner.invoke(app, [*SEPARATION, "--day-rate", "450"])

    assert result.exit_code == 0, result.output
    assert "priced at £450 a day, given on the command line." in result.output
    # 72 person-days at £450, whatever APPS records
    row = _one_time_row(result.output, "West Midlands")
    assert "£32k" in row and "person-days" not in row
