"""Schedule lines, their rates, budgets and invoices in the workbook: import, errors, export."""

from pathlib import Path

import pytest

from carveout.portfolio import WorkbookInvalid, import_workbook
from carveout.portfolio.writing import write_csv_folder
from carveout.storage import Store


def _lines(folder: Path, edit: type) -> None:
    """A per-person line for FILES under tranche THA-2, two people then four."""
    edit.add_row(folder, "schedule_lines", code="L-FILES", tranche="THA-2", service="FILES",
                 pricing="per_fte", notice_months="3")  # fmt: skip
    edit.add_row(folder, "line_rates", schedule_line="L-FILES", start="2022-04-01",
                 end="2022-09-30", rate="6000", quantity="2")  # fmt: skip
    edit.add_row(folder, "line_rates", schedule_line="L-FILES", start="2022-10-01",
                 end="2023-03-31", rate="6000", quantity="4")  # fmt: skip


def _import_fails(store: Store, folder: Path) -> WorkbookInvalid:
    with pytest.raises(WorkbookInvalid) as raised:
        import_workbook(store=store, path=folder, actor="tester")
    return raised.value


def test_a_tranche_with_lines_is_imported_charging_their_total(
    store: Store, csv_folder: Path, edit: type
) -> None:
    _lines(csv_folder, edit)
    import_workbook(store=store, path=csv_folder, actor="tester")
    portfolio = store.load()

    assert portfolio.tranche_by_code["THA-1"].monthly_charge == 85_000  # the sample's lines
    assert portfolio.tranche_by_code["THA-2"].monthly_charge == 6_000 * 2
    line = next(s for s in portfolio.schedule_lines if s.code == "L-FILES")
    assert [r.quantity for r in line.rates] == [2, 4]


def test_schedule_lines_budgets_and_invoices_survive_export_and_import(
    store: Store, csv_folder: Path, edit: type, tmp_path: Path
) -> None:
    _lines(csv_folder, edit)
    edit.add_row(csv_folder, "agreement_budgets", agreement="THA", party="WAR", amount="900000")
    edit.add_row(csv_folder, "invoices", code="INV-1", agreement="THA", service="RMS",
                 month="2021-10-15", amount="50000", reference="WM/001")  # fmt: skip
    import_workbook(store=store, path=csv_folder, actor="tester")
    first = store.load()
    write_csv_folder(first, folder=tmp_path / "again")
    import_workbook(store=store, path=tmp_path / "again", actor="tester")

    assert store.load().model_dump() == first.model_dump()
    assert [i.month.day for i in first.invoice_lines] == [1, 1]
    assert first.agreement_by_code["THA"].budgets == {"WAR": 900_000}


def test_overlapping_rate_periods_are_refused_naming_the_row(
    store: Store, csv_folder: Path, edit: type
) -> None:
    _lines(csv_folder, edit)
    row = edit.add_row(csv_folder, "line_rates", schedule_line="L-FILES", start="2022-09-01",
                       end="2022-09-30", rate="1")  # fmt: skip

    [error] = _import_fails(store, csv_folder).errors

    assert (error.sheet, error.row) == ("line_rates", row)
    assert "do not overlap" in error.expected
    assert not store.load().services


def test_an_invoice_for_an_unknown_service_is_refused_naming_the_row(
    store: Store, csv_folder: Path, edit: type
) -> None:
    row = edit.add_row(csv_folder, "invoices", code="INV-1", agreement="THA", service="NOPE",
                       month="2021-10-01", amount="10")  # fmt: skip

    [error] = _import_fails(store, csv_folder).errors

    assert (error.sheet, error.row, error.column) == ("invoices", row, "service")
    assert not store.load().services


def test_an_invoice_for_a_month_outside_every_term_is_refused(
    store: Store, csv_folder: Path, edit: type
) -> None:
    row = edit.add_row(csv_folder, "invoices", code="INV-1", agreement="THA", service="RMS",
                       month="2020-01-01", amount="10")  # fmt: skip

    [error] = _import_fails(store, csv_folder).errors

    assert (error.sheet, error.row, error.column) == ("invoices", row, "month")
    assert "term" in error.expected


@pytest.mark.parametrize(("sheet", "column"), [("invoices", "volume"), ("line_rates", "quantity")])
def test_a_negative_volume_is_a_cell_error(
    store: Store, csv_folder: Path, edit: type, sheet: str, column: str
) -> None:
    _lines(csv_folder, edit)
    edit.add_row(csv_folder, "invoices", code="INV-1", agreement="THA", service="RMS",
                 month="2021-10-01", amount="10", volume="1")  # fmt: skip
    rows = {"invoices": 2, "line_rates": 2}
    edit.set_cell(csv_folder, sheet, rows[sheet], column, "-3")

    [error] = _import_fails(store, csv_folder).errors

    assert (error.sheet, error.row, error.column) == (sheet, rows[sheet], column)
    assert "greater than or equal to 0" in error.expected
