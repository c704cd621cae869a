"""Every number and date has a documented range, and a value past it is refused on its cell.

The workbook import and the web form validate through the same domain types,
so a value out of range gets the same words on the same cell or field.
"""

from __future__ import annotations

import csv
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from annotated_types import Le
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from carveout.domain import ENTITY_KINDS, Estimate, Migration, Party, Portfolio, Service
from carveout.domain.ranges import MAX_DAYS, MAX_MONEY, ranges_markdown
from carveout.portfolio.importing import read_portfolio
from carveout.portfolio.parsing import WorkbookInvalid
from carveout.portfolio.writing import write_csv_folder
from carveout.web.forms import FormErrors, parse

DOCS = Path(__file__).resolve().parents[2] / "docs" / "workbook.md"
BOUNDED = (float, int, date)


def _has_upper_limit(annotation: Any) -> bool:
    """Whether an ``Annotated[...]`` number or date carries an upper limit."""
    metadata = [m for arg in typing.get_args(annotation)[1:] for m in getattr(arg, "metadata", [])]
    return any(isinstance(m, Le) for m in metadata)


def _unbounded(model: type[BaseModel], prefix: str = "") -> list[str]:
    """The number and date fields of ``model`` (and the records inside it) with no limit."""
    found: list[str] = []
    for name, info in model.model_fields.items():
        where = f"{prefix}{model.__name__}.{name}"
        annotation = info.annotation
        if annotation in BOUNDED and not any(isinstance(m, Le) for m in info.metadata):
            found.append(where)
            continue
        for arg in [annotation, *typing.get_args(annotation)]:
            inner = typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                found.extend(_unbounded(inner, f"{where} › "))
            elif inner in BOUNDED and arg is not annotation and not _has_upper_limit(arg):
                found.append(where)
    return found


def test_every_number_and_date_a_record_holds_has_an_upper_limit() -> None:
    unbounded = [f for model in ENTITY_KINDS.values() for f in _unbounded(model)]
    assert unbounded == []


def test_the_docs_list_every_range_as_the_domain_defines_them() -> None:
    assert ranges_markdown() in DOCS.read_text(encoding="utf-8"), (
        "docs/workbook.md is out of date: paste in the output of python -c "
        "'from carveout.domain.ranges import ranges_markdown as r; print(r())'"
    )


def _one_service() -> Portfolio:
    return Portfolio(
        parties=(Party(code="P1", name="Host"), Party(code="P2", name="User")),
        services=(Service(code="S1", name="Records", kind="application", host="P1"),),
    )


def _set_cell(folder: Path, sheet: str, column: str, value: str) -> None:
    path = folder / f"{sheet}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _workbook_errors(tmp_path: Path, column: str, value: str) -> list[tuple[str, int | None, str]]:
    folder = tmp_path / f"book-{abs(hash(value))}"
    write_csv_folder(_one_service(), folder=folder)
    _set_cell(folder, "services", column, value)
    with pytest.raises(WorkbookInvalid) as raised:
        read_portfolio(path=folder)
    return [(e.sheet, e.row, e.column) for e in raised.value.errors]


@settings(max_examples=8, derandomize=True, deadline=None)
@given(
    amount=st.one_of(
        st.sampled_from([MAX_MONEY * (1 + 1e-12), 1e13, 1e300, 1.7976931348623157e308]),
        st.floats(min_value=MAX_MONEY, exclude_min=True, allow_infinity=False),
    )
)
def test_money_past_its_limit_is_an_error_on_its_cell_and_its_form_field(
    amount: float, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp_path = tmp_path_factory.mktemp("money")
    assert _workbook_errors(tmp_path, "fixed_cost", repr(amount)) == [("services", 2, "fixed_cost")]
    with pytest.raises(FormErrors) as raised:
        parse(
            "service",
            {"code": "S1", "name": "Records", "kind": "application", "host": "P1",
             "fixed_cost": repr(amount)},
        )  # fmt: skip
    assert raised.value.messages == {"fixed_cost": ["Expected less than or equal to 1000000000000"]}


@pytest.mark.parametrize("typed", ["0001-01-01", "1989-12-31", "2101-01-01", "9999-12-31"])
def test_a_date_outside_1990_to_2100_is_an_error_on_its_cell(tmp_path: Path, typed: str) -> None:
    folder = tmp_path / "book"
    portfolio = _one_service().replace(
        migrations=(
            Migration(
                service="S1",
                team="T1",
                effort=Estimate(optimistic=1, most_likely=2, pessimistic=3),
                duration=Estimate(optimistic=1, most_likely=2, pessimistic=3),
            ),
        )
    )
    write_csv_folder(portfolio, folder=folder)
    _set_cell(folder, "migrations", "deadline", typed)
    with pytest.raises(WorkbookInvalid) as raised:
        read_portfolio(path=folder)
    cells = {(e.sheet, e.row, e.column): e.expected for e in raised.value.errors}
    limit = (
        "less than or equal to 2100-12-31"
        if typed > "2100"
        else "greater than or equal to 1990-01-01"
    )
    assert cells[("migrations", 2, "deadline")] == limit


def test_a_duration_past_5000_working_days_is_an_error_on_its_estimate() -> None:
    with pytest.raises(ValueError, match="at most 5,000 working days"):
        Migration(
            service="S1",
            team="T1",
            effort=Estimate(optimistic=1, most_likely=2, pessimistic=MAX_DAYS + 1),
            duration=Estimate(optimistic=1, most_likely=2, pessimistic=MAX_DAYS + 1),
        )
