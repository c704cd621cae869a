"""HTML forms for records: which inputs a record needs, and turning a posted form into it.

The inputs are derived from the record's pydantic fields, so a form always
matches the domain model. A posted form is converted to the same raw shape a
workbook row or an API body has and validated by the same model, so the
messages are the same everywhere; cross-record problems come from
``ValidationFailed`` raised by the store.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from carveout.domain import ENTITY_KINDS, Estimate, Record
from carveout.portfolio.parsing import expected_value

EDITABLE: dict[str, str] = {
    "service": "Service",
    "dependency": "Dependency",
    "migration": "Migration",
    "agreement": "Agreement",
    "tranche": "Tranche",
    "invoice_line": "Invoice line",
    "raid": "RAID entry",
}
"""Kinds that can be added and changed from the dashboard, with their labels."""

Widget = Literal["text", "textarea", "number", "date", "select", "list", "mapping", "estimate"]
LONG_TEXT = {"description", "termination_terms"}


@dataclass(frozen=True)
class Input:
    """One form control: its name, how to draw it, and the choices of a drop-down."""

    name: str
    label: str
    widget: Widget
    required: bool
    options: tuple[str, ...] = ()
    hint: str = ""
    parts: tuple[str, ...] = field(default=())


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside ``X | None`` and whether None was allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


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
    if origin is tuple:
        return "list", (), "codes separated by commas"
    if origin is dict:
        return "mapping", (), "name=value pairs separated by commas"
    return ("textarea" if name in LONG_TEXT else "text"), (), ""


def inputs(kind: str) -> list[Input]:
    """The controls of the form for ``kind``, in the model's field order."""
    model = ENTITY_KINDS[kind]
    controls = []
    for name, info in model.model_fields.items():
        widget, options, hint = _widget(name, info.annotation)
        controls.append(
            Input(
                name=name,
                label=name.replace("_", " ").capitalize(),
                widget=widget,
                required=info.is_required(),
                options=options,
                hint=hint,
                parts=("optimistic", "most_likely", "pessimistic") if widget == "estimate" else (),
            )
        )
    return controls


def values(record: BaseModel | None) -> dict[str, str]:
    """A record as the strings its form shows."""
    if record is None:
        return {}
    shown: dict[str, str] = {}
    for name, value in record.model_dump(mode="json").items():
        if isinstance(value, list):
            shown[name] = ", ".join(str(v) for v in value)
        elif isinstance(value, dict) and name in ("effort", "duration"):
            for part, v in value.items():
                shown[f"{name}.{part}"] = f"{v:g}" if isinstance(v, float) else str(v)
        elif isinstance(value, dict):
            shown[name] = ", ".join(f"{k}={v:g}" for k, v in value.items())
        elif value is None:
            shown[name] = ""
        elif isinstance(value, float):
            shown[name] = f"{value:g}"
        else:
            shown[name] = str(value)
    return shown


class FormErrors(Exception):
    """A form that cannot become a record, with a message per field (``""`` for the form)."""

    def __init__(self, messages: dict[str, list[str]]) -> None:
        self.messages = messages
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in messages.items()))


def field_messages(error: ValidationError) -> dict[str, list[str]]:
    """Pydantic errors keyed by the top-level field they concern."""
    messages: dict[str, list[str]] = {}
    for item in error.errors(include_url=False):
        loc = [str(p) for p in item["loc"] if not isinstance(p, int)]
        name = loc[0] if loc else ""
        text = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] != "value_error":
            text = f"Expected {expected_value(item)}"  # the same words as the workbook's
        if len(loc) > 1:
            text = f"{'.'.join(loc[1:]).replace('_', ' ')}: {text}"
        messages.setdefault(name, []).append(text)
    return messages


def _mapping(text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for chunk in text.split(","):
        if not chunk.strip():
            continue
        name, sep, value = chunk.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"{chunk.strip()!r} is not name=value")
        pairs[name.strip()] = value.strip()
    return pairs


def parse(kind: str, form: Mapping[str, str]) -> Record:
    """The ``kind`` record a posted form describes, or :class:`FormErrors`."""
    model = ENTITY_KINDS[kind]
    raw: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    for control in inputs(kind):
        if control.widget == "estimate":
            parts = {p: form.get(f"{control.name}.{p}", "").strip() for p in control.parts}
            if any(parts.values()):
                raw[control.name] = {p: v or None for p, v in parts.items()}
            continue
        text = str(form.get(control.name, "")).strip()
        if not text:
            continue  # left blank: the model's default applies, or it reports "required"
        if control.widget == "list":
            raw[control.name] = [v.strip() for v in text.split(",") if v.strip()]
        elif control.widget == "mapping":
            try:
                raw[control.name] = _mapping(text)
            except ValueError as error:
                problems.setdefault(control.name, []).append(str(error))
        else:
            raw[control.name] = text
    try:
        record = model.model_validate(raw)
    except ValidationError as error:
        for name, texts in field_messages(error).items():
            problems.setdefault(name, []).extend(texts)
        raise FormErrors(problems) from error
    if problems:
        raise FormErrors(problems)
    return record


@dataclass(frozen=True)
class Difference:
    """A form value the user sent that is not what is stored now (a conflict)."""

    name: str
    label: str
    mine: str
    current: str


def differences(kind: str, mine: Mapping[str, str], current: Mapping[str, str]) -> list[Difference]:
    """The values of a ``kind`` form that differ between the user's (``mine``) and the
    stored record's (``current``), in form order."""
    found = []
    for control in inputs(kind):
        parts = [f"{control.name}.{p}" for p in control.parts] or [control.name]
        for name in parts:
            yours, now = mine.get(name, "").strip(), current.get(name, "")
            if yours != now:
                label = control.label + (f" ({name.split('.')[1]})" if "." in name else "")
                found.append(Difference(name, label.replace("_", " "), yours, now))
    return found
