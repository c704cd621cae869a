"""Synthetic portfolios of any size, for benchmarks and tests.

:func:`generate_portfolio` makes a realistic, valid separation programme from
a seed: four parties (a host holding most services, a leaving partner, a new
provider, a partner), services across the domains of a police force with
consumers, usage and costs, dependencies (``before`` couplings acyclic by
construction and at most ``depth`` services deep, ``together`` ones
confined to small clusters), teams with capacity for each year sized to
their own work with headroom, three-point migration estimates (the few
already under way fitting their team), the collaboration,
transitional and service agreements with nested tranches and extension
options, cost pools, a RAID log and two scenarios. Everything is invented.
"""

from __future__ import annotations

import math
import random

from carveout.demo.generated_records import (
    HOST,
    LEAVING,
    PARTNER,
    PROVIDER,
    agreements,
    blackouts,
    cost_pools,
    parties,
    raid_log,
    scenarios,
)
from carveout.demo.generated_work import teams_and_migrations
from carveout.domain import (
    Coupling,
    Criticality,
    Dependency,
    Disposition,
    Portfolio,
    Service,
    ServiceKind,
)

# (code prefix, domain, kind); infrastructure first, so that the services
# others rely on come early in the order that makes 'before' acyclic.
DOMAINS: tuple[tuple[str, str, ServiceKind], ...] = (
    ("NET", "networks", ServiceKind.INFRASTRUCTURE),
    ("IDM", "identity", ServiceKind.INFRASTRUCTURE),
    ("FST", "file storage", ServiceKind.DATA_STORE),
    ("CAD", "command and control", ServiceKind.APPLICATION),
    ("CRM", "crime and intelligence records", ServiceKind.APPLICATION),
    ("CUS", "custody", ServiceKind.APPLICATION),
    ("CSF", "case files", ServiceKind.APPLICATION),
    ("DFU", "digital forensics", ServiceKind.OPERATIONAL),
    ("BWV", "body-worn video", ServiceKind.APPLICATION),
    ("DUT", "duty management", ServiceKind.APPLICATION),
    ("HRS", "HR", ServiceKind.BUSINESS_SERVICE),
    ("PAY", "payroll", ServiceKind.BUSINESS_SERVICE),
    ("FIN", "finance", ServiceKind.BUSINESS_SERVICE),
    ("FLT", "fleet", ServiceKind.BUSINESS_SERVICE),
    ("RPU", "roads policing", ServiceKind.OPERATIONAL),
)
COMPONENTS = (
    "core system",
    "database",
    "web portal",
    "mobile app",
    "reporting",
    "interface",
    "archive",
    "analytics",
    "integration hub",
    "document store",
)
CLUSTER = 6
"""Services in blocks of this many may be coupled ``together``; it bounds such groups."""

DEPTH = 8
"""The default bound on the number of services in a chain of ``before`` couplings."""


def generate_portfolio(
    *,
    services: int,
    dependencies: int,
    teams: int = 10,
    years: int = 3,
    seed: int = 0,
    depth: int = DEPTH,
) -> Portfolio:
    """A valid synthetic portfolio with ``services`` services and ``dependencies``.

    Chains of ``before`` couplings are at most ``depth`` services long, each
    team's most likely work fills at most 60% of its capacity over ``years``,
    and work already under way fits in half its team. That makes a plan likely
    but does not prove one exists: waits for bridged providers chain across
    teams, and with 1,000 services and seed 1 the planner finds no plan within
    the teams' three years of capacity even in 240 s. The same arguments always
    give the same portfolio. Raises ``ValueError`` when more dependencies are
    asked for than the services allow.
    """
    if services < 1 or teams < 1 or years < 1 or depth < 1:
        raise ValueError("services, teams, years and depth must each be at least 1")
    if dependencies > services * (services - 1) // 2:
        raise ValueError(
            f"{services} services allow at most {services * (services - 1) // 2} dependencies"
        )
    rng = random.Random(seed)
    catalogue = _services(rng, services)
    team_records, migrations = teams_and_migrations(
        rng, catalogue, domains=[domain for _, domain, _ in DOMAINS], teams=teams, years=years
    )
    contracts, tranches, options = agreements(rng, catalogue, years=years)
    return Portfolio(
        parties=parties(),
        services=tuple(catalogue),
        dependencies=_dependencies(rng, catalogue, dependencies, _layers(seed, services, depth)),
        teams=team_records,
        migrations=migrations,
        blackouts=blackouts(years=years, teams=team_records),
        agreements=contracts,
        tranches=tranches,
        extension_options=options,
        cost_pools=cost_pools(catalogue),
        raid=raid_log(rng, catalogue),
        scenarios=scenarios(years=years),
    )


