"""A portfolio at a glance: parties, where services live and go, agreements, clusters.

Pure: a :class:`~carveout.domain.Portfolio` and an as-of date in, a typed
:class:`Summary` out. The CLI's ``show``, the web dashboard and reports
render the same summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from carveout.domain import (
    COLLECTIONS,
    Disposition,
    Migration,
    MigrationStatus,
    Portfolio,
    portfolio_as_of,
    remaining_work,
)
from carveout.domain.dates import exercise_by
from carveout.portfolio.impact import together_clusters


@dataclass(frozen=True, slots=True)
class PartyLine:
    """A party, its allocation drivers and how many services it hosts and consumes."""

    code: str
    name: str
    role: str
    drivers: dict[str, float]
    hosts: int
    consumes: int


@dataclass(frozen=True, slots=True)
class HostLine:
    """How many services one party hosts, by what happens to them at separation."""

    host: str
    by_disposition: dict[str, int]
    destinations: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_disposition.values())


@dataclass(frozen=True, slots=True)
class TrancheLine:
    """A tranche and how long it has left; ``days_left`` is negative once it has ended."""

    code: str
    name: str
    start: date
    end: date
    services: int
    monthly_charge: float
    days_left: int
    options: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgreementLine:
    """An agreement, its term and its tranches; ``days_left`` is None for an open end."""

    code: str
    name: str
    kind: str
    provider: str
    recipients: tuple[str, ...]
    start: date
    end: date | None
    days_left: int | None
    notice_served: date | None
    tranches: tuple[TrancheLine, ...]


@dataclass(frozen=True, slots=True)
class Cluster:
    """Services that must cut over together, and the work still to do to move them."""

    services: tuple[str, ...]
    names: tuple[str, ...]
    hosts: tuple[str, ...]
    destinations: tuple[str, ...]
    effort_days: float


@dataclass(frozen=True, slots=True)
class Summary:
    """The portfolio summary as of one day."""

    as_of: date
    counts: dict[str, int]
    parties: tuple[PartyLine, ...]
    hosting: tuple[HostLine, ...]
    agreements: tuple[AgreementLine, ...]
    clusters: tuple[Cluster, ...]
    migrations: dict[str, int]

    @property
    def services(self) -> int:
        return self.counts.get("service", 0)

    def host_share(self, host: str) -> float:
        """The share of all services that ``host`` hosts (0 when there are none)."""
        line = next((h for h in self.hosting if h.host == host), None)
        return line.total / self.services if line and self.services else 0.0


def summarise(*, portfolio: Portfolio, as_of: date) -> Summary:
    """The summary of ``portfolio`` as of the data date ``as_of``: days to expiry count from
    it, and migrations have the status they had then."""
    portfolio = portfolio_as_of(portfolio, as_of)
    return Summary(
        as_of=as_of,
        counts={kind: len(portfolio.records(kind)) for kind in COLLECTIONS},
        parties=_parties(portfolio),
        hosting=_hosting(portfolio),
        agreements=_agreements(portfolio, as_of),
        clusters=_clusters(portfolio, as_of),
        migrations=dict(Counter(m.status.value for m in portfolio.migrations)),
    )


def _parties(portfolio: Portfolio) -> tuple[PartyLine, ...]:
    hosts = Counter(s.host for s in portfolio.services)
    consumes = Counter(c for s in portfolio.services for c in s.consumers)
    return tuple(
        PartyLine(
            code=p.code,
            name=p.name,
            role=p.role.value,
            drivers=dict(p.drivers),
            hosts=hosts[p.code],
            consumes=consumes[p.code],
        )
        for p in portfolio.parties
    )


def _hosting(portfolio: Portfolio) -> tuple[HostLine, ...]:
    by_host: dict[str, Counter[str]] = {}
    destinations: dict[str, Counter[str]] = {}
    for s in portfolio.services:
        by_host.setdefault(s.host, Counter())[s.disposition.value] += 1
        if s.destination:
            destinations.setdefault(s.host, Counter())[s.destination] += 1
    order = [d.value for d in Disposition]
    lines = [
        HostLine(
            host=host,
            by_disposition={d: counts[d] for d in order if counts[d]},
            destinations=dict(destinations.get(host, Counter()).most_common()),
        )
        for host, counts in by_host.items()
    ]
    return tuple(sorted(lines, key=lambda line: (-line.total, line.host)))


def _agreements(portfolio: Portfolio, as_of: date) -> tuple[AgreementLine, ...]:
    options: dict[str, list[str]] = {}
    by_code = portfolio.tranche_by_code
    for option in portfolio.extension_options:
        step = f", price +{option.step_up:.0%}" if option.step_up else ""
        tranche = by_code.get(option.tranche)
        by = f", exercise by {exercise_by(tranche, option):%d %b %Y}" if tranche else ""
        options.setdefault(option.tranche, []).append(
            f"+{_months(option.length_months)} (notice {_months(option.notice_months)}{by}{step})"
        )
    lines = []
    for a in portfolio.agreements:
        tranches = tuple(
            TrancheLine(
                code=t.code,
                name=t.name,
                start=t.start,
                end=t.end,
                services=len(t.services),
                monthly_charge=t.monthly_charge,
                days_left=(t.end - as_of).days,
                options=tuple(options.get(t.code, ())),
            )
            for t in sorted(portfolio.tranches, key=lambda t: (t.start, t.code))
            if t.agreement == a.code
        )
        lines.append(
            AgreementLine(
                code=a.code,
                name=a.name,
                kind=a.kind.value,
                provider=a.provider,
                recipients=a.recipients,
                start=a.start,
                end=a.end,
                days_left=(a.end - as_of).days if a.end else None,
                notice_served=a.notice_served,
                tranches=tranches,
            )
        )
    return tuple(lines)


def _months(n: float) -> str:
    return f"{n:g} month" + ("" if n == 1 else "s")


def _effort_left(migration: Migration, as_of: date) -> float:
    """Person-days still to do on the data date: all for work not started, the remaining
    share for work under way (see :mod:`carveout.domain.progress`), none when done or
    cancelled."""
    if migration.status is MigrationStatus.NOT_STARTED:
        return migration.effort.most_likely
    if migration.status is MigrationStatus.IN_PROGRESS:
        return migration.effort.most_likely * remaining_work(migration, as_of).fraction
    return 0.0


def _clusters(portfolio: Portfolio, as_of: date) -> tuple[Cluster, ...]:
    services = portfolio.service_by_code
    migrations = portfolio.migration_by_service
    clusters = []
    for codes in together_clusters(portfolio):
        known = [services[c] for c in codes if c in services]
        remaining = [_effort_left(migrations[c], as_of) for c in codes if c in migrations]
        clusters.append(
            Cluster(
                services=codes,
                names=tuple(s.name for s in known),
                hosts=tuple(sorted({s.host for s in known})),
                destinations=tuple(sorted({s.destination for s in known if s.destination})),
                effort_days=sum(remaining),
            )
        )
    return tuple(clusters)
