"""The access policy: ownership, roles, binding records and private scenarios."""

from __future__ import annotations

from datetime import date

import pytest

from carveout.access import PROGRAMME_OFFICE, Principal, Role
from carveout.access.ownership import owners
from carveout.access.policy import (
    Verdict,
    rule,
    sees_result,
    sees_scenario,
    visibility,
    visible,
)
from carveout.access.principal import Scope
from carveout.domain import Portfolio, RaidEntry, Scenario, Service, Team
from carveout.domain.changes import Change
from tests.conftest import build_small_portfolio


def who(organisation: str, role: Role, scope: Scope = Scope.WRITE) -> Principal:
    return Principal(
        name=f"{role.value}@{organisation}", organisation=organisation, role=role, scope=scope
    )


@pytest.fixture
def portfolio() -> Portfolio:
    base = build_small_portfolio()
    return base.replace(
        teams=(*base.teams, Team(code="WAR-TEAM", name="Warwickshire team", party="WAR")),
        raid=(*base.raid, RaidEntry(code="R-WAR", kind="risk", title="A", raised_by="WAR")),
        scenarios=(
            *base.scenarios,
            Scenario(
                code="WAR-ONLY", name="Ours", start=date(2022, 1, 1), owner="WAR", private=True
            ),
        ),
    )


def change(portfolio: Portfolio, kind: str, key: str, **update: object) -> Change:
    before = portfolio.by_key(kind)[key]
    return Change(kind, key, before, before.model_copy(update=update))


def test_a_service_belongs_to_its_host_and_its_destination(portfolio: Portfolio) -> None:
    cad = portfolio.service_by_code["CAD"]
    assert owners("service", cad, portfolio) == {"WMP", "WMID"}


def test_an_editor_changes_a_record_its_party_owns(portfolio: Portfolio) -> None:
    ruling = rule(who("WMP", Role.EDITOR), change(portfolio, "service", "CAD", name="x"), portfolio)
    assert ruling.verdict is Verdict.ALLOW


def test_an_editor_cannot_change_another_partys_record(portfolio: Portfolio) -> None:
    ruling = rule(who("WAR", Role.EDITOR), change(portfolio, "service", "CAD", name="x"), portfolio)
    assert ruling.verdict is Verdict.FORBID
    assert "belongs to WMID, WMP" in ruling.reason


def test_an_editor_cannot_take_a_record_by_naming_its_party_host(portfolio: Portfolio) -> None:
    taken = change(portfolio, "service", "RMS", host="WAR")
    assert rule(who("WAR", Role.EDITOR), taken, portfolio).verdict is Verdict.FORBID


def test_an_editor_cannot_hand_its_record_to_another_party(portfolio: Portfolio) -> None:
    given = change(portfolio, "service", "RMS", host="STAFF")
    assert rule(who("WMP", Role.EDITOR), given, portfolio).verdict is Verdict.FORBID
    assert rule(who(PROGRAMME_OFFICE, Role.ADMIN), given, portfolio).verdict is Verdict.ALLOW


def test_a_new_record_is_judged_by_the_portfolio_it_makes(portfolio: Portfolio) -> None:
    new = Service(code="NEW", name="New", kind="application", host="WAR", consumers=("WAR",))
    result = portfolio.replace(services=(*portfolio.services, new))
    added = Change("service", "NEW", None, new)
    assert rule(who("WAR", Role.EDITOR), added, portfolio, result).verdict is Verdict.ALLOW
    assert rule(who("WMP", Role.EDITOR), added, portfolio, result).verdict is Verdict.FORBID


def test_a_finance_user_changes_its_partys_drivers_and_not_its_name(portfolio: Portfolio) -> None:
    finance = who("WAR", Role.FINANCE)
    drivers = change(
        portfolio,
        "party",
        "WAR",
        drivers={"officers": 1},
    )
    renamed = change(portfolio, "party", "WAR", name="Renamed")
    assert rule(finance, drivers, portfolio).verdict is Verdict.ALLOW
    refused = rule(finance, renamed, portfolio)
    assert refused.verdict is Verdict.FORBID and "drivers" in refused.reason


def test_only_the_host_states_the_cost_of_a_service(portfolio: Portfolio) -> None:
    cheaper = change(portfolio, "service", "CAD", fixed_cost=1.0)
    assert rule(who("WMP", Role.FINANCE), cheaper, portfolio).verdict is Verdict.ALLOW
    assert rule(who("WMID", Role.FINANCE), cheaper, portfolio).verdict is Verdict.FORBID


