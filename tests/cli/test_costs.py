from __future__ import annotations

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain.changes import diff
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)


def test_costs_prints_the_comparison_saves_the_report_and_writes_charts(
    carveout_env, small_portfolio, tmp_path
):
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="alice")

    result = runner.invoke(app, ["costs", "--year", "2019", "--out", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "Shared IT — 2019" in result.output
    assert "Current basis (69/31)" in result.output and "Nucleolus" in result.output
    assert "Fair share (Shapley) and subsidy-free range, 2019" in result.output
    assert "Gap to the fair share, 2019–2020" in result.output
    assert "Exit settlement" in result.output and "Defensible settlements at exit" in result.output
    assert "2020: no charges recorded; charged by the current 69/31 basis" in result.output
    assert (tmp_path / "costs.svg").read_text().startswith("<svg")
    assert (tmp_path / "costs.png").stat().st_size > 1000
    with open_store(carveout_env) as store:
        saved = store.latest_result(scenario="portfolio", kind="costs")
    assert saved is not None and saved["pools"][0]["year"] == 2019


def test_costs_never_calls_a_gap_to_the_fair_share_a_cross_subsidy(
    carveout_env, small_portfolio, tmp_path
):
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="alice")

    result = runner.invoke(app, ["costs", "--out", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "cross-subsidy" not in result.output and "owes" not in result.output
    assert "Warwickshire Police paid £454k less than its Shapley fair share" in result.output


def test_a_pool_nobody_leaves_prints_its_gaps_but_no_settlement(
    carveout_env, small_portfolio, tmp_path
):
    pools = tuple(p.model_copy(update={"agreement": None}) for p in small_portfolio().cost_pools)
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio(cost_pools=pools)), actor="alice")

    result = runner.invoke(app, ["costs", "--out", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "Gap to the fair share" in result.output
    assert "Exit settlement" not in result.output and "at exit" not in result.output


def test_costs_with_one_method_shows_only_that_method(carveout_env, small_portfolio, tmp_path):
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="alice")

    result = runner.invoke(app, ["costs", "--method", "shapley", "--out", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "Shapley value" in result.output
    assert "Nucleolus" not in result.output


def test_costs_help_gives_an_example():
    result = runner.invoke(app, ["costs", "--help"])

    assert "Example: carveout costs" in result.output
