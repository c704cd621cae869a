"""The Risk page and its API twin show the drivers in days and pounds and the mitigations."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from carveout.risk.drivers import DriverImpact
from carveout.risk.forecast import Forecast
from carveout.risk.impacts import RiskImpacts
from carveout.risk.mitigations import MitigationEffect
from carveout.storage import open_store
from tests.web.conftest import DEFAULT_SCENARIO
from tests.web.real_plan import SCENARIO, save_real_plan


def _impacts(forecast: Forecast) -> RiskImpacts:
    p80 = forecast.finish.p80
    return RiskImpacts(
        runs=5_000,
        seed=1,
        as_of=forecast.as_of,
        finish_p80=p80,
        cost_p80=2_400_000.0,
        drivers=(
            DriverImpact(name="R01", kind="risk", title="Records fail", days=23.4, cost=120_000),
            DriverImpact(name="RMS", kind="estimate", title="Records", days=9.0, cost=31_000),
            DriverImpact(name="R05", kind="risk", title="Never critical", days=0.0, cost=0.0),
        ),
        mitigations=(
            MitigationEffect(
                code="R01",
                title="Records fail",
                action="Cleansing sprint",
                cost=40_000,
                finish_p80_after=p80 - timedelta(days=23),
                cost_p80_after=2_280_000.0,
                days_earlier=23.0,
                cost_saving=120_000.0,
            ),
        ),
        all_mitigations=MitigationEffect(
            code="all",
            title="Every mitigation taken",
            action="R01",
            cost=40_000,
            finish_p80_after=p80 - timedelta(days=23),
            cost_p80_after=2_280_000.0,
            days_earlier=23.0,
            cost_saving=120_000.0,
        ),
    )


@pytest.fixture
def stored(database_url: str, request: pytest.FixtureRequest) -> tuple[RiskImpacts, TestClient]:
    """The default scenario's forecast stored again with drivers and mitigations."""
    store = open_store(database_url)
    try:
        payload = store.latest_result(scenario=DEFAULT_SCENARIO, kind="risk")
        assert payload is not None
        forecast = Forecast.model_validate(payload)
        impacts = _impacts(forecast)
        store.save_result(
            scenario=DEFAULT_SCENARIO,
            kind="risk",
            payload=forecast.model_copy(update={"impacts": impacts}).model_dump(mode="json"),
            actor="test",
            as_of=forecast.as_of,
            fingerprint=forecast.fingerprint,
        )
    finally:
        store.close()
    client: TestClient = request.getfixturevalue("client")
    return impacts, client


def test_the_risk_page_ranks_drivers_in_days_and_pounds_with_a_chart(
    stored: tuple[RiskImpacts, TestClient],
) -> None:
    _, client = stored
    page = client.get(f"/risk?scenario={DEFAULT_SCENARIO}").text
    assert "Drivers in days and pounds" in page and 'id="spec-impact_drivers"' in page
    table = page[page.index('id="drivers-table"') :]
    table = table[: table.index("</table>")]
    assert table.index("R01 Records fail") < table.index("RMS Records")
    assert ">23<" in table and "£120k" in table and "£31k" in table
    # A driver that moves neither P80 is left off the list.
    assert "Never critical" not in table


def test_the_risk_page_says_what_each_mitigation_buys(
    stored: tuple[RiskImpacts, TestClient],
) -> None:
    _, client = stored
    page = client.get(f"/risk?scenario={DEFAULT_SCENARIO}").text
    assert "What each mitigation buys" in page and 'id="spec-impact_mitigations"' in page
    assert (
        "Mitigating R01 brings the P80 finish forward 23 days and the P80 cost down £120k "
        "for £40k." in page
    )
    assert "Taking every mitigation brings the P80 finish forward 23 days" in page


def test_the_api_gives_the_same_drivers_and_mitigations_as_the_page(
    stored: tuple[RiskImpacts, TestClient],
) -> None:
    impacts, client = stored
    api = client.get(f"/api/risk?scenario={DEFAULT_SCENARIO}").json()
    view = api["impacts"]
    assert [d["name"] for d in view["drivers"]] == ["R01", "RMS"]
    assert view["drivers"][0]["days"] == 23.4 and view["drivers"][0]["cost"] == 120_000
    assert view["more"] == 1 and view["as_of"] == impacts.as_of.isoformat()
    [row] = view["mitigations"]
    assert row["days_per_100k"] == pytest.approx(57.5)
    assert row["net_saving"] == 80_000
    assert view["all_mitigations"]["code"] == "all"
    assert len(api["forecast"]["impacts"]["drivers"]) == 3


def test_a_risk_run_from_the_dashboard_measures_the_drivers_with_the_runs_asked(
    client: TestClient, database_url: str
) -> None:
    with open_store(database_url) as store:
        save_real_plan(store)
    body = {"scenario": SCENARIO, "runs": 500, "driver_runs": 300}
    job = client.post("/api/risk-runs", json=body).json()
    deadline = time.monotonic() + 300
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, f"the run did not finish: {job}"
        time.sleep(0.05)
        job = client.get(f"/api/jobs/{job['id']}").json()
    assert job["state"] == "done", job["message"]
    view = client.get("/api/risk", params={"scenario": SCENARIO}).json()["impacts"]
    assert view["runs"] == 300 and view["as_of"] == "2021-10-01"
    assert view["drivers"] and view["drivers"][0]["days"] >= view["drivers"][-1]["days"]
