"""Service levels and credits: attainment month by month, breaches, and charges net of credits.

One query for the ``carveout service-levels`` command, the Service levels page,
``/api/service-levels`` and the governance pack's appendix.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from carveout.charges.credits import Attainment, Credits, service_credits
from carveout.charges.expected import exits, expected_charges
from carveout.domain import Portfolio, ScheduleLine
from carveout.domain.service_levels import ServiceLevel
from carveout.formatting import after_data_date
from carveout.planning.plan import Plan


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LevelMonth(_Part):
    """One service level in one month: the value measured (None: not measured)."""

    month: date
    measured: float | None
    attainment: str
    credit: float
    note: str
    evidence: str


class LevelRow(_Part):
    """One service level: its line, what it commits to, and its months."""

    code: str
    schedule_line: str
    agreement: str
    service: str
    metric: str
    unit: str
    target: float
    direction: str
    describe: str
    credit_percent: float
    cap_percent: float | None
    met: int
    breached: int
    not_measured: int
    months: tuple[LevelMonth, ...]


class Breach(_Part):
    """A month in which a service level missed its target, and the credit it earned."""

    service_level: str
    service: str
    describe: str
    month: date
    measured: float
    credit_percent: float
    credit: float
    note: str


class LineMonth(_Part):
    """The credits of one schedule line in one month (after its at-risk cap)."""

    schedule_line: str
    agreement: str
    service: str
    month: date
    charge: float
    percent: float
    credit: float
    net: float


class Owed(_Part):
    """Charges, credits and what is owed once they are set off, for one party or month."""

    agreement: str
    party: str | None
    month: date | None
    expected: float
    credits: float
    net: float


class ServiceLevelsSection(_Part):
    """Every service level's months, the breaches, the credits and the charges net of them.

    ``owed`` is by agreement and paying party, ``by_month`` by month, both over the
    agreements with service levels (or the one chosen).
    """

    as_of: date
    basis: str
    months: tuple[date, ...]
    levels: tuple[LevelRow, ...]
    breaches: tuple[Breach, ...]
    lines: tuple[LineMonth, ...]
    owed: tuple[Owed, ...]
    by_month: tuple[Owed, ...]
    credits: float
    expected: float
    net: float
    later: str = ""


def service_levels_section(
    *,
    portfolio: Portfolio,
    plan: Plan | None,
    as_of: date,
    agreement: str | None = None,
) -> ServiceLevelsSection | None:
    """The section for every agreement with service levels (or ``agreement``), or None
    when no service level is recorded there."""
    agreement_of = _agreements_of_levels(portfolio)
    chosen = {agreement} if agreement is not None else set(agreement_of.values())
    levels = [lv for lv in portfolio.service_levels if agreement_of.get(lv.code) in chosen]
    codes = {lv.code for lv in levels}
    if not levels:
        return None
    cutovers = {m.service: m.cutover for m in plan.migrations} if plan is not None else {}
    expected = expected_charges(portfolio, exit_of=exits(portfolio, cutovers), as_of=as_of)
    credits = service_credits(portfolio, expected, as_of=as_of)
    basis = f"the plan of {plan.scenario} as of {plan.as_of:%d %b %Y}" if plan else "the contract"
    lines = {line.code: line for line in portfolio.schedule_lines}
    rows = _level_rows(credits, levels, lines, agreement_of)
    owed = credits.totals("party")
    monthly = _monthly(credits, chosen)
    return ServiceLevelsSection(
        as_of=as_of,
        basis=basis,
        months=tuple(sorted({m.month for r in rows for m in r.months})),
        levels=tuple(rows),
        breaches=tuple(
            Breach(
                service_level=r.level.code,
                service=r.line.service,
                describe=r.level.describe(),
                month=r.month,
                measured=r.measured or 0.0,
                credit_percent=r.level.credit_percent,
                credit=r.credit,
                note=r.measurement.note if r.measurement else "",
            )
            for r in credits.breaches
            if agreement_of.get(r.level.code) in chosen
        ),
        lines=tuple(
            LineMonth(
                schedule_line=c.line.code,
                agreement=c.agreement,
                service=c.line.service,
                month=c.month,
                charge=c.charge,
                percent=c.percent,
                credit=c.credit,
                net=c.net,
            )
            for c in credits.lines
            if c.agreement in chosen
        ),
        owed=tuple(
            Owed(agreement=k[0], party=k[1], month=None, expected=v[0], credits=v[1], net=v[2])
            for k, v in owed.items()
            if isinstance(k, tuple) and k[0] in chosen
        ),
        by_month=tuple(monthly),
        credits=round(sum(o.credits for o in monthly), 2),
        expected=round(sum(o.expected for o in monthly), 2),
        net=round(sum(o.net for o in monthly), 2),
        later=after_data_date(
            credits.later_of(codes),
            ("service-level measurement", "service-level measurements"),
            as_of,
            "no credit is counted for them as of this date",
        ),
    )


def _agreements_of_levels(portfolio: Portfolio) -> dict[str, str]:
    lines = {line.code: line for line in portfolio.schedule_lines}
    found: dict[str, str] = {}
    for level in portfolio.service_levels:
        line = lines.get(level.schedule_line)
        tranche = portfolio.tranche_by_code.get(line.tranche) if line else None
        if tranche is not None:
            found[level.code] = tranche.agreement
    return found


def _level_rows(
    credits: Credits,
    levels: list[ServiceLevel],
    lines: dict[str, ScheduleLine],
    agreement_of: dict[str, str],
) -> list[LevelRow]:
    by_level: dict[str, list[LevelMonth]] = {level.code: [] for level in levels}
    for r in credits.readings:
        if r.level.code in by_level:
            by_level[r.level.code].append(
                LevelMonth(
                    month=r.month,
                    measured=r.measured,
                    attainment=r.attainment.value,
                    credit=r.credit,
                    note=r.measurement.note if r.measurement else "",
                    evidence=r.measurement.evidence if r.measurement else "",
                )
            )
    rows = []
    for level in sorted(levels, key=lambda lv: lv.code):
        months = by_level[level.code]
        rows.append(
            LevelRow(
                code=level.code,
                schedule_line=level.schedule_line,
                agreement=agreement_of[level.code],
                service=lines[level.schedule_line].service,
                metric=level.metric,
                unit=level.unit,
                target=level.target,
                direction=level.direction.value,
                describe=level.describe(),
                credit_percent=level.credit_percent,
                cap_percent=level.cap_percent,
                met=sum(1 for m in months if m.attainment == Attainment.MET),
                breached=sum(1 for m in months if m.attainment == Attainment.BREACHED),
                not_measured=sum(1 for m in months if m.attainment == Attainment.NOT_MEASURED),
                months=tuple(months),
            )
        )
    return rows


def _monthly(credits: Credits, chosen: set[str]) -> list[Owed]:
    """Expected, credits and net by agreement and month, to the penny."""
    sums: dict[tuple[str, date], list[int]] = {}
    for o in credits.offsets:
        e = o.expected
        if e.agreement in chosen:
            row = sums.setdefault((e.agreement, e.month), [0, 0])
            row[0] += round(e.amount * 100)
            row[1] += round(o.credit * 100)
    return [
        Owed(
            agreement=code,
            party=None,
            month=month,
            expected=owed / 100,
            credits=credit / 100,
            net=(owed - credit) / 100,
        )
        for (code, month), (owed, credit) in sorted(sums.items())
    ]


__all__ = ["Breach", "LevelMonth", "LevelRow", "LineMonth", "Owed", "ServiceLevelsSection"]
