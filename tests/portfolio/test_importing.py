import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from carveout.domain import Portfolio
from carveout.errors import CarveoutError
from carveout.portfolio import (
    UnreadableWorkbook,
    WorkbookInvalid,
    import_workbook,
    write_workbook,
)
from carveout.storage import Store


@dataclass(frozen=True)
class Files:
    """The small portfolio as a CSV folder and an .xlsx, and a scratch folder."""

    csv: Path
    xlsx: Path
    tmp: Path


@pytest.fixture
def files(csv_folder: Path, xlsx_file: Path, tmp_path: Path) -> Files:
    return Files(csv_folder, xlsx_file, tmp_path)


def _unknown_sheet(f: Files, edit: type) -> Path:
    (f.csv / "servises.csv").write_text("code,name\nX,Y\n", encoding="utf-8")
    return f.csv


def _missing_column(f: Files, edit: type) -> Path:
    edit.rename_column(f.csv, "services", "kind", None)
    return f.csv


def _duplicate_code(f: Files, edit: type) -> Path:
    edit.add_row(f.csv, "services", code="CAD", name="Another", kind="application", host="WMP")
    return f.csv


def _unknown_service(f: Files, edit: type) -> Path:
    edit.set_cell(f.csv, "dependencies", 2, "depends_on", "GIS")
    return f.csv


def _usage_of_unknown_service(f: Files, edit: type) -> Path:
    edit.add_row(f.csv, "usage", service="GIS", party="WMP", units="3")
    return f.csv


def _usage_of_unknown_party(f: Files, edit: type) -> Path:
    edit.add_row(f.csv, "usage", service="CAD", party="NOBODY", units="3")
    return f.csv


def _before_cycle(f: Files, edit: type) -> Path:
    edit.add_row(f.csv, "dependencies", service="RMS", depends_on="CAD", coupling="before")
    return f.csv


def _negative_effort(f: Files, edit: type) -> Path:
    edit.set_cell(f.csv, "migrations", 2, "effort_optimistic", "-40")
    return f.csv


def _non_numeric_effort(f: Files, edit: type) -> Path:
    edit.set_cell(f.csv, "migrations", 2, "effort_most_likely", "sixty")
    return f.csv


def _optimistic_above_pessimistic(f: Files, edit: type) -> Path:
    edit.set_cell(f.csv, "migrations", 2, "effort_optimistic", "200")
    return f.csv


def _date_not_parsing(f: Files, edit: type) -> Path:
    edit.set_cell(f.csv, "tranches", 2, "end", "31 March 2022")
    return f.csv


def _end_before_start(f: Files, edit: type) -> Path:
    edit.set_cell(f.csv, "tranches", 2, "end", "2021-01-31")
    return f.csv


def _truncated(f: Files, edit: type) -> Path:
    path = f.tmp / "truncated.xlsx"
    path.write_bytes(f.xlsx.read_bytes()[:4000])
    return path


def _renamed(f: Files, edit: type) -> Path:
    path = f.tmp / "renamed.xlsx"
    path.write_bytes((f.csv / "services.csv").read_bytes())
    return path


def _huge(f: Files, edit: type) -> Path:
    path = f.tmp / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024**2)
    return path


def _entities(f: Files, edit: type) -> Path:
    path = f.tmp / "entities.xlsx"
    with zipfile.ZipFile(f.xlsx) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + body
            new.writestr(item, data)
    return path


# (bad input, where the error is (sheet, row, column) or None for the file, message)
BAD_INPUTS = [
    (_unknown_sheet, ("servises", None, ""), "did you mean services?"),
    (_missing_column, ("services", 1, "kind"), "a column named kind in row 1 (it is required)"),
    (_duplicate_code, ("services", 6, "code"), "a unique code (already on row 2)"),
    (_unknown_service, ("dependencies", 2, "depends_on"), "the code of a known service"),
    (_usage_of_unknown_service, ("usage", 5, "service"), "the code of a row on the services"),
    (_usage_of_unknown_party, ("usage", 5, "party"), "a consumer of service CAD"),
    # CAD -> RMS (row 2) and the new RMS -> CAD (row 5) close the cycle; row 2 is on it
    (_before_cycle, ("dependencies", 2, "coupling"), "no cycle of 'before' couplings"),
    (_negative_effort, ("migrations", 2, "effort_optimistic"), "greater than or equal to 0"),
    (_non_numeric_effort, ("migrations", 2, "effort_most_likely"), "a number"),
    (
        _optimistic_above_pessimistic,
        ("migrations", 2, "effort_optimistic…effort_pessimistic"),
        "optimistic ≤ most likely ≤ pessimistic, got 200 / 60 / 110",
    ),
    (_date_not_parsing, ("tranches", 2, "end"), "a date (YYYY-MM-DD"),
    (_end_before_start, ("tranches", 2, "end"), "ends on 31 Jan 2021, before it starts"),
    (_truncated, None, "is not a valid .xlsx workbook"),
    (_renamed, None, "is not a valid .xlsx workbook"),
    (_huge, None, "is 200.0 MB, more than the 50.0 MB allowed"),
    (_entities, None, "declares a DOCTYPE or XML entities"),
]


