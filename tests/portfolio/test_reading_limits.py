"""A workbook is read with bounded memory: rows, columns and cell length have limits, checked
as each row is read."""

import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from carveout.portfolio.limits import MAX_CELL_CHARACTERS, MAX_COLUMNS
from carveout.portfolio.reading import UnreadableWorkbook, read_workbook


def one_sheet(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "services"
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_a_workbook_with_more_rows_than_allowed_is_refused_naming_the_row(
    tmp_path: Path,
) -> None:
    path = one_sheet(tmp_path / "long.xlsx", [["code"], *([f"S{i}"] for i in range(10))])
    with pytest.raises(UnreadableWorkbook, match=r"sheet services, row 6: .* more than the 5 rows"):
        read_workbook(path, max_rows=5)


def test_the_row_limit_counts_every_sheet_of_a_csv_folder(csv_folder: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match="more than the 3 rows"):
        read_workbook(csv_folder, max_rows=3)


def test_a_row_wider_than_allowed_is_refused_naming_its_sheet_and_row(tmp_path: Path) -> None:
    wide = ["x"] * (MAX_COLUMNS + 1)
    path = one_sheet(tmp_path / "wide.xlsx", [["code", "name"], ["S1", "One"], wide])
    with pytest.raises(UnreadableWorkbook, match=f"row 3: it uses {MAX_COLUMNS + 1} columns"):
        read_workbook(path)


def test_a_lone_cell_far_to_the_right_counts_as_a_wide_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "services"
    ws.append(["code"])
    ws["XFD2"] = "far away"
    book.save(tmp_path / "far.xlsx")
    with pytest.raises(UnreadableWorkbook, match="16,384 columns"):
        read_workbook(tmp_path / "far.xlsx")


def test_a_cell_longer_than_excel_allows_is_refused_naming_its_column(tmp_path: Path) -> None:
    # openpyxl cuts what it writes to Excel's limit, so the longer text is put in by hand.
    short = one_sheet(tmp_path / "short.xlsx", [["code", "name"], ["S1", "PLACEHOLDER"]])
    path = tmp_path / "cell.xlsx"
    with zipfile.ZipFile(short) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            long = b"a" * (MAX_CELL_CHARACTERS + 1)
            target.writestr(item, source.read(item).replace(b"PLACEHOLDER", long))
    with pytest.raises(UnreadableWorkbook, match="row 2, column 2: the cell holds 32,768"):
        read_workbook(path)


def test_a_workbook_within_the_limits_is_read_whole(tmp_path: Path) -> None:
    rows = [["code", "name"], *([f"S{i}", "n" * MAX_CELL_CHARACTERS] for i in range(3))]
    path = one_sheet(tmp_path / "fine.xlsx", rows)
    [sheet] = read_workbook(path, max_rows=4).sheets
    assert [number for number, _ in sheet.rows] == [2, 3, 4]
