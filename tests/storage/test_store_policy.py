"""The store applies the access policy to every change and every read for a principal."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from carveout.access import PROGRAMME_OFFICE, Principal, Role
from carveout.access.rulings import ChangesRefused
from carveout.domain import Portfolio, Scenario
from carveout.domain.changes import Change, Changeset, diff
from carveout.errors import Forbidden, NotFound, ValidationFailed
from carveout.storage import Store
from carveout.storage import tables as t
from carveout.storage.proposal_records import Proposal, ProposalClosed
from tests.conftest import build_small_portfolio

WMP_EDITOR = Principal(name="ann@wmp", organisation="WMP", role=Role.EDITOR)
WAR_EDITOR = Principal(name="bob@war", organisation="WAR", role=Role.EDITOR)
WMID_EDITOR = Principal(name="cat@wmid", organisation="WMID", role=Role.EDITOR)
WAR_VIEWER = Principal(name="dan@war", organisation="WAR", role=Role.VIEWER)
OFFICE = Principal(name="pmo@office", organisation=PROGRAMME_OFFICE, role=Role.ADMIN)


@pytest.fixture
def loaded(store: Store) -> Store:
    portfolio = build_small_portfolio()
    private = Scenario(
        code="WAR-PLAN", name="Our position", start=date(2022, 1, 1), owner="WAR", private=True
    )
    portfolio = portfolio.replace(scenarios=(*portfolio.scenarios, private))
    store.apply(diff(Portfolio(), portfolio), actor="setup")
    return store


def renamed(store: Store, kind: str, key: str, name: str) -> Change:
    before = store.load().by_key(kind)[key]
    return Change(kind, key, before, before.model_copy(update={"name": name}))


def propose_rename(store: Store) -> Proposal:
    """Warwickshire's editor renames the hosting agreement (it binds WMP and WMID too)."""
    outcome = store.apply(
        Changeset((renamed(store, "agreement", "THA", "Hosting"),)),
        actor=WAR_EDITOR.name,
        principal=WAR_EDITOR,
    )
    return outcome.proposals[0]


def audit_rows(store: Store, kind: str) -> list[dict[str, object]]:
    with store.engine.connect() as connection:
        query = select(t.audit).where(t.audit.c.kind == kind).order_by(t.audit.c.id)
        return [dict(row._mapping) for row in connection.execute(query)]


def test_an_editor_changes_its_own_service_under_its_name_and_organisation(
    loaded: Store,
) -> None:
    outcome = loaded.apply(
        Changeset((renamed(loaded, "service", "PAY", "Pay"),)),
        actor=WAR_EDITOR.name,
        principal=WAR_EDITOR,
        request_id="req-1",
    )
    assert [c.key for c in outcome.applied] == ["PAY"]
    assert loaded.load().service_by_code["PAY"].name == "Pay"
    last = audit_rows(loaded, "service")[-1]
    assert (last["actor"], last["organisation"], last["request_id"]) == (
        "bob@war",
        "WAR",
        "req-1",
    )


def test_a_change_to_another_partys_record_is_refused_and_nothing_is_written(
    loaded: Store,
) -> None:
    changes = (renamed(loaded, "service", "PAY", "Pay"), renamed(loaded, "service", "RMS", "R"))
    with pytest.raises(ChangesRefused) as refused:
        loaded.apply(Changeset(changes), actor=WAR_EDITOR.name, principal=WAR_EDITOR)
    assert [(r.kind, r.key) for r in refused.value.refusals] == [("service", "RMS")]
    assert "belongs to WMP" in str(refused.value)
    assert loaded.load().service_by_code["PAY"].name == "Payroll"


def test_a_viewer_changes_nothing(loaded: Store) -> None:
    with pytest.raises(Forbidden):
        loaded.upsert(
            "service",
            loaded.load().service_by_code["PAY"].model_copy(update={"name": "x"}),
            actor="dan",
            principal=WAR_VIEWER,
        )


def test_the_operator_may_change_anything(loaded: Store) -> None:
    assert loaded.apply(Changeset((renamed(loaded, "agreement", "THA", "T"),)), actor="op")
    assert loaded.load().agreement_by_code["THA"].name == "T"


def test_a_change_to_an_agreement_is_proposed_not_applied(loaded: Store) -> None:
    outcome = loaded.apply(
        Changeset((renamed(loaded, "agreement", "THA", "Hosting"),)),
        actor=WAR_EDITOR.name,
        principal=WAR_EDITOR,
    )
    assert outcome.applied == () and len(outcome.proposals) == 1
    proposal = outcome.proposals[0]
    assert (proposal.status, proposal.needs, proposal.author) == (
        "open",
        ("WMID", "WMP"),
        "bob@war",
    )
    assert loaded.load().agreement_by_code["THA"].name == "Transitional hosting"
    assert [row["action"] for row in audit_rows(loaded, "proposal")] == ["proposed"]


def test_a_proposal_is_applied_once_every_other_bound_party_approves(loaded: Store) -> None:
    made = propose_rename(loaded)
    half = loaded.vote(made.id, principal=WMP_EDITOR, approve=True, comment="fine by us")
    assert half.status == "open" and half.waiting_for == ("WMID",)
    assert loaded.load().agreement_by_code["THA"].name == "Transitional hosting"
    done = loaded.vote(made.id, principal=WMID_EDITOR, approve=True)
    assert done.status == "applied"
    assert loaded.load().agreement_by_code["THA"].name == "Hosting"
    last = audit_rows(loaded, "agreement")[-1]
    assert (last["actor"], last["organisation"]) == ("bob@war", "WAR")
    actions = [row["action"] for row in audit_rows(loaded, "proposal")]
    assert actions == ["proposed", "approved", "approved", "applied"]


