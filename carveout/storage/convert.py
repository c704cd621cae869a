"""Rows to domain records and back, one mapper per kind.

A record becomes one row of its kind's table plus rows in child tables for
its list and map fields; list items and map entries keep their order in a
``position`` column. Three-point estimates are flattened into
``<field>_<point>`` columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from sqlalchemy import Table

from carveout.domain import ENTITY_KINDS, Record
from carveout.storage import agreement_tables as at
from carveout.storage import readiness_tables as rt
from carveout.storage import service_level_tables as slt
from carveout.storage import tables as t

Row = dict[str, Any]
_POINTS = ("optimistic", "most_likely", "pessimistic")


@dataclass(frozen=True, slots=True)
class Child:
    """A list or map field stored in its own table.

    ``shape`` is ``list`` (``item`` holds each element), ``map`` (``item`` holds
    the key, ``value`` the value) or ``records`` (each element is a nested
    record whose fields are the table's columns).
    """

    field: str
    table: Table
    shape: Literal["list", "map", "records"]
    item: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class Mapper:
    """How one kind of record is laid out in the tables."""

    kind: str
    table: Table
    key_columns: tuple[str, ...] = ("code",)
    owner: str = ""
    children: tuple[Child, ...] = ()
    estimates: tuple[str, ...] = ()

    @property
    def model(self) -> type[Record]:
        return ENTITY_KINDS[self.kind]

    def key_of(self, record: Record) -> Row:
        """The primary-key columns of ``record``'s row."""
        return {column: getattr(record, column) for column in self.key_columns}

    def row(self, record: Record, position: int | None = None) -> Row:
        """The main-table row of ``record`` (without ``position`` when it is None)."""
        data = record.model_dump(exclude={c.field for c in self.children})
        for name in self.estimates:
            estimate = data.pop(name)
            data.update({f"{name}_{point}": estimate[point] for point in _POINTS})
        row = {name: _plain(value) for name, value in data.items()}
        if position is not None:
            row["position"] = position
        return row

    def child_rows(self, record: Record) -> dict[Table, list[Row]]:
        """The rows of every child table for ``record``."""
        owner = record.key
        rows: dict[Table, list[Row]] = {}
        for child in self.children:
            value = getattr(record, child.field)
            if child.shape == "list":
                rows[child.table] = [
                    {self.owner: owner, "position": i, child.item: item}
                    for i, item in enumerate(value)
                ]
            elif child.shape == "map":
                rows[child.table] = [
                    {self.owner: owner, "position": i, child.item: k, child.value: v}
                    for i, (k, v) in enumerate(value.items())
                ]
            else:
                rows[child.table] = [
                    {self.owner: owner, "position": i, **item.model_dump()}
                    for i, item in enumerate(value)
                ]
        return rows

    def records(
        self, rows: Iterable[Mapping[Any, Any]], children: Mapping[Table, Sequence[Row]]
    ) -> list[Record]:
        """Records rebuilt from main rows (in order) and every child table's rows."""
        grouped = {
            child.table: _group(children[child.table], self.owner) for child in self.children
        }
        out: list[Record] = []
        for row in rows:
            data = dict(row)
            del data["position"]
            for name in self.estimates:
                data[name] = {point: data.pop(f"{name}_{point}") for point in _POINTS}
            for child in self.children:
                data[child.field] = _assemble(
                    child, grouped[child.table].get(data["code"], []), self.owner
                )
            out.append(self.model.model_validate(data))
        return out


def _plain(value: Any) -> Any:
    """Enum members as their values: drivers differ in how they would bind them."""
    return value.value if isinstance(value, Enum) else value


def _group(rows: Sequence[Row], owner: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[owner]].append(row)
    return grouped


def _assemble(child: Child, rows: list[Row], owner: str) -> Any:
    rows = sorted(rows, key=lambda r: r["position"])
    if child.shape == "list":
        return tuple(r[child.item] for r in rows)
    if child.shape == "map":
        return {r[child.item]: r[child.value] for r in rows}
    return tuple({k: v for k, v in r.items() if k not in ("position", owner)} for r in rows)


MAPPERS: dict[str, Mapper] = {
    m.kind: m
    for m in (
        Mapper(
            "party",
            t.party,
            owner="party",
            children=(Child("drivers", t.party_driver, "map", "driver", "value"),),
        ),
        Mapper(
            "service",
            t.service,
            owner="service",
            children=(
                Child("consumers", t.service_consumer, "list", "party"),
                Child("usage", t.service_usage, "map", "party", "units"),
            ),
        ),
        Mapper("dependency", t.dependency, key_columns=("service", "depends_on")),
        Mapper(
            "team",
            t.team,
            owner="team",
            children=(Child("capacity", t.team_capacity, "records"),),
        ),
        Mapper(
            "migration",
            t.migration,
            key_columns=("service",),
            estimates=("effort", "duration"),
        ),
        Mapper("blackout", t.blackout),
        Mapper(
            "agreement",
            t.agreement,
            owner="agreement",
            children=(
                Child("recipients", t.agreement_recipient, "list", "party"),
                Child("termination_shares", t.agreement_termination_share, "map", "party", "share"),
                Child("budgets", at.agreement_budget, "map", "party", "amount"),
            ),
        ),
        Mapper(
            "tranche",
            t.tranche,
            owner="tranche",
            children=(Child("services", t.tranche_service, "list", "service"),),
        ),
        Mapper("extension_option", t.extension_option),
        Mapper(
            "schedule_line",
            at.schedule_line,
            owner="schedule_line",
            children=(Child("rates", at.schedule_line_rate, "records"),),
        ),
        Mapper("invoice_line", at.invoice_line),
        Mapper("service_level", slt.service_level),
        Mapper("service_level_measurement", slt.service_level_measurement),
        Mapper("exit_criterion", rt.exit_criterion),
        Mapper("exit_decision", rt.exit_decision),
        Mapper(
            "cost_pool",
            t.cost_pool,
            owner="cost_pool",
            children=(
                Child("shares", t.cost_pool_share, "map", "party", "share"),
                Child("services", t.cost_pool_service, "list", "service"),
                Child("annual_costs", t.cost_pool_annual_cost, "map", "year", "amount"),
                Child("charges", t.cost_pool_charge, "records"),
            ),
        ),
        Mapper(
            "raid",
            t.raid,
            owner="raid",
            children=(Child("services", t.raid_service, "list", "service"),),
        ),
        Mapper("scenario", t.scenario),
    )
}
"""The mapper of every kind, in the dependency order of ``COLLECTIONS``."""
