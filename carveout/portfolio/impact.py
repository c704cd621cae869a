"""Impact analysis: what else is affected when one service moves, and through which links.

Moving a service drags along everything tied to it by hard couplings:

- services coupled ``together`` with it cut over at the same time;
- its ``before`` prerequisites (and theirs, transitively) must cut over first;
- services that need it ``before`` them (and their followers) can only start after.

A ``bridgeable`` link from anything in that set to a service outside it does
not drag the other service along, but it has to be bridged (an interface built)
for the two to run apart; the analysis adds up what those bridges cost.

Each question is a breadth-first search over the dependency graph (networkx),
so the paths reported are shortest in hops and the whole analysis takes
O(services + dependencies).
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from carveout.domain import Coupling, Portfolio
from carveout.errors import NotFound


class Relation(StrEnum):
    """How an affected service relates to the one that moves."""

    TOGETHER = "moves together"
    PREREQUISITE = "must cut over first"
    FOLLOWER = "can only start after"
    BRIDGE = "needs a bridge"


@dataclass(frozen=True, slots=True)
class Affected:
    """One service affected by the move, with the chain of dependencies that ties it.

    ``path`` runs from the moving service to this one; ``couplings[i]`` is the
    coupling of the dependency between ``path[i]`` and ``path[i + 1]``. For a
    bridge, ``bridge_effort`` (person-days) and ``bridge_cost`` (pounds) add up
    every link between this service and the set that moves.
    """

    service: str
    name: str
    relation: Relation
    path: tuple[str, ...]
    couplings: tuple[Coupling, ...]
    host: str
    disposition: str
    bridge_effort: float = 0.0
    bridge_cost: float = 0.0

    @property
    def direct(self) -> bool:
        """Tied by one dependency of its own, not through others."""
        return len(self.path) == 2


@dataclass(frozen=True, slots=True)
class Impact:
    """Everything affected if ``service`` moves.

    ``effort_days`` is the most-likely effort of the migrations that must move
    with or before it and have not cut over yet (its own included).
    """

    service: str
    name: str
    affected: tuple[Affected, ...]
    effort_days: float

    def of(self, relation: Relation) -> tuple[Affected, ...]:
        return tuple(a for a in self.affected if a.relation is relation)

    @property
    def bridge_effort(self) -> float:
        return sum(a.bridge_effort for a in self.affected)

    @property
    def bridge_cost(self) -> float:
        return sum(a.bridge_cost for a in self.affected)


def together_clusters(portfolio: Portfolio) -> list[tuple[str, ...]]:
    """Groups of two or more services that must cut over together, largest first.

    These are the connected components of the ``together`` couplings; each
    group lists its services in catalogue order.
    """
    graph: nx.Graph = nx.Graph()
    graph.add_edges_from(
        (d.service, d.depends_on) for d in portfolio.dependencies if d.coupling is Coupling.TOGETHER
    )
    order = {s.code: i for i, s in enumerate(portfolio.services)}
    clusters = [
        tuple(sorted(component, key=lambda code: order.get(code, len(order))))
        for component in nx.connected_components(graph)
    ]
    return sorted(clusters, key=lambda c: (-len(c), order.get(c[0], len(order))))


def find_service(portfolio: Portfolio, query: str) -> str:
    """The code of the service ``query`` names (its code or name, any case).

    Raises :class:`NotFound` with the closest codes and names suggested.
    """
    if query in portfolio.service_by_code:
        return query
    folded = query.strip().casefold()
    for service in portfolio.services:
        if folded in (service.code.casefold(), service.name.casefold()):
            return service.code
    raise NotFound(_not_found_message(portfolio, query))


def _not_found_message(portfolio: Portfolio, query: str) -> str:
    by_label = {s.code.casefold(): s.code for s in portfolio.services}
    by_label.update({s.name.casefold(): s.code for s in portfolio.services})
    folded = query.strip().casefold()
    words = folded.split()
    matches = [label for label in by_label if words and all(w in label for w in words)]
    matches += difflib.get_close_matches(folded, list(by_label), n=8, cutoff=0.7)
    codes = list(dict.fromkeys(by_label[m] for m in matches))[:5]
    hint = "Run `carveout show` to see the portfolio, or check the spelling."
    if not codes:
        return f"There is no service {query!r}. {hint}"
    names = portfolio.service_by_code
    suggestions = ", ".join(f"{c} ({names[c].name})" for c in codes)
    return f"There is no service {query!r}. Did you mean: {suggestions}?"


def impact_of(*, portfolio: Portfolio, service: str) -> Impact:
    """What else is affected if ``service`` (a code or name) moves.

    Raises :class:`NotFound`, suggesting close matches, when no service matches.
    """
    code = find_service(portfolio, service)
    backward, forward, together = _graphs(portfolio)
    paths: dict[str, list[str]] = {code: [code]}
    relation: dict[str, Relation] = {}
    for relation_kind, graph in (
        (Relation.TOGETHER, together),
        (Relation.PREREQUISITE, backward),
        (Relation.FOLLOWER, forward),
    ):
        for target, path in nx.single_source_shortest_path(graph, code).items():
            if target not in paths:
                paths[target] = path
                relation[target] = relation_kind
    bridges = _bridges(portfolio, paths)
    for target, (inside, _, _) in bridges.items():
        paths[target] = [*paths[inside], target]
        relation[target] = Relation.BRIDGE
    links = _links(portfolio)
    affected = [
        _affected(portfolio, links, target, relation[target], paths[target], bridges.get(target))
        for target in paths
        if target != code
    ]
    rank = list(Relation)
    affected.sort(key=lambda a: (rank.index(a.relation), len(a.path), a.service))
    return Impact(
        service=code,
        name=portfolio.service_by_code[code].name,
        affected=tuple(affected),
        effort_days=_effort(portfolio, [code, *(a.service for a in affected if a.relation in (
            Relation.TOGETHER, Relation.PREREQUISITE))]),
    )  # fmt: skip


def _graphs(portfolio: Portfolio) -> tuple[nx.DiGraph, nx.DiGraph, nx.Graph]:
    """Graphs to search: towards prerequisites, towards followers, and ``together`` links.

    ``together`` links go both ways in all three, so a prerequisite's partners
    are prerequisites too.
    """
    backward: nx.DiGraph = nx.DiGraph()
    forward: nx.DiGraph = nx.DiGraph()
    together: nx.Graph = nx.Graph()
    for d in portfolio.dependencies:
        a, b = d.service, d.depends_on
        if d.coupling is Coupling.TOGETHER:
            together.add_edge(a, b, coupling=d.coupling)
            for graph in (backward, forward):
                graph.add_edge(a, b, coupling=d.coupling)
                graph.add_edge(b, a, coupling=d.coupling)
        elif d.coupling is Coupling.BEFORE:
            backward.add_edge(a, b, coupling=d.coupling)
            forward.add_edge(b, a, coupling=d.coupling)
    for graph in (backward, forward, together):
        graph.add_nodes_from(portfolio.service_by_code)
    return backward, forward, together


def _bridges(
    portfolio: Portfolio, moving: dict[str, list[str]]
) -> dict[str, tuple[str, float, float]]:
    """For each service outside ``moving`` with bridgeable links into it: the moving
    service nearest the one that moves, and the total effort and cost of its bridges."""
    found: dict[str, tuple[str, float, float]] = {}
    for d in portfolio.dependencies:
        if d.coupling is not Coupling.BRIDGEABLE:
            continue
        if (d.service in moving) == (d.depends_on in moving):
            continue
        inside, outside = (d.service, d.depends_on) if d.service in moving else (
            d.depends_on, d.service)  # fmt: skip
        nearest, effort, cost = found.get(outside, (inside, 0.0, 0.0))
        if len(moving[inside]) < len(moving[nearest]):
            nearest = inside
        found[outside] = (nearest, effort + d.bridge_effort, cost + d.bridge_cost)
    return found


def _affected(
    portfolio: Portfolio,
    links: dict[frozenset[str], Coupling],
    code: str,
    relation: Relation,
    path: list[str],
    bridge: tuple[str, float, float] | None,
) -> Affected:
    couplings = tuple(links[frozenset((a, b))] for a, b in itertools.pairwise(path))
    service = portfolio.service_by_code[code]
    return Affected(
        service=code,
        name=service.name,
        relation=relation,
        path=tuple(path),
        couplings=couplings,
        host=service.host,
        disposition=service.disposition.value,
        bridge_effort=bridge[1] if bridge else 0.0,
        bridge_cost=bridge[2] if bridge else 0.0,
    )


def _links(portfolio: Portfolio) -> dict[frozenset[str], Coupling]:
    """The coupling between each pair of linked services (the hardest if linked twice)."""
    order = list(Coupling)
    links: dict[frozenset[str], Coupling] = {}
    for d in portfolio.dependencies:
        pair = frozenset((d.service, d.depends_on))
        known = links.get(pair)
        if known is None or order.index(d.coupling) < order.index(known):
            links[pair] = d.coupling
    return links


def _effort(portfolio: Portfolio, codes: list[str]) -> float:
    total = 0.0
    for code in dict.fromkeys(codes):
        migration = portfolio.migration_by_service.get(code)
        if migration is not None and migration.actual_end is None:
            total += migration.effort.most_likely
    return total
