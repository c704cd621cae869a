"""``GET /api/trade-offs``: the Trade-offs page's twin."""

from __future__ import annotations

from fastapi import APIRouter

from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.queries.trade_offs import TradeOffsView, trade_offs_data
from carveout.web.views import SeenContext

router = APIRouter(tags=["pages"])


@router.get("/trade-offs")
def get_trade_offs(
    ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> TradeOffsView:
    """The scenario's latest sweep made as of the data date: every cell, the cost-against-exit-
    date frontier, what a month and a person are worth, and the recommended cell (the
    Trade-offs page)."""
    return trade_offs_data(ctx, requested=scenario, as_of=as_of)
