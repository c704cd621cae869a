from collections.abc import Callable

from carveout.domain import ENTITY_KINDS, Portfolio
from carveout.storage.convert import MAPPERS


def test_every_domain_kind_has_a_mapper_in_dependency_order() -> None:
    assert list(MAPPERS) == list(ENTITY_KINDS)
    assert all(m.model is ENTITY_KINDS[kind] for kind, m in MAPPERS.items())


def test_rows_turn_back_into_the_same_records(small_portfolio: Callable[..., Portfolio]) -> None:
    for kind, record in small_portfolio().items():
        mapper = MAPPERS[kind]
        row = mapper.row(record, position=7)
        children = mapper.child_rows(record)
        assert row["position"] == 7
        assert set(row) <= set(mapper.table.c.keys()), kind
        assert mapper.records([row], children) == [record]


def test_three_point_estimates_are_flattened_into_columns(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    migration = small_portfolio().migrations[0]
    row = MAPPERS["migration"].row(migration)
    assert (row["effort_optimistic"], row["effort_most_likely"], row["effort_pessimistic"]) == (
        40,
        60,
        110,
    )
    assert "effort" not in row and "position" not in row


def test_enum_values_are_stored_as_their_plain_text(
    small_portfolio: Callable[..., Portfolio],
) -> None:
    row = MAPPERS["service"].row(small_portfolio().services[0])
    assert type(row["criticality"]) is str and row["criticality"] == "mission_critical"
