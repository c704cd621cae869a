"""The Agreements timeline page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from carveout.web import charts, views
from carveout.web.deps import AsOf, ScenarioCode
from carveout.web.pages import charges
from carveout.web.pages.render import render
from carveout.web.queries.agreements import AgreementTimeline
from carveout.web.views import SeenContext

router = APIRouter()
router.include_router(charges.router)  # the Charges page, reached from this one


def timeline_rows(data: AgreementTimeline) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Bars (agreements and their tranches) and deadline marks, labelled alike."""
    bars: list[dict[str, Any]] = []
    marks: list[dict[str, Any]] = []
    horizon = max([data.scenario.as_of, *(t.end for a in data.agreements for t in a.tranches)])
    for a in data.agreements:
        label = f"{a.code} · {a.name}"[:48]
        end = a.end or horizon
        bars.append(
            {"label": label, "start": a.start.isoformat(), "end": end.isoformat(), "kind": a.kind}
        )
        if a.notice_by and not a.notice_served:
            marks.append({"label": label, "day": a.notice_by.isoformat(), "what": "serve notice"})
        if a.notice_served:
            marks.append(
                {"label": label, "day": a.notice_served.isoformat(), "what": "notice served"}
            )
        for t in a.tranches:
            t_label = f"  {t.code} · {t.name}"[:48]
            bars.append(
                {
                    "label": t_label,
                    "start": t.start.isoformat(),
                    "end": t.end.isoformat(),
                    "kind": "tranche",
                }
            )
            marks.extend(
                {
                    "label": t_label,
                    "day": e.exercise_by.isoformat(),
                    "what": f"exercise {e.code} by",
                }
                for e in t.extensions
            )
    return bars, marks


@router.get("/agreements", response_class=HTMLResponse)
def agreements_page(
    request: Request, ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    data = views.agreements_data(ctx, requested=scenario, as_of=as_of)
    bars, marks = timeline_rows(data)
    spec = charts.timeline(bars, marks, today=data.scenario.as_of)
    return render(
        request,
        "agreements.html",
        page="agreements",
        title="Agreements",
        choice=data.scenario,
        data=data,
        charts={"timeline": spec},
    )
