"""Service levels and their measurements in the workbook: template, import, errors, export."""

from pathlib import Path

import openpyxl
import pytest

from carveout.portfolio import WorkbookInvalid, import_workbook
from carveout.portfolio.template import write_template
from carveout.portfolio.writing import write_csv_folder
from carveout.storage import Store
from tests.portfolio.conftest import CsvEdit

LEVEL = {
    "code": "CAD/avail", "schedule_line": "THA-1/CAD", "metric": "Core hours availability",
    "unit": "%", "target": "99.5", "direction": "at_least", "credit_percent": "5",
    "cap_percent": "",
}  # fmt: skip


def _import_fails(store: Store, folder: Path) -> WorkbookInvalid:
    with pytest.raises(WorkbookInvalid) as raised:
        import_workbook(store=store, path=folder, actor="tester")
    return raised.value


def test_service_levels_and_measurements_survive_export_and_import(
    store: Store, csv_folder: Path, edit: type[CsvEdit], tmp_path: Path
) -> None:
    edit.add_row(csv_folder, "service_levels", **LEVEL)
    edit.add_row(csv_folder, "sl_measurements", code="CAD/avail/2021-10",
                 service_level="CAD/avail", month="2021-10-15", value="99.2",
                 note="Storage outage", evidence="https://example.org/sla/2021-10")  # fmt: skip
    import_workbook(store=store, path=csv_folder, actor="tester")
    first = store.load()
    write_csv_folder(first, folder=tmp_path / "again")
    import_workbook(store=store, path=tmp_path / "again", actor="tester")

    assert store.load().model_dump() == first.model_dump()
    level = next(lv for lv in first.service_levels if lv.code == "CAD/avail")
    assert (level.target, level.direction.value, level.cap_percent) == (99.5, "at_least", None)
    measured = next(m for m in first.service_level_measurements if m.service_level == "CAD/avail")
    assert (measured.month.isoformat(), measured.value) == ("2021-10-01", 99.2)


@pytest.mark.parametrize(
    ("sheet", "column", "value", "expected"),
    [
        ("service_levels", "schedule_line", "NO-LINE", "known schedule line"),
        ("service_levels", "direction", "around", "at_least, at_most"),
        ("service_levels", "target", "101", "at most 100"),
        ("service_levels", "credit_percent", "-2", "greater than or equal to 0"),
        ("sl_measurements", "service_level", "NO-LEVEL", "known service level"),
        ("sl_measurements", "month", "2023-06-01", "within schedule line THA-1/CAD's term"),
        ("sl_measurements", "value", "-0.5", "greater than or equal to 0"),
    ],
)
def test_a_bad_row_is_refused_naming_its_cell_and_nothing_is_written(
    store: Store,
    csv_folder: Path,
    edit: type[CsvEdit],
    sheet: str,
    column: str,
    value: str,
    expected: str,
) -> None:
    measured = {"code": "M1", "service_level": "CAD/avail", "month": "2021-10-01", "value": "99"}
    level_row = edit.add_row(
        csv_folder,
        "service_levels",
        **{**LEVEL, **({column: value} if sheet == "service_levels" else {})},
    )
    measured_row = edit.add_row(
        csv_folder,
        "sl_measurements",
        **{**measured, **({column: value} if sheet == "sl_measurements" else {})},
    )

    errors = _import_fails(store, csv_folder).errors

    row = level_row if sheet == "service_levels" else measured_row
    assert [(e.sheet, e.row, e.column) for e in errors] == [(sheet, row, column)]
    assert expected in errors[0].expected
    assert not store.load().services


def test_the_template_has_both_sheets_with_their_headers(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path=path)
    book = openpyxl.load_workbook(path)
    headers = {
        name: [c.value for c in book[name][1]] for name in ("service_levels", "sl_measurements")
    }
    assert headers["service_levels"][:5] == ["code", "schedule_line", "metric", "unit", "target"]
    assert headers["sl_measurements"] == [
        "code",
        "service_level",
        "month",
        "value",
        "note",
        "evidence",
    ]
