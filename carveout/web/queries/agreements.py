"""Agreements and their tranches on a timeline, with the dates that need a decision; days left
are counted from the data date."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from carveout.domain import Portfolio
from carveout.domain.dates import exercise_by, notice_by
from carveout.web.queries.scope import ScenarioChoice


class ExtensionView(BaseModel):
    code: str
    length_months: int
    step_up: float
    notice_months: float
    exercise_by: date
    days_left: int


class TrancheView(BaseModel):
    code: str
    name: str
    start: date
    end: date
    monthly_charge: float
    services: list[str]
    days_left: int
    extensions: list[ExtensionView]


class AgreementView(BaseModel):
    code: str
    name: str
    kind: str
    provider: str
    recipients: list[str]
    start: date
    end: date | None
    notice_months: float
    notice_served: date | None
    notice_by: date | None
    terminating_party: str | None
    termination_terms: str
    tranches: list[TrancheView]


class Deadline(BaseModel):
    """A date by which someone must act: give notice, or exercise an extension."""

    day: date
    days_left: int
    what: str
    agreement: str
    tranche: str | None


class AgreementTimeline(BaseModel):
    """The Agreements page and ``GET /api/agreements``, as of ``scenario.as_of``."""

    scenario: ScenarioChoice
    agreements: list[AgreementView]
    deadlines: list[Deadline]


def agreement_timeline(*, portfolio: Portfolio, scenario: ScenarioChoice) -> AgreementTimeline:
    today = scenario.as_of
    options: dict[str, list[ExtensionView]] = {}
    deadlines: list[Deadline] = []
    tranches_of: dict[str, list[TrancheView]] = {}
    for t in sorted(portfolio.tranches, key=lambda t: (t.end, t.code)):
        exts = []
        for e in portfolio.extension_options:
            if e.tranche != t.code:
                continue
            by = exercise_by(t, e)
            exts.append(
                ExtensionView(
                    code=e.code,
                    length_months=e.length_months,
                    step_up=e.step_up,
                    notice_months=e.notice_months,
                    exercise_by=by,
                    days_left=(by - today).days,
                )
            )
            deadlines.append(
                Deadline(
                    day=by,
                    days_left=(by - today).days,
                    what=f"Exercise extension {e.code} (+{e.length_months} months, "
                    f"+{e.step_up * 100:.0f}% charge)",
                    agreement=t.agreement,
                    tranche=t.code,
                )
            )
        options[t.code] = exts
        tranches_of.setdefault(t.agreement, []).append(
            TrancheView(
                code=t.code,
                name=t.name or t.code,
                start=t.start,
                end=t.end,
                monthly_charge=t.monthly_charge,
                services=list(t.services),
                days_left=(t.end - today).days,
                extensions=exts,
            )
        )
    views = []
    for a in sorted(portfolio.agreements, key=lambda a: (a.start, a.code)):
        serve_by = notice_by(a)
        if serve_by and not a.notice_served:
            deadlines.append(
                Deadline(
                    day=serve_by,
                    days_left=(serve_by - today).days,
                    what=f"Serve notice on {a.name} ({a.notice_months:g} months)",
                    agreement=a.code,
                    tranche=None,
                )
            )
        views.append(
            AgreementView(
                code=a.code,
                name=a.name,
                kind=a.kind.value,
                provider=a.provider,
                recipients=list(a.recipients),
                start=a.start,
                end=a.end,
                notice_months=a.notice_months,
                notice_served=a.notice_served,
                notice_by=serve_by,
                terminating_party=a.terminating_party,
                termination_terms=a.termination_terms,
                tranches=tranches_of.get(a.code, []),
            )
        )
    deadlines.sort(key=lambda d: (d.day, d.agreement))
    return AgreementTimeline(scenario=scenario, agreements=views, deadlines=deadlines)
