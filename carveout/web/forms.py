"""HTML forms for records: which inputs a record needs, and turning a posted form into it.

The inputs are derived from the record's pydantic fields, so a form always
matches the domain model. A posted form is converted to the same raw shape a
workbook row or an API body has and validated by the same model, so the
messages are the same everywhere; cross-record problems come from
``ValidationFailed`` raised by the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from carveout.domain import ENTITY_KINDS, Record
from carveout.domain.validation import Problem
from carveout.portfolio.parsing import expected_value
from carveout.web import form_rows
from carveout.web.form_inputs import Input, inputs, row_model

__all__ = [
    "EDITABLE",
    "ENTITY_KINDS",
    "Difference",
    "FormErrors",
    "Input",
    "Record",
    "differences",
    "field_messages",
    "inputs",
    "parse",
    "placed_problems",
    "values",
]

EDITABLE: dict[str, str] = {
    "service": "Service",
    "dependency": "Dependency",
    "migration": "Migration",
    "agreement": "Agreement",
    "tranche": "Tranche",
    "schedule_line": "Schedule line",
    "invoice_line": "Invoice line",
    "exit_criterion": "Exit criterion",
    "exit_decision": "Exit decision",
    "raid": "RAID entry",
}
"""Kinds that can be added and changed from the dashboard, with their labels."""


def values(record: BaseModel | None) -> dict[str, str]:
    """A record as the strings its form shows."""
    if record is None:
        return {}
    shown: dict[str, str] = {}
    for name, value in record.model_dump(mode="json").items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            shown.update(form_rows.shown(name, value))
        elif isinstance(value, list):
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
    """A form that cannot become a record, with a message per field (``""`` for the form).

    A message about a row of a rows field is listed under the field (``rates``) and marks
    its cell (``rates.2.rate``) or row (``rates.2``).
    """

    def __init__(self, messages: dict[str, list[str]]) -> None:
        self.messages = messages
        super().__init__("; ".join(f"{k}: {', '.join(v)}" for k, v in messages.items()))


def _text(item: Any) -> str:
    text = str(item["msg"]).removeprefix("Value error, ")
    if item["type"] != "value_error":
        text = f"Expected {expected_value(item)}"  # the same words as the workbook's
    return text


def field_messages(
    error: ValidationError, rows: Mapping[str, tuple[Input, Sequence[int]]] | None = None
) -> dict[str, list[str]]:
    """Pydantic errors keyed by the top-level field they concern; an error inside a rows
    field (given with the form row of each posted item) names its row and column."""
    messages: dict[str, list[str]] = {}
    for item in error.errors(include_url=False):
        text = _text(item)
        path = list(item["loc"])
        if rows and path and str(path[0]) in rows and len(path) > 1:
            control, numbers = rows[str(path[0])]
            mark, message = form_rows.placed(control, numbers, path[1:], text)
            messages.setdefault(control.name, []).append(message)
            messages.setdefault(mark, []).append(message)
            continue
        loc = [str(p) for p in path if not isinstance(p, int)]
        name = loc[0] if loc else ""
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
    rows: dict[str, tuple[Input, Sequence[int]]] = {}
    for control in inputs(kind):
        if control.widget == "estimate":
            parts = {p: form.get(f"{control.name}.{p}", "").strip() for p in control.parts}
            if any(parts.values()):
                raw[control.name] = {p: v or None for p, v in parts.items()}
            continue
        if control.widget == "rows":
            posted = form_rows.filled(control, form)
            raw[control.name] = [cells for _, cells in posted]
            rows[control.name] = (control, [n for n, _ in posted])
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
        for name, texts in field_messages(error, rows).items():
            problems.setdefault(name, []).extend(texts)
        raise FormErrors(problems) from error
    if problems:
        raise FormErrors(problems)
    return record


def placed_problems(
    kind: str, key: str, form: Mapping[str, str], problems: Sequence[Problem]
) -> tuple[dict[str, list[str]], list[str]]:
    """The store's problems with a saved form: those about a field of the record on that
    field, those about a row of one of its rows fields naming the rows (and marking them),
    the rest (about other records) as they are."""
    every = {c.name: c for c in inputs(kind)}
    controls = {n: c for n, c in every.items() if c.widget == "rows"}
    model = ENTITY_KINDS[kind]
    errors: dict[str, list[str]] = {}
    rest: list[str] = []
    for problem in problems:
        own = (problem.kind, problem.key) == (kind, key)
        if own and problem.field in every and problem.field not in controls:
            text = f"Expected {problem.expected}, not {problem.value!r}"
            errors.setdefault(problem.field, []).append(text)
            continue
        control = controls.get(problem.field) if own else None
        sub = row_model(model.model_fields[problem.field].annotation) if control else None
        found = None
        if control is not None and sub is not None:
            found = form_rows.located(control, sub, form, problem.value, problem.expected)
        if found is None:
            rest.append(str(problem))
            continue
        errors.setdefault(problem.field, []).append(found.message)
        for row in found.rows:
            errors.setdefault(f"{problem.field}.{row}", []).append(found.message)
    return errors, rest


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
    found: list[Difference] = []
    for control in inputs(kind):
        if control.widget == "rows":
            found.extend(Difference(*d) for d in form_rows.differences(control, mine, current))
            continue
        parts = [f"{control.name}.{p}" for p in control.parts] or [control.name]
        for name in parts:
            yours, now = mine.get(name, "").strip(), current.get(name, "")
            if yours != now:
                label = control.label + (f" ({name.split('.')[1]})" if "." in name else "")
                found.append(Difference(name, label.replace("_", " "), yours, now))
    return found
