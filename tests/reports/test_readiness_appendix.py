"""The pack's appendix of readiness alongside the plan."""

from collections.abc import Callable
from datetime import UTC, date, datetime

from markupsafe import Markup

from carveout.domain import Portfolio
from carveout.planning.plan import Plan, PlannedMigration
from carveout.reports.contents import Pack
from carveout.reports.html import Charts, render_html
from carveout.reports.readiness import readiness_section


def _charts(pack: Pack) -> Charts:
    blank = [Markup("")] * len(pack.pools)
    empty = Markup("")
    return Charts(
        gantt=[], burn_down=empty, tranches=empty, s_curve=empty, allocations=blank, ledgers=blank
    )


def _plan(cutover: date) -> Plan:
    return Plan(
        scenario="BASE", objective="cost", status="feasible",
        created=datetime(2021, 9, 1, tzinfo=UTC), start=date(2021, 9, 1), as_of=date(2021, 9, 1),
        migrations=(
            PlannedMigration(service="CAD", team="APPS", start=date(2021, 9, 6), cutover=cutover,
                             wave=1, effort_days=10, duration_days=5),
        ),
    )  # fmt: skip


def test_each_gate_stands_beside_the_planned_cutover_and_a_held_one_is_marked(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    section = readiness_section(portfolio=small_portfolio(), plan=_plan(date(2021, 9, 19)))

    assert section is not None and section.ready == 1
    cad, rms = (next(s for s in section.services if s.service == c) for c in ("CAD", "RMS"))
    assert (cad.state, cad.can_pass, cad.planned_cutover) == (
        "not_ready",
        date(2021, 9, 15),
        date(2021, 9, 19),
    )
    assert cad.held  # the cut-over falls in the week the gate can pass
    assert (rms.state, rms.decision, rms.planned_cutover, rms.held) == ("go", "go", None, False)


def test_a_portfolio_without_gates_has_no_section(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    bare = small_portfolio(exit_criteria=(), exit_decisions=())
    assert readiness_section(portfolio=bare, plan=None) is None


def test_the_appendix_is_listed_and_shows_each_gate(
    pack: Pack, small_portfolio: Callable[..., Portfolio]
) -> None:
    section = readiness_section(portfolio=small_portfolio(), plan=_plan(date(2021, 10, 31)))
    html = render_html(pack.model_copy(update={"readiness": section}), _charts(pack))

    assert '<a href="#readiness">Appendix: readiness alongside the plan</a>' in html
    part = html.split('id="readiness"')[1]
    assert "31 Oct 2021" in part and "Users trained" in part
    assert "go, Programme board, 20 Sep 2021" in part
