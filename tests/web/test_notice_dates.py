"""The dashboard, ``carveout show`` and the governance pack date an extension option alike."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.demo.portfolio import demo_portfolio
from carveout.reports.pack import build_pack
from tests.web.sample_results import TODAY, sample_forecast, sample_plan


def _dashboard_dates(client: TestClient) -> dict[str, date]:
    timeline = client.get("/api/agreements").json()
    return {
        e["code"]: date.fromisoformat(e["exercise_by"])
        for a in timeline["agreements"]
        for t in a["tranches"]
        for e in t["extensions"]
    }


def test_the_dashboard_dates_the_demo_options_by_the_month_end_rule(client: TestClient) -> None:
    assert _dashboard_dates(client) == {
        "TSA-SUPPORT-X": date(2021, 12, 31),
        "TSA-T2-X": date(2022, 12, 31),
    }


def test_the_agreements_page_shows_the_same_exercise_by_date_as_its_api(
    client: TestClient,
) -> None:
    page = client.get("/agreements").text

    assert "31 Dec 2022" in page
    assert "28 Dec 2022" not in page


def test_show_prints_each_options_exercise_by_date_as_the_dashboard_does(
    client: TestClient, carveout_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 250)

    result = CliRunner().invoke(app, ["show", "--as-of", TODAY.isoformat()])

    assert result.exit_code == 0, result.output
    for day in _dashboard_dates(client).values():
        assert f"exercise by {day:%d %b %Y}" in result.output


def test_the_packs_decisions_fall_due_on_the_dashboards_dates(client: TestClient) -> None:
    portfolio = demo_portfolio()
    scenario = portfolio.scenario_by_code["tsa-2023"]
    plan = sample_plan(portfolio, scenario)
    pack = build_pack(
        portfolio=portfolio,
        scenario=scenario,
        plan=plan,
        forecast=sample_forecast(plan, portfolio),
        costs=None,
        as_of=TODAY,
        previous=None,
        generated=datetime(2021, 6, 1, tzinfo=UTC),
    )
    names = {t.code: t.name or t.code for t in portfolio.tranches}
    tranche_of = {e.code: e.tranche for e in portfolio.extension_options}

    for option, day in _dashboard_dates(client).items():
        name = names[tranche_of[option]]
        decision = next(d for d in pack.decisions if f"extend {name}" in d.title)
        assert decision.by == day
