"""Missing is not empty: a sheet absent from the file, or without its header row, is an error
unless a partial import names the kinds it replaces; an import that would remove too large
a share of a kind waits for the deletions to be allowed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from carveout.domain import Portfolio, RaidEntry
from carveout.errors import CarveoutError
from carveout.portfolio import WorkbookInvalid, import_workbook
from carveout.portfolio.partial import named_kinds
from carveout.portfolio.writing import write_csv_folder
from carveout.storage import Store
from carveout.storage.replacing import MassDeletion
from tests.portfolio.conftest import CsvEdit


def _refused(store: Store, path: Path, kinds: frozenset[str] | None = None) -> WorkbookInvalid:
    before = store.load()
    with pytest.raises(WorkbookInvalid) as raised:
        import_workbook(store=store, path=path, actor="tester", kinds=kinds)
    assert store.load() == before
    return raised.value


def test_a_workbook_missing_a_sheet_is_refused_and_the_database_is_unchanged(
    seeded_store: Store, csv_folder: Path
) -> None:
    (csv_folder / "raid.csv").unlink()
    error = _refused(seeded_store, csv_folder)
    assert [(e.sheet, e.row) for e in error.errors] == [("raid", None)]
    assert "not read as empty" in error.errors[0].expected
    assert len(seeded_store.load().raid) == 2


def test_an_xlsx_missing_a_sheet_is_refused(seeded_store: Store, xlsx_file: Path) -> None:
    book = openpyxl.load_workbook(xlsx_file)
    del book["blackouts"]
    book.save(xlsx_file)
    error = _refused(seeded_store, xlsx_file)
    assert {e.sheet for e in error.errors} == {"blackouts"}


def test_a_missing_child_sheet_is_refused_rather_than_emptying_every_record_s_entries(
    seeded_store: Store, csv_folder: Path
) -> None:
    (csv_folder / "usage.csv").unlink()
    error = _refused(seeded_store, csv_folder)
    assert {e.sheet for e in error.errors} == {"usage"}


def test_a_sheet_without_its_header_row_is_refused(seeded_store: Store, csv_folder: Path) -> None:
    (csv_folder / "raid.csv").write_text("", encoding="utf-8")
    error = _refused(seeded_store, csv_folder)
    assert {(e.sheet, e.row) for e in error.errors} == {("raid", 1)}
    assert any("a column named code" in e.expected for e in error.errors)


def test_a_partial_import_replaces_only_the_kinds_it_names(
    seeded_store: Store, tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    folder = tmp_path / "raid-only"
    entry = RaidEntry(code="R-9", kind="issue", title="New issue", services=("PAY",))
    write_csv_folder(small_portfolio(raid=(entry,)), folder=folder)
    for csv_file in folder.glob("*.csv"):
        if csv_file.name != "raid.csv":
            csv_file.unlink()
    result = import_workbook(
        store=seeded_store, path=folder, actor="tester", kinds=frozenset({"raid"})
    )
    assert result.counts() == {"raid": {"added": 1, "changed": 0, "removed": 2}}
    assert seeded_store.load() == small_portfolio(raid=(entry,))
    assert "services" in result.missing_sheets and result.kinds == frozenset({"raid"})


def test_a_partial_import_still_needs_the_sheets_of_the_kinds_it_names(
    seeded_store: Store, csv_folder: Path
) -> None:
    (csv_folder / "raid.csv").unlink()
    error = _refused(seeded_store, csv_folder, kinds=frozenset({"raid"}))
    assert {e.sheet for e in error.errors} == {"raid"}


def test_a_partial_import_leaves_the_other_sheets_of_the_file_alone(
    seeded_store: Store, csv_folder: Path, edit: type[CsvEdit]
) -> None:
    edit.set_cell(csv_folder, "services", 2, "name", "Renamed, but not imported")
    (csv_folder / "blackouts.csv").unlink()
    result = import_workbook(
        store=seeded_store, path=csv_folder, actor="tester", kinds=frozenset({"raid"})
    )
    assert result.counts() == {} and "services" in result.ignored_sheets
    assert seeded_store.load().service_by_code["CAD"].name == "Command and control"


def test_a_partial_import_is_checked_against_the_stored_records_of_other_kinds(
    seeded_store: Store, csv_folder: Path, edit: type[CsvEdit]
) -> None:
    edit.set_cell(csv_folder, "raid", 2, "services", "CAD;NOPE")
    error = _refused(seeded_store, csv_folder, kinds=frozenset({"raid"}))
    assert [(e.sheet, e.row, e.value) for e in error.errors] == [("raid", 2, "NOPE")]


def test_kinds_are_named_by_kind_or_by_sheet_and_a_child_sheet_points_at_its_parent() -> None:
    assert named_kinds(["raid", "Services", "cost pools"]) == frozenset(
        {"raid", "service", "cost_pool"}
    )
    assert named_kinds([]) is None
    with pytest.raises(CarveoutError, match="a sheet of services"):
        named_kinds(["usage"])
    with pytest.raises(CarveoutError, match="name one or more of: parties, services"):
        named_kinds(["gadgets"])


def _raid(count: int) -> tuple[RaidEntry, ...]:
    return tuple(RaidEntry(code=f"R-{n}", kind="risk", title=f"Risk {n}") for n in range(count))


def test_removing_more_than_a_fifth_and_more_than_five_of_a_kind_needs_allow_deletions(
    store: Store, tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    store.replace(small_portfolio(raid=_raid(10)), actor="seed")
    folder = tmp_path / "fewer"
    write_csv_folder(small_portfolio(raid=_raid(4)), folder=folder)
    with pytest.raises(MassDeletion) as refused:
        import_workbook(store=store, path=folder, actor="tester")
    assert refused.value.removals == {"raid": (6, 10)}
    assert "6 of 10 raid" in str(refused.value) and "--allow-deletions" in str(refused.value)
    assert len(store.load().raid) == 10
    done = import_workbook(store=store, path=folder, actor="tester", allow_deletions=True)
    assert done.counts()["raid"]["removed"] == 6
    assert store.load() == small_portfolio(raid=_raid(4))


def test_removing_five_or_fewer_or_a_fifth_or_less_of_a_kind_goes_ahead(
    store: Store, tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    store.replace(small_portfolio(raid=_raid(30)), actor="seed")
    for keep in (24, 19):  # 6 of 30 is a fifth; then 5 of 24 is few enough
        folder = tmp_path / str(keep)
        write_csv_folder(small_portfolio(raid=_raid(keep)), folder=folder)
        import_workbook(store=store, path=folder, actor="tester")
        assert len(store.load().raid) == keep
