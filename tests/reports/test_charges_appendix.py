"""The pack's appendix of charges against invoices."""

from collections.abc import Callable
from datetime import date

from markupsafe import Markup

from carveout.domain import InvoiceLine, Portfolio
from carveout.reports.charges import charges_section
from carveout.reports.contents import Pack
from carveout.reports.html import Charts, render_html


def _charts(pack: Pack) -> Charts:
    blank = [Markup("")] * len(pack.pools)
    empty = Markup("")
    return Charts(
        gantt=[], burn_down=empty, tranches=empty, s_curve=empty, allocations=blank, ledgers=blank
    )


def test_the_section_flags_the_difference_and_totals_the_months_before_the_data_date(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    base = small_portfolio()
    over = InvoiceLine(
        code="X", agreement="THA", service="CAD", month=date(2021, 10, 1), amount=50_000
    )
    portfolio = base.replace(invoice_lines=(*base.invoice_lines, over))

    section = charges_section(portfolio=portfolio, plan=None, as_of=date(2021, 11, 1))

    assert section is not None and section.invoices == 2
    assert (section.expected_to_date, section.invoiced_to_date) == (85_000, 92_500)
    assert [(f.service, f.reason) for f in section.flags] == [("CAD", "wrong rate")]
    assert section.basis == "the contract"


def test_a_portfolio_without_lines_or_invoices_has_no_section(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    bare = small_portfolio(schedule_lines=(), invoice_lines=())

    assert charges_section(portfolio=bare, plan=None, as_of=date(2021, 11, 1)) is None


def test_the_appendix_is_listed_and_shows_the_flags(
    pack: Pack, small_portfolio: Callable[..., Portfolio]
) -> None:
    section = charges_section(portfolio=small_portfolio(), plan=None, as_of=date(2021, 12, 1))
    html = render_html(pack.model_copy(update={"charges": section}), _charts(pack))

    assert '<a href="#charges">Appendix: charges against invoices</a>' in html
    part = html.split('id="charges"')[1]
    assert "not invoiced" in part and 'id="charge-budgets"' in part
