"""The plan workbook never holds a formula: names a spreadsheet would run are written as text
cells and read back as the same text; negative pounds stay numbers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl import Workbook

from carveout.costs.report import cost_report
from carveout.reports.inputs import Inputs, Source
from carveout.reports.plan_workbook import write_plan_workbook
from carveout.reports.xlsx import POUNDS, Column, add_sheet
from tests.hostile_text import HOSTILE, hostile_portfolio, xlsx_formulas, xlsx_texts
from tests.reports.programme import AS_OF, Results


def _hostile_inputs(results: Results) -> Inputs:
    portfolio = hostile_portfolio(results.portfolio)
    return Inputs(
        portfolio=portfolio,
        scenario=portfolio.scenarios[0],
        as_of=AS_OF,
        plan=results.plan,
        forecast=results.forecast,
        costs=cost_report(portfolio=portfolio, samples=200),
        previous=None,
        sources=tuple(Source("plan", "stored", text) for text in HOSTILE),
    )


def test_hostile_names_are_written_as_text_never_as_formulas(
    tmp_path: Path, results: Results
) -> None:
    inputs = _hostile_inputs(results)
    path = tmp_path / "plan.xlsx"

    write_plan_workbook(path=path, inputs=inputs)

    assert xlsx_formulas(path) == []
    texts = xlsx_texts(path)
    assert {s.name for s in inputs.portfolio.services if s.code in texts} <= texts
    assert {t.name for t in inputs.portfolio.tranches} <= texts
    assert {p.name for p in inputs.portfolio.cost_pools} <= texts
    assert {h.strip() for h in HOSTILE} <= texts


def test_a_hostile_service_name_reads_back_as_the_same_text_cell(
    tmp_path: Path, results: Results
) -> None:
    inputs = _hostile_inputs(results)
    path = tmp_path / "plan.xlsx"

    write_plan_workbook(path=path, inputs=inputs)

    names = {s.code: s.name for s in inputs.portfolio.services}
    sheet = openpyxl.load_workbook(path)["Plan"]
    rows = list(sheet.iter_rows(min_row=2))
    assert rows
    for code, name, *_ in rows:
        assert name.value == names[code.value]
        assert name.data_type == "s"


def test_every_formula_start_is_text_and_negative_pounds_stay_numbers(tmp_path: Path) -> None:
    # below the model, which strips a leading tab or carriage return, the rule still holds
    path = tmp_path / "table.xlsx"
    book = Workbook()
    add_sheet(book, "Ledger", [Column("Party"), Column("Over", POUNDS)], [(t, -5) for t in HOSTILE])
    book.save(path)

    assert xlsx_formulas(path) == []
    sheet = openpyxl.load_workbook(path)["Ledger"]
    rows = list(sheet.iter_rows(min_row=2))
    # XML turns a carriage return into a line feed wherever it is; nothing else changes
    assert [r[0].value for r in rows] == [h.replace("\r", "\n") for h in HOSTILE]
    assert all(r[0].quotePrefix for r in rows)
    assert [(r[1].value, r[1].data_type) for r in rows] == [(-5, "n")] * len(HOSTILE)
