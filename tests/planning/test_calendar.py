from datetime import date

from carveout.planning.calendar import (
    Calendar,
    add_months,
    month_end,
    months_between,
    period_label,
    quarter_end,
)

MONDAY = date(2019, 1, 7)


def test_week_zero_starts_on_the_origin_and_cuts_over_six_days_later() -> None:
    cal = Calendar(MONDAY)
    assert cal.day(0) == MONDAY
    assert cal.cutover(1) == date(2019, 1, 13)


def test_a_deadline_allows_every_end_whose_cutover_is_on_or_before_it() -> None:
    cal = Calendar(MONDAY)
    deadline = date(2019, 1, 20)  # the last day of week 1
    end = cal.last_end_by(deadline)
    assert cal.cutover(end) <= deadline < cal.cutover(end + 1)
    assert cal.last_end_by(date(2019, 1, 19)) == end - 1


def test_an_earliest_start_rounds_up_to_the_next_week() -> None:
    cal = Calendar(MONDAY)
    assert cal.first_start_on_or_after(MONDAY) == 0
    assert cal.first_start_on_or_after(date(2019, 1, 8)) == 1
    assert cal.first_start_on_or_after(date(2018, 12, 31)) == -1


def test_a_blackout_forbids_ends_whose_last_week_overlaps_it() -> None:
    cal = Calendar(MONDAY)
    low, high = cal.ends_touching(date(2019, 1, 16), date(2019, 1, 22))  # weeks 1 and 2
    assert (low, high) == (2, 4)
    for end in range(low, high):
        last_week = (cal.day(end - 1), cal.cutover(end))
        assert last_week[0] <= date(2019, 1, 22) and last_week[1] >= date(2019, 1, 16)


def test_month_helpers_cross_year_ends() -> None:
    assert add_months(date(2019, 11, 15), 3) == date(2020, 2, 1)
    assert month_end(date(2020, 2, 10)) == date(2020, 2, 29)
    assert months_between(date(2019, 11, 30), date(2020, 1, 1)) == [
        date(2019, 11, 1),
        date(2019, 12, 1),
        date(2020, 1, 1),
    ]
    assert quarter_end(date(2019, 5, 2)) == date(2019, 6, 30)


def test_period_labels_name_quarters() -> None:
    assert period_label(date(2019, 4, 1), date(2019, 9, 30)) == "2019 Q2–Q3"
    assert period_label(date(2019, 4, 1), date(2019, 4, 30)) == "2019 Q2"
    assert period_label(date(2019, 11, 1), date(2020, 1, 30)) == "2019 Q4–2020 Q1"
