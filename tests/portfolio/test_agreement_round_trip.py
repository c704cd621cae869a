"""The agreement and readiness sheets from the blank template to the store and back: rows
typed into the template import, export and import again unchanged, and a bad cell on any of
them is refused naming its sheet, row and column, with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from carveout.domain import Portfolio, RatePeriod, ScheduleLine
from carveout.domain.readiness import CriterionStatus, ExitCriterion, ExitDecision, GateDecision
from carveout.domain.schedule import InvoiceLine, Pricing
from carveout.portfolio import WorkbookInvalid, import_workbook, write_template
from carveout.portfolio.sheets import SHEETS
from carveout.portfolio.writing import sheet_rows, write_xlsx
from carveout.storage import Store

AGREEMENT_SHEETS = (
    "agreement_budgets",
    "schedule_lines",
    "line_rates",
    "invoices",
    "exit_criteria",
    "exit_decisions",
)
FIRST_ROW = 3
"""The first data row of a sheet: under the column names and their explanations."""

Cells = Callable[[Path], dict[str, list[tuple[object, ...]]]]


def _rich(small_portfolio: Callable[..., Portfolio]) -> Portfolio:
    """The small portfolio with a row on every agreement and readiness sheet, and more: a
    priced-per-person line with two rate periods, budgets, invoices with volume and
    reference, a waived criterion with evidence and a no-go decision."""
    base = small_portfolio()
    files = ScheduleLine(
        code="L-FILES", tranche="THA-2", service="FILES", pricing=Pricing.PER_FTE,
        notice_months=3, minimum_term_months=2,
        rates=(RatePeriod(start=date(2022, 4, 1), end=date(2022, 9, 30), rate=6000, quantity=2),
               RatePeriod(start=date(2022, 10, 1), end=date(2023, 3, 31), rate=6000.5,
                          quantity=4)),
    )  # fmt: skip
    invoice = InvoiceLine(code="INV-FILES-2204", agreement="THA", service="FILES",
                          month=date(2022, 4, 1), amount=12_000, volume=2,
                          reference="WM/0422")  # fmt: skip
    criterion = ExitCriterion(code="CAD/access", service="CAD", criterion="Access removed",
                              owner="Security", due=date(2022, 2, 28),
                              status=CriterionStatus.WAIVED, recorded=date(2021, 10, 4),
                              evidence="https://example.org/cad/access")  # fmt: skip
    decision = ExitDecision(code="CAD/hold", service="CAD", decision=GateDecision.NO_GO,
                            approver="Programme board", decided=date(2022, 1, 10))  # fmt: skip
    agreements = tuple(
        a.model_copy(update={"budgets": {"WAR": 900_000.5, "WMP": 120_000}})
        if a.code == "THA"
        else a
        for a in base.agreements
    )
    return base.replace(
        agreements=agreements,
        schedule_lines=(*base.schedule_lines, files),
        invoice_lines=(*base.invoice_lines, invoice),
        exit_criteria=(*base.exit_criteria, criterion),
        exit_decisions=(*base.exit_decisions, decision),
    )


def _typed_into_template(portfolio: Portfolio, path: Path) -> Path:
    """The blank template with ``portfolio``'s rows typed under each sheet's header rows."""
    write_template(path=path)
    book = openpyxl.load_workbook(path)
    for sheet in SHEETS:
        for row in sheet_rows(portfolio, sheet):
            book[sheet.name].append(list(row))
    book.save(path)
    return path


def _rows(cells: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    """Each sheet's rows without their trailing empty cells (how a file stores them varies)."""
    trimmed: dict[str, list[tuple[object, ...]]] = {}
    for name, rows in cells.items():
        kept = []
        for row in rows:
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            kept.append(tuple(values))
        trimmed[name] = kept
    return trimmed


def _set_cell(path: Path, sheet: str, row: int, column: str, value: object) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    headers = [c.value for c in ws[1]]
    ws.cell(row=row, column=headers.index(column) + 1, value=value)
    book.save(path)


@pytest.fixture
def typed(tmp_path: Path, small_portfolio: Callable[..., Portfolio]) -> Path:
    return _typed_into_template(_rich(small_portfolio), tmp_path / "typed.xlsx")


def test_every_agreement_sheet_has_rows_in_the_typed_template(
    typed: Path, cell_values: Cells
) -> None:
    cells = cell_values(typed)
    for name in AGREEMENT_SHEETS:
        assert len(cells[name]) > FIRST_ROW, f"{name} has no second data row"


def test_the_typed_template_imports_exports_and_imports_again_unchanged(
    store: Store,
    typed: Path,
    tmp_path: Path,
    cell_values: Cells,
    small_portfolio: Callable[..., Portfolio],
) -> None:
    import_workbook(store=store, path=typed, actor="tester")
    first = store.load()
    write_xlsx(first, path=tmp_path / "export.xlsx")
    import_workbook(store=store, path=tmp_path / "export.xlsx", actor="tester")
    second = store.load()
    write_xlsx(second, path=tmp_path / "again.xlsx")

    assert first.model_dump() == _rich(small_portfolio).model_dump()
    assert second.model_dump() == first.model_dump()
    typed_cells, exported = _rows(cell_values(typed)), _rows(cell_values(tmp_path / "export.xlsx"))
    again = _rows(cell_values(tmp_path / "again.xlsx"))
    for name in AGREEMENT_SHEETS:
        assert exported[name] == typed_cells[name] == again[name], name
    line = next(s for s in first.schedule_lines if s.code == "L-FILES")
    assert [(r.rate, r.quantity) for r in line.rates] == [(6000, 2), (6000.5, 4)]
    assert first.tranche_by_code["THA-2"].monthly_charge == 6000 * 2


@pytest.mark.parametrize(
    ("sheet", "column", "value", "expected"),
    [
        ("schedule_lines", "pricing", "hourly", "per_fte"),
        ("schedule_lines", "tranche", "NOPE", "known tranche"),
        ("schedule_lines", "notice_months", "soon", "a whole number"),
        ("line_rates", "rate", -1, "greater than or equal to 0"),
        ("line_rates", "end", "someday", "date"),
        ("agreement_budgets", "amount", "lots", "number"),
        ("agreement_budgets", "party", "NOPE", "not a party"),
        ("invoices", "month", "soon", "date"),
        ("invoices", "amount", -10, "greater than or equal to 0"),
        ("exit_criteria", "status", "done", "waived"),
        ("exit_criteria", "evidence", "ftp://example.org/x", "http"),
        ("exit_decisions", "decision", "maybe", "no_go"),
    ],
)
def test_a_bad_cell_on_an_agreement_sheet_is_named_and_nothing_is_written(
    store: Store, typed: Path, sheet: str, column: str, value: object, expected: str
) -> None:
    _set_cell(typed, sheet, FIRST_ROW, column, value)

    with pytest.raises(WorkbookInvalid) as raised:
        import_workbook(store=store, path=typed, actor="tester")

    # The bad cell is named first on its sheet; a row it leaves incomplete may be named too
    # (a line whose only rate period is refused has none).
    named = [e for e in raised.value.errors if e.sheet == sheet]
    assert [(e.row, e.column) for e in named][:1] == [(FIRST_ROW, column)]
    assert expected in named[0].expected
    assert not store.load().services
