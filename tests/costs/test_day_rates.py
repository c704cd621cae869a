"""The one-time kind priced at each team's day rate, or at one rate given for every team."""

from datetime import date
from typing import Any

import pytest

from carveout.charges.report import charges_view
from carveout.costs.separation_cost import Kind, RateSource, SeparationCost, separation_cost
from carveout.costs.separation_report import rate_basis, separation_json, separation_report
from carveout.domain import MigrationStatus, Portfolio
from tests.planning.conftest import make_portfolio

AS_OF = date(2019, 4, 1)
DONE = {
    "status": MigrationStatus.CUT_OVER,
    "actual_start": date(2019, 1, 7),
    "actual_end": date(2019, 2, 22),
}


def _portfolio(rates: dict[str, float | None]) -> Portfolio:
    """A (100 person-days, team T), B (40, team U) and C (60, team U), all done."""
    plain = make_portfolio(
        work={"A": (100, 30), "B": (40, 30), "C": (60, 30)},
        teams={"T": 1.0, "U": 1.0},
        team_of={"B": "U", "C": "U"},
        migrations=dict.fromkeys("ABC", DONE),
    )
    teams = tuple(t.model_copy(update={"day_rate": rates.get(t.code)}) for t in plain.teams)
    return plain.model_copy(update={"teams": teams})


def _cost(rates: dict[str, float | None], **given: Any) -> SeparationCost:
    portfolio = _portfolio(rates)
    view = charges_view(portfolio=portfolio, plan=None, as_of=AS_OF)
    return separation_cost(portfolio=portfolio, plan=None, view=view, **given)


def _one_time(cost: SeparationCost, team: str) -> float:
    return round(sum(x.amount for x in cost.lines if x.kind is Kind.ONE_TIME and x.source == team))


def test_each_teams_work_is_priced_at_its_own_rate() -> None:
    cost = _cost({"T": 600, "U": 400})

    assert _one_time(cost, "T") == 100 * 600
    assert _one_time(cost, "U") == 100 * 400
    assert cost.total(kind=Kind.ONE_TIME) == pytest.approx(100_000)
    assert cost.rate_source is RateSource.TEAMS and cost.unpriced_days == 0
    assert rate_basis(cost) == "priced at each team's recorded day rate"


def test_a_given_rate_overrides_every_teams_rate() -> None:
    cost = _cost({"T": 600, "U": None}, day_rate=450)

    assert cost.total(kind=Kind.ONE_TIME) == pytest.approx(200 * 450)
    assert {x.rate for x in cost.lines if x.kind is Kind.ONE_TIME} == {450}
    assert cost.rate_source is RateSource.GIVEN and cost.unpriced_days == 0
    assert rate_basis(cost, "given on the command line") == (
        "priced at £450 a day, given on the command line"
    )


def test_a_given_rate_of_nought_is_a_rate_not_an_absence() -> None:
    cost = _cost({"T": 600}, day_rate=0)

    assert cost.total(kind=Kind.ONE_TIME) == 0
    assert cost.rate_source is RateSource.GIVEN and cost.unpriced_days == 0


def test_work_of_a_team_without_a_rate_is_counted_apart_and_never_priced_at_nought() -> None:
    cost = _cost({"T": 600})
    unpriced = [x for x in cost.lines if x.kind is Kind.ONE_TIME and x.source == "U"]

    assert cost.total(kind=Kind.ONE_TIME) == pytest.approx(100 * 600)
    assert unpriced and all(x.unpriced and x.rate is None for x in unpriced)
    assert cost.unpriced_days == pytest.approx(100)
    assert cost.unpriced_teams == ("U",)
    assert cost.rate_source is RateSource.PARTLY
    assert rate_basis(cost) == (
        "priced at each team's recorded day rate; 100 person-days of team U have no day "
        "rate recorded and are counted in days, not priced"
    )


def test_the_report_splits_a_partys_priced_work_from_its_unpriced_days() -> None:
    report = separation_report(portfolio=_portfolio({"U": 500}), plan=None, as_of=AS_OF, costs=None)
    (row,) = [r for r in report.kind_totals() if r["kind"] == "one_time"]
    shape = separation_json(report)

    # no destination and no team party: the host WM bears A (team T, no rate) and B and C
    # (team U at £500) in one row, its pounds beside the days no rate prices
    assert row["party"] == "WM"
    assert row["total"] == pytest.approx(100 * 500)
    assert (row["priced_days"], row["unpriced_days"], row["days"]) == (100, 100, 200)
    assert shape["rate_source"] == "partly" and shape["unpriced_teams"] == ["T"]
    assert shape["unpriced_days"] == pytest.approx(100)
    assert "100 person-days of team T have no day rate recorded" in shape["rate_basis"]


def test_without_any_rate_the_work_is_counted_in_days_only() -> None:
    cost = _cost({})

    assert cost.total(kind=Kind.ONE_TIME) == 0
    assert cost.unpriced_days == pytest.approx(200)
    assert cost.unpriced_teams == ("T", "U")
    assert cost.rate_source is RateSource.NONE
    assert rate_basis(cost) == "counted in person-days: no day rate is recorded"


def test_a_claim_component_names_the_days_no_rate_prices_beside_its_pounds() -> None:
    from carveout.costs.exit_settlement import ClaimComponent

    cost = _cost({"T": 600})
    work = tuple(x for x in cost.lines if x.kind is Kind.ONE_TIME)
    rebuild = ClaimComponent("rebuild", "Rebuild", sum(x.amount for x in work), work)

    assert rebuild.amount == pytest.approx(100 * 600)
    assert rebuild.unpriced_days == pytest.approx(100)  # team U's B and C: not in the pounds
