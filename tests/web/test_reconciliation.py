"""The dashboard's money and status are the governance pack's, to the pound, for the same inputs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from carveout.formatting import pounds_exact
from carveout.planning.plan import read_plan
from carveout.reports.contents import Pack
from carveout.reports.pack import build_pack
from carveout.risk.forecast import Forecast
from carveout.storage import Store, open_store
from carveout.web.queries.standing import MONEY_LABELS
from tests.web.sample_results import sample_plan

SCENARIO = "extended"
AS_OF = date(2019, 10, 1)
"""The date ``extended`` pins, for which the demo database stores its plan and forecast."""


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """The demo database with a baseline marked for the scenario, so every input is used."""
    with open_store(database_url) as opened:
        portfolio = opened.load()
        approved = sample_plan(portfolio, portfolio.scenario_by_code[SCENARIO])
        opened.save_result(
            scenario=SCENARIO, kind="baseline", payload=approved.model_dump(mode="json"), actor="t"
        )
        yield opened


def _pack(store: Store) -> Pack:
    """The pack built from what the store holds for the scenario as of the data date."""
    portfolio = store.load()
    plan = read_plan(store.latest_result(scenario=SCENARIO, kind="plan", as_of=AS_OF))
    forecast = Forecast.model_validate(
        store.latest_result(scenario=SCENARIO, kind="risk", as_of=AS_OF)
    )
    return build_pack(
        portfolio=portfolio,
        scenario=portfolio.scenario_by_code[SCENARIO],
        plan=plan,
        forecast=forecast,
        costs=None,
        as_of=AS_OF,
        previous=None,
        generated=datetime(2024, 1, 1, tzinfo=UTC),
        baseline=read_plan(store.latest_result(scenario=SCENARIO, kind="baseline")),
    )


def _figures(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-figure="([a-z0-9_]+)">([^<]*)<', page))


@pytest.mark.parametrize("path", ["overview", "plan"])
def test_the_money_on_the_page_and_its_api_equals_the_packs_to_the_pound(
    client: TestClient, store: Store, path: str
) -> None:
    pack = _pack(store)
    api = client.get(f"/api/{path}", params={"scenario": SCENARIO}).json()
    page = client.get("/" if path == "overview" else "/plan", params={"scenario": SCENARIO}).text

    assert {m["figure"]: m["amount"] for m in api["money"]} == {
        name: getattr(pack.money, name) for name, _ in MONEY_LABELS
    }
    assert _figures(page) == {
        name: pounds_exact(getattr(pack.money, name)) for name, _ in MONEY_LABELS
    }
    assert pack.money.hosting_to_go > 0 and pack.money.hosting_p80 is not None


def test_the_status_equals_the_packs(client: TestClient, store: Store) -> None:
    pack = _pack(store)
    status = client.get("/api/overview", params={"scenario": SCENARIO}).json()["status"]

    assert status == pack.status.model_dump(mode="json")
    assert status["behind"]


def test_the_services_still_hosted_and_the_burn_down_are_the_packs(
    client: TestClient, store: Store
) -> None:
    pack = _pack(store)
    data = client.get("/api/overview", params={"scenario": SCENARIO}).json()

    assert data["hosted"] == [h.model_dump(mode="json") for h in pack.hosted]
    assert data["burn_down"] == [p.model_dump(mode="json") for p in pack.burn_down]
    actual = {p.services for p in pack.burn_down if p.day == AS_OF and p.series == "Actual"}
    assert actual == {data["hosted_now"]}


def test_the_money_labels_are_the_words_carveout_plan_prints(store: Store) -> None:
    from carveout.cli.plan_output import money_rows

    portfolio = store.load()
    plan = sample_plan(portfolio, portfolio.scenario_by_code[SCENARIO])
    cli = {label.strip() for label, _ in money_rows(plan)}
    web = {label for _, label in MONEY_LABELS}

    # The plan has no figure to date nor a forecast; every other label is the CLI's.
    assert web - cli == {"transitional hosting to date", "transitional hosting to go, forecast P80"}
