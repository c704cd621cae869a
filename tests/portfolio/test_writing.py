from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from carveout.domain import Party, Portfolio
from carveout.errors import CarveoutError
from carveout.portfolio import read_portfolio, write_workbook
from carveout.portfolio.sheets import SHEETS


def test_an_xlsx_export_reads_back_as_the_same_portfolio(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    path = tmp_path / "out.xlsx"
    write_workbook(small_portfolio(), path=path)
    assert read_portfolio(path=path) == small_portfolio()


def test_a_csv_export_writes_one_file_per_sheet_and_reads_back(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    folder = tmp_path / "out"
    write_workbook(small_portfolio(), path=folder)
    assert sorted(p.stem for p in folder.glob("*.csv")) == sorted(s.name for s in SHEETS)
    assert read_portfolio(path=folder) == small_portfolio()


def test_cells_are_written_as_people_would_type_them(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    folder = tmp_path / "out"
    write_workbook(small_portfolio(), path=folder)
    services = (folder / "services.csv").read_text(encoding="utf-8").splitlines()
    assert services[1] == (
        "CAD,Command and control,application,WMP,WMP; WAR,250000,12.5,mission_critical,"
        "migrate,WMID,command and control,"
    )
    capacity = (folder / "capacity.csv").read_text(encoding="utf-8").splitlines()
    assert capacity[1:] == ["APPS,2021-10-01,2021-12-31,4", "APPS,2022-01-01,2022-12-31,6.5"]
    costs = (folder / "pool_costs.csv").read_text(encoding="utf-8").splitlines()
    assert costs[1:] == ["IT,2019,1200000", "IT,2020,1250000.5"]


def test_dates_are_real_excel_dates_in_an_xlsx(
    tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    path = tmp_path / "out.xlsx"
    write_workbook(small_portfolio(), path=path)
    cell = openpyxl.load_workbook(path)["scenarios"]["D3"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    portfolio = Portfolio(parties=(Party(code="P", name='=HYPERLINK("http://x","y")'),))
    path = tmp_path / "out.xlsx"
    write_workbook(portfolio, path=path)
    cell = openpyxl.load_workbook(path)["parties"]["B3"]
    assert cell.data_type == "s"
    assert read_portfolio(path=path) == portfolio


def test_a_path_with_another_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CarveoutError, match=r"neither an \.xlsx file nor a folder"):
        write_workbook(Portfolio(), path=tmp_path / "out.ods")
