"""Service levels and measurements that make no sense are refused, naming the record and field."""

from collections.abc import Callable
from datetime import date

import pytest
from pydantic import ValidationError

from carveout.domain import Portfolio, validate
from carveout.domain.service_levels import Aim, ServiceLevel, ServiceLevelMeasurement

Factory = Callable[..., Portfolio]


def _level(**terms: object) -> ServiceLevel:
    fields: dict[str, object] = {
        "code": "avail",
        "schedule_line": "THA-1/CAD",
        "metric": "Availability",
        "unit": "%",
        "target": 99.5,
        "direction": "at_least",
        "credit_percent": 5,
        **terms,
    }
    return ServiceLevel.model_validate(fields)


def _measured(
    code: str, month: date, value: float, level: str = "avail"
) -> ServiceLevelMeasurement:
    return ServiceLevelMeasurement(code=code, service_level=level, month=month, value=value)


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ({"target": 100.5}, "a target in % is at most 100, not 100.5"),
        ({"target": 0}, "'at_least 0' is met by every value"),
        ({"target": 100, "direction": "at_most"}, "'at_most 100%' is met by every value"),
        ({"credit_percent": -5}, "greater than or equal to 0"),
        ({"cap_percent": 150}, "less than or equal to 100"),
        ({"direction": "about"}, "'at_least' or 'at_most'"),
        ({"metric": ""}, "names what is measured"),
    ],
)
def test_a_service_level_that_makes_no_sense_is_refused(
    terms: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        _level(**terms)


def test_a_negative_measurement_or_a_link_that_is_not_a_web_address_is_refused() -> None:
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        _measured("m", date(2021, 10, 1), -1)
    with pytest.raises(ValidationError, match="a web link"):
        ServiceLevelMeasurement(
            code="m", service_level="avail", month=date(2021, 10, 1), value=1, evidence="C:/x"
        )


def test_a_measurement_is_of_its_whole_month() -> None:
    assert _measured("m", date(2021, 10, 17), 99).month == date(2021, 10, 1)


def test_an_at_most_level_is_met_at_or_below_its_target() -> None:
    assert Aim.AT_MOST.met(4, 4) and not Aim.AT_MOST.met(4.5, 4)
    assert Aim.AT_LEAST.met(99.5, 99.5) and not Aim.AT_LEAST.met(99.4, 99.5)


def test_references_terms_and_duplicates_are_checked_across_records(
    small_portfolio: Factory,
) -> None:
    p = small_portfolio(
        service_levels=(
            _level(),
            _level(code="avail-again", cap_percent=10),
            _level(code="resp", metric="Response", unit="hours", target=4, cap_percent=20),
            _level(code="stray", schedule_line="NO-LINE"),
        ),
        service_level_measurements=(
            _measured("ok", date(2021, 10, 1), 99.9),
            _measured("twice", date(2021, 10, 5), 99.8),
            _measured("late", date(2022, 4, 1), 99.9),
            _measured("unknown", date(2021, 10, 1), 99.9, level="NO-LEVEL"),
            _measured("over", date(2021, 11, 1), 101),
        ),
    )
    found = {(x.kind, x.key, x.field): str(x) for x in validate(p)}

    assert set(found) == {
        ("service_level", "avail-again", "metric"),
        ("service_level", "resp", "cap_percent"),
        ("service_level", "stray", "schedule_line"),
        ("service_level_measurement", "twice", "month"),
        ("service_level_measurement", "late", "month"),
        ("service_level_measurement", "unknown", "service_level"),
        ("service_level_measurement", "over", "value"),
    }
    assert (
        "one at-risk cap per schedule line (service level avail-again caps"
        in found[("service_level", "resp", "cap_percent")]
    )
    assert (
        "a month within schedule line THA-1/CAD's term (Oct 2021 to Mar 2022)"
        in found[("service_level_measurement", "late", "month")]
    )
    assert (
        "ok already measures avail in Oct 2021"
        in found[("service_level_measurement", "twice", "month")]
    )


def test_an_extension_month_is_within_the_lines_term(small_portfolio: Factory) -> None:
    base = small_portfolio()
    option = base.extension_options[0].model_copy(update={"tranche": "THA-1"})
    p = small_portfolio(
        extension_options=(option,),
        service_levels=(_level(),),
        service_level_measurements=(_measured("ext", date(2022, 7, 1), 99.9),),
    )
    assert validate(p) == []
