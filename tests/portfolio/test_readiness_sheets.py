"""Exit criteria and decisions in the workbook: import, errors naming the cell, export."""

from pathlib import Path

import pytest

from carveout.portfolio import WorkbookInvalid, import_workbook
from carveout.portfolio.writing import write_csv_folder
from carveout.storage import Store


def _import_fails(store: Store, folder: Path) -> WorkbookInvalid:
    with pytest.raises(WorkbookInvalid) as raised:
        import_workbook(store=store, path=folder, actor="tester")
    return raised.value


def test_exit_criteria_and_decisions_survive_export_and_import(
    store: Store, csv_folder: Path, edit: type, tmp_path: Path
) -> None:
    edit.add_row(csv_folder, "exit_criteria", code="CAD/access", service="CAD",
                 criterion="Access removed", owner="Security", due="2022-02-28",
                 status="not_started", evidence="http://example.org/cad/access")  # fmt: skip
    edit.add_row(csv_folder, "exit_decisions", code="CAD/hold", service="CAD",
                 decision="no_go", approver="Programme board", decided="2022-01-10")  # fmt: skip
    import_workbook(store=store, path=csv_folder, actor="tester")
    first = store.load()
    write_csv_folder(first, folder=tmp_path / "again")
    import_workbook(store=store, path=tmp_path / "again", actor="tester")

    assert store.load().model_dump() == first.model_dump()
    assert {c.code for c in first.exit_criteria} == {"RMS/data", "CAD/train", "CAD/access"}
    assert {d.code for d in first.exit_decisions} == {"RMS/go", "CAD/hold"}


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("service", "NOPE", "known service"),
        ("due", "soon", "date"),
        ("evidence", "ftp://example.org/x", "http"),
    ],
)
def test_a_bad_criterion_is_refused_naming_its_cell_and_nothing_is_written(
    store: Store, csv_folder: Path, edit: type, column: str, value: str, expected: str
) -> None:
    cells = {"code": "X1", "service": "CAD", "criterion": "Support handed over",
             "due": "2022-01-31", "evidence": ""}  # fmt: skip
    row = edit.add_row(csv_folder, "exit_criteria", **{**cells, column: value})

    [error] = _import_fails(store, csv_folder).errors

    assert (error.sheet, error.row, error.column) == ("exit_criteria", row, column)
    assert expected in error.expected
    assert not store.load().services


def test_a_go_before_the_criteria_are_met_is_refused_naming_the_decision(
    store: Store, csv_folder: Path, edit: type
) -> None:
    row = edit.add_row(csv_folder, "exit_decisions", code="CAD/go", service="CAD",
                       decision="go", approver="SRO", decided="2021-09-30")  # fmt: skip

    [error] = _import_fails(store, csv_folder).errors

    assert (error.sheet, error.row, error.column) == ("exit_decisions", row, "decision")
    assert "CAD/train" in error.expected
    assert not store.load().services
