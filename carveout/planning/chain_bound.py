"""A lower bound on the cost of any plan that follows waits along trees of dependencies.

The per-service floors (:mod:`carveout.planning.service_floor`) take each
provider at its earliest end, but a provider that waits for its own provider
ends later, and its consumers with it. This bound keeps for each service at
most one of its providers (a 'before' first, then the dearest bridge), so the
kept links form trees, each provider above its consumers, and finds, by
dynamic programming over the end weeks from the leaves up, the least the
services of each tree cost together when each either pays its bridge to its
kept provider or waits for that provider's actual end.

**Why it is a lower bound.** Any plan gives each service an end week within
its window that meets the kept links (a 'before' is always met; a bridge not
paid is waited for), and at that end the service's own terms cost at least
its exact floor with its other bridges valued as in the per-service floor. So
the plan's ends are one of the choices the programme minimises over, and each
tree's minimum is at most what the plan pays for the tree's services. Trees
are disjoint, every service's own terms are counted once and every other term
is non-negative, so the sum over trees is at most the cost of any plan. A
service alone is its per-service floor, so the bound is never below the
static one. Cost: O(services × weeks × bridges per service).
"""

from __future__ import annotations

from carveout.planning.separation import Bridge
from carveout.planning.service_floor import ServiceFloor, service_floor
from carveout.planning.terms import SeparationModel

_NEVER = 2**62
"""More than any cost the model can hold: the choice is not open."""

Link = tuple[int, int, Bridge | None]
"""A kept provider of a service: ``(provider, lag, bridge or None for a 'before')``."""


def chain_cost_bound(model: SeparationModel, floors: list[ServiceFloor]) -> int:
    """No plan of the model costs less, counting waits along trees of dependencies."""
    earliest = [int(end.proto.domain[0]) for end in model.core.ends]
    # The proto's repeated domain takes no negative index (it reads 0): list it first.
    latest = [int(list(end.proto.domain)[-1]) for end in model.core.ends]
    links = _tree_links(model)
    consumers: dict[int, list[int]] = {}
    for after, (before, _, _) in links.items():
        consumers.setdefault(before, []).append(after)
    total = 0
    for root in range(len(floors)):
        if root in links:
            continue
        if root not in consumers:
            total += floors[root](0)
            continue
        least = _tree_minimum(model, root, links, consumers, earliest, latest)
        # No ends fit the tree: no plan exists; the per-service floors still stand.
        total += least if least < _NEVER else sum(floors[i](0) for i in _members(root, consumers))
    return total


def _tree_links(model: SeparationModel) -> dict[int, Link]:
    """Each service's kept provider: 'before' dependencies first, then the dearest bridges.

    A link that would close a loop (the provider already below the service) is skipped.
    """
    sep = model.separation
    candidates: list[tuple[int, int, int, int, Bridge | None]] = [
        (-_NEVER, p.before, p.after, p.lag, None) for p in sep.precedences
    ]
    candidates += [(-sep.in_units(b.cost), b.before, b.after, 0, b) for b in sep.bridges]
    links: dict[int, Link] = {}
    for _, before, after, lag, bridge in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if after in links or _above(links, after, before):
            continue
        links[after] = (before, lag, bridge)
    return links


def _above(links: dict[int, Link], service: int, other: int) -> bool:
    """Whether ``service`` is ``other`` or one of its kept providers, transitively."""
    node: int | None = other
    while node is not None:
        if node == service:
            return True
        node = links[node][0] if node in links else None
    return False


def _members(root: int, consumers: dict[int, list[int]]) -> list[int]:
    """The tree under ``root``, each service after every one of its consumers."""
    order, stack = [], [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(consumers.get(node, ()))
    return order[::-1]


def _tree_minimum(
    model: SeparationModel,
    root: int,
    links: dict[int, Link],
    consumers: dict[int, list[int]],
    earliest: list[int],
    latest: list[int],
) -> int:
    """The least the tree's services cost together, each end within its window."""
    sep = model.separation
    incoming: dict[int, list[Bridge]] = {}
    for b in sep.bridges:
        incoming.setdefault(b.after, []).append(b)
    members = _members(root, consumers)
    weeks = max(latest[i] for i in members) + 1
    # below[s][e]: the least cost of s and everything under it, s ending at week e.
    below: dict[int, list[int]] = {}
    for index in members:
        link = links.get(index)
        others = [b for b in incoming.get(index, []) if link is None or b is not link[2]]
        exact = service_floor(model, index, others, earliest).exact_costs(latest[index])
        total = [_NEVER if cost is None else cost for cost in exact]
        total += [_NEVER] * (weeks - len(total))
        for consumer in consumers.get(index, ()):
            given = _given_provider_end(model, consumer, links[consumer], below.pop(consumer))
            total = [a + b if a < _NEVER else _NEVER for a, b in zip(total, given, strict=True)]
        below[index] = total
    return min(below[root])


def _given_provider_end(
    model: SeparationModel, consumer: int, link: Link, costs: list[int]
) -> list[int]:
    """For each end week of the provider, the least the consumer's tree costs then.

    The consumer pays its bridge (ending whenever it can) or waits: it ends
    no earlier than the provider's end, plus the lag, plus its own duration.
    """
    sep = model.separation
    _, lag, bridge = link
    pay = _NEVER if bridge is None else min(costs) + sep.in_units(bridge.cost)
    after = _suffix_minima(costs)
    shift = lag + sep.moves[consumer].duration
    weeks = len(costs)
    return [
        min(pay, after[max(0, end + shift)] if end + shift < weeks else _NEVER)
        for end in range(weeks)
    ]


def _suffix_minima(values: list[int]) -> list[int]:
    out, least = [0] * len(values), _NEVER
    for i in range(len(values) - 1, -1, -1):
        least = min(least, values[i])
        out[i] = least
    return out
