"""The Risk page and its API twin show the joint cost-and-date confidence of a forecast."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from fastapi.testclient import TestClient

from carveout.formatting import pounds
from carveout.risk.forecast import Forecast
from carveout.risk.joint import JointConfidence, joint_confidence
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


@pytest.fixture
def stored(database_url: str, request: pytest.FixtureRequest) -> tuple[JointConfidence, TestClient]:
    """The default scenario's joint confidence, stored before the client's first request."""
    joint = _with_joint(database_url).joint
    assert joint is not None
    client: TestClient = request.getfixturevalue("client")
    return joint, client


def test_the_risk_page_and_its_api_give_the_same_joint_confidence(
    stored: tuple[JointConfidence, TestClient],
) -> None:
    joint, client = stored
    page = client.get(f"/risk?scenario={DEFAULT_SCENARIO}").text
    assert "Finishing on time and within budget" in page and 'id="spec-joint"' in page
    assert f"{joint.p_joint * 100:.0f}%" in page
    api = client.get(f"/api/risk?scenario={DEFAULT_SCENARIO}").json()
    assert api["forecast"]["joint"]["p_joint"] == joint.p_joint
    assert [row["level"] for row in api["joint"]] == [0.5, 0.7, 0.8]
    assert api["convergence"].startswith(("Stable", "Not yet stable", "Not checked"))


def test_a_reader_may_ask_for_another_date_and_budget_on_the_page_and_its_api(
    stored: tuple[JointConfidence, TestClient],
) -> None:
    joint, client = stored
    later = joint.by + timedelta(days=90)
    query = f"?scenario={DEFAULT_SCENARIO}&by={later.isoformat()}&budget=2000000"
    api = client.get(f"/api/risk{query}").json()
    chosen = api["choice"]
    assert chosen["by"] == later.isoformat() and chosen["budget"] == 2_000_000
    # by day 390 nearly every run has finished: each level's budget is near its cost quantile
    for level, row in zip((0.5, 0.7, 0.8), chosen["levels"], strict=True):
        assert row["level"] == level and row["budget_by"] is not None
        assert row["date_within"] is not None
    budgets = [row["budget_by"] for row in chosen["levels"]]
    assert budgets == sorted(budgets)
    page = client.get(f"/risk{query}").text
    assert 'id="joint-chosen"' in page and pounds(budgets[-1]) in page
    assert client.get(f"/api/risk?scenario={DEFAULT_SCENARIO}&budget=-1").status_code == 422
