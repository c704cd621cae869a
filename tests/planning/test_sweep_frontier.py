from datetime import date, datetime

import pytest

from carveout.planning.sweep_frontier import (
    CellResult,
    efficient,
    month_values,
    person_values,
    recommend,
)
from carveout.planning.sweep_grid import Grid
from carveout.planning.sweep_result import SweepSettings, summarise
from carveout.planning.sweep_run import run_cells
from tests.planning.sweep_tasks import four_services, scenario_of


def _cell(
    key: str,
    finish: date | None,
    cost: float | None,
    *,
    deadline: date = date(2023, 12, 31),
    extra: tuple[tuple[str, int], ...] = (),
    person_cost: float = 0.0,
) -> CellResult:
    return CellResult(
        key=key,
        deadline=deadline,
        extra=extra,
        status="feasible" if cost is not None else "infeasible",
        finish=finish,
        plan_cost=cost,
        person_cost=person_cost,
    )


def test_the_frontier_keeps_only_cells_nothing_beats_on_both_date_and_cost() -> None:
    cells = [
        _cell("early-dear", date(2022, 6, 30), 900),
        _cell("later-cheaper", date(2022, 12, 31), 600),
        _cell("dominated", date(2023, 1, 31), 700),  # later and dearer than later-cheaper
        _cell("latest-cheapest", date(2023, 6, 30), 500),
        _cell("same-date-dearer", date(2022, 12, 31), 650),
        _cell("twin", date(2022, 12, 31), 600),  # the same as later-cheaper: one stands
        _cell("no-plan", None, None),
    ]
    front = efficient(cells)
    assert [c.key for c in front] == ["early-dear", "later-cheaper", "latest-cheapest"]


def test_a_month_is_worth_the_cost_saved_between_frontier_neighbours() -> None:
    front = [_cell("a", date(2022, 1, 1), 1000), _cell("b", date(2022, 7, 2), 400)]
    (step,) = month_values(front)
    assert step.saved == 600
    assert step.months == pytest.approx(182 / (365.25 / 12), abs=0.01)
    assert step.per_month == pytest.approx(600 / (182 / (365.25 / 12)))


def test_a_person_is_worth_the_cost_saved_and_days_gained_per_person() -> None:
    day = date(2023, 3, 31)
    cells = [
        _cell("T0", date(2023, 3, 1), 1000, deadline=day, extra=(("T", 0),)),
        _cell("T2", date(2023, 2, 1), 600, deadline=day, extra=(("T", 2),), person_cost=300),
        _cell("late-T0", None, None, deadline=date(2022, 12, 31), extra=(("T", 0),)),
        _cell("late-T2", date(2022, 12, 1), 900, deadline=date(2022, 12, 31), extra=(("T", 2),)),
    ]
    (value,) = person_values(cells)
    assert (value.team, value.from_people, value.to_people) == ("T", 0, 2)
    assert value.compared == 1 and value.made_feasible == 1
    assert value.saved == 200  # (1000 - 600) / 2, before paying for the people
    assert value.days_earlier == 14  # 28 days / 2


def test_the_recommendation_is_the_cheapest_cell_meeting_its_own_deadline() -> None:
    cells = [
        _cell("meets", date(2023, 3, 1), 800, deadline=date(2023, 3, 31)),
        _cell("misses", date(2023, 5, 1), 500, deadline=date(2023, 3, 31)),
        _cell("dearer", date(2023, 2, 1), 900, deadline=date(2023, 3, 31)),
    ]
    best = recommend(cells)
    assert best is not None and best.key == "meets"
    assert recommend([cells[1]]) is None


def test_an_extra_person_provably_brings_the_finish_forward_and_saves_hosting() -> None:
    portfolio = four_services()
    grid = Grid(deadlines=(date(2019, 6, 30),), people=(("T", (0, 1)),))
    settings = SweepSettings(time_limit=2, person_month_cost=1000)
    cells = run_cells(
        portfolio=portfolio,
        scenario=scenario_of(portfolio),
        cells=grid.cells(),
        as_of=date(2019, 1, 7),
        settings=settings,
    )
    alone, helped = cells
    assert alone.finish is not None and helped.finish is not None
    # Four two-week migrations: eight weeks for one person, four for two.
    assert (alone.finish - helped.finish).days == 28
    sweep = summarise(
        scenario="S",
        as_of=date(2019, 1, 7),
        fingerprint=portfolio.fingerprint,
        key="k",
        created=datetime(2019, 1, 7),
        settings=settings,
        grid=grid,
        cells=cells,
    )
    (value,) = sweep.persons
    assert value.days_earlier == 28
    assert value.saved is not None and value.saved > 0
    assert helped.person_cost == pytest.approx(
        1000 * (helped.finish - date(2019, 1, 7)).days / (365.25 / 12)
    )


def test_with_risk_runs_the_exit_is_the_finish_met_at_the_confidence() -> None:
    from carveout.domain import RaidEntry, RaidKind

    risk = RaidEntry(
        code="R1",
        kind=RaidKind.RISK,
        title="Supplier late",
        probability=0.9,
        delay_days=40,
        services=("D",),
        mitigation="second supplier",
        mitigation_cost=1_000,
        mitigated_probability=0.0,
    )
    portfolio = four_services().replace(raid=(risk,))
    grid = Grid(deadlines=(date(2019, 6, 30),), mitigations=(False, True))
    settings = SweepSettings(time_limit=2, risk_runs=400, confidence=0.8)
    plain, mitigated = run_cells(
        portfolio=portfolio,
        scenario=scenario_of(portfolio),
        cells=grid.cells(),
        as_of=date(2019, 1, 7),
        settings=settings,
    )
    assert plain.finish == mitigated.finish  # the plan is the same; the risk is not
    assert plain.p_finish is not None and mitigated.p_finish is not None
    assert plain.exit == plain.p_finish and plain.p_finish > mitigated.p_finish
    assert mitigated.mitigation_cost == 1_000 and plain.mitigation_cost == 0
    assert plain.risk_cost is not None and plain.risk_cost > (mitigated.risk_cost or 0)


def test_each_deadline_takes_the_cheapest_cell_exiting_by_it_whatever_it_was_planned_for() -> None:
    from carveout.planning.sweep_frontier import deadline_values

    cells = [
        _cell("march", date(2022, 3, 15), 900, deadline=date(2022, 3, 31)),
        _cell("june-early", date(2022, 3, 30), 800, deadline=date(2022, 6, 30)),
        _cell("june", date(2022, 6, 1), 700, deadline=date(2022, 6, 30)),
        _cell("sept-none", None, None, deadline=date(2022, 9, 30)),
    ]
    march, june, september = deadline_values(
        cells, [date(2022, 9, 30), date(2022, 3, 31), date(2022, 6, 30)]
    )
    assert (march.cell, march.cost) == ("june-early", 800)  # planned for June, out by March
    assert (june.cell, june.saved) == ("june", 100)
    assert june.per_month == pytest.approx(100 / (91 / (365.25 / 12)))
    assert (september.cell, september.saved) == ("june", 0)  # nothing cheaper by September