def test_a_rejection_by_any_needed_party_closes_the_proposal(loaded: Store) -> None:
    made = propose_rename(loaded)
    rejected = loaded.vote(made.id, principal=WMP_EDITOR, approve=False, comment="no")
    assert rejected.status == "rejected" and rejected.votes[0].comment == "no"
    assert loaded.load().agreement_by_code["THA"].name == "Transitional hosting"
    with pytest.raises(ProposalClosed):
        loaded.vote(made.id, principal=WMID_EDITOR, approve=True)


def test_only_a_needed_party_votes_and_only_once(loaded: Store) -> None:
    made = propose_rename(loaded)
    with pytest.raises(Forbidden):
        loaded.vote(made.id, principal=WAR_EDITOR, approve=True)
    loaded.vote(made.id, principal=WMP_EDITOR, approve=True)
    with pytest.raises(ProposalClosed):
        loaded.vote(made.id, principal=WMP_EDITOR, approve=True)


def test_a_proposal_made_stale_by_a_later_change_is_superseded(loaded: Store) -> None:
    made = propose_rename(loaded)
    loaded.apply(Changeset((renamed(loaded, "agreement", "THA", "Other"),)), actor="op")
    assert loaded.proposal(made.id).status == "superseded"
    with pytest.raises(ProposalClosed):
        loaded.vote(made.id, principal=WMP_EDITOR, approve=True)
    assert loaded.load().agreement_by_code["THA"].name == "Other"


def test_a_proposal_that_no_longer_fits_is_not_applied(loaded: Store) -> None:
    tranche = loaded.load().tranche_by_code["THA-1"]
    moved = tranche.model_copy(update={"services": ("CAD", "GONE")})
    with pytest.raises(ValidationFailed):
        loaded.apply(
            Changeset((Change("tranche", "THA-1", tranche, moved),)),
            actor=WAR_EDITOR.name,
            principal=WAR_EDITOR,
        )
    assert loaded.proposals() == []


def test_the_author_withdraws_a_proposal_and_no_one_else_may(loaded: Store) -> None:
    made = propose_rename(loaded)
    with pytest.raises(Forbidden):
        loaded.withdraw(made.id, principal=WMP_EDITOR)
    assert loaded.withdraw(made.id, principal=WAR_EDITOR).status == "withdrawn"
    assert [p.id for p in loaded.proposals(status="open")] == []
    assert [p.id for p in loaded.proposals(status="decided")] == [made.id]


def test_another_partys_private_scenario_and_its_results_are_not_read(loaded: Store) -> None:
    loaded.save_result(scenario="WAR-PLAN", kind="plan", payload={"secret": 1}, actor="bob")
    assert "WAR-PLAN" not in loaded.load(principal=WMP_EDITOR).scenario_by_code
    assert "WAR-PLAN" in loaded.load(principal=WAR_VIEWER).scenario_by_code
    assert loaded.results(principal=WMP_EDITOR) == []
    assert loaded.results(principal=OFFICE) == []
    assert [r.scenario for r in loaded.results(principal=WAR_VIEWER)] == ["WAR-PLAN"]
    assert loaded.latest_result(scenario="WAR-PLAN", kind="plan", principal=WMP_EDITOR) is None
    result_id = loaded.results()[0].id
    assert loaded.result(result_id, principal=WMP_EDITOR) is None
    assert loaded.result(result_id, principal=WAR_VIEWER) == {"secret": 1}


def test_another_partys_private_scenario_cannot_be_changed_or_deleted(loaded: Store) -> None:
    scenario = loaded.load().scenario_by_code["WAR-PLAN"]
    with pytest.raises(NotFound):
        loaded.upsert(
            "scenario", scenario.model_copy(update={"name": "x"}), actor="a", principal=WMP_EDITOR
        )
    with pytest.raises(NotFound):
        loaded.delete("scenario", "WAR-PLAN", actor="a", principal=OFFICE)
    loaded.delete("scenario", "WAR-PLAN", actor="b", principal=WAR_EDITOR)
    assert "WAR-PLAN" not in loaded.load().scenario_by_code


def test_sharing_a_private_scenario_shows_it_to_every_party(loaded: Store) -> None:
    scenario = loaded.load().scenario_by_code["WAR-PLAN"]
    loaded.upsert(
        "scenario", scenario.model_copy(update={"private": False}), actor="b", principal=WAR_EDITOR
    )
    assert "WAR-PLAN" in loaded.load(principal=WMP_EDITOR).scenario_by_code


def test_a_dry_run_rules_but_writes_nothing(loaded: Store) -> None:
    outcome = loaded.apply(
        Changeset(
            (renamed(loaded, "service", "PAY", "Pay"), renamed(loaded, "agreement", "THA", "H"))
        ),
        actor=WAR_EDITOR.name,
        principal=WAR_EDITOR,
        dry_run=True,
    )
    assert [c.key for c in outcome.applied] == ["PAY"]
    assert [c.key for c in outcome.proposed] == ["THA"] and outcome.proposals == ()
    assert loaded.load().service_by_code["PAY"].name == "Payroll"
    assert loaded.proposals() == []
