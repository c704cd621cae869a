"""``carveout separation``: the four kinds of separation cost by party."""

from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
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
