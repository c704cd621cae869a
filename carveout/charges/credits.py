"""Service levels month by month: attainment, breaches, and the credits set off against charges.

For each service level and month: **met** or **breached** when a value was measured,
**not measured** when none was for a month before the data date in which the line
was charged. Measurements are facts as of the data date: those of months that began
on or after it are not yet known, so they earn no credit (``Credits.later`` holds
them). A breach earns its ``credit_percent`` of the line's expected charge for that
month (:mod:`carveout.charges.expected`, the one definition of the charge); the
credits of one line in one month add up and are capped at the line's at-risk amount
(``cap_percent``, never more than the charge). Each payer's share of the charge
carries the same share of the credit, in whole pennies, so that the net charge plus
the credit is the expected charge to the penny.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carveout.charges.expected import Expected
from carveout.domain import Portfolio, ScheduleLine
from carveout.domain.dates import is_to_date
from carveout.domain.service_levels import ServiceLevel, ServiceLevelMeasurement


class Attainment(StrEnum):
    """How a service level fared in one month."""

    MET = "met"
    BREACHED = "breached"
    NOT_MEASURED = "not_measured"


@dataclass(frozen=True, slots=True)
class Reading:
    """One service level in one month: what was measured, whether it met the target, and
    the part of the line's credit that month due to this breach (0 unless breached)."""

    level: ServiceLevel
    line: ScheduleLine
    month: date
    measurement: ServiceLevelMeasurement | None
    attainment: Attainment
    credit: float

    @property
    def measured(self) -> float | None:
        return None if self.measurement is None else self.measurement.value


@dataclass(frozen=True, slots=True)
class LineCredit:
    """The credits of one schedule line in one month: its charge, the service levels it
    breached, the percentage of the charge credited (after the cap) and the credit."""

    line: ScheduleLine
    agreement: str
    month: date
    charge: float
    breached: tuple[str, ...]
    percent: float
    credit: float

    @property
    def net(self) -> float:
        return round(self.charge - self.credit, 2)


@dataclass(frozen=True, slots=True)
class Offset:
    """One expected charge (one payer, service and month) and the credit set off against it."""

    expected: Expected
    credit: float

    @property
    def net(self) -> float:
        return _pounds(_pennies(self.expected.amount) - _pennies(self.credit))


@dataclass(frozen=True, slots=True)
class Credits:
    """Every reading, every line-month with a breach, and every expected charge net of credits."""

    readings: tuple[Reading, ...]
    lines: tuple[LineCredit, ...]
    offsets: tuple[Offset, ...]
    later: tuple[ServiceLevelMeasurement, ...] = ()
    """The measurements of months from the data date on: not yet known, so not counted."""

    def later_of(self, levels: set[str]) -> int:
        """How many of :attr:`later` measure one of ``levels`` (service-level codes)."""
        return sum(1 for m in self.later if m.service_level in levels)

    @property
    def breaches(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.attainment is Attainment.BREACHED)

    @property
    def total(self) -> float:
        """Every credit due, in pounds."""
        return _pounds(sum(_pennies(o.credit) for o in self.offsets))

    def by_payer(self) -> dict[tuple[str, str], float]:
        """The credits due to each paying party under each agreement, to the penny."""
        sums: dict[tuple[str, str], int] = {}
        for o in self.offsets:
            key = (o.expected.agreement, o.expected.payer)
            sums[key] = sums.get(key, 0) + _pennies(o.credit)
        return {k: _pounds(v) for k, v in sums.items() if v}

    def totals(self, by: str) -> dict[tuple[str, ...] | date, tuple[float, float, float]]:
        """Expected, credits and net by ``agreement``, ``party`` (agreement and payer) or
        ``month``, each to the penny."""
        sums: dict[tuple[str, ...] | date, list[int]] = {}
        for o in self.offsets:
            e = o.expected
            key: tuple[str, ...] | date = e.month
            if by == "agreement":
                key = (e.agreement,)
            elif by == "party":
                key = (e.agreement, e.payer)
            row = sums.setdefault(key, [0, 0])
            row[0] += _pennies(e.amount)
            row[1] += _pennies(o.credit)
        return {
            k: (_pounds(owed), _pounds(credit), _pounds(owed - credit))
            for k, (owed, credit) in sorted(sums.items(), key=lambda kv: str(kv[0]))
        }


