from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from carveout.domain import Criticality, Portfolio
from carveout.portfolio.parsing import CellError, parse_workbook
from carveout.portfolio.reading import RawSheet, RawWorkbook, read_workbook
from carveout.portfolio.sheets import SHEET_BY_NAME

PARTIES = RawSheet("parties", "book.xlsx", ("code", "name"), [(2, ("WMP", "West Mercia"))])


def _book(*sheets: RawSheet) -> RawWorkbook:
    return RawWorkbook("book.xlsx", (PARTIES, *sheets))


def _services(*rows: tuple[object, ...], header: tuple[str, ...] = ()) -> RawSheet:
    header = header or ("code", "name", "kind", "host", "consumers", "criticality")
    return RawSheet("services", "book.xlsx", header, [(i, r) for i, r in enumerate(rows, 2)])


def _errors(raw: RawWorkbook) -> list[CellError]:
    return parse_workbook(raw).errors.errors


def test_a_valid_csv_export_parses_back_to_the_same_portfolio(
    csv_folder: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    parsed = parse_workbook(read_workbook(csv_folder))
    assert parsed.errors.total == 0
    assert parsed.portfolio == small_portfolio()
    assert parsed.missing_sheets == ()


def test_blank_optional_cells_take_the_defaults() -> None:
    parsed = parse_workbook(_book(_services(("CAD", "Dispatch", "application", "WMP"))))
    [service] = parsed.portfolio.services
    assert service.criticality is Criticality.MEDIUM
    assert service.consumers == ()


def test_choices_accept_any_case_and_spaces() -> None:
    parsed = parse_workbook(
        _book(_services(("CAD", "Dispatch", "Application", "WMP", "WMP", "Mission critical")))
    )
    assert parsed.portfolio.services[0].criticality is Criticality.MISSION_CRITICAL


@pytest.mark.parametrize(
    "cell", ["2024-04-01", "01/04/2024", datetime(2024, 4, 1), date(2024, 4, 1), 45383]
)
def test_dates_are_read_from_iso_british_and_excel_forms(cell: object) -> None:
    sheet = RawSheet("scenarios", "book.xlsx", ("code", "name", "start"), [(2, ("S", "S", cell))])
    parsed = parse_workbook(RawWorkbook("book.xlsx", (sheet,)))
    assert parsed.portfolio.scenarios[0].start == date(2024, 4, 1)


def test_the_explanations_row_of_the_template_is_skipped() -> None:
    sheet = SHEET_BY_NAME["parties"]
    explanations = tuple(c.help for c in sheet.columns)
    raw = RawWorkbook(
        "book.xlsx",
        (RawSheet("parties", "book.xlsx", sheet.headers, [(2, explanations), (3, ("WMP", "W"))]),),
    )
    parsed = parse_workbook(raw)
    assert parsed.errors.total == 0
    assert [p.code for p in parsed.portfolio.parties] == ["WMP"]


def test_sheets_absent_from_the_file_are_listed_as_missing() -> None:
    parsed = parse_workbook(_book())
    assert "services" in parsed.missing_sheets and "parties" not in parsed.missing_sheets


def test_an_unknown_sheet_is_reported_with_the_closest_name() -> None:
    raw = _book(RawSheet("service", "book.xlsx", ("code",), []))
    [error] = _errors(raw)
    assert (error.sheet, error.row, error.value) == ("service", None, "service")
    assert "did you mean services?" in error.expected


def test_a_missing_required_column_is_reported_on_the_header_row() -> None:
    raw = _book(_services(("CAD", "Dispatch", "WMP"), header=("code", "name", "host")))
    [error] = _errors(raw)
    assert (error.sheet, error.row, error.column) == ("services", 1, "kind")
    assert "required" in error.expected


def test_an_unknown_column_is_reported_with_the_columns_expected() -> None:
    raw = _book(
        _services(
            ("CAD", "D", "application", "WMP", "x"),
            header=("code", "name", "kind", "host", "colour"),
        )
    )
    [error] = _errors(raw)
    assert (error.row, error.column, error.value) == (1, "colour", "colour")
    assert "consumers" in error.expected


def test_duplicate_codes_are_reported_with_the_first_row() -> None:
    raw = _book(_services(("CAD", "A", "application", "WMP"), ("CAD", "B", "application", "WMP")))
    [error] = _errors(raw)
    assert (error.sheet, error.row, error.column, error.value) == ("services", 3, "code", "CAD")
    assert "already on row 2" in error.expected


def test_every_bad_cell_is_reported_not_just_the_first() -> None:
    raw = _book(
        _services(
            ("CAD", "A", "gadget", "WMP"),
            ("RMS", "", "application", "WMP"),
            ("bad code!", "C", "application", "WMP"),
        )
    )
    found = {(e.row, e.column, e.value) for e in _errors(raw)}
    assert found == {(2, "kind", "gadget"), (3, "name", "(blank)"), (4, "code", "bad code!")}


def _migration(*cells: object) -> RawWorkbook:
    migrations = SHEET_BY_NAME["migrations"]
    return RawWorkbook(
        "book.xlsx",
        (
            RawSheet(
                "migrations", "book.xlsx", migrations.headers[:8], [(2, ("CAD", "APPS", *cells))]
            ),
        ),
    )


def test_non_numeric_effort_is_reported_on_its_cell() -> None:
    [error] = _errors(_migration(1, "lots", 3, 1, 2, 3))
    assert (error.row, error.column, error.value, error.expected) == (
        2,
        "effort_most_likely",
        "lots",
        "a number",
    )


def test_negative_effort_is_reported_on_its_cell() -> None:
    [error] = _errors(_migration(-5, 2, 3, 1, 2, 3))
    assert (error.column, error.value) == ("effort_optimistic", "-5")
    assert "greater than or equal to 0" in error.expected


def test_optimistic_above_pessimistic_names_the_three_columns() -> None:
    [error] = _errors(_migration(1, 2, 3, 9, 5, 4))
    assert error.column == "duration_optimistic…duration_pessimistic"
    assert error.value == "9 / 5 / 4"
    assert "optimistic ≤ most likely ≤ pessimistic" in error.expected


def test_a_date_that_does_not_parse_is_reported() -> None:
    sheet = RawSheet(
        "scenarios", "book.xlsx", ("code", "name", "start"), [(2, ("S", "S", "31/13/2024"))]
    )
    [error] = _errors(RawWorkbook("book.xlsx", (sheet,)))
    assert (error.column, error.value) == ("start", "31/13/2024")
    assert error.expected.startswith("a date")


def test_a_date_range_ending_before_it_starts_is_put_on_its_end_cell() -> None:
    tranches = RawSheet(
        "tranches",
        "book.xlsx",
        ("code", "agreement", "start", "end", "monthly_charge"),
        [(2, ("T1", "THA", "2022-04-01", "2021-10-01", 1000))],
    )
    [error] = _errors(RawWorkbook("book.xlsx", (tranches,)))
    assert (error.sheet, error.row, error.column, error.value) == (
        "tranches",
        2,
        "end",
        "2021-10-01",
    )
    assert "before it starts" in error.expected


def test_a_bad_value_in_a_child_sheet_is_put_on_the_child_row() -> None:
    capacity = RawSheet(
        "capacity",
        "book.xlsx",
        ("team", "start", "end", "people"),
        [
            (2, ("APPS", "2022-01-01", "2022-12-31", 3)),
            (3, ("APPS", "2023-01-01", "2023-12-31", -2)),
        ],
    )
    teams = RawSheet("teams", "book.xlsx", ("code", "name"), [(2, ("APPS", "Apps"))])
    [error] = _errors(RawWorkbook("book.xlsx", (teams, capacity)))
    assert (error.sheet, error.row, error.column, error.value) == ("capacity", 3, "people", "-2")


def test_usage_for_a_party_that_is_not_a_consumer_is_put_on_the_usage_row() -> None:
    usage = RawSheet("usage", "book.xlsx", ("service", "party", "units"), [(2, ("CAD", "WAR", 5))])
    raw = _book(_services(("CAD", "A", "application", "WMP", "WMP")), usage)
    [error] = _errors(raw)
    assert (error.sheet, error.row, error.column, error.value) == ("usage", 2, "party", "WAR")
    assert "consumer of service CAD" in error.expected


def test_a_child_row_naming_an_unknown_parent_is_reported() -> None:
    usage = RawSheet("usage", "book.xlsx", ("service", "party", "units"), [(2, ("GIS", "WMP", 5))])
    [error] = _errors(_book(usage))
    assert (error.sheet, error.column, error.value) == ("usage", "service", "GIS")
    assert "services sheet" in error.expected


def test_collection_stops_at_the_limit_but_counts_everything() -> None:
    rows = [(f"S{i}", "x", "gadget", "WMP") for i in range(30)]
    parsed = parse_workbook(_book(_services(*rows)), limit=10)
    assert len(parsed.errors.errors) == 10
    assert parsed.errors.total == 30
