"""The Service levels page and ``/api/service-levels``: attainment, breaches, credits, net."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.reports.service_levels import ServiceLevelsSection, service_levels_section
from carveout.web.deps import WebContext
from carveout.web.inputs import scope
from carveout.web.queries.scope import ResultNote, ScenarioChoice


class RecordableLevel(BaseModel):
    """A service level a month's measurement can be recorded for, and how it is met."""

    code: str
    service: str
    describe: str


class ServiceLevelsPage(BaseModel):
    """Everything the Service levels page shows; ``section`` is None when no level is recorded."""

    scenario: ScenarioChoice
    plan: ResultNote | None
    agreement: str | None
    agreements: list[str]
    section: ServiceLevelsSection | None
    recordable: list[RecordableLevel]
    plan_from: date | None = None


def service_levels_page(
    ctx: WebContext,
    *,
    requested: str | None,
    as_of: date | None,
    agreement: str | None,
    plan_from: date | None = None,
) -> ServiceLevelsPage:
    s = scope(ctx, requested=requested, as_of=as_of, plan_from=plan_from)
    section = service_levels_section(
        portfolio=s.seen, plan=s.plan_value, as_of=s.as_of, agreement=agreement
    )
    lines = {line.code: line for line in s.seen.schedule_lines}
    tranches = s.seen.tranche_by_code
    with_levels = sorted(
        {
            tranches[lines[lv.schedule_line].tranche].agreement
            for lv in s.seen.service_levels
            if lv.schedule_line in lines and lines[lv.schedule_line].tranche in tranches
        }
    )
    return ServiceLevelsPage(
        scenario=s.choice,
        plan=s.plan_note(),
        agreement=agreement,
        plan_from=plan_from,
        agreements=with_levels,
        section=section,
        recordable=[
            RecordableLevel(
                code=lv.code,
                service=lines[lv.schedule_line].service,
                describe=lv.describe(),
            )
            for lv in sorted(s.seen.service_levels, key=lambda lv: lv.code)
            if lv.schedule_line in lines
        ],
    )
