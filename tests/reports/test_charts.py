import json
from typing import Any

from carveout.reports import charts
from carveout.reports.contents import Pack

SERIES = ["Plan", "Actual", "Forecast P50", "Forecast P80"]


def _lines(pack: Pack) -> dict[str, Any]:
    spec = json.loads(charts.burn_down(pack).to_json())
    layer: dict[str, Any] = next(
        layer for layer in spec["layer"] if layer["encoding"].get("color", {}).get("field")
    )
    encoding: dict[str, Any] = layer["encoding"]
    return encoding


def test_the_burn_down_has_a_legend_naming_every_series(pack: Pack) -> None:
    encoding = _lines(pack)

    for channel in ("color", "strokeDash"):
        assert encoding[channel]["field"] == "series"
        assert encoding[channel]["scale"]["domain"] == SERIES
        assert encoding[channel].get("legend", {}) is not None, channel
    svg = charts.to_svg(charts.burn_down(pack))
    assert 'aria-roledescription="legend"' in svg
    for name in SERIES:
        assert f">{name}</text>" in svg


def test_the_forecasts_are_dashed_and_the_plan_and_actual_are_not(pack: Pack) -> None:
    dash = _lines(pack)["strokeDash"]["scale"]
    dashes = dict(zip(dash["domain"], dash["range"], strict=True))

    assert dashes["Plan"] == dashes["Actual"] == [1, 0]
    assert dashes["Forecast P50"] != [1, 0]
    assert dashes["Forecast P80"] not in ([1, 0], dashes["Forecast P50"])


def test_the_actual_line_is_heavier_than_the_plan(pack: Pack) -> None:
    width = _lines(pack)["strokeWidth"]["scale"]
    widths = dict(zip(width["domain"], width["range"], strict=True))

    assert widths["Actual"] > widths["Plan"]


def test_a_fair_share_gap_of_float_noise_is_charted_as_nought(pack: Pack) -> None:
    # a two-party ledger whose gaps were ±1e-311 pounds made the renderer fail to tick the
    # axis ("Invalid array length"), so the whole pack failed to build
    pool = next(p for p in pack.pools if p.ledger)
    noise = tuple(
        row.model_copy(update={"cumulative": 1.1e-311 if k % 2 else -1.1e-311})
        for k, row in enumerate(pool.ledger)
    )
    tiny = pool.model_copy(update={"ledger": noise})

    spec = json.loads(charts.ledger(tiny).to_json())
    assert {row["pounds"] for row in spec["data"]["values"]} == {0.0}
    assert charts.to_svg(charts.ledger(tiny)).lstrip().startswith("<svg")
