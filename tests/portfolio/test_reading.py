import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import openpyxl.xml
import openpyxl.xml.functions
import pytest

from carveout.portfolio.reading import UnreadableWorkbook, read_workbook

ENTITY_PROLOG = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
)


def _rewrite_part(source: Path, target: Path, part: str, change: "bytes | None" = None) -> None:
    """Copy an .xlsx, prefixing one part's XML body with ``change`` in place of its declaration."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == part and change is not None:
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = change + body
            new.writestr(item, data)


def test_openpyxl_parses_workbooks_through_defusedxml() -> None:
    import defusedxml.ElementTree

    assert openpyxl.xml.DEFUSEDXML
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse


def test_an_xlsx_is_read_sheet_by_sheet_with_row_numbers(xlsx_file: Path) -> None:
    raw = read_workbook(xlsx_file)
    services = next(s for s in raw.sheets if s.name == "services")
    assert services.header[:3] == ("code", "name", "kind")
    # row 2 explains the columns; the data rows follow from row 3
    assert [number for number, _ in services.rows] == [2, 3, 4, 5, 6]
    assert services.rows[1][1][0] == "CAD"


def test_a_csv_folder_is_read_with_blank_cells_as_none(csv_folder: Path) -> None:
    raw = read_workbook(csv_folder)
    assert raw.source == csv_folder.name
    parties = next(s for s in raw.sheets if s.name == "parties")
    assert parties.rows[0] == (2, ("WMP", "West Mercia Police", "host"))
    migrations = next(s for s in raw.sheets if s.name == "migrations")
    pay = next(values for _, values in migrations.rows if values[0] == "PAY")
    # earliest_start and deadline are blank; the blank actual dates at the end are dropped
    assert pay[8:] == (None, None, "not_started")


def test_excel_dates_arrive_as_dates(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "scenarios"
    ws.append(["code", "name", "start"])
    ws.append(["S", "Scenario", datetime(2024, 4, 1)])
    book.save(tmp_path / "dates.xlsx")
    [sheet] = read_workbook(tmp_path / "dates.xlsx").sheets
    start = sheet.rows[0][1][2]
    assert isinstance(start, datetime) and start.date() == date(2024, 4, 1)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match="does not exist"):
        read_workbook(tmp_path / "nowhere.xlsx")


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024**2)  # sparse: 200 MB without writing them
    with pytest.raises(UnreadableWorkbook, match=r"is 200\.0 MB, more than the 50\.0 MB"):
        read_workbook(path)


def test_a_csv_folder_over_the_size_limit_is_refused(csv_folder: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match="more than the"):
        read_workbook(csv_folder, max_bytes=100)


def test_a_zip_that_would_expand_beyond_the_limit_is_refused(xlsx_file: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match="would expand to"):
        read_workbook(xlsx_file, max_uncompressed_bytes=10_000)


def test_a_zip_expanding_far_beyond_its_size_is_refused_by_default(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    block = b"\0" * (16 * 1024**2)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
        bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(33):  # 528 MB of zeros, about 0.5 MB compressed
            part.write(block)
    assert path.stat().st_size < 5 * 1024**2
    with pytest.raises(UnreadableWorkbook, match=r"would expand to 528\.0 MB"):
        read_workbook(path)


def test_a_zip_with_too_many_parts_is_refused(xlsx_file: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match="parts, more than the 5"):
        read_workbook(xlsx_file, max_members=5)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "[Content_Types].xml"])
def test_an_xml_part_declaring_entities_is_refused(
    xlsx_file: Path, tmp_path: Path, part: str
) -> None:
    hostile = tmp_path / "hostile.xlsx"
    _rewrite_part(xlsx_file, hostile, part, ENTITY_PROLOG)
    with pytest.raises(UnreadableWorkbook, match="declares a DOCTYPE or XML entities"):
        read_workbook(hostile)


def test_an_xml_part_with_only_a_doctype_is_refused(xlsx_file: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "doctype.xlsx"
    _rewrite_part(xlsx_file, hostile, "xl/workbook.xml", b"<!DOCTYPE workbook>\n")
    with pytest.raises(UnreadableWorkbook, match="DOCTYPE"):
        read_workbook(hostile)


def test_a_password_protected_workbook_is_told_to_be_saved_without_a_password(
    tmp_path: Path,
) -> None:
    path = tmp_path / "locked.xlsx"
    # the shape of an encrypted .xlsx: an OLE compound file holding "EncryptedPackage"
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    ole[1024:1024] = "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(bytes(ole))
    with pytest.raises(UnreadableWorkbook, match="encrypted / password-protected: save it"):
        read_workbook(path)


def test_an_old_xls_workbook_is_told_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    with pytest.raises(UnreadableWorkbook, match=r"97-2003 \(\.xls\)"):
        read_workbook(path)


def test_a_truncated_workbook_is_not_a_valid_xlsx(xlsx_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(xlsx_file.read_bytes()[: xlsx_file.stat().st_size // 2])
    with pytest.raises(UnreadableWorkbook, match=r"is not a valid \.xlsx workbook"):
        read_workbook(path)


def test_another_file_renamed_xlsx_is_not_a_valid_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("code,name\nCAD,Command and control\n", encoding="utf-8")
    with pytest.raises(UnreadableWorkbook, match=r"is not a valid \.xlsx workbook"):
        read_workbook(path)


def test_a_zip_that_is_not_a_workbook_is_not_a_valid_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableWorkbook, match=r"is not a valid \.xlsx workbook"):
        read_workbook(path)


def test_a_csv_that_is_not_utf8_is_told_how_to_save_it(tmp_path: Path) -> None:
    (tmp_path / "parties.csv").write_bytes("code,name\nWMP,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(UnreadableWorkbook, match=r"not UTF-8 text.*CSV UTF-8"):
        read_workbook(tmp_path)


def test_a_folder_without_csv_files_says_what_it_needs(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match=r"contains no \.csv files"):
        read_workbook(tmp_path)
