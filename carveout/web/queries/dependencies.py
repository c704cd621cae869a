"""The dependency graph, laid out in layers so 150 services stay readable.

Services that must cut over *together* form one cluster, drawn as a box. The
clusters are then laid out per connected part of the graph in columns: a
cluster sits one column right of the furthest cluster that must move *before*
it (longest-path layering; bridgeable links do not constrain the order, and
any cycle the clustering creates is condensed into one column), and the order inside a
column is improved by a few barycentre sweeps to reduce crossings. Services
with no dependencies at all are packed in a grid below. Layering is O(V + E),
each sweep O(E + V log V).
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from pydantic import BaseModel

from carveout.domain import Coupling, Portfolio
from carveout.web.queries.scope import ScenarioChoice

NODE_W, NODE_H, PAD, COL_GAP, ROW_GAP = 190, 24, 6, 70, 14
LABEL_CHARS = 24


class NodeBox(BaseModel):
    code: str
    label: str
    name: str
    x: float
    y: float
    disposition: str
    status: str
    cluster: int


class ClusterBox(BaseModel):
    id: int
    x: float
    y: float
    w: float
    h: float
    members: list[str]


class EdgePath(BaseModel):
    source: str
    target: str
    coupling: str
    path: str


class DependencyGraph(BaseModel):
    """The Dependencies page and ``GET /api/dependencies``: a drawable layout and its lists, with
    each service's status as of ``scenario.as_of``."""

    scenario: ScenarioChoice | None = None
    width: float
    height: float
    node_width: float
    node_height: float
    nodes: list[NodeBox]
    clusters: list[ClusterBox]
    edges: list[EdgePath]
    together_groups: list[list[str]]
    independent: list[str]


def _clusters(portfolio: Portfolio) -> dict[str, int]:
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(s.code for s in portfolio.services)
    graph.add_edges_from(
        (d.service, d.depends_on) for d in portfolio.dependencies if d.coupling is Coupling.TOGETHER
    )
    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda g: g[0])
    return {code: i for i, group in enumerate(groups) for code in group}


def _layers(graph: nx.DiGraph) -> dict[int, int]:
    """Longest-path layer of every cluster; clusters on a cycle share a layer."""
    condensed = nx.condensation(graph)
    depth: dict[int, int] = {}
    for scc in nx.topological_sort(condensed):
        preds = list(condensed.predecessors(scc))
        depth[scc] = max((depth[p] + 1 for p in preds), default=0)
    mapping = condensed.graph["mapping"]
    return {cluster: depth[mapping[cluster]] for cluster in graph.nodes}


def _order(graph: nx.DiGraph, layers: dict[int, int], sweeps: int = 4) -> list[list[int]]:
    columns: dict[int, list[int]] = defaultdict(list)
    for cluster in sorted(layers):
        columns[layers[cluster]].append(cluster)
    ordered = [columns[i] for i in sorted(columns)]
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        indices = range(1, len(ordered)) if forward else range(len(ordered) - 2, -1, -1)
        for i in indices:
            ref = ordered[i - 1] if forward else ordered[i + 1]
            pos = {c: k for k, c in enumerate(ref)}

            here = {c: k for k, c in enumerate(ordered[i])}

            def centre(
                c: int, pos: dict[int, int] = pos, here: dict[int, int] = here, fw: bool = forward
            ) -> float:
                near = graph.predecessors(c) if fw else graph.successors(c)
                ks = [pos[n] for n in near if n in pos]
                # Clusters with no neighbour in the reference column keep their place.
                return sum(ks) / len(ks) if ks else float(here[c])

            ordered[i] = sorted(ordered[i], key=centre)
    return ordered


