"""Service credits: attainment month by month, credits from the expected charge, net charges."""

from collections.abc import Callable
from datetime import date

from carveout.charges.credits import Attainment, service_credits
from carveout.charges.expected import Expected, exits, expected_charges
from carveout.demo import demo_portfolio
from carveout.demo.service_levels import demo_measurements
from carveout.domain import Portfolio
from carveout.domain.service_levels import Aim, ServiceLevel, ServiceLevelMeasurement

Factory = Callable[..., Portfolio]
AS_OF = date(2022, 1, 1)
CAD_LINE = "THA-1/CAD"


def _level(code: str, **terms: object) -> ServiceLevel:
    fields: dict[str, object] = {
        "code": code,
        "schedule_line": CAD_LINE,
        "metric": code,
        "unit": "%",
        "target": 99.5,
        "direction": Aim.AT_LEAST,
        "credit_percent": 5,
        **terms,
    }
    return ServiceLevel.model_validate(fields)


def _measured(level: str, month: date, value: float) -> ServiceLevelMeasurement:
    return ServiceLevelMeasurement(
        code=f"{level}/{month:%Y-%m}", service_level=level, month=month, value=value
    )


def _expected(p: Portfolio) -> list[Expected]:
    return expected_charges(p, exit_of=exits(p, {}), as_of=AS_OF)


def _cad_charge(p: Portfolio, month: date) -> float:
    return sum(e.amount for e in _expected(p) if e.service == "CAD" and e.month == month)


def test_a_breach_earns_its_percentage_of_the_lines_charge_and_a_met_month_nothing(
    small_portfolio: Factory,
) -> None:
    oct_, nov = date(2021, 10, 1), date(2021, 11, 1)
    p = small_portfolio(
        service_levels=(_level("avail"),),
        service_level_measurements=(_measured("avail", oct_, 99.1), _measured("avail", nov, 99.9)),
    )
    credits = service_credits(p, _expected(p), as_of=AS_OF)

    states = {r.month: r.attainment for r in credits.readings}
    # December is before the data date, charged and not measured.
    assert states == {
        oct_: Attainment.BREACHED,
        nov: Attainment.MET,
        date(2021, 12, 1): Attainment.NOT_MEASURED,
    }
    [line] = credits.lines
    assert (line.month, line.charge, line.percent) == (oct_, _cad_charge(p, oct_), 5)
    assert line.credit == round(_cad_charge(p, oct_) * 0.05, 2) == credits.total
    assert [r.credit for r in credits.breaches] == [line.credit]


def test_breaches_of_one_line_in_one_month_add_up_to_its_at_risk_cap(
    small_portfolio: Factory,
) -> None:
    oct_ = date(2021, 10, 1)
    levels = (
        _level("avail", credit_percent=5, cap_percent=8),
        _level("response", unit="hours", target=4, direction=Aim.AT_MOST, credit_percent=5),
    )
    p = small_portfolio(
        service_levels=levels,
        service_level_measurements=(_measured("avail", oct_, 98), _measured("response", oct_, 9)),
    )
    credits = service_credits(p, _expected(p), as_of=date(2021, 11, 1))

    [line] = credits.lines
    assert line.percent == 8 and line.breached == ("avail", "response")
    assert line.credit == round(_cad_charge(p, oct_) * 0.08, 2)
    # Each breach carries its part of the capped credit, to the penny.
    assert round(sum(r.credit for r in credits.breaches), 2) == line.credit


def test_credits_never_exceed_the_months_charge(small_portfolio: Factory) -> None:
    oct_ = date(2021, 10, 1)
    levels = (
        _level("avail", credit_percent=100),
        _level("response", unit="hours", target=4, direction=Aim.AT_MOST, credit_percent=50),
    )
    p = small_portfolio(
        service_levels=levels,
        service_level_measurements=(_measured("avail", oct_, 1), _measured("response", oct_, 90)),
    )
    credits = service_credits(p, _expected(p), as_of=date(2021, 11, 1))

    [line] = credits.lines
    assert line.credit == line.charge == _cad_charge(p, oct_) and line.net == 0
    assert all(o.net >= 0 for o in credits.offsets)


