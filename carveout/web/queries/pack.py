"""The governance pack as the dashboard holds it: the last one made as of the data date, whether
the portfolio has changed since, and the files there are to download."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlencode

from pydantic import BaseModel

from carveout.reports.build import stem_of
from carveout.reports.snapshot import Snapshot
from carveout.web.cache import ResultCache, reader
from carveout.web.queries.scope import ResultNote, ScenarioChoice, note

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
"""What each file of the pack is, as it is downloaded."""


class PackFile(BaseModel):
    """One file of the pack written by the dashboard, to download."""

    format: str
    url: str
    name: str
    bytes: int
    written: datetime


class PackView(BaseModel):
    """The Pack page and ``GET /api/pack``."""

    scenario: ScenarioChoice
    pack_note: ResultNote | None
    files: list[PackFile]


def pack_file(folder: Path, scenario: str, as_of: date, fmt: str) -> Path | None:
    """The pack of ``scenario`` as of ``as_of`` in format ``fmt``, if the dashboard wrote one."""
    if fmt not in MEDIA_TYPES:
        return None
    path = folder / f"{stem_of(scenario, as_of)}.{fmt}"
    # A scenario code never leaves the folder, but check rather than trust it.
    if path.resolve().parent != folder.resolve() or not path.is_file():
        return None
    return path


def pack_view(
    *, choice: ScenarioChoice, results: ResultCache, folder: Path, fingerprint: str
) -> PackView:
    """The newest pack made as of ``choice``'s data date (by the command or the dashboard)
    labelled as the plan is, and the files the dashboard wrote for that date."""
    found = results.get(
        scenario=choice.code, kind="report", parse=reader(Snapshot), as_of=choice.as_of
    )
    files = []
    for fmt in MEDIA_TYPES:
        path = pack_file(folder, choice.code, choice.as_of, fmt)
        if path is not None:
            stat = path.stat()
            query = urlencode({"scenario": choice.code, "as_of": choice.as_of.isoformat()})
            files.append(
                PackFile(
                    format=fmt,
                    url=f"/pack.{fmt}?{query}",
                    name=path.name,
                    bytes=stat.st_size,
                    written=datetime.fromtimestamp(stat.st_mtime, UTC),
                )
            )
    return PackView(
        scenario=choice,
        pack_note=note(found, kind="pack", fingerprint=fingerprint),
        files=files,
    )
