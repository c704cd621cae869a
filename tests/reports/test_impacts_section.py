"""The pack's risk chapter shows the drivers in days and pounds and what each mitigation buys."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from carveout.reports.contents import Pack
from carveout.reports.html import render_html
from carveout.reports.pack import build_pack
from carveout.risk.run import run_risk
from tests.reports.programme import AS_OF, Results


@pytest.fixture(scope="module")
def measured(results: Results) -> Pack:
    """The pack of a forecast that measured its drivers and the records risk's mitigation."""
    raid = tuple(
        r.model_copy(
            update={
                "mitigation": "Cleansing sprint",
                "mitigation_cost": 30_000.0,
                "mitigated_probability": 0.1,
            }
        )
        if r.code == "R1"
        else r
        for r in results.portfolio.raid
    )
    portfolio = results.portfolio.model_copy(update={"raid": raid})
    forecast = run_risk(portfolio=portfolio, plan=results.plan, runs=500, seed=1, impact_runs=800)
    return build_pack(
        portfolio=portfolio,
        scenario=portfolio.scenarios[0],
        plan=results.plan,
        forecast=forecast,
        costs=results.costs,
        as_of=AS_OF,
        previous=None,
        generated=datetime(2021, 10, 15, 9, tzinfo=UTC),
    )


def test_the_pack_lists_drivers_in_days_and_pounds_and_each_mitigation(measured: Pack) -> None:
    section = measured.impacts
    assert section is not None and section.as_of == AS_OF and section.runs == 800
    assert section.drivers and all(
        abs(d.days) >= 1 or abs(d.cost or 0) >= 1 for d in section.drivers
    )
    assert section.drivers[0].days == max(d.days for d in section.drivers)
    [mitigation] = section.mitigations
    assert mitigation.code == "R1" and mitigation.cost == 30_000
    html = render_html(measured).replace("&#39;", "'")
    assert "What drives the P80, in days and pounds" in html and 'id="impact-drivers"' in html
    assert "What each mitigation would buy" in html and mitigation.sentence in html
    assert "Drivers of the P80 finish in days" in html  # the chart


def test_a_forecast_without_measured_drivers_has_no_such_section(pack: Pack) -> None:
    assert pack.impacts is None
    assert 'id="impact-drivers"' not in render_html(pack)
