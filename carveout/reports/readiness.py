"""Readiness alongside the plan: each service's exit gate beside its planned cut-over.

One query for the ``carveout readiness`` command, the Readiness page, ``/api/readiness``
and the governance pack's section.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from carveout.domain import Portfolio
from carveout.domain.readiness import service_gates
from carveout.planning.plan import Plan


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CriterionCell(_Part):
    """One criterion of one service's gate."""

    code: str
    criterion: str
    owner: str
    due: date
    status: str
    evidence: str


class ServiceReadiness(_Part):
    """One service's gate: criteria, what blocks it, the decision and the planned cut-over.

    ``held`` is true when the gate, not the work, sets the planned cut-over (it falls in
    the week the gate can pass).
    """

    service: str
    name: str
    state: str
    met: int
    total: int
    can_pass: date | None
    blocking: tuple[str, ...]
    decision: str | None
    approver: str | None
    decided: date | None
    planned_cutover: date | None
    held: bool
    criteria: tuple[CriterionCell, ...]


class ReadinessSection(_Part):
    """Every service with an exit gate, and the criteria names for a services × criteria grid."""

    planned: bool
    columns: tuple[str, ...]
    services: tuple[ServiceReadiness, ...]

    @property
    def ready(self) -> int:
        return sum(1 for s in self.services if s.state in ("ready", "go"))


def readiness_section(
    *, portfolio: Portfolio, plan: Plan | None, service: str | None = None
) -> ReadinessSection | None:
    """The gates of ``portfolio`` (one ``service`` if given) beside ``plan``'s cut-overs.

    None when no service has an exit criterion or decision.
    """
    gates = service_gates(portfolio.exit_criteria, portfolio.exit_decisions)
    if service is not None:
        gates = {k: v for k, v in gates.items() if k == service}
    if not gates:
        return None
    cutovers = {m.service: m.cutover for m in plan.migrations} if plan is not None else {}
    names = portfolio.service_by_code
    rows = []
    for code, gate in gates.items():
        planned = cutovers.get(code)
        can_pass = gate.can_pass
        decision = gate.decision
        rows.append(
            ServiceReadiness(
                service=code,
                name=names[code].name if code in names else code,
                state=gate.state,
                met=sum(1 for c in gate.criteria if c.status.passed),
                total=len(gate.criteria),
                can_pass=can_pass,
                blocking=tuple(
                    f"{c.criterion} ({c.owner or 'no owner'}, due {c.due})" for c in gate.blocking
                ),
                decision=decision.decision.value if decision else None,
                approver=decision.approver if decision else None,
                decided=decision.decided if decision else None,
                planned_cutover=planned,
                held=bool(planned and can_pass and 0 <= (planned - can_pass).days < 7),
                criteria=tuple(
                    CriterionCell(
                        code=c.code,
                        criterion=c.criterion,
                        owner=c.owner,
                        due=c.due,
                        status=c.status.value,
                        evidence=c.evidence,
                    )
                    for c in gate.criteria
                ),
            )
        )
    # Columns in the order the criteria were written, so every row lines up alike.
    columns = tuple(
        dict.fromkeys(c.criterion for c in portfolio.exit_criteria if c.service in gates)
    )
    return ReadinessSection(planned=plan is not None, columns=columns, services=tuple(rows))


__all__ = ["CriterionCell", "ReadinessSection", "ServiceReadiness", "readiness_section"]