@pytest.mark.parametrize(
    ("make", "where", "message"), BAD_INPUTS, ids=[b[0].__name__[1:] for b in BAD_INPUTS]
)
def test_bad_input_is_reported_and_the_database_is_unchanged(
    seeded_store: Store,
    files: Files,
    edit: type,
    make: Callable[[Files, type], Path],
    where: tuple[str, int | None, str] | None,
    message: str,
) -> None:
    before = seeded_store.load()
    audited = len(seeded_store.history(limit=1000))
    path = make(files, edit)
    with pytest.raises(CarveoutError) as raised:
        import_workbook(store=seeded_store, path=path, actor="tester")
    if where is None:
        assert isinstance(raised.value, UnreadableWorkbook)
        assert message in str(raised.value)
    else:
        assert isinstance(raised.value, WorkbookInvalid)
        errors = raised.value.errors
        assert [(e.sheet, e.row, e.column) for e in errors if message in e.expected] == [where]
        assert len(errors) <= 2, errors  # a mistake is reported once, not echoed everywhere
        assert "nothing was imported" in str(raised.value)
    assert seeded_store.load() == before
    assert len(seeded_store.history(limit=1000)) == audited


def test_a_valid_workbook_is_imported_and_counted_per_sheet(
    store: Store, xlsx_file: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    result = import_workbook(store=store, path=xlsx_file, actor="tester")
    assert store.load() == small_portfolio()
    counts = result.counts()
    assert counts["services"] == {"added": 4, "changed": 0, "removed": 0}
    assert counts["dependencies"]["added"] == 3
    assert {e.actor for e in store.history(limit=1000)} == {"tester"}


def test_importing_the_same_file_again_changes_nothing(store: Store, csv_folder: Path) -> None:
    import_workbook(store=store, path=csv_folder, actor="tester")
    audited = len(store.history(limit=1000))
    again = import_workbook(store=store, path=csv_folder, actor="tester")
    assert not again.changes and again.counts() == {}
    assert len(store.history(limit=1000)) == audited


def test_records_absent_from_the_file_are_removed_and_changes_counted(
    seeded_store: Store, csv_folder: Path, edit: type
) -> None:
    edit.set_cell(csv_folder, "services", 2, "name", "Command and control (new)")
    edit.rename_column(csv_folder, "raid", "code", "code")
    (csv_folder / "raid.csv").write_text(
        (csv_folder / "raid.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8",
    )
    result = import_workbook(store=seeded_store, path=csv_folder, actor="tester")
    assert result.counts() == {
        "services": {"added": 0, "changed": 1, "removed": 0},
        "raid": {"added": 0, "changed": 0, "removed": 2},
    }
    stored = seeded_store.load()
    assert stored.raid == ()
    assert stored.service_by_code["CAD"].name == "Command and control (new)"


def test_a_dry_run_reports_the_changes_and_writes_nothing(store: Store, csv_folder: Path) -> None:
    result = import_workbook(store=store, path=csv_folder, actor="tester", dry_run=True)
    assert result.dry_run and result.counts()["parties"]["added"] == 4
    assert store.load() == Portfolio()


@pytest.mark.parametrize("target", ["export.xlsx", "export-csv"])
def test_export_import_export_gives_identical_cells(
    seeded_store: Store,
    tmp_path: Path,
    target: str,
    cell_values: Callable[[Path], dict[str, list[tuple[object, ...]]]],
) -> None:
    first, second = tmp_path / "1" / target, tmp_path / "2" / target
    first.parent.mkdir()
    second.parent.mkdir()
    write_workbook(seeded_store.load(), path=first)
    result = import_workbook(store=seeded_store, path=first, actor="tester")
    assert not result.changes
    import_workbook(store=seeded_store, path=first, actor="tester")
    write_workbook(seeded_store.load(), path=second)
    if first.suffix == ".xlsx":
        assert cell_values(first) == cell_values(second)
    else:
        for csv_file in sorted(first.glob("*.csv")):
            assert csv_file.read_bytes() == (second / csv_file.name).read_bytes()


def test_import_into_an_empty_store_then_export_round_trips_a_large_generated_portfolio(
    store: Store, tmp_path: Path
) -> None:
    from carveout.demo.generate import generate_portfolio

    portfolio = generate_portfolio(services=120, dependencies=300, seed=3)
    path = tmp_path / "generated.xlsx"
    write_workbook(portfolio, path=path)
    import_workbook(store=store, path=path, actor="tester")
    assert store.load() == portfolio
