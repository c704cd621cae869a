"""The product's display rules, and that the command line, dashboard and pack all use them."""

from __future__ import annotations

from datetime import date

import pytest

from carveout import formatting
from carveout.formatting import days, percent, pounds, pounds_exact, uk_date


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (64_510_000, "£64.5m"),
        (12_000_000, "£12.0m"),
        (999_600, "£1.0m"),
        (215_000, "£215k"),
        (12_345, "£12k"),
        (9_999.6, "£10k"),
        (9_800, "£9,800"),
        (0, "£0"),
        (-1_500, "-£1,500"),
        (-215_000, "-£215k"),
        (-2_500_000, "-£2.5m"),
    ],
)
def test_pounds_are_millions_to_one_decimal_then_thousands_then_pounds(
    amount: float, shown: str
) -> None:
    assert pounds(amount) == shown


@pytest.mark.parametrize("amount", [-0.4, -0.5, -1e-9, 0.4])
def test_an_amount_that_rounds_to_nothing_is_zero_pounds_never_minus_zero(amount: float) -> None:
    assert pounds(amount) == "£0"
    assert pounds_exact(amount) == "£0"


def test_a_missing_amount_is_a_dash() -> None:
    assert pounds(None) == "—"
    assert pounds_exact(None) == "—"


def test_exact_pounds_never_abbreviate_and_losses_read_minus() -> None:
    assert pounds_exact(1_234_567.8) == "£1,234,568"
    assert pounds_exact(-1_500) == "-£1,500"


def test_dates_chances_and_days_read_the_british_way() -> None:
    assert uk_date(date(2021, 10, 1)) == "1 Oct 2021"
    assert percent(0.999) == ">99%"
    assert percent(0.001) == "<1%"
    assert days(1) == "1 day"


def test_the_dashboard_filter_the_cli_and_the_pack_share_one_pounds() -> None:
    from carveout.cli import costs, plan_output, portfolio, risk
    from carveout.costs import text
    from carveout.reports import formatting as report_formatting
    from carveout.web.templating import templates

    assert templates.env.filters["money"] is formatting.pounds
    assert report_formatting.pounds is formatting.pounds
    assert report_formatting.pounds_exact is formatting.pounds_exact
    assert text.money is formatting.pounds
    assert costs.money is formatting.pounds
    for module in (plan_output, portfolio, risk):
        assert module.pounds_exact is formatting.pounds_exact


def test_the_pack_template_writes_pounds_with_the_shared_rule() -> None:
    from carveout.reports.html import environment

    assert environment().filters["pounds"] is formatting.pounds


@pytest.mark.parametrize("amount", [-0.4, -0.5])
def test_the_dashboard_costs_and_pack_write_a_loss_that_rounds_to_nothing_as_zero_pounds(
    amount: float,
) -> None:
    from carveout.costs.text import money
    from carveout.reports.formatting import pounds as pack_pounds
    from carveout.web.templating import templates

    assert templates.env.filters["money"](amount) == "£0"
    assert money(amount) == "£0"
    assert pack_pounds(amount) == "£0"
