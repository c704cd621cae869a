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
    # the demonstration's teams record their day rates: the work is priced at them
    assert section.priced
    assert section.rate_basis == "priced at each team's recorded day rate"
    one_time = [t for t in section.totals if t.label.startswith("One-time")]
    assert one_time and all(t.total > 0 and t.unpriced_days == 0 for t in one_time)


def _without_rates(portfolio: Portfolio, *keep: str) -> Portfolio:
    teams = tuple(
        t if t.code in keep else t.model_copy(update={"day_rate": None}) for t in portfolio.teams
    )
    return portfolio.model_copy(update={"teams": teams})


def test_a_portfolio_without_day_rates_counts_its_work_in_days(pack: Pack) -> None:
    section = separation_section(
        portfolio=_without_rates(demo_portfolio()), plan=None, as_of=date(2021, 10, 1), costs=None
    )
    assert section is not None and not section.priced
    html = render_html(pack.model_copy(update={"separation": section}), _charts(pack))
    part = html.split('id="separation"')[1]

    assert "Migration work is counted in person-days: no day rate is recorded." in part
    row = part.split("One-time (migration work)</td><td>Warwickshire Police</td>")[1]
    assert row.startswith('<td class="num">—</td><td class="num">—</td><td class="num">555 ')


def test_work_of_teams_without_a_rate_is_shown_beside_the_priced_work(pack: Pack) -> None:
    # only the applications team keeps its rate (£560 a day)
    portfolio = _without_rates(demo_portfolio(), "APPS")
    section = separation_section(
        portfolio=portfolio, plan=None, as_of=date(2021, 10, 1), costs=None
    )
    assert section is not None and section.priced
    html = render_html(pack.model_copy(update={"separation": section}), _charts(pack))
    part = html.split('id="separation"')[1]

    (warks,) = [
        t
        for t in section.totals
        if t.label.startswith("One-time") and t.party == ("Warwickshire Police")
    ]
    # Warwickshire's 555 person-days so far: 120 of the applications team's, priced, and 435
    # of teams with no rate, shown as days beside the pounds and in none of them
    assert (warks.total, warks.days, warks.unpriced_days) == (120 * 560, 555, 435)
    assert "person-days of teams BCHG, DATA, FORENS, INFRA and WMIDS-ONB" in section.rate_basis
    assert "have no day rate recorded and are counted in days, not priced" in part
    assert "£67k + 435 person-days unpriced" in part


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
