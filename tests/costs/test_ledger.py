from __future__ import annotations

import pytest

from carveout.costs.ledger import Ledger, fair_share_ledger
from carveout.domain import PoolCharge

NAMES = {"W": "West Mercia", "R": "Warwickshire"}


def ledger(
    *,
    annual_costs: dict[int, float] | None = None,
    charges: tuple[PoolCharge, ...] = (),
    core: dict[str, tuple[float, float]] | None = None,
) -> Ledger:
    found = fair_share_ledger(
        players=("W", "R"),
        names=NAMES,
        basis={"W": 0.69, "R": 0.31},
        basis_phrase="the current 69/31 basis",
        fair={"W": 0.55, "R": 0.45},
        core=core if core is not None else {"W": (0.2, 0.9), "R": (0.1, 0.8)},
        standard="Shapley",
        annual_costs={2019: 20.0, 2018: 10.0} if annual_costs is None else annual_costs,
        charges=charges,
        fallback_cost=100.0,
    )
    assert found is not None
    return found


def test_the_ledger_runs_year_by_year_and_accumulates_the_gap_to_the_fair_share():
    rows = ledger().rows

    assert [(r.year, r.party) for r in rows] == [(2018, "W"), (2018, "R"), (2019, "W"), (2019, "R")]
    w2018, _, w2019, r2019 = rows
    assert w2018.charged == pytest.approx(6.9) and w2018.fair == pytest.approx(5.5)
    assert w2019.cumulative == pytest.approx(0.14 * 10 + 0.14 * 20)
    assert r2019.cumulative == pytest.approx(-(0.14 * 30))
    assert (w2019.least, w2019.greatest) == (pytest.approx(4.0), pytest.approx(18.0))


def test_a_gap_to_the_fair_share_is_named_as_such_never_as_a_subsidy():
    gaps = {g.party: g for g in ledger().gaps}

    assert gaps["R"].sentence == (
        "Warwickshire paid £4 less than its Shapley fair share over 2018–2019"
    )
    assert gaps["W"].sentence.startswith("West Mercia paid £4 more than its Shapley fair share")
    for gap in gaps.values():
        assert "subsid" not in gap.sentence and "owes" not in gap.sentence


def test_the_defensible_range_is_what_was_paid_less_the_greatest_and_least_core_charges():
    gaps = {g.party: g for g in ledger().gaps}

    # Warwickshire paid 0.31 × 30 = 9.3; its core charges sum to 3 .. 24 over both years.
    assert gaps["R"].paid == pytest.approx(9.3)
    assert (gaps["R"].least, gaps["R"].greatest) == (pytest.approx(3.0), pytest.approx(24.0))
    assert gaps["R"].settle_low == pytest.approx(9.3 - 24.0)
    assert gaps["R"].settle_high == pytest.approx(9.3 - 3.0)
    assert gaps["R"].settle_low <= gaps["R"].gap <= gaps["R"].settle_high


def test_without_a_core_there_is_no_range():
    found = fair_share_ledger(
        players=("W", "R"),
        names=NAMES,
        basis={"W": 0.5, "R": 0.5},
        basis_phrase="the current 50/50 basis",
        fair={"W": 0.5, "R": 0.5},
        core=None,
        standard="Shapley",
        annual_costs={2019: 10.0},
        charges=(),
        fallback_cost=10.0,
    )

    assert found is not None
    assert all(r.least is None and r.greatest is None for r in found.rows)
    assert all(g.settle_low is None and g.settle_high is None for g in found.gaps)


def test_recorded_charges_override_the_basis_for_their_year_and_the_note_names_the_rest():
    charges = (
        PoolCharge(year=2019, party="W", amount=12.0),
        PoolCharge(year=2019, party="R", amount=8.0),
    )
    found = ledger(annual_costs={y: 10.0 for y in range(2012, 2020)}, charges=charges)

    paid = {(r.year, r.party): (r.charged, r.recorded) for r in found.rows}
    assert paid[2019, "W"] == (12.0, True) and paid[2019, "R"] == (8.0, True)
    assert paid[2018, "W"] == (pytest.approx(6.9), False)
    assert (
        "2012–2018: no charges recorded; charged by the current 69/31 basis applied to each "
        "year's cost" in found.notes
    )
    assert "2019: the charges recorded for the pool" in found.notes
    assert any("today's catalogue shape" in n and "2012–2019" in n for n in found.notes)


def test_fair_shares_divide_what_was_charged_and_say_so_when_it_differs_from_the_cost():
    charges = (
        PoolCharge(year=2019, party="W", amount=14.0),
        PoolCharge(year=2019, party="R", amount=8.0),
    )
    found = ledger(annual_costs={2019: 20.0}, charges=charges)

    assert sum(r.fair for r in found.rows) == pytest.approx(22.0)
    assert sum(g.gap for g in found.gaps) == pytest.approx(0.0)
    assert any(
        n.startswith("2019: the charges total £22 against a recorded cost of £20")
        for n in found.notes
    )


def test_a_party_whose_charge_is_not_recorded_is_charged_by_the_basis_and_named():
    found = ledger(
        annual_costs={2019: 20.0}, charges=(PoolCharge(year=2019, party="R", amount=6.2),)
    )

    assert found.rows[0].charged == pytest.approx(13.8) and not found.rows[0].recorded
    assert "2019: West Mercia's charge is not recorded; charged by the current 69/31 basis" in (
        found.notes
    )


def test_years_without_a_recorded_cost_are_extrapolated_and_say_so():
    complete = (
        PoolCharge(year=2020, party="W", amount=15.0),
        PoolCharge(year=2020, party="R", amount=5.0),
    )
    partial = (PoolCharge(year=2021, party="W", amount=15.0),)
    found = ledger(annual_costs={2018: 10.0, 2019: 30.0}, charges=complete + partial)

    assert found.years == (2018, 2019, 2020, 2021)
    assert "2020: no cost recorded; the year's cost is the total of the recorded charges" in (
        found.notes
    )
    assert "2021: no cost recorded; extrapolated from the 2019 cost" in found.notes
    r2021 = next(r for r in found.rows if r.year == 2021 and r.party == "R")
    assert r2021.charged == pytest.approx(0.31 * 30.0)


def test_a_pool_with_nothing_recorded_has_no_ledger():
    assert (
        fair_share_ledger(
            players=("W", "R"),
            names=NAMES,
            basis={"W": 0.5, "R": 0.5},
            basis_phrase="the current 50/50 basis",
            fair={"W": 0.5, "R": 0.5},
            core=None,
            standard="Shapley",
            annual_costs={},
            charges=(),
            fallback_cost=10.0,
        )
        is None
    )
