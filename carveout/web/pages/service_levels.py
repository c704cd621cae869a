"""The Service levels page: attainment month by month, breaches, credits and charges net of them,
with a form to record one month's measurements."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from carveout.domain.changes import Change, Changeset
from carveout.domain.service_levels import ServiceLevelMeasurement
from carveout.errors import Forbidden, ValidationFailed
from carveout.web.deps import AsOf, PlanAsOf, ScenarioCode
from carveout.web.pages.render import render
from carveout.web.queries.service_levels import service_levels_page
from carveout.web.templating import kept
from carveout.web.views import SeenContext
from carveout.web.writing import Writes

router = APIRouter()

AgreementCode = Annotated[
    str | None, Query(max_length=64, description="Only this agreement's service levels.")
]


def _page(
    request: Request,
    ctx: SeenContext,
    *,
    scenario: str | None,
    as_of: date | None,
    agreement: str | None,
    posted: dict[str, str] | None = None,
    problems: list[str] | None = None,
    status: int = 200,
    plan_from: date | None = None,
) -> HTMLResponse:
    data = service_levels_page(
        ctx, requested=scenario, as_of=as_of, agreement=agreement, plan_from=plan_from
    )
    return render(
        request,
        "service_levels.html",
        page="service-levels",
        title="Service levels",
        status=status,
        choice=data.scenario,
        data=data,
        posted=posted or {},
        problems=problems or [],
        recorded=request.query_params.get("recorded", ""),
        keep=kept(request),
    )


@router.get("/service-levels", response_class=HTMLResponse)
def service_levels_html(
    request: Request,
    ctx: SeenContext,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    agreement: AgreementCode = None,
    plan_as_of: PlanAsOf = None,
) -> HTMLResponse:
    return _page(
        request, ctx, scenario=scenario, as_of=as_of, agreement=agreement, plan_from=plan_as_of
    )


@router.post("/service-levels/record", response_class=HTMLResponse)
async def record_month(
    request: Request,
    w: Writes,
    scenario: ScenarioCode = None,
    as_of: AsOf = None,
    agreement: AgreementCode = None,
) -> Response:
    """Record the values measured in one month (blank: not measured), all or nothing."""
    posted = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    measurements, problems = parse_month(posted)
    if not problems:
        changes = tuple(Change("service_level_measurement", m.key, None, m) for m in measurements)
        try:
            w.ctx.store.apply(
                Changeset(changes),
                actor=w.principal.name,
                principal=w.principal,
                request_id=w.request_id,
            )
        except ValidationFailed as error:
            problems = [str(p) for p in error.problems] or [str(error)]
        except Forbidden as error:
            problems = [str(r) for r in getattr(error, "refusals", [])] or [str(error)]
            return _page(
                request, w.ctx, scenario=scenario, as_of=as_of, agreement=agreement,
                posted=posted, problems=problems, status=403,
            )  # fmt: skip
    if problems:
        return _page(
            request, w.ctx, scenario=scenario, as_of=as_of, agreement=agreement,
            posted=posted, problems=problems, status=422,
        )  # fmt: skip
    kept = {
        k: v for k, v in request.query_params.items() if k in ("scenario", "as_of", "agreement")
    }
    query = urlencode({**kept, "recorded": f"{len(measurements)} for {posted.get('month', '')}"})
    return RedirectResponse(f"/service-levels?{query}#record", status_code=303)


def parse_month(posted: dict[str, str]) -> tuple[list[ServiceLevelMeasurement], list[str]]:
    """The measurements a posted form holds (``month`` as YYYY-MM, ``value:<level>`` and
    ``note:<level>`` per service level), or what is wrong with it, naming the field."""
    text = posted.get("month", "").strip()
    try:
        month = date.fromisoformat(f"{text}-01" if len(text) == 7 else text).replace(day=1)
    except ValueError:
        return [], [f"month = {text!r}: a month, written YYYY-MM (e.g. 2022-01)"]
    made: list[ServiceLevelMeasurement] = []
    problems: list[str] = []
    for name, raw in sorted(posted.items()):
        if not name.startswith("value:") or not raw.strip():
            continue
        level = name.removeprefix("value:")
        try:  # the value is text here: the model reads it as a number, as from a workbook
            made.append(
                ServiceLevelMeasurement(
                    code=f"{level}/{month:%Y-%m}",
                    service_level=level,
                    month=month,
                    value=raw.strip(),
                    note=posted.get(f"note:{level}", ""),
                )
            )
        except ValidationError as error:
            for e in error.errors():
                where = ".".join(str(p) for p in e["loc"]) or "value"
                problems.append(f"{level}, {where} = {raw!r}: {e['msg']}")
    if not made and not problems:
        problems.append("no value was given: fill in the value measured for at least one level")
    return made, problems
