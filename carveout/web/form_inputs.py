"""Which controls a record's form needs, derived from its pydantic fields.

A field holding a list of small sub-records (a schedule line's rate periods) becomes a
``rows`` control: a table whose columns are the sub-record's own controls.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from carveout.domain import ENTITY_KINDS, Estimate

Widget = Literal[
    "text", "textarea", "number", "date", "select", "list", "mapping", "estimate", "rows"
]
LONG_TEXT = {"description", "termination_terms"}

ROW_NAMES: dict[str, tuple[str, str]] = {"rates": ("Rate period", "Rate periods")}
"""How a rows field's rows are called (one, many); others follow the field's name."""


@dataclass(frozen=True)
class Input:
    """One form control: its name, how to draw it, and the choices of a drop-down.

    A ``rows`` control has the sub-record's controls as ``columns`` and calls each of its
    rows ``singular`` ("Rate period"), so a message can say "Rate period 2, rate: …".
    """

    name: str
    label: str
    widget: Widget
    required: bool
    options: tuple[str, ...] = ()
    hint: str = ""
    parts: tuple[str, ...] = field(default=())
    columns: tuple[Input, ...] = field(default=())
    singular: str = ""


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside ``X | None`` and whether None was allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


def row_model(annotation: Any) -> type[BaseModel] | None:
    """The sub-record of a ``tuple[SubRecord, ...]`` field (None for any other field)."""
    inner, _ = _unwrap(annotation)
    if typing.get_origin(inner) is not tuple:
        return None
    args = typing.get_args(inner)
    item = args[0] if args else None
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None


def _widget(name: str, annotation: Any) -> tuple[Widget, tuple[str, ...], str]:
    inner, _ = _unwrap(annotation)
    origin = typing.get_origin(inner)
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return "select", tuple(str(m.value) for m in inner), ""
    if isinstance(inner, type) and issubclass(inner, Estimate):
        return "estimate", (), "optimistic ≤ most likely ≤ pessimistic"
    if inner is date:
        return "date", (), ""
    if inner in (float, int):
        return "number", (), ""
    if row_model(annotation) is not None:
        return "rows", (), "one row each; leave a row blank to drop it"
    if origin is tuple:
        return "list", (), "codes separated by commas"
    if origin is dict:
        return "mapping", (), "name=value pairs separated by commas"
    return ("textarea" if name in LONG_TEXT else "text"), (), ""


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def inputs_of(model: type[BaseModel]) -> list[Input]:
    """The controls of a form for ``model``, in its field order."""
    controls = []
    for name, info in model.model_fields.items():
        widget, options, hint = _widget(name, info.annotation)
        sub = row_model(info.annotation) if widget == "rows" else None
        one, many = ROW_NAMES.get(name, (_label(name).removesuffix("s"), _label(name)))
        controls.append(
            Input(
                name=name,
                label=many if sub is not None else _label(name),
                widget=widget,
                required=info.is_required(),
                options=options,
                hint=hint,
                parts=("optimistic", "most_likely", "pessimistic") if widget == "estimate" else (),
                columns=tuple(inputs_of(sub)) if sub is not None else (),
                singular=one if sub is not None else "",
            )
        )
    return controls


def inputs(kind: str) -> list[Input]:
    """The controls of the form for ``kind``, in the model's field order."""
    return inputs_of(ENTITY_KINDS[kind])
