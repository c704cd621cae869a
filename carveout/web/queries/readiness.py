"""The Readiness page and ``/api/readiness``: each service's exit gate beside the plan."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.domain.readiness import service_gates
from carveout.reports.readiness import ReadinessSection, readiness_section
from carveout.web.deps import WebContext
from carveout.web.inputs import scope
from carveout.web.queries.scope import ResultNote, ScenarioChoice


class ReadinessPage(BaseModel):
    """Everything the Readiness page shows; ``gates`` is None when no gate is recorded.

    ``decisions`` gives the code of the decision that counts for each service that has one,
    so that it can be opened to change it.
    """

    scenario: ScenarioChoice
    plan: ResultNote | None
    service: str | None
    gates: ReadinessSection | None
    decisions: dict[str, str] = {}


def readiness_page(
    ctx: WebContext, *, requested: str | None, as_of: date | None, service: str | None
) -> ReadinessPage:
    s = scope(ctx, requested=requested, as_of=as_of)
    gates = readiness_section(portfolio=s.seen, plan=s.plan_value, service=service)
    counted = service_gates(s.seen.exit_criteria, s.seen.exit_decisions)
    decisions = {
        code: gate.decision.code for code, gate in counted.items() if gate.decision is not None
    }
    return ReadinessPage(
        scenario=s.choice, plan=s.plan_note(), service=service, gates=gates, decisions=decisions
    )