def service_credits(portfolio: Portfolio, expected: Iterable[Expected], *, as_of: date) -> Credits:
    """Attainment of every service level month by month, and the credits it earns.

    ``expected`` are the expected charges (:func:`~carveout.charges.expected.expected_charges`);
    the credits are set off against them, and every one comes back as an :class:`Offset`.
    """
    rows = list(expected)
    by_line: dict[tuple[str, str, str, date], list[Expected]] = {}
    charged: dict[tuple[str, str, str], set[date]] = {}
    for e in rows:
        by_line.setdefault((e.tranche, e.service, e.direction.value, e.month), []).append(e)
        charged.setdefault((e.tranche, e.service, e.direction.value), set()).add(e.month)
    lines = {line.code: line for line in portfolio.schedule_lines}
    known = [m for m in portfolio.service_level_measurements if is_to_date(m.month, as_of)]
    later = tuple(m for m in portfolio.service_level_measurements if not is_to_date(m.month, as_of))
    measured = {(m.service_level, m.month): m for m in known}
    measured_months: dict[str, set[date]] = {}
    for code, month in measured:
        measured_months.setdefault(code, set()).add(month)
    first_open = as_of.replace(day=1)
    readings: list[Reading] = []
    for level in sorted(portfolio.service_levels, key=lambda s: s.code):
        line = lines.get(level.schedule_line)
        if line is None:
            continue
        months = set(measured_months.get(level.code, ()))
        months |= {m for m in charged.get(_line_key(line), ()) if m < first_open}
        for month in sorted(months):
            found = measured.get((level.code, month))
            if found is None:
                state = Attainment.NOT_MEASURED
            elif level.direction.met(found.value, level.target):
                state = Attainment.MET
            else:
                state = Attainment.BREACHED
            readings.append(Reading(level, line, month, found, state, 0.0))
    line_credits, credit_of, part_of = _line_credits(readings, by_line, portfolio)
    readings = [
        Reading(r.level, r.line, r.month, r.measurement, r.attainment, part_of.get(id(r), 0.0))
        for r in readings
    ]
    offsets = tuple(Offset(e, credit_of.get(id(e), 0.0)) for e in rows)
    return Credits(tuple(readings), tuple(line_credits), offsets, later)


def _line_key(line: ScheduleLine) -> tuple[str, str, str]:
    return line.tranche, line.service, line.direction.value


def _line_credits(
    readings: list[Reading],
    by_line: dict[tuple[str, str, str, date], list[Expected]],
    portfolio: Portfolio,
) -> tuple[list[LineCredit], dict[int, float], dict[int, float]]:
    """Each line-month with a breach, the credit of each expected charge and of each breach
    (both by the object's id)."""
    breaches: dict[tuple[str, date], list[Reading]] = {}
    for r in readings:
        if r.attainment is Attainment.BREACHED:
            breaches.setdefault((r.line.code, r.month), []).append(r)
    caps: dict[str, float] = {}
    for level in portfolio.service_levels:
        caps[level.schedule_line] = min(caps.get(level.schedule_line, 100.0), level.cap)
    found: list[LineCredit] = []
    credit_of: dict[int, float] = {}
    part_of: dict[int, float] = {}
    for (code, month), missed in sorted(breaches.items()):
        line = missed[0].line
        percent = min(caps.get(code, 100.0), sum(r.level.credit_percent for r in missed), 100.0)
        charges = by_line.get((*_line_key(line), month), [])
        owed = credit = 0
        for e in charges:
            pennies = _pennies(e.amount)
            share = min(pennies, round(pennies * percent / 100))
            credit_of[id(e)] = _pounds(share)
            owed += pennies
            credit += share
        weights = [r.level.credit_percent for r in missed]
        for r, part in zip(missed, _split(credit, weights), strict=True):
            part_of[id(r)] = _pounds(part)
        tranche = portfolio.tranche_by_code.get(line.tranche)
        found.append(
            LineCredit(
                line=line,
                agreement=charges[0].agreement
                if charges
                else (tranche.agreement if tranche else ""),
                month=month,
                charge=_pounds(owed),
                breached=tuple(r.level.code for r in missed),
                percent=percent,
                credit=_pounds(credit),
            )
        )
    return found, credit_of, part_of


def _split(pennies: int, weights: list[float]) -> list[int]:
    """``pennies`` shared in proportion to ``weights`` (equally when all are 0), the odd
    pennies to the first."""
    whole = sum(weights)
    if whole == 0:
        weights, whole = [1.0] * len(weights), float(len(weights))
    parts = [int(pennies * w // whole) for w in weights]
    parts[0] += pennies - sum(parts)
    return parts


def _pennies(pounds: float) -> int:
    return round(pounds * 100)


def _pounds(pennies: int) -> float:
    return round(pennies / 100, 2)


__all__ = ["Attainment", "Credits", "LineCredit", "Offset", "Reading", "service_credits"]
