"""The governance pack's "Dates to act on": the notice calendar's next 90 days."""

from datetime import timedelta

from markupsafe import Markup

from carveout.domain.calendar import notice_calendar
from carveout.reports.contents import Pack
from carveout.reports.html import Charts, render_html
from carveout.reports.notices import planned_cutovers
from tests.reports.programme import AS_OF, Results


def _section(pack: Pack) -> str:
    blank = [Markup("")] * len(pack.pools)
    charts = Charts(
        gantt=[],
        burn_down=Markup(""),
        tranches=Markup(""),
        s_curve=Markup(""),
        allocations=blank,
        ledgers=blank,
    )
    return render_html(pack, charts).split('id="dates-to-act-on"')[1].split("</div>")[0]


def test_the_pack_lists_the_calendars_dates_due_within_90_days(
    pack: Pack, results: Results
) -> None:
    every = notice_calendar(
        portfolio=results.portfolio, as_of=AS_OF, cutovers=planned_cutovers(results.plan)
    )
    assert list(pack.dates_due) == [a for a in every if a.days_left <= 90]
    assert len(every) > len(pack.dates_due)  # later dates are left to the calendar


def test_the_html_shows_each_date_with_days_left_and_overdue(pack: Pack, results: Results) -> None:
    later = notice_calendar(portfolio=results.portfolio, as_of=AS_OF + timedelta(days=120))
    section = _section(pack.model_copy(update={"dates_due": later[:3]}))
    assert "Dates to act on in the next 90 days" in section
    for action in later[:3]:
        assert action.what in section
        shown = f"{-action.days_left} overdue" if action.overdue else f">{action.days_left}<"
        assert shown in section
    assert "overdue" in section  # the first tranche's extension was due by 31 Jan 2022


def test_an_empty_window_says_so(pack: Pack) -> None:
    section = _section(pack.model_copy(update={"dates_due": ()}))
    assert "Nothing falls due in the next 90 days." in section
