"""Rules that span records: references, cycles, overlaps.

Rules on a single record (a tranche ending before it starts, optimistic above
pessimistic) live on the record itself; these need the whole portfolio.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from carveout.domain.enums import Coupling
from carveout.domain.portfolio import COLLECTIONS, Portfolio


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a portfolio: where, what was found, what is expected."""

    kind: str
    key: str
    field: str
    value: str
    expected: str

    def __str__(self) -> str:
        return f"{self.kind} {self.key}, {self.field} = {self.value!r}: {self.expected}"


def validate(portfolio: Portfolio) -> list[Problem]:
    """Every cross-record problem in ``portfolio``, in a stable order."""
    # Imported here: the schedule's rules build on this module's Problem.
    from carveout.domain.readiness_rules import readiness_problems
    from carveout.domain.schedule_rules import schedule_problems
    from carveout.domain.service_level_rules import service_level_problems

    return [
        *_duplicate_keys(portfolio),
        *_references(portfolio),
        *_migrations_of_moving_services(portfolio),
        *_before_cycles(portfolio),
        *_overlapping_capacity(portfolio),
        *schedule_problems(portfolio),
        *readiness_problems(portfolio),
        *service_level_problems(portfolio),
    ]


def _duplicate_keys(portfolio: Portfolio) -> Iterator[Problem]:
    for kind in COLLECTIONS:
        counts = Counter(r.key for r in portfolio.records(kind))
        for key, n in counts.items():
            if n > 1:
                yield Problem(kind, key, "code", key, f"a unique code (appears {n} times)")


def _must_exist(
    kind: str, key: str, field: str, codes: Iterable[str | None], known: set[str], what: str
) -> Iterator[Problem]:
    for code in codes:
        if code is not None and code not in known:
            yield Problem(kind, key, field, code, f"the code of a known {what}")


def _references(p: Portfolio) -> Iterator[Problem]:
    parties = set(p.party_by_code)
    services = set(p.service_by_code)
    teams = set(p.team_by_code)
    agreements = set(p.agreement_by_code)
    tranches = set(p.tranche_by_code)
    options = {e.code for e in p.extension_options}
    for s in p.services:
        yield from _must_exist("service", s.key, "host", [s.host], parties, "party")
        yield from _must_exist("service", s.key, "destination", [s.destination], parties, "party")
        yield from _must_exist("service", s.key, "consumer", s.consumers, parties, "party")
    for d in p.dependencies:
        yield from _must_exist("dependency", d.key, "service", [d.service], services, "service")
        yield from _must_exist(
            "dependency", d.key, "depends_on", [d.depends_on], services, "service"
        )
    for m in p.migrations:
        yield from _must_exist("migration", m.key, "service", [m.service], services, "service")
        yield from _must_exist("migration", m.key, "team", [m.team], teams, "team")
    for b in p.blackouts:
        yield from _must_exist("blackout", b.key, "team", [b.team], teams, "team")
        yield from _must_exist("blackout", b.key, "service", [b.service], services, "service")
    for a in p.agreements:
        yield from _must_exist(
            "agreement",
            a.key,
            "party",
            [a.provider, *a.recipients, a.terminating_party],
            parties,
            "party",
        )
    for t in p.tranches:
        yield from _must_exist(
            "tranche", t.key, "agreement", [t.agreement], agreements, "agreement"
        )
        yield from _must_exist("tranche", t.key, "service", t.services, services, "service")
    for e in p.extension_options:
        yield from _must_exist(
            "extension_option", e.key, "tranche", [e.tranche], tranches, "tranche"
        )
    for c in p.cost_pools:
        yield from _must_exist("cost_pool", c.key, "share", c.shares, parties, "party")
        yield from _must_exist(
            "cost_pool", c.key, "agreement", [c.agreement], agreements, "agreement"
        )
        yield from _must_exist(
            "cost_pool", c.key, "charge", [x.party for x in c.charges], parties, "party"
        )
        yield from _must_exist("cost_pool", c.key, "service", c.services, services, "service")
    for r in p.raid:
        yield from _must_exist("raid", r.key, "service", r.services, services, "service")
        yield from _must_exist("raid", r.key, "raised_by", [r.raised_by], parties, "party")
        yield from _must_exist(
            "raid", r.key, "triggers_extension", [r.triggers_extension], options, "extension_option"
        )
    for team in p.teams:
        yield from _must_exist("team", team.key, "party", [team.party], parties, "party")
    for scenario in p.scenarios:
        yield from _must_exist(
            "scenario", scenario.key, "owner", [scenario.owner], parties, "party"
        )


def _migrations_of_moving_services(p: Portfolio) -> Iterator[Problem]:
    """Migration work is recorded only for services that move."""
    for m in p.migrations:
        service = p.service_by_code.get(m.service)
        if service is not None and not service.moves:
            yield Problem(
                "migration",
                m.key,
                "service",
                m.service,
                f"a service that moves (its disposition is {service.disposition.value})",
            )


def _before_cycles(p: Portfolio) -> Iterator[Problem]:
    """No service may have to cut over before itself.

    Services coupled ``together`` cut over at once, so they count as one node:
    a ``before`` coupling inside such a group, or a cycle of ``before``
    couplings through groups, cannot be scheduled.
    """
    together: nx.Graph = nx.Graph()
    together.add_edges_from(
        (d.service, d.depends_on) for d in p.dependencies if d.coupling is Coupling.TOGETHER
    )
    group = {
        code: min(members) for members in nx.connected_components(together) for code in members
    }
    order: nx.DiGraph = nx.DiGraph()
    for d in p.dependencies:
        if d.coupling is not Coupling.BEFORE:
            continue
        first, then = group.get(d.depends_on, d.depends_on), group.get(d.service, d.service)
        if first == then:
            yield Problem(
                "dependency",
                d.key,
                "coupling",
                "before",
                f"no 'before' between services that must cut over together "
                f"({d.depends_on} and {d.service} are in one 'together' group)",
            )
        else:
            order.add_edge(first, then)
    for component in nx.strongly_connected_components(order):
        if len(component) > 1:
            cycle = [u for u, _ in nx.find_cycle(order.subgraph(component))]
            path = " → ".join([*cycle, cycle[0]])
            yield Problem(
                "dependency",
                min(component),
                "coupling",
                "before",
                f"no cycle of 'before' couplings, but {path} goes round",
            )


def _overlapping_capacity(p: Portfolio) -> Iterator[Problem]:
    for team in p.teams:
        periods = sorted(team.capacity, key=lambda c: c.start)
        for a, b in itertools.pairwise(periods):
            if b.start <= a.end:
                yield Problem(
                    "team",
                    team.key,
                    "capacity",
                    f"{b.start.isoformat()}",
                    f"capacity periods that do not overlap (one runs to {a.end.isoformat()})",
                )
