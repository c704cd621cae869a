"""The Trade-offs page and ``GET /api/trade-offs``: the latest sweep of a scenario as of a date."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from carveout.planning.sweep_result import SWEEP, Sweep, read_sweep
from carveout.reports.frontier_chart import frontier_chart, frontier_rows
from carveout.web.cache import Stored
from carveout.web.deps import WebContext
from carveout.web.inputs import choose
from carveout.web.queries.scope import ResultNote, ScenarioChoice, note


class TradeOffsView(BaseModel):
    """The sweep made as of ``scenario.as_of`` (None: none yet), with the dates of others."""

    scenario: ScenarioChoice
    sweep: Sweep | None
    sweep_note: ResultNote | None = None
    stored_dates: list[date] = []
    command: str


def trade_offs_data(ctx: WebContext, *, requested: str | None, as_of: date | None) -> TradeOffsView:
    """What the page and its API twin show: one function for both."""
    choice = choose(ctx, requested=requested, as_of=as_of)
    found: Stored[Sweep] | None = ctx.results.get(
        scenario=choice.code, kind=SWEEP, parse=read_sweep, as_of=choice.as_of
    )
    fingerprint = ctx.portfolio.get().fingerprint
    return TradeOffsView(
        scenario=choice,
        sweep=found.value if found else None,
        sweep_note=note(found, kind="sweep", fingerprint=fingerprint),
        stored_dates=ctx.results.dates(scenario=choice.code, kind=SWEEP),
        command=(
            f"carveout sweep --scenario {choice.code} --as-of {choice.as_of.isoformat()} "
            "--deadlines FIRST:LAST:quarterly --busiest 2 --extra 0,1,2"
        ),
    )


@lru_cache(maxsize=1)
def _template() -> dict[str, Any]:
    spec: dict[str, Any] = frontier_chart(frontier_named()).to_dict(validate=False)
    return spec


def frontier_named() -> Any:
    import altair as alt

    return alt.NamedData(name="cells")


def frontier_spec(sweep: Sweep) -> dict[str, Any]:
    """The page's frontier chart: the cached spec with this sweep's cells attached."""
    spec = dict(_template())
    spec["datasets"] = {"cells": frontier_rows(sweep)}
    return spec
