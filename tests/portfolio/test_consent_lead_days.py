"""A service's consent lead days: an optional workbook column, in range or a cell error."""

from pathlib import Path

import pytest

from carveout.portfolio import WorkbookInvalid, import_workbook
from carveout.storage import Store


def test_a_workbook_without_the_consent_column_still_imports(
    store: Store, csv_folder: Path, edit: type
) -> None:
    edit.rename_column(csv_folder, "services", "consent_lead_days", None)
    import_workbook(store=store, path=csv_folder, actor="tester")
    assert all(s.consent_lead_days is None for s in store.load().services)


def test_consent_lead_days_are_imported(store: Store, csv_folder: Path, edit: type) -> None:
    edit.set_cell(csv_folder, "services", 2, "consent_lead_days", "90")
    import_workbook(store=store, path=csv_folder, actor="tester")
    assert store.load().service_by_code["CAD"].consent_lead_days == 90


@pytest.mark.parametrize(
    ("value", "expected"), [("-5", "greater than or equal to 0"), ("9000", "less than or equal")]
)
def test_a_lead_time_out_of_range_is_a_cell_error(
    store: Store, csv_folder: Path, edit: type, value: str, expected: str
) -> None:
    edit.set_cell(csv_folder, "services", 2, "consent_lead_days", value)
    with pytest.raises(WorkbookInvalid) as raised:
        import_workbook(store=store, path=csv_folder, actor="tester")
    [error] = raised.value.errors
    assert (error.sheet, error.row, error.column) == ("services", 2, "consent_lead_days")
    assert expected in error.expected and error.value == value
    assert not store.load().services
