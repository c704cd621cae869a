from datetime import datetime
from pathlib import Path

import openpyxl

from carveout.reports.inputs import Inputs, Source
from carveout.reports.plan_workbook import write_plan_workbook
from tests.reports.programme import AS_OF, Results


def _inputs(results: Results) -> Inputs:
    return Inputs(
        portfolio=results.portfolio,
        scenario=results.portfolio.scenarios[0],
        as_of=AS_OF,
        plan=results.plan,
        forecast=results.forecast,
        costs=results.costs,
        previous=None,
        sources=(Source("plan", "stored", "The plan is the one saved."),),
    )


def _rows(sheet: object) -> list[dict[str, object]]:
    values = list(sheet.values)  # type: ignore[attr-defined]
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_the_workbook_has_one_formatted_sheet_per_table(tmp_path: Path, results: Results) -> None:
    path = tmp_path / "plan.xlsx"
    sheets = write_plan_workbook(path=path, inputs=_inputs(results))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == sheets
    for name in ("Plan", "Burn-down", "Tranches", "Forecast", "Allocations", "Ledger"):
        assert name in sheets
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width >= len(str(sheet["A1"].value))


def test_the_plan_reads_back_with_the_same_dates_and_figures(
    tmp_path: Path, results: Results
) -> None:
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(path=path, inputs=_inputs(results))
    book = openpyxl.load_workbook(path)
    rows = {r["Service"]: r for r in _rows(book["Plan"])}
    assert set(rows) == {m.service for m in results.plan.migrations}
    for move in results.plan.migrations:
        row = rows[move.service]
        assert isinstance(row["Cut-over"], datetime)
        assert row["Cut-over"].date() == move.cutover
        assert row["Effort (person-days)"] == move.effort_days
    cell = book["Plan"]["G2"]
    assert cell.number_format == "d mmm yyyy"


def test_allocations_and_ledger_read_back_with_the_same_pounds(
    tmp_path: Path, results: Results
) -> None:
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(path=path, inputs=_inputs(results))
    book = openpyxl.load_workbook(path)
    allocations = _rows(book["Allocations"])
    expected = sum(s.amount for p in results.costs.pools for a in p.allocations for s in a.shares)
    assert abs(sum(float(r["Annual charge"]) for r in allocations) - expected) < 0.01  # type: ignore[arg-type]
    assert book["Allocations"]["E2"].number_format.startswith('"£"')
    ledger = _rows(book["Ledger"])
    assert len(ledger) == sum(len(p.ledger) for p in results.costs.pools)
    forecast = {r["Service"]: r for r in _rows(book["Forecast"])}
    for s in results.forecast.services:
        assert forecast[s.service]["P80"].date() == s.dates.p80  # type: ignore[union-attr]


def test_without_a_forecast_or_costs_those_sheets_are_left_out(
    tmp_path: Path, results: Results
) -> None:
    inputs = _inputs(results)
    bare = Inputs(
        **{**{f: getattr(inputs, f) for f in Inputs.__slots__}, "forecast": None, "costs": None}
    )  # type: ignore[arg-type]
    sheets = write_plan_workbook(path=tmp_path / "bare.xlsx", inputs=bare)
    assert "Forecast" not in sheets
    assert "Allocations" not in sheets
    assert "Plan" in sheets
