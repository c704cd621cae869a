"""The Pack page: write the governance pack from the dashboard and download it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from carveout.errors import NotFound
from carveout.web.deps import AsOf, ScenarioCode, WebContext
from carveout.web.engine_runs import pack_folder
from carveout.web.inputs import choose
from carveout.web.pages.render import render
from carveout.web.queries.pack import MEDIA_TYPES, PackView, pack_file, pack_view
from carveout.web.views import SeenContext

router = APIRouter()


def pack_data(ctx: WebContext, *, requested: str | None, as_of: AsOf) -> PackView:
    """What the Pack page and ``GET /api/pack`` show."""
    choice = choose(ctx, requested=requested, as_of=as_of)
    return pack_view(
        choice=choice,
        results=ctx.results,
        folder=pack_folder(ctx, choice.code),
        fingerprint=ctx.portfolio.get().fingerprint,
    )


@router.get("/pack", response_class=HTMLResponse)
def pack_page(
    request: Request, ctx: SeenContext, scenario: ScenarioCode = None, as_of: AsOf = None
) -> HTMLResponse:
    data = pack_data(ctx, requested=scenario, as_of=as_of)
    return render(
        request,
        "pack.html",
        page="pack",
        title="Pack",
        choice=data.scenario,
        data=data,
        run=ctx.jobs.running(data.scenario.code, as_of=data.scenario.as_of, kind="pack"),
    )


@router.get("/pack.{fmt}")
def download_pack(
    ctx: SeenContext, fmt: str, scenario: ScenarioCode = None, as_of: AsOf = None
) -> FileResponse:
    """The pack's PDF, HTML or plan workbook as the dashboard last wrote it for the date."""
    choice = choose(ctx, requested=scenario, as_of=as_of)
    path = pack_file(pack_folder(ctx, choice.code), choice.code, choice.as_of, fmt)
    if path is None:
        raise NotFound(
            f"No {fmt} pack of scenario {choice.code} as of {choice.as_of.isoformat()} has been "
            "written from the dashboard: press Write pack on the Pack page."
        )
    return FileResponse(path, media_type=MEDIA_TYPES[fmt], filename=path.name)
