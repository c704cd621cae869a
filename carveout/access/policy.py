"""The one access policy: who may see which records, and what happens to each change.

Pure functions of a :class:`Principal`, a change and the portfolio it applies to;
the store, every route, upload and job call them, so no route decides for itself.

**Ownership** (which parties own a record, which a record binds) is decided in
:mod:`carveout.access.ownership`.

**Roles.** ``admin`` (programme office) changes anything, proposing what binds
parties; ``editor`` changes what its party owns; ``finance`` changes its party's
drivers, its usage, the costs of the services it hosts and (by proposal) the cost
pools it is in; ``viewer`` and ``auditor`` change nothing. Everyone signed in reads
every record except another party's private scenarios (auditors read those too).

A party changes a record only if it owns it both before and after the change: it
cannot take another party's record by naming itself host, nor hand its own to
another party (the programme office can). The owners of the record before are
found in the portfolio as it stands, those after in the portfolio the change makes
(so a new service and its migration can be added together).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from carveout.access.ownership import BINDING_KINDS, binds, owners
from carveout.access.principal import PROGRAMME_OFFICE, Principal, Role
from carveout.domain import (
    Portfolio,
    Record,
    Scenario,
    Service,
)
from carveout.domain.changes import Change

WHOLE_PORTFOLIO = "portfolio"
"""The scenario code results about the whole portfolio (cost reports) are stored under."""

FINANCE_FIELDS: dict[str, frozenset[str]] = {
    "party": frozenset({"drivers"}),
    "service": frozenset({"fixed_cost", "variable_cost", "usage"}),
}
"""What a finance user may change in the records of its party."""


class Verdict(StrEnum):
    ALLOW = "allow"
    PROPOSE = "propose"
    FORBID = "forbid"


@dataclass(frozen=True, slots=True)
class Ruling:
    """What happens to one change: applied, proposed to ``needs``, or refused (``reason``)."""

    verdict: Verdict
    needs: frozenset[str] = frozenset()
    reason: str = ""


def sees_scenario(principal: Principal, scenario: Scenario) -> bool:
    """Whether ``principal`` may see ``scenario`` (and its plans, forecasts and reports)."""
    if not scenario.private or principal.role is Role.AUDITOR:
        return True
    return scenario.owner == principal.organisation


def visibility(principal: Principal) -> str:
    """What decides which records ``principal`` sees: principals with the same visibility
    see the same portfolio (a cache may share it between them)."""
    return "*" if principal.role is Role.AUDITOR else f"org:{principal.organisation}"


def sees_record(principal: Principal, record: Record | None) -> bool:
    """Whether ``principal`` may know that ``record`` exists (only private scenarios hide)."""
    return not isinstance(record, Scenario) or sees_scenario(principal, record)


def sees_result(principal: Principal, scenario: str, portfolio: Portfolio) -> bool:
    """Whether ``principal`` may see results stored under the scenario code ``scenario``.

    Results of a scenario in the portfolio follow the scenario. Results under a code the
    portfolio no longer has (the scenario was removed) might be those of a private scenario,
    so only the programme office and auditors see them; results under
    :data:`WHOLE_PORTFOLIO` (cost reports) are everyone's.
    """
    record = portfolio.scenario_by_code.get(scenario)
    if record is not None:
        return sees_scenario(principal, record)
    return scenario == WHOLE_PORTFOLIO or principal.office or principal.role is Role.AUDITOR


def visible(principal: Principal, portfolio: Portfolio) -> Portfolio:
    """``portfolio`` as ``principal`` may see it: without others' private scenarios."""
    hidden = [s for s in portfolio.scenarios if not sees_scenario(principal, s)]
    if not hidden:
        return portfolio
    return portfolio.replace(
        scenarios=tuple(s for s in portfolio.scenarios if sees_scenario(principal, s))
    )


def reads_audit(principal: Principal) -> bool:
    """Whether ``principal`` may read the audit trail and verify it."""
    return principal.role in (Role.ADMIN, Role.AUDITOR)


def manages_users(principal: Principal) -> bool:
    """Whether ``principal`` may add, change and disable users."""
    return principal.role is Role.ADMIN and principal.organisation == PROGRAMME_OFFICE


def runs_engines(principal: Principal, scenario: Scenario) -> bool:
    """Whether ``principal`` may plan, forecast or report on ``scenario`` (results are stored)."""
    return principal.writes and sees_scenario(principal, scenario)


def approves(principal: Principal, kind: str) -> bool:
    """Whether ``principal``'s role may approve or reject a proposed change to a ``kind``
    record for its party (the roles that could propose it)."""
    return principal.writes and (principal.role is not Role.FINANCE or kind == "cost_pool")