def dependency_graph(*, portfolio: Portfolio) -> DependencyGraph:
    """Lay out every service and dependency of ``portfolio`` for drawing as SVG."""
    cluster_of = _clusters(portfolio)
    members: dict[int, list[str]] = defaultdict(list)
    for code, c in sorted(cluster_of.items()):
        members[c].append(code)
    links: nx.DiGraph = nx.DiGraph()  # every link, for grouping and ordering
    order: nx.DiGraph = nx.DiGraph()  # 'before' links only: they alone fix the columns
    links.add_nodes_from(members)
    order.add_nodes_from(members)
    for d in portfolio.dependencies:
        a, b = cluster_of.get(d.depends_on), cluster_of.get(d.service)
        if a is not None and b is not None and a != b:
            links.add_edge(a, b)
            if d.coupling is Coupling.BEFORE:
                order.add_edge(a, b)
    linked = {c for c in members if links.degree(c) > 0 or len(members[c]) > 1}
    independent = sorted(code for c in members if c not in linked for code in members[c])

    boxes: dict[int, ClusterBox] = {}
    top = 0.0
    width = 0.0
    parts = sorted(nx.weakly_connected_components(links.subgraph(linked)), key=lambda p: -len(p))
    for part in parts:
        sub = links.subgraph(part)
        columns = _order(sub, _layers(order.subgraph(part)))
        part_h = 0.0
        for col, clusters in enumerate(columns):
            y = top
            for c in clusters:
                h = len(members[c]) * NODE_H + 2 * PAD
                x = col * (NODE_W + 2 * PAD + COL_GAP)
                boxes[c] = ClusterBox(id=c, x=x, y=y, w=NODE_W + 2 * PAD, h=h, members=members[c])
                y += h + ROW_GAP
            part_h = max(part_h, y - top)
            width = max(width, (col + 1) * (NODE_W + 2 * PAD + COL_GAP))
        top += part_h + 2 * ROW_GAP

    per_row = max(1, int(max(width, 4 * (NODE_W + 2 * PAD + COL_GAP)) // (NODE_W + 2 * PAD + 10)))
    for i, code in enumerate(independent):
        c = cluster_of[code]
        x = (i % per_row) * (NODE_W + 2 * PAD + 10)
        y = top + (i // per_row) * (NODE_H + 2 * PAD + 6)
        boxes[c] = ClusterBox(
            id=c, x=x, y=y, w=NODE_W + 2 * PAD, h=NODE_H + 2 * PAD, members=[code]
        )
        width = max(width, x + NODE_W + 2 * PAD)
    height = max((b.y + b.h for b in boxes.values()), default=0.0)

    status = {m.service: m.status.value for m in portfolio.migrations}
    nodes: dict[str, NodeBox] = {}
    for box in boxes.values():
        for k, code in enumerate(box.members):
            service = portfolio.service_by_code[code]
            label = f"{code} · {service.name}"
            nodes[code] = NodeBox(
                code=code,
                label=label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
                name=service.name,
                x=box.x + PAD,
                y=box.y + PAD + k * NODE_H,
                disposition=service.disposition.value,
                status=status.get(code, "none"),
                cluster=box.id,
            )
    edges = [
        _edge(nodes[d.depends_on], nodes[d.service], d.coupling.value)
        for d in portfolio.dependencies
        if d.coupling is not Coupling.TOGETHER and d.service in nodes and d.depends_on in nodes
    ]
    return DependencyGraph(
        width=width,
        height=height,
        node_width=NODE_W,
        node_height=NODE_H - 4,
        nodes=sorted(nodes.values(), key=lambda n: n.code),
        clusters=sorted((b for b in boxes.values() if len(b.members) > 1), key=lambda b: b.id),
        edges=edges,
        together_groups=[m for m in members.values() if len(m) > 1],
        independent=independent,
    )


def seen_as_of(
    graph: DependencyGraph, *, portfolio: Portfolio, scenario: ScenarioChoice
) -> DependencyGraph:
    """``graph`` with each service's status as it stood in ``portfolio`` (seen as of the data
    date): the layout does not depend on statuses, so it is laid out once and only recoloured."""
    status = {m.service: m.status.value for m in portfolio.migrations}
    nodes = [n.model_copy(update={"status": status.get(n.code, "none")}) for n in graph.nodes]
    return graph.model_copy(update={"nodes": nodes, "scenario": scenario})


def _edge(source: NodeBox, target: NodeBox, coupling: str) -> EdgePath:
    """A curve from the right of the service depended on to the left of the dependent one."""
    x1, y1 = source.x + NODE_W, source.y + NODE_H / 2 - 2
    x2, y2 = target.x, target.y + NODE_H / 2 - 2
    bend = max(30.0, abs(x2 - x1) / 2)
    path = (
        f"M{x1:.0f},{y1:.0f} C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
    )
    return EdgePath(source=source.code, target=target.code, coupling=coupling, path=path)
