"""``carveout service-levels``: attainment, breaches, credits and what is owed net of them."""

from collections.abc import Callable
from datetime import date

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.domain.service_levels import Aim, ServiceLevel, ServiceLevelMeasurement
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 250)


@pytest.fixture
def loaded(carveout_env: str, small_portfolio: Callable[..., Portfolio]) -> str:
    """The small portfolio with CAD's availability breached in October and met in November."""
    level = ServiceLevel(
        code="CAD/avail", schedule_line="THA-1/CAD", metric="Availability", unit="%",
        target=99.5, direction=Aim.AT_LEAST, credit_percent=10,
    )  # fmt: skip
    measured = tuple(
        ServiceLevelMeasurement(code=f"CAD/avail/{m:%Y-%m}", service_level="CAD/avail",
                                month=m, value=v, note=n)
        for m, v, n in ((date(2021, 10, 1), 98.0, "Outage"), (date(2021, 11, 1), 99.9, ""))
    )  # fmt: skip
    portfolio = small_portfolio(service_levels=(level,), service_level_measurements=measured)
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), portfolio), actor="tester")
    return carveout_env


def test_the_command_shows_the_breach_its_credit_and_what_is_owed(loaded: str) -> None:
    result = runner.invoke(app, ["service-levels", "--as-of", "2021-12-15"])

    assert result.exit_code == 0, result.output
    assert "CAD/avail" in result.output and "at least 99.5 %" in result.output
    assert "Oct 2021" in result.output and "Outage" in result.output
    assert "£4,250.00" in result.output  # 10 % of CAD's £42,500
    assert "1 breach; credits £4,250.00 set off against" in result.output


def test_an_unknown_agreement_is_named(loaded: str) -> None:
    result = runner.invoke(app, ["service-levels", "--agreement", "NOPE"])
    assert result.exit_code != 0
    assert "--agreement NOPE is not an agreement" in str(result.exception)


def test_an_agreement_without_service_levels_says_how_to_add_them(loaded: str) -> None:
    result = runner.invoke(app, ["service-levels", "--agreement", "ALLIANCE"])
    assert result.exit_code != 0
    assert "No service levels are recorded under ALLIANCE" in str(result.exception)
