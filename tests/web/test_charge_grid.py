"""The heat map's filter and colours, on a charges view made by hand."""

from __future__ import annotations

from datetime import date

from carveout.charges.expected import Expected
from carveout.charges.matching import Match, Reason
from carveout.charges.report import ChargesView
from carveout.domain.schedule import Direction
from carveout.web.queries.charge_grid import heat_grid, kept_matches, shade, steps

OCT, NOV, DEC = date(2021, 10, 1), date(2021, 11, 1), date(2021, 12, 1)


def _due(service: str, month: date, amount: float, payer: str, tranche: str = "T1") -> Expected:
    return Expected("A", tranche, service, month, amount, 0.0, Direction.HOST_TO_RECIPIENT,
                    payer, "HOST")  # fmt: skip


def _view() -> ChargesView:
    """CAD shared by two payers in October and November, then charged after it left; FILES
    on another tranche paid by one."""
    expected = (
        _due("CAD", OCT, 100.0, "P1"), _due("CAD", OCT, 100.0, "P2"),
        _due("CAD", NOV, 100.0, "P1"), _due("CAD", NOV, 100.0, "P2"),
        _due("FILES", OCT, 40.0, "P2", tranche="T2"),
    )  # fmt: skip
    matches = (
        Match("A", "CAD", OCT, 200.0, 200.0, ("I1",), None),
        Match("A", "CAD", NOV, 200.0, 0.0, (), Reason.NOT_INVOICED),
        Match("A", "CAD", DEC, 0.0, 200.0, ("I2",), Reason.AFTER_EXIT),
        Match("A", "FILES", OCT, 40.0, 40.0, ("I3",), None),
    )
    return ChargesView(as_of=DEC, basis="the contract", tolerance=1.0, expected=expected,
                       matches=matches, budgets=())  # fmt: skip


def test_without_a_filter_every_match_is_kept_at_its_own_expected_charge() -> None:
    kept = kept_matches(_view(), tranche=None, party=None)

    assert [(m.service, m.month, amount) for m, amount in kept] == [
        ("CAD", OCT, 200.0), ("CAD", NOV, 200.0), ("CAD", DEC, 0.0), ("FILES", OCT, 40.0),
    ]  # fmt: skip


def test_a_party_filter_keeps_its_share_and_an_invoice_after_exit_of_a_service_it_pays() -> None:
    kept = kept_matches(_view(), tranche=None, party="P1")

    assert [(m.service, m.month, amount) for m, amount in kept] == [
        ("CAD", OCT, 100.0), ("CAD", NOV, 100.0), ("CAD", DEC, 0.0),
    ]  # fmt: skip


def test_a_tranche_filter_keeps_only_the_services_it_charges() -> None:
    kept = kept_matches(_view(), tranche="T2", party=None)

    assert [(m.service, amount) for m, amount in kept] == [("FILES", 40.0)]


def test_the_grid_marks_months_before_the_data_date_as_actuals_and_flags_the_variances() -> None:
    grid = heat_grid(kept_matches(_view(), tranche=None, party=None), as_of=NOV)
    cad = next(r for r in grid.rows if r.service == "CAD")

    assert grid.months == [OCT, NOV, DEC] and grid.first_forecast == 1
    assert [c.actual for c in cad.cells if c] == [True, False, False]
    assert [c.reason for c in cad.cells if c] == [None, "not invoiced", "charged after exit"]
    files = next(r for r in grid.rows if r.service == "FILES")
    assert files.cells[1] is None and files.cells[0] is not None


def test_colour_steps_run_from_the_least_to_the_most_expected() -> None:
    bounds = steps([40.0, 200.0, 0.0, 120.0])

    assert bounds == [72, 104, 136, 168, 200]
    assert [shade(a, bounds) for a in (0.0, 40.0, 120.0, 200.0)] == [0, 1, 3, 5]
    assert steps([50.0, 50.0]) == [50] and shade(50.0, [50]) == 1
    assert steps([]) == []
