"""Cross-record rules of exit readiness gates (part of :func:`validate`)."""

from __future__ import annotations

from collections.abc import Iterator

from carveout.domain.portfolio import Portfolio
from carveout.domain.readiness import GateDecision, service_gates
from carveout.domain.validation import Problem


def readiness_problems(p: Portfolio) -> Iterator[Problem]:
    """Criteria and decisions for unknown services, and a go before the criteria are met."""
    services = set(p.service_by_code)
    for kind, records in (("exit_criterion", p.exit_criteria), ("exit_decision", p.exit_decisions)):
        for record in records:
            if record.service not in services:
                yield Problem(
                    kind, record.key, "service", record.service, "the code of a known service"
                )
    gates = service_gates(p.exit_criteria, ())
    for decision in p.exit_decisions:
        gate = gates.get(decision.service)
        if decision.decision is not GateDecision.GO or gate is None:
            continue
        # Judged on the criteria as they stand now: a go needs every one met or waived.
        unmet = ", ".join(f"{c.code} ({c.status.value})" for c in gate.blocking)
        if unmet:
            yield Problem(
                "exit_decision",
                decision.key,
                "decision",
                decision.decision.value,
                f"no_go until every criterion of {decision.service} is met or waived "
                f"(not yet: {unmet})",
            )
