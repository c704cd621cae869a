"""``carveout proposals`` lists what waits for the other parties' approval."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from carveout.access import Principal, Role
from carveout.cli import app, console, load_commands
from carveout.domain import Portfolio
from carveout.domain.changes import Change, Changeset, diff
from carveout.storage import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands(monkeypatch: pytest.MonkeyPatch) -> None:
    load_commands()
    monkeypatch.setattr(console, "width", 200)


def test_proposals_lists_the_open_ones_with_who_is_still_to_vote(
    carveout_env: str, small_portfolio: Callable[..., Portfolio]
) -> None:
    editor = Principal(name="bob@war", organisation="WAR", role=Role.EDITOR)
    with open_store(carveout_env) as store:
        store.apply(diff(store.load(), small_portfolio()), actor="setup")
        tha = store.load().agreement_by_code["THA"]
        renamed = tha.model_copy(update={"name": "Hosting"})
        store.apply(
            Changeset((Change("agreement", "THA", tha, renamed),)), actor="b", principal=editor
        )

    listed = runner.invoke(app, ["proposals"])
    assert listed.exit_code == 0, listed.output
    assert "agreement THA (changed)" in listed.output and "bob@war (WAR)" in listed.output
    assert "WMID to vote" in listed.output and "WMP to vote" in listed.output
    assert (
        "No proposals decided." in runner.invoke(app, ["proposals", "--status", "decided"]).output
    )
