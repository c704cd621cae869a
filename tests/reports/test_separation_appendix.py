"""The pack's appendix on the cost of separating and the itemised claim."""

from collections.abc import Callable
from datetime import date

import pytest
from markupsafe import Markup

from carveout.costs.methods import Method
from carveout.costs.report import cost_report
from carveout.demo import demo_portfolio
from carveout.domain import Portfolio
from carveout.reports.contents import Pack
from carveout.reports.html import Charts, render_html
from carveout.reports.separation import separation_section


def _charts(pack: Pack) -> Charts:
    blank = [Markup("")] * len(pack.pools)
    empty = Markup("")
    return Charts(
        gantt=[], burn_down=empty, tranches=empty, s_curve=empty, allocations=blank, ledgers=blank
    )


def test_the_demonstrations_claim_is_itemised_beside_its_settlement() -> None:
    portfolio = demo_portfolio()
    costs = cost_report(portfolio=portfolio, methods=(Method.SHAPLEY,), samples=2_000)
    section = separation_section(
        portfolio=portfolio, plan=None, as_of=date(2021, 10, 1), costs=costs
    )

    assert section is not None
    (claim,) = section.claims
    assert claim.payer == "West Mercia Police"
    assert claim.total == pytest.approx(sum(c.amount for c in claim.components))
    assert claim.settlement_net is not None and claim.low is not None and claim.high is not None
    assert claim.low <= claim.settlement_net <= claim.high
    # both pools' own nets are named, and they add up to the one shown for the agreement
    assert len(claim.pool_nets) == 2
    assert sum(net for _, _, net in claim.pool_nets) == pytest.approx(claim.settlement_net)
    assert not section.priced  # no day rate recorded: the work is counted in days
    assert any(t.label.startswith("One-time") and t.days > 0 for t in section.totals)


def test_the_appendix_is_listed_and_tables_each_kind(
    pack: Pack, small_portfolio: Callable[..., Portfolio]
) -> None:
    section = separation_section(
        portfolio=small_portfolio(), plan=None, as_of=date(2021, 12, 1), costs=None
    )
    html = render_html(pack.model_copy(update={"separation": section}), _charts(pack))

    assert '<a href="#separation">Appendix: the cost of separating</a>' in html
    part = html.split('id="separation"')[1]
    assert 'id="separation-kinds"' in part and "Transitional charges" in part
