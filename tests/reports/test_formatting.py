from datetime import date

from carveout.reports.formatting import days, label, percent, pounds, pounds_exact, uk_date


def test_dates_are_written_the_british_way() -> None:
    assert uk_date(date(2022, 3, 31)) == "31 Mar 2022"
    assert uk_date(date(2021, 10, 1)) == "1 Oct 2021"
    assert uk_date(None) == "—"


def test_pounds_below_ten_thousand_are_whole_pounds_with_commas() -> None:
    assert pounds(9_800.4) == "£9,800"
    assert pounds(0) == "£0"
    assert pounds(-1_234) == "-£1,234"


def test_pounds_from_a_million_are_millions_to_one_decimal() -> None:
    assert pounds(1_230_000) == "£1.2m"
    assert pounds(12_000_000) == "£12.0m"
    assert pounds(-2_500_000) == "-£2.5m"
    # Rounds up into millions rather than showing "£1,000,000".
    assert pounds(999_999.6) == "£1.0m"


def test_exact_pounds_never_abbreviate() -> None:
    assert pounds_exact(1_234_567.8) == "£1,234,568"


def test_chances_near_certainty_are_not_rounded_to_it() -> None:
    assert percent(0.434) == "43%"
    assert percent(0.999) == ">99%"
    assert percent(0.001) == "<1%"
    assert percent(1.0) == "100%"
    assert percent(None) == "—"


def test_days_agree_in_number_and_codes_read_as_words() -> None:
    assert days(1) == "1 day"
    assert days(12.4) == "12 days"
    assert label("stay_hosted") == "stay hosted"
