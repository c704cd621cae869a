"""A team's day rate: optional, in pounds, never negative, never a true or false."""

import pytest
from pydantic import ValidationError

from carveout.domain import Team


def test_a_team_records_no_day_rate_unless_given_one() -> None:
    assert Team(code="T", name="Team").day_rate is None
    assert Team(code="T", name="Team", day_rate=425).day_rate == 425.0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "greater than or equal to 0"),
        (True, "not true or false"),
        (float("nan"), "greater than or equal to 0"),
        ("lots", "valid number"),
    ],
)
def test_an_impossible_day_rate_is_refused(value: object, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Team(code="T", name="Team", day_rate=value)
    [error] = raised.value.errors()
    assert error["loc"] == ("day_rate",) and message in error["msg"]
