from datetime import date

import pytest

from carveout.domain import ExtensionOption, Tranche
from carveout.planning.sweep_cell import cell_inputs, mitigation_cost
from carveout.planning.sweep_grid import (
    Cell,
    Grid,
    GridError,
    parse_deadlines,
    parse_extensions,
    parse_extra_people,
    parse_levels,
    parse_mitigations,
)
from tests.planning.conftest import make_portfolio


def test_a_quarterly_range_keeps_to_month_ends() -> None:
    found = parse_deadlines("2022-03-31:2024-03-31:quarterly")
    assert len(found) == 9
    assert found[:3] == (date(2022, 3, 31), date(2022, 6, 30), date(2022, 9, 30))
    assert found[-1] == date(2024, 3, 31)


def test_a_list_of_deadlines_is_sorted() -> None:
    assert parse_deadlines("2023-03-31, 2022-03-31") == (date(2022, 3, 31), date(2023, 3, 31))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2022-03-31:2024-03-31", "FIRST:LAST:STEP"),
        ("2022-03-31:2024-03-31:fortnightly", "step 'fortnightly'"),
        ("2024-03-31:2022-03-31:yearly", "before the first"),
        ("31/03/2022", "not a date"),
        ("2022-03-31,2022-03-31", "twice"),
        ("", "at least one"),
    ],
)
def test_bad_deadlines_are_refused_naming_the_option(text: str, words: str) -> None:
    with pytest.raises(GridError) as raised:
        parse_deadlines(text)
    assert str(raised.value).startswith("--deadlines:")
    assert words in str(raised.value)


def test_extra_people_are_read_per_team_and_unknown_teams_refused() -> None:
    assert parse_extra_people(["B=0,2", "A=0,1"], ["A", "B"]) == (("A", (0, 1)), ("B", (0, 2)))
    with pytest.raises(GridError, match="--extra-people: no team 'C'"):
        parse_extra_people(["C=1"], ["A", "B"])
    with pytest.raises(GridError, match="--extra-people: 'A' is not TEAM=LEVELS"):
        parse_extra_people(["A"], ["A"])
    with pytest.raises(GridError, match="--extra: extra people cannot be negative"):
        parse_levels("0,-1", "--extra")
    with pytest.raises(GridError, match="--extra: 'one' is not a list"):
        parse_levels("one", "--extra")


def test_extensions_and_mitigations_choices_are_checked() -> None:
    assert parse_extensions("all, none, X2+X1", ["X1", "X2"]) == ("all", "none", "X1+X2")
    with pytest.raises(GridError, match="--extensions: 'Y' is not all, none"):
        parse_extensions("Y", ["X1"])
    assert parse_mitigations("both") == (False, True)
    with pytest.raises(GridError, match="--mitigations: 'maybe'"):
        parse_mitigations("maybe")


def test_the_grid_lists_every_combination_with_deadlines_slowest() -> None:
    grid = Grid(
        deadlines=(date(2022, 3, 31), date(2022, 6, 30)),
        people=(("A", (0, 1)), ("B", (0, 1, 2))),
        mitigations=(False, True),
    )
    cells = grid.cells()
    assert len(cells) == grid.size == 2 * 2 * 3 * 2
    assert cells[0].key == "2022-03-31|A=0,B=0|ext=all|mit=off"
    assert all(c.deadline == date(2022, 3, 31) for c in cells[:12])
    assert len({c.key for c in cells}) == len(cells)


def test_a_cell_adds_people_from_the_data_date_and_sets_the_deadline() -> None:
    portfolio = make_portfolio(work={"A": (10, 10)}, teams={"T": 2.0})
    scenario = portfolio.scenario_by_code["S"]
    cell = Cell(date(2019, 6, 30), (("T", 3),))
    changed, chosen = cell_inputs(
        portfolio=portfolio, scenario=scenario, cell=cell, as_of=date(2019, 2, 1)
    )
    assert chosen.deadline == date(2019, 6, 30)
    assert [c.people for c in changed.teams[0].capacity] == [5.0]
    assert portfolio.teams[0].capacity[0].people == 2.0  # the original is untouched
    assert changed.fingerprint != portfolio.fingerprint


def test_an_extension_not_taken_makes_the_tranche_end_a_deadline() -> None:
    tranche = Tranche(
        code="T1",
        agreement="TSA",
        start=date(2019, 1, 1),
        end=date(2019, 3, 31),
        monthly_charge=1000,
        services=("A",),
    )
    options = (
        ExtensionOption(code="X1", tranche="T1", length_months=3),
        ExtensionOption(code="X2", tranche="T1", length_months=6),
    )
    portfolio = make_portfolio(work={"A": (10, 10), "B": (10, 10)})
    portfolio = portfolio.replace(tranches=(tranche,), extension_options=options)
    scenario = portfolio.scenario_by_code["S"]

    def deadlines(choice: str) -> tuple[dict[str, date | None], tuple[str, ...]]:
        changed, _ = cell_inputs(
            portfolio=portfolio,
            scenario=scenario,
            cell=Cell(date(2020, 6, 30), extensions=choice),
            as_of=date(2019, 1, 7),
        )
        found = {m.service: m.deadline for m in changed.migrations}
        return found, tuple(o.code for o in changed.extension_options)

    assert deadlines("none") == ({"A": date(2019, 3, 31), "B": None}, ())
    assert deadlines("X1") == ({"A": date(2019, 6, 30), "B": None}, ("X1",))
    assert deadlines("X2") == ({"A": date(2019, 3, 31), "B": None}, ())  # options go in turn
    assert deadlines("all") == ({"A": None, "B": None}, ("X1", "X2"))


def test_mitigations_count_their_cost_and_use_the_mitigated_risk() -> None:
    from carveout.domain import RaidEntry, RaidKind

    risk = RaidEntry(
        code="R1",
        kind=RaidKind.RISK,
        title="Supplier late",
        probability=0.5,
        delay_days=20,
        services=("A",),
        mitigation="second supplier",
        mitigation_cost=5000,
        mitigated_probability=0.1,
    )
    portfolio = make_portfolio(work={"A": (10, 10)}).replace(raid=(risk,))
    changed, _ = cell_inputs(
        portfolio=portfolio,
        scenario=portfolio.scenario_by_code["S"],
        cell=Cell(date(2019, 6, 30), mitigations=True),
        as_of=date(2019, 1, 7),
    )
    assert changed.raid[0].probability == 0.1
    assert mitigation_cost(portfolio) == 5000
