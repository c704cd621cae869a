"""The shared pieces of the relational schema: the metadata and the column helpers."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Double, ForeignKey, Integer, MetaData, String
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

CODE = 64
"""Longest code a record may have (see ``carveout.domain.base.Code``)."""

Json = JSON().with_variant(JSONB(), "postgresql")


def code(name: str, *, primary: bool = False, nullable: bool = False) -> Column[str]:
    return Column(name, String(CODE), primary_key=primary, nullable=nullable and not primary)


def ref(name: str, target: str, *, primary: bool = False, nullable: bool = False) -> Column[str]:
    """A code column referring to ``target`` (``table.column``)."""
    return Column(
        name,
        String(CODE),
        ForeignKey(target),
        primary_key=primary,
        nullable=nullable and not primary,
    )


def owned_by(name: str, target: str) -> Column[str]:
    """The key of the record a child row belongs to; the rows go when the record goes."""
    return Column(name, String(CODE), ForeignKey(target, ondelete="CASCADE"), primary_key=True)


def position(*, primary: bool = False) -> Column[int]:
    return Column("position", Integer, primary_key=primary, nullable=False)


def money(name: str) -> Column[float]:
    return Column(name, Double, nullable=False)