def test_a_consumer_changes_its_own_usage_and_no_one_elses(portfolio: Portfolio) -> None:
    cad = portfolio.service_by_code["CAD"]
    own = change(portfolio, "service", "CAD", usage={**cad.usage, "WAR": 1.0})
    other = change(portfolio, "service", "CAD", usage={**cad.usage, "WMP": 1.0})
    assert rule(who("WAR", Role.EDITOR), own, portfolio).verdict is Verdict.ALLOW
    assert rule(who("WAR", Role.EDITOR), other, portfolio).verdict is Verdict.FORBID


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AUDITOR])
def test_viewers_and_auditors_change_nothing(portfolio: Portfolio, role: Role) -> None:
    ruling = rule(who("WMP", role), change(portfolio, "service", "CAD", name="x"), portfolio)
    assert ruling.verdict is Verdict.FORBID


def test_a_read_only_token_changes_nothing(portfolio: Portfolio) -> None:
    token = who("WMP", Role.EDITOR, Scope.READ)
    assert rule(token, change(portfolio, "service", "CAD", name="x"), portfolio).verdict is (
        Verdict.FORBID
    )


def test_a_change_to_an_agreement_waits_for_the_other_parties(portfolio: Portfolio) -> None:
    ruling = rule(
        who("WAR", Role.EDITOR), change(portfolio, "agreement", "THA", name="x"), portfolio
    )
    assert ruling.verdict is Verdict.PROPOSE
    assert ruling.needs == {"WMP", "WMID"}


def test_the_programme_office_proposes_binding_changes_to_every_party(
    portfolio: Portfolio,
) -> None:
    ruling = rule(
        who(PROGRAMME_OFFICE, Role.ADMIN),
        change(portfolio, "tranche", "THA-1", name="x"),
        portfolio,
    )
    assert ruling.verdict is Verdict.PROPOSE and ruling.needs == {"WMP", "WAR", "WMID"}


def test_a_party_an_agreement_does_not_bind_cannot_propose_to_it(portfolio: Portfolio) -> None:
    ruling = rule(
        who("STAFF", Role.EDITOR), change(portfolio, "agreement", "THA", name="x"), portfolio
    )
    assert ruling.verdict is Verdict.FORBID


def test_a_private_scenario_is_seen_by_its_owner_and_auditors_only(portfolio: Portfolio) -> None:
    private = portfolio.scenario_by_code["WAR-ONLY"]
    assert sees_scenario(who("WAR", Role.VIEWER), private)
    assert sees_scenario(who("WMP", Role.AUDITOR), private)
    assert not sees_scenario(who("WMP", Role.EDITOR), private)
    assert not sees_scenario(who(PROGRAMME_OFFICE, Role.ADMIN), private)
    assert "WAR-ONLY" not in visible(who("WMP", Role.VIEWER), portfolio).scenario_by_code
    assert visible(who("WAR", Role.VIEWER), portfolio) is portfolio


def test_another_partys_private_scenario_cannot_be_changed(portfolio: Portfolio) -> None:
    ruling = rule(
        who("WMP", Role.EDITOR), change(portfolio, "scenario", "WAR-ONLY", name="x"), portfolio
    )
    assert ruling.verdict is Verdict.FORBID and "private" in ruling.reason


def test_results_follow_their_scenario(portfolio: Portfolio) -> None:
    assert not sees_result(who("WMP", Role.EDITOR), "WAR-ONLY", portfolio)
    assert sees_result(who("WAR", Role.EDITOR), "WAR-ONLY", portfolio)
    assert sees_result(who("WMP", Role.EDITOR), "portfolio", portfolio)
    # A removed scenario's results might have been private: the office and auditors only.
    assert not sees_result(who("WMP", Role.EDITOR), "GONE", portfolio)
    assert sees_result(who(PROGRAMME_OFFICE, Role.ADMIN), "GONE", portfolio)


def test_principals_who_see_alike_share_a_visibility() -> None:
    assert visibility(who("WMP", Role.EDITOR)) == visibility(who("WMP", Role.VIEWER))
    assert visibility(who("WMP", Role.AUDITOR)) == visibility(who("WAR", Role.AUDITOR))
    assert visibility(who("WMP", Role.EDITOR)) != visibility(who("WAR", Role.EDITOR))


def test_a_party_raises_and_owns_its_raid_entries(portfolio: Portfolio) -> None:
    entry = change(portfolio, "raid", "R-WAR", title="B")
    assert rule(who("WAR", Role.EDITOR), entry, portfolio).verdict is Verdict.ALLOW
    assert rule(who("WMP", Role.EDITOR), entry, portfolio).verdict is Verdict.FORBID
