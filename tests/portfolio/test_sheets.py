import typing
from pathlib import Path

import pytest

from carveout.domain import ENTITY_KINDS
from carveout.domain.base import Estimate
from carveout.portfolio.parsing import ESTIMATES
from carveout.portfolio.sheets import SHEET_BY_NAME, SHEETS, ColumnType, reference_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "workbook.md"


def _columns_for_fields(kind: str) -> set[str]:
    """The columns a top-level sheet needs: one per field, three per estimate, none per child."""
    model = ENTITY_KINDS[kind]
    children = {s.field for s in SHEETS if s.parent == SHEET_BY_NAME_OF_KIND[kind]}
    columns: set[str] = set()
    for name in model.model_fields:
        if name in children:
            continue
        if name in ESTIMATES:
            columns |= {f"{name}_{point}" for point in Estimate.model_fields}
        else:
            columns.add(name)
    return columns


SHEET_BY_NAME_OF_KIND = {s.kind: s.name for s in SHEETS if s.kind}


def test_every_entity_kind_has_exactly_one_sheet() -> None:
    assert sorted(SHEET_BY_NAME_OF_KIND) == sorted(ENTITY_KINDS)


@pytest.mark.parametrize("kind", sorted(ENTITY_KINDS))
def test_a_sheet_has_a_column_for_every_field_of_its_record(kind: str) -> None:
    sheet = SHEET_BY_NAME[SHEET_BY_NAME_OF_KIND[kind]]
    assert set(sheet.headers) == _columns_for_fields(kind)


@pytest.mark.parametrize("kind", sorted(ENTITY_KINDS))
def test_required_columns_are_the_fields_without_a_default(kind: str) -> None:
    sheet = SHEET_BY_NAME[SHEET_BY_NAME_OF_KIND[kind]]
    model = ENTITY_KINDS[kind]
    required = {name for name, info in model.model_fields.items() if info.is_required()} - set(
        ESTIMATES
    )
    estimates = {c for c in sheet.required if c.startswith(ESTIMATES)}
    assert set(sheet.required) - estimates == required


def test_child_sheets_name_a_collection_of_their_parent_record() -> None:
    for sheet in SHEETS:
        if sheet.parent is None:
            continue
        parent = SHEET_BY_NAME[sheet.parent]
        assert parent.kind is not None
        assert sheet.field in ENTITY_KINDS[parent.kind].model_fields
        assert sheet.key[0] == sheet.columns[0].name


def test_choice_columns_offer_the_values_of_the_domain_enum() -> None:
    checked = 0
    for sheet in SHEETS:
        if sheet.kind is None:
            continue
        fields = ENTITY_KINDS[sheet.kind].model_fields
        for column in sheet.columns:
            if column.type is ColumnType.CHOICE:
                annotation = fields[column.name].annotation
                # An optional choice is ``Enum | None``: the enum is its first member.
                enum = typing.get_args(annotation)[0] if typing.get_args(annotation) else annotation
                assert column.choices == tuple(member.value for member in enum)  # type: ignore[union-attr]
                checked += 1
    assert checked >= 10


def test_every_column_is_explained() -> None:
    assert all(column.help.strip() for sheet in SHEETS for column in sheet.columns)


def test_the_docs_list_every_sheet_and_column_as_the_schema_defines_them() -> None:
    assert reference_markdown() in DOCS.read_text(encoding="utf-8"), (
        "docs/workbook.md is out of date: paste in the output of "
        "python -c 'from carveout.portfolio.sheets import reference_markdown as r; print(r())'"
    )
