"""The demonstration's service levels: a year of synthetic measurements with planted breaches."""

from datetime import date

from carveout.charges.credits import service_credits
from carveout.charges.expected import exits, expected_charges
from carveout.demo import demo_portfolio
from carveout.demo.service_levels import NOTE, demo_measurements
from carveout.domain import validate

AS_OF = date(2022, 10, 1)


def test_levels_sit_on_the_hosting_lines_of_four_services() -> None:
    portfolio = demo_portfolio()
    lines = {line.code: line for line in portfolio.schedule_lines}
    services = {lines[lv.schedule_line].service for lv in portfolio.service_levels}
    assert services == {"CAD", "RMS", "DUTY", "DC-HOST"}
    assert len(portfolio.service_levels) == 9


def test_a_year_of_measurements_holds_four_breaches_and_their_credits() -> None:
    portfolio = demo_portfolio()
    expected = expected_charges(portfolio, exit_of=exits(portfolio, {}), as_of=AS_OF)
    made = demo_measurements(portfolio.service_levels, portfolio.schedule_lines, expected)
    measured = portfolio.replace(service_level_measurements=made)

    assert validate(measured) == []
    assert {m.month for m in made} == {date(2021 + (9 + k) // 12, (9 + k) % 12 + 1, 1)
                                       for k in range(12)}  # fmt: skip
    assert all(m.note.startswith(NOTE) for m in made)
    credits = service_credits(measured, expected, as_of=AS_OF)
    assert sorted((r.line.service, r.month) for r in credits.breaches) == [
        ("CAD", date(2022, 1, 1)),
        ("CAD", date(2022, 1, 1)),
        ("DC-HOST", date(2021, 10, 1)),
        ("DUTY", date(2021, 10, 1)),
    ]
    assert credits.total == 790.77


def test_a_service_gone_is_no_longer_measured() -> None:
    portfolio = demo_portfolio()
    leaves = {"CAD": date(2021, 12, 15)}
    expected = expected_charges(
        portfolio, exit_of=exits(portfolio, leaves), as_of=date(2021, 10, 1)
    )
    made = demo_measurements(portfolio.service_levels, portfolio.schedule_lines, expected)

    cad = {m.month for m in made if "/CAD/" in m.code}
    assert max(cad) == date(2021, 12, 1)  # January's planted breach falls away with it
