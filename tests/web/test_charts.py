"""Chart specs: every template is valid Vega-Lite, and data is attached, not baked in."""

from __future__ import annotations

from datetime import date

import altair as alt
import jsonschema
import pytest

from carveout.web import charts


@pytest.mark.parametrize("template", charts.TEMPLATES, ids=lambda t: t.__name__)
def test_every_chart_template_is_valid_vega_lite(template: object) -> None:
    spec = template()  # type: ignore[operator]
    jsonschema.validate(spec, alt.vegalite.v6.schema.core.load_schema())


def test_grouped_bars_are_valid_vega_lite() -> None:
    spec = charts.bars(
        [{"party": "A", "amount": 1.0, "method": "m"}],
        x="amount",
        y="party",
        color="method",
        x_format=",.0f",
    )
    jsonschema.validate(spec, alt.vegalite.v6.schema.core.load_schema())


def test_a_chart_carries_its_rows_and_leaves_the_cached_template_untouched() -> None:
    rows = [{"month": "2021-01-01", "series": "plan", "services": 3}]
    spec = charts.burn_down(rows, today=date(2021, 6, 1))
    assert spec["datasets"]["rows"] == rows
    assert spec["datasets"]["today"] == [{"today": "2021-06-01"}]
    assert "datasets" not in charts.burn_down_template()


def test_the_gantt_grows_with_its_rows_and_keeps_their_order() -> None:
    rows = [
        {"service": s, "team": "T", "start": "2021-01-01", "cutover": "2021-02-01"}
        for s in ("B", "A")
    ]
    spec = charts.gantt(rows)
    assert [r["order"] for r in spec["datasets"]["rows"]] == [0, 1]
    assert charts.gantt(rows * 20)["height"] > spec["height"]
