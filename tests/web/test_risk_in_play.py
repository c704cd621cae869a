"""The Risk page says which blackouts, risk windows and branches the forecast honoured."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from carveout.risk.forecast import Forecast
from carveout.storage import open_store
from tests.web.conftest import DEFAULT_SCENARIO

LINES = (
    "Blackouts honoured: XMAS-2021 (18 Dec 2021 – 3 Jan 2022)",
    "Risk windows: R10 (1 Mar 2022 – 30 Apr 2022, 35%)",
    "Branches: R11 exercises TSA-T2-X (30%, £555,000 to go)",
)


@pytest.fixture
def client_in_play(database_url: str, request: pytest.FixtureRequest) -> TestClient:
    """The default scenario's forecast stored again with calendars and a branch in play."""
    store = open_store(database_url)
    try:
        payload = store.latest_result(scenario=DEFAULT_SCENARIO, kind="risk")
        assert payload is not None
        forecast = Forecast.model_validate(payload)
        cost = forecast.hosting_cost.model_copy(update={"extension_mean": 166_500.0})
        forecast = forecast.model_copy(update={"in_play": LINES, "hosting_cost": cost})
        store.save_result(
            scenario=DEFAULT_SCENARIO,
            kind="risk",
            payload=forecast.model_dump(mode="json"),
            actor="test",
            as_of=forecast.as_of,
            fingerprint=forecast.fingerprint,
        )
    finally:
        store.close()
    client: TestClient = request.getfixturevalue("client")
    return client


def test_the_risk_page_names_the_blackouts_windows_and_branches_in_play(
    client_in_play: TestClient,
) -> None:
    page = client_in_play.get(f"/risk?scenario={DEFAULT_SCENARIO}").text
    for line in LINES:
        assert line in page.replace("&amp;", "&")
    assert "and extensions exercised by risks £166k." in page
