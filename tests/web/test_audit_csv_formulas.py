"""The audit CSV (the Audit page's download and ``/api/audit.csv``) has no cell a spreadsheet
would run as a formula, and removing the apostrophe gives back every actor exactly."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from carveout.access import Principal, Role
from carveout.domain import Party, Portfolio
from carveout.domain.changes import diff
from carveout.safe_cells import FORMULA_STARTS, csv_unescape
from carveout.storage import Store, open_store
from carveout.web.queries.audit import AuditQuery, audit_csv
from tests.hostile_text import HOSTILE, TRICKY

AUDITOR = Principal(name="ann@audit.example", organisation="WAR", role=Role.AUDITOR)
ACTORS = HOSTILE + TRICKY


@pytest.fixture
def store(tmp_path: Path, small_portfolio: Callable[..., Portfolio]) -> Iterator[Store]:
    """A store whose trail has a change by each hostile actor, naming a party after it."""
    with open_store(f"sqlite:///{tmp_path / 'audit.db'}") as opened:
        opened.apply(diff(opened.load(), small_portfolio()), actor="alice")
        for number, actor in enumerate(ACTORS):
            before = opened.load()
            party = Party(code=f"H{number}", name=actor)
            after = before.model_copy(update={"parties": (*before.parties, party)})
            opened.apply(diff(before, after), actor=actor)
        yield opened


def _rows(store: Store) -> list[dict[str, str]]:
    text = "".join(audit_csv(engine=store.engine, principal=AUDITOR, query=AuditQuery()))
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_no_cell_of_the_audit_csv_starts_a_formula(store: Store) -> None:
    rows = _rows(store)

    cells = [cell for row in rows for cell in row.values()]
    assert len(rows) > len(ACTORS)
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]


def test_every_actor_reads_back_unchanged_once_the_apostrophe_is_removed(store: Store) -> None:
    rows = [r for r in _rows(store) if r["key"].startswith("H")]

    assert [csv_unescape(r["actor"]) for r in reversed(rows)] == list(ACTORS)
    assert rows[-1]["actor"] == "'" + HOSTILE[0]