def _services(rng: random.Random, count: int) -> list[Service]:
    per_domain = [count // len(DOMAINS) + (i < count % len(DOMAINS)) for i in range(len(DOMAINS))]
    result: list[Service] = []
    for (prefix, domain, kind), n in zip(DOMAINS, per_domain, strict=True):
        for i in range(1, n + 1):
            host = HOST if rng.random() < 0.8 else LEAVING
            consumers = [HOST, LEAVING] + ([PARTNER] if domain == "roads policing" else [])
            disposition = rng.choices(list(Disposition), weights=(60, 15, 15, 10))[0]
            destination = None
            if disposition in (Disposition.MIGRATE, Disposition.REPLICATE):
                # business services go to the new provider, the rest to the leaving force
                business = kind is ServiceKind.BUSINESS_SERVICE
                destination = PROVIDER if business or host == LEAVING else LEAVING
            result.append(
                Service(
                    code=f"{prefix}-{i:04d}",
                    name=f"{domain.capitalize()} {rng.choice(COMPONENTS)} {i}",
                    kind=kind,
                    host=host,
                    consumers=tuple(consumers),
                    usage={p: float(rng.randint(20, 2000)) for p in consumers},
                    fixed_cost=float(round(rng.lognormvariate(math.log(40_000), 0.8), -2)),
                    variable_cost=float(rng.choice((0, 5, 10, 25, 40))),
                    criticality=rng.choices(list(Criticality), weights=(10, 30, 40, 20))[0],
                    disposition=disposition,
                    destination=destination,
                    domain=domain,
                )
            )
    return result


def _layers(seed: int, services: int, depth: int) -> list[int]:
    """The programme stage (``0 .. depth-1``) of each block of ``CLUSTER`` services.

    Drawn from a generator of their own, so that the depth leaves every other
    generated value as it is.
    """
    rng = random.Random(f"layers-{seed}")
    return [rng.randrange(depth) for _ in range(-(-services // CLUSTER))]


def _dependencies(
    rng: random.Random, catalogue: list[Service], count: int, layers: list[int]
) -> tuple[Dependency, ...]:
    """Dependencies from later services to earlier ones, mostly within a domain.

    ``service`` always comes after ``depends_on`` in the catalogue, so the
    ``before`` couplings cannot form a cycle; a ``before`` coupling also
    climbs from a lower stage to a higher one (else it is bridgeable), so
    chains of them are at most ``len(set(layers))`` services long.
    """
    n = len(catalogue)
    seen: set[tuple[int, int]] = set()
    result: list[Dependency] = []
    while len(result) < count:
        later = rng.randrange(1, n)
        if rng.random() < 0.7:
            earlier = max(0, later - 1 - int(rng.expovariate(1 / 8)))
        else:
            earlier = rng.randrange(0, later)
        if (earlier, later) in seen:
            if len(seen) > 0.6 * n * (n - 1) / 2:  # nearly complete: take any unused pair
                earlier, later = _unused_pair(seen, n)
            else:
                continue
        seen.add((earlier, later))
        service, depends_on = catalogue[later], catalogue[earlier]
        coupling = _coupling(rng, earlier, later, service, depends_on)
        if coupling is Coupling.BEFORE and layers[earlier // CLUSTER] >= layers[later // CLUSTER]:
            coupling = Coupling.BRIDGEABLE
        bridgeable = coupling is Coupling.BRIDGEABLE
        result.append(
            Dependency(
                service=service.code,
                depends_on=depends_on.code,
                coupling=coupling,
                bridge_effort=float(rng.randint(5, 60)) if bridgeable else 0.0,
                bridge_cost=float(rng.randint(2, 80) * 1000) if bridgeable else 0.0,
                description=rng.choice(("data feed", "shared database", "identity", "reporting")),
            )
        )
    return tuple(result)


def _unused_pair(seen: set[tuple[int, int]], n: int) -> tuple[int, int]:
    return next((a, b) for b in range(1, n) for a in range(b) if (a, b) not in seen)


def _coupling(
    rng: random.Random, earlier: int, later: int, service: Service, depends_on: Service
) -> Coupling:
    same_block = earlier // CLUSTER == later // CLUSTER
    alike = service.domain == depends_on.domain and service.moves == depends_on.moves
    if same_block and alike and rng.random() < 0.3:
        return Coupling.TOGETHER
    if same_block:
        # A 'before' path inside a block could order two services that must cut
        # over together; every path between two block members stays inside the
        # block, so keeping 'before' out of blocks rules that out.
        return Coupling.BRIDGEABLE
    return Coupling.BRIDGEABLE if rng.random() < 0.3 else Coupling.BEFORE
