"""The pack's appendix of service levels and credits."""

from collections.abc import Callable
from datetime import date

from markupsafe import Markup

from carveout.domain import Agreement, Portfolio, RatePeriod, ScheduleLine, Tranche
from carveout.domain.service_levels import Aim, ServiceLevel, ServiceLevelMeasurement
from carveout.reports.contents import Pack
from carveout.reports.html import Charts, render_html
from carveout.reports.service_levels import service_levels_section

Factory = Callable[..., Portfolio]
OCT, NOV = date(2021, 10, 1), date(2021, 11, 1)


def _charts(pack: Pack) -> Charts:
    blank = [Markup("")] * len(pack.pools)
    empty = Markup("")
    return Charts(
        gantt=[], burn_down=empty, tranches=empty, s_curve=empty, allocations=blank, ledgers=blank
    )


def _with_levels(small_portfolio: Factory) -> Portfolio:
    level = ServiceLevel(
        code="CAD/avail", schedule_line="THA-1/CAD", metric="Availability", unit="%",
        target=99.5, direction=Aim.AT_LEAST, credit_percent=10, cap_percent=15,
    )  # fmt: skip
    measured = (
        ServiceLevelMeasurement(code="CAD/avail/2021-10", service_level="CAD/avail",
                                month=OCT, value=98.7, note="Storage outage"),
        ServiceLevelMeasurement(code="CAD/avail/2021-11", service_level="CAD/avail",
                                month=NOV, value=99.8),
    )  # fmt: skip
    return small_portfolio(service_levels=(level,), service_level_measurements=measured)


def test_the_section_sets_the_credit_off_against_what_the_paying_party_owes(
    small_portfolio: Factory,
) -> None:
    section = service_levels_section(
        portfolio=_with_levels(small_portfolio), plan=None, as_of=date(2021, 12, 1)
    )

    assert section is not None and section.basis == "the contract"
    [level] = section.levels
    assert (level.met, level.breached, level.not_measured) == (1, 1, 0)
    [breach] = section.breaches
    # 10 % of CAD's line, £42,500 a month.
    assert (breach.month, breach.credit, breach.note) == (OCT, 4250.0, "Storage outage")
    [owed] = section.owed
    assert (owed.agreement, owed.party, owed.credits) == ("THA", "WAR", 4250.0)
    assert round(owed.net + owed.credits, 2) == owed.expected
    october = next(m for m in section.by_month if m.month == OCT)
    assert (october.expected, october.credits, october.net) == (85_000, 4250, 80_750)


def test_a_portfolio_without_service_levels_has_no_section(small_portfolio: Factory) -> None:
    bare = small_portfolio(service_levels=(), service_level_measurements=())
    assert service_levels_section(portfolio=bare, plan=None, as_of=OCT) is None


def test_the_appendix_is_listed_and_shows_the_breach_and_what_is_owed(
    pack: Pack, small_portfolio: Factory
) -> None:
    section = service_levels_section(
        portfolio=_with_levels(small_portfolio), plan=None, as_of=date(2021, 12, 1)
    )
    html = render_html(pack.model_copy(update={"service_levels": section}), _charts(pack))

    assert '<a href="#service-levels">Appendix: service levels and credits</a>' in html
    part = html.split('id="service-levels"')[1]
    assert "Availability at least 99.5 %" in part and "Oct 2021" in part
    assert "£4,250.00" in part and "Storage outage" in part
    assert "10% (cap 15%)" in part


def test_the_note_of_later_measurements_counts_only_the_chosen_agreements(
    small_portfolio: Factory,
) -> None:
    base = _with_levels(small_portfolio)
    payroll = Agreement(
        code="THB",
        name="Payroll hosting",
        kind="transitional",
        provider="WMP",
        recipients=("WAR",),
        start=OCT,
    )
    tranche = Tranche(
        code="THB-1",
        agreement="THB",
        start=OCT,
        end=date(2022, 3, 31),
        monthly_charge=10_000,
        services=("PAY",),
    )
    line = ScheduleLine(
        code="THB-1/PAY",
        tranche="THB-1",
        service="PAY",
        rates=(RatePeriod(start=OCT, end=date(2022, 3, 31), rate=10_000),),
    )
    level = ServiceLevel(
        code="THB-1/PAY/avail",
        schedule_line="THB-1/PAY",
        metric="Availability",
        unit="%",
        target=99.0,
        direction=Aim.AT_LEAST,
        credit_percent=5,
    )
    later = tuple(
        ServiceLevelMeasurement(code=f"THB-1/PAY/avail/{m:%Y-%m}", service_level=level.code,
                                month=m, value=99.5)
        for m in (NOV, date(2021, 12, 1))
    )  # fmt: skip
    portfolio = small_portfolio(
        agreements=(*base.agreements, payroll),
        tranches=(*base.tranches, tranche),
        schedule_lines=(*base.schedule_lines, line),
        service_levels=(*base.service_levels, level),
        service_level_measurements=(*base.service_level_measurements, *later),
    )

    # As of 1 Nov: THA's November measurement and THB's two come after the data date.
    one = service_levels_section(portfolio=portfolio, plan=None, as_of=NOV, agreement="THA")
    two = service_levels_section(portfolio=portfolio, plan=None, as_of=NOV, agreement="THB")
    both = service_levels_section(portfolio=portfolio, plan=None, as_of=NOV)

    assert one is not None and one.later.startswith("1 service-level measurement ")
    assert two is not None and two.later.startswith("2 service-level measurements ")
    assert both is not None and both.later.startswith("3 service-level measurements ")