def test_a_month_the_line_is_not_charged_earns_no_credit(small_portfolio: Factory) -> None:
    oct_ = date(2021, 10, 1)
    p = small_portfolio(
        service_levels=(_level("avail"),),
        service_level_measurements=(_measured("avail", oct_, 50),),
    )
    gone = [e for e in _expected(p) if not (e.service == "CAD" and e.month == oct_)]
    credits = service_credits(p, gone, as_of=date(2021, 11, 1))

    assert [r.attainment for r in credits.readings] == [Attainment.BREACHED]
    assert credits.total == 0 and credits.lines[0].charge == 0


def test_the_demonstrations_credits_reconcile_with_its_charges_to_the_penny() -> None:
    p = demo_portfolio()
    as_of = date(2022, 10, 1)
    expected = expected_charges(p, exit_of=exits(p, {}), as_of=as_of)
    p = p.replace(
        service_level_measurements=demo_measurements(p.service_levels, p.schedule_lines, expected)
    )
    credits = service_credits(p, expected, as_of=as_of)

    def pennies(pounds: float) -> int:
        return round(pounds * 100)

    assert len(credits.breaches) == 4 and len(credits.lines) == 3
    # The sum of the per-line credits is the total set off against the charges.
    assert sum(pennies(c.credit) for c in credits.lines) == pennies(credits.total) == 79077
    # Net plus credits is the expected charge, row by row and in every total.
    for o in credits.offsets:
        assert pennies(o.net) + pennies(o.credit) == pennies(o.expected.amount)
    for by in ("agreement", "party", "month"):
        totals = credits.totals(by)
        for owed, credit, net in totals.values():
            assert pennies(net) + pennies(credit) == pennies(owed)
        assert sum(pennies(c) for _, c, _ in totals.values()) == pennies(credits.total)
    assert sum(pennies(o.expected.amount) for o in credits.offsets) == sum(
        pennies(e.amount) for e in expected
    )


def test_the_worked_example_of_the_docs(small_portfolio: Factory) -> None:
    oct_, nov = date(2021, 10, 1), date(2021, 11, 1)
    levels = (
        _level("avail", credit_percent=10, cap_percent=15),
        _level("response", unit="hours", target=4, direction=Aim.AT_MOST, credit_percent=8,
               cap_percent=15),
    )  # fmt: skip
    p = small_portfolio(
        service_levels=levels,
        service_level_measurements=(
            _measured("avail", oct_, 98.7), _measured("response", oct_, 6),
            _measured("avail", nov, 99.8), _measured("response", nov, 3),
        ),
    )  # fmt: skip
    credits = service_credits(p, _expected(p), as_of=date(2021, 12, 1))

    [october] = credits.lines
    assert (october.month, october.percent, october.credit, october.net) == (
        oct_,
        15,
        6375,
        36125,
    )
    assert {r.attainment for r in credits.readings if r.month == nov} == {Attainment.MET}


def test_a_measurement_of_a_month_from_the_data_date_on_earns_no_credit_yet(
    small_portfolio: Factory,
) -> None:
    oct_, nov = date(2021, 10, 1), date(2021, 11, 1)
    p = small_portfolio(
        service_levels=(_level("avail", credit_percent=5),),
        service_level_measurements=(_measured("avail", oct_, 90), _measured("avail", nov, 90)),
    )

    as_of_nov = service_credits(p, _expected(p), as_of=nov)
    as_of_dec = service_credits(p, _expected(p), as_of=date(2021, 12, 1))

    assert [r.month for r in as_of_nov.breaches] == [oct_] and len(as_of_nov.later) == 1
    assert [r.month for r in as_of_dec.breaches] == [oct_, nov] and as_of_dec.later == ()
    assert as_of_nov.total == round(_cad_charge(p, oct_) * 0.05, 2) < as_of_dec.total
    assert as_of_nov.later_of({"avail"}) == 1 and as_of_nov.later_of({"another"}) == 0
