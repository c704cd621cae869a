"""Writing the governance pack: gather the inputs, build the pack, render, remember it."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from carveout.reports.contents import Pack
from carveout.reports.html import render_charts, render_html
from carveout.reports.inputs import ComputeSettings, Inputs, gather_inputs
from carveout.reports.pack import build_pack, snapshot_of
from carveout.reports.pdf import render_pdf
from carveout.reports.plan_workbook import write_plan_workbook
from carveout.reports.trade_offs import trade_offs
from carveout.storage import Store

FORMATS = ("html", "pdf")
"""The pack's formats; ``xlsx`` also writes the plan workbook beside it (as ``export-plan``)."""
READING, CHARTS, PDF, WORKBOOK = (
    "Reading the portfolio and results",
    "Drawing the charts",
    "Laying out the PDF",
    "Writing the plan workbook",
)


def stages(formats: Sequence[str]) -> tuple[str, ...]:
    """What :func:`write_report` announces, in order, when writing ``formats``."""
    return (
        READING,
        CHARTS,
        *((PDF,) if "pdf" in formats else ()),
        *((WORKBOOK,) if "xlsx" in formats else ()),
    )


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """What a report run wrote, what it was built from and how long each stage took."""

    pack: Pack
    html: Path | None
    pdf: Path | None
    computed: tuple[str, ...]
    seconds: dict[str, float]
    xlsx: Path | None = None


def pack_from(inputs: Inputs, *, generated: datetime | None = None) -> Pack:
    """The pack of gathered ``inputs``."""
    return build_pack(
        portfolio=inputs.portfolio,
        scenario=inputs.scenario,
        plan=inputs.plan,
        forecast=inputs.forecast,
        costs=inputs.costs,
        as_of=inputs.as_of,
        previous=inputs.previous,
        generated=generated or datetime.now(UTC),
        sources=[s.detail for s in inputs.sources],
        baseline=inputs.baseline,
    ).model_copy(
        update={"trade_offs": trade_offs(inputs.sweep, fingerprint=inputs.portfolio.fingerprint)}
    )


def audit_head(store: Store) -> tuple[int, str] | None:
    """The audit trail's head now (entry id, hash), for the pack to print as a witness."""
    from carveout.storage.chain import read_head

    with store.engine.connect() as connection:
        head = read_head(connection)
    return None if head is None else (head.id, head.hash)


def file_stem(pack: Pack) -> str:
    return stem_of(pack.scenario, pack.as_of)


def stem_of(scenario: str, as_of: date) -> str:
    """The name (without its suffix) of the pack of ``scenario`` as of ``as_of``: one file name,
    whatever the code holds (a code may hold ``/``, which must not lead out of the folder)."""
    name = f"board-report-{scenario}-{as_of.isoformat()}"
    return re.sub(r"[^A-Za-z0-9_.\-]", "-", name)


def write_report(
    *,
    store: Store,
    scenario: str | None,
    as_of: date | None,
    out: Path,
    actor: str,
    formats: Sequence[str] = FORMATS,
    compute_missing: bool = True,
    settings: ComputeSettings | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> ReportFiles:
    """Write the pack of ``scenario`` as of ``as_of`` into ``out`` as HTML and/or PDF (and the
    plan workbook of the same inputs when ``formats`` has ``xlsx``).

    The data date defaults to the scenario's pinned one, else today.

    Saves a snapshot (result kind ``"report"``) so the next report can show
    the progress since this one.
    """
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def stage(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = round(now - clock, 3)
        clock = now

    def announce(text: str) -> None:
        if on_stage is not None:
            on_stage(text)

    announce(READING)
    inputs = gather_inputs(
        store=store,
        scenario=scenario,
        as_of=as_of,
        compute_missing=compute_missing,
        settings=settings,
    )
    stage("inputs")
    pack = pack_from(inputs).model_copy(update={"audit_head": audit_head(store)})
    stage("pack")
    announce(CHARTS)
    charts = render_charts(pack)
    stage("charts")
    html = render_html(pack, charts)
    stage("html")
    out.mkdir(parents=True, exist_ok=True)
    stem = file_stem(pack)
    html_path = pdf_path = None
    if "html" in formats:
        html_path = out / f"{stem}.html"
        html_path.write_text(html, encoding="utf-8")
    if "pdf" in formats:
        announce(PDF)
        pdf_path = out / f"{stem}.pdf"
        pdf_path.write_bytes(render_pdf(html))
        stage("pdf")
    xlsx_path = None
    if "xlsx" in formats:
        announce(WORKBOOK)
        xlsx_path = out / f"{stem}.xlsx"
        write_plan_workbook(path=xlsx_path, inputs=inputs)
        stage("xlsx")
    store.save_result(
        scenario=pack.scenario,
        kind="report",
        payload=snapshot_of(pack, baseline=inputs.previous).model_dump(mode="json"),
        actor=actor,
        as_of=pack.as_of,
        fingerprint=inputs.portfolio.fingerprint,
    )
    stage("snapshot")
    return ReportFiles(
        pack=pack,
        html=html_path,
        pdf=pdf_path,
        computed=tuple(s.kind for s in inputs.sources if s.origin == "computed"),
        seconds=seconds,
        xlsx=xlsx_path,
    )