def rule(
    principal: Principal, change: Change, portfolio: Portfolio, result: Portfolio | None = None
) -> Ruling:
    """What happens to ``change`` made by ``principal`` to ``portfolio`` (as it stands);
    ``result`` is the portfolio the change (with the others made with it) would leave."""
    if not principal.writes:
        return Ruling(Verdict.FORBID, reason=f"a {principal.role.value} changes nothing")
    records = [r for r in (change.before, change.after) if r is not None]
    if any(not sees_record(principal, r) for r in records):
        return Ruling(Verdict.FORBID, reason="another party's private scenario")
    after = portfolio if result is None else result
    if change.kind in BINDING_KINDS:
        return _binding(principal, change, portfolio, after)
    if principal.role is Role.ADMIN and principal.office:
        return Ruling(Verdict.ALLOW)
    states = [
        owners(change.kind, record, where)
        for record, where in ((change.before, portfolio), (change.after, after))
        if record is not None
    ]
    if all(principal.organisation in owned for owned in states):
        if principal.role in (Role.ADMIN, Role.EDITOR) or _finance_may(principal, change):
            return Ruling(Verdict.ALLOW)
        return Ruling(Verdict.FORBID, reason=_finance_reason(change))
    if _own_usage_only(principal, change):
        return Ruling(Verdict.ALLOW)
    whose = ", ".join(sorted(frozenset().union(*states))) or "the programme office"
    return Ruling(Verdict.FORBID, reason=f"{change.kind} {change.key} belongs to {whose}")


def _binding(
    principal: Principal, change: Change, portfolio: Portfolio, result: Portfolio
) -> Ruling:
    bound = frozenset().union(
        *(
            binds(change.kind, record, where)
            for record, where in ((change.before, portfolio), (change.after, result))
            if record is not None
        )
    )
    allowed = principal.role in (Role.ADMIN, Role.EDITOR) or (
        principal.role is Role.FINANCE and change.kind == "cost_pool"
    )
    if not allowed:
        return Ruling(Verdict.FORBID, reason=f"a {principal.role.value} cannot change it")
    if not principal.office and principal.organisation not in bound:
        whose = ", ".join(sorted(bound)) or "no party"
        return Ruling(Verdict.FORBID, reason=f"{change.kind} {change.key} binds {whose}")
    needs = bound - {principal.organisation}
    if not needs:
        return Ruling(Verdict.ALLOW)
    return Ruling(Verdict.PROPOSE, needs=needs)


def _changed_fields(change: Change) -> set[str]:
    before = change.before.model_dump() if change.before is not None else {}
    after = change.after.model_dump() if change.after is not None else {}
    return {name for name in {**before, **after} if before.get(name) != after.get(name)}


def _finance_may(principal: Principal, change: Change) -> bool:
    allowed = FINANCE_FIELDS.get(change.kind)
    if principal.role is not Role.FINANCE or allowed is None or change.action != "changed":
        return False
    fields = _changed_fields(change)
    if isinstance(change.before, Service) and fields & {"fixed_cost", "variable_cost"}:
        # The cost of a service is its host's to state, not its future provider's.
        return fields <= allowed and change.before.host == principal.organisation
    return fields <= allowed


def _finance_reason(change: Change) -> str:
    allowed = FINANCE_FIELDS.get(change.kind)
    if allowed is None:
        return f"a finance user changes no {change.kind}"
    return f"a finance user changes only the {', '.join(sorted(allowed))} of a {change.kind}"


def _own_usage_only(principal: Principal, change: Change) -> bool:
    """A consumer party changing nothing but its own usage of a service."""
    if change.kind != "service" or change.action != "changed":
        return False
    if principal.role not in (Role.EDITOR, Role.FINANCE):
        return False
    before, after = change.before, change.after
    if not isinstance(before, Service) or not isinstance(after, Service):
        return False
    if principal.organisation not in before.consumers or _changed_fields(change) != {"usage"}:
        return False
    others = {p: u for p, u in before.usage.items() if p != principal.organisation}
    return others == {p: u for p, u in after.usage.items() if p != principal.organisation}


def ruling_label(ruling: Ruling) -> str:
    """The ruling in a sentence for an error message or a page."""
    if ruling.verdict is Verdict.ALLOW:
        return "allowed"
    if ruling.verdict is Verdict.PROPOSE:
        return "proposed: waits for " + ", ".join(sorted(ruling.needs)) + " to approve"
    return "refused: " + ruling.reason


__all__ = [
    "BINDING_KINDS",
    "WHOLE_PORTFOLIO",
    "Ruling",
    "Verdict",
    "approves",
    "binds",
    "manages_users",
    "owners",
    "reads_audit",
    "rule",
    "ruling_label",
    "runs_engines",
    "sees_record",
    "sees_result",
    "sees_scenario",
    "visibility",
    "visible",
]
