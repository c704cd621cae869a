"""``carveout charges``: expected charges against invoices, the flags and the budgets."""

from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from carveout.cli import app, console, load_commands
from carveout.domain import InvoiceLine, Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 250)


@pytest.fixture
def loaded(carveout_env: str, small_portfolio: Callable[..., Portfolio]) -> str:
    """The small portfolio with its October invoice and a November one for CAD, 10% over."""
    base = small_portfolio()
    extra = InvoiceLine(
        code="WMP-2111-CAD", agreement="THA", service="CAD", month="2021-11-01", amount=46_750
    )
    portfolio = base.replace(invoice_lines=(*base.invoice_lines, extra))
    with open_store() as store:
        store.apply(diff(Portfolio(), portfolio), actor="test")
    return carveout_env


def test_charges_flags_a_wrong_rate_and_shows_each_partys_budget(loaded: str) -> None:
    result = runner.invoke(app, ["charges", "--as-of", "2021-12-01", "--agreement", "THA"])

    assert result.exit_code == 0, result.output
    assert "CAD" in result.output and "wrong rate" in result.output
    assert "not invoiced" in result.output  # RMS in November, and CAD in October
    assert "Cost against budget" in result.output


def test_a_month_narrows_the_charges_to_it(loaded: str) -> None:
    result = runner.invoke(app, ["charges", "--as-of", "2021-12-01", "--month", "2021-10"])

    assert result.exit_code == 0, result.output
    assert "Oct 2021" in result.output and "Nov 2021" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--month", "October"], "YYYY-MM"), (["--agreement", "NOPE"], "not an agreement")],
)
def test_bad_options_are_named(loaded: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["charges", *args])

    assert result.exit_code != 0
    assert message in str(result.exception) + result.output


def test_an_invoice_for_a_month_from_the_data_date_on_is_named_not_counted(loaded: str) -> None:
    result = runner.invoke(app, ["charges", "--as-of", "2021-11-01", "--agreement", "THA"])

    assert result.exit_code == 0, result.output
    assert "wrong rate" not in result.output  # November's invoice is not yet a fact
    assert "1 invoice line is for months from 01 Nov 2021 on" in result.output


@pytest.mark.parametrize(
    ("plan_as_of", "message"),
    [("2022-01-01", "is after the data date"), ("2021-10-01", "No plan of")],
)
def test_a_plan_as_of_a_later_date_or_none_saved_is_refused(
    loaded: str, plan_as_of: str, message: str
) -> None:
    args = ["charges", "--as-of", "2021-12-01", "--plan-as-of", plan_as_of]
    result = runner.invoke(app, args)

    assert result.exit_code != 0
    assert message in str(result.exception) + result.output
