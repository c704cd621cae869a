"""The Risk page and its API twin show the joint cost-and-date confidence of a forecast."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from fastapi.testclient import TestClient

from carveout.risk.forecast import Forecast
from carveout.risk.joint import joint_confidence
from carveout.storage import open_store
from tests.web.conftest import DEFAULT_SCENARIO


def _with_joint(database_url: str) -> Forecast:
    """Store the default scenario's forecast again, now with a joint confidence."""
    store = open_store(database_url)
    try:
        payload = store.latest_result(scenario=DEFAULT_SCENARIO, kind="risk")
        assert payload is not None
        forecast = Forecast.model_validate(payload)
        rng = np.random.default_rng(1)
        programme = rng.uniform(100, 400, 5000)
        cost = 1e6 + 2000 * programme + rng.normal(0, 5e4, 5000)
        joint = joint_confidence(
            start=forecast.start,
            programme=programme,
            cost=cost,
            by=forecast.start + timedelta(days=300),
            by_basis="the deadline",
            budget=1.6e6,
            basis="the plan's cost to go",
        )
        forecast = forecast.model_copy(update={"joint": joint})
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
    return forecast


def test_the_risk_page_and_its_api_give_the_same_joint_confidence(
    database_url: str, request: pytest.FixtureRequest
) -> None:
    forecast = _with_joint(database_url)
    assert forecast.joint is not None
    client: TestClient = request.getfixturevalue("client")
    page = client.get(f"/risk?scenario={DEFAULT_SCENARIO}").text
    assert "Finishing on time and within budget" in page and 'id="spec-joint"' in page
    assert f"{forecast.joint.p_joint * 100:.0f}%" in page
    api = client.get(f"/api/risk?scenario={DEFAULT_SCENARIO}").json()
    assert api["forecast"]["joint"]["p_joint"] == forecast.joint.p_joint
    assert [row["level"] for row in api["joint"]] == [0.5, 0.7, 0.8]
    assert api["convergence"].startswith(("Stable", "Not yet stable", "Not checked"))
