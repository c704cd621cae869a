"""A lower bound on the cost of any plan that follows chains of waits.

The per-service floors (:mod:`carveout.planning.service_floor`) take each
provider at its earliest end, but a provider that waits for its own provider
ends later, and its consumer with it. This bound splits the services into
disjoint paths along dependencies (each service keeps at most one provider
and one consumer in its path, a 'before' preferred, then the dearest bridge)
and finds, by dynamic programming over the end weeks, the least the services
of each path cost together when each either pays its bridge to its
predecessor in the path or waits for that predecessor's actual end.

**Why it is a lower bound.** Any plan gives each service of a path an end
week within its window that meets the dependencies inside the path (a 'before'
is always met; a bridge not paid is waited for), and at that end the service's
own terms cost at least its exact floor with the other bridges into it valued
as in the per-service floor. The path's minimum over all such ends is no more
than what the plan pays for the path's services. Paths are disjoint, every
service's own terms are counted once and every other term is non-negative,
so the sum over paths is at most the cost of any plan. A path of one service
is its per-service floor, so the bound is never below the static one.
Cost: O(services × weeks × bridges per service).
"""

from __future__ import annotations

from carveout.planning.separation import Bridge
from carveout.planning.service_floor import ServiceFloor, service_floor
from carveout.planning.terms import SeparationModel

_NEVER = 2**62
"""More than any cost the model can hold: the choice is not open."""


def chain_cost_bound(model: SeparationModel, floors: list[ServiceFloor]) -> int:
    """No plan of the model costs less, counting waits along chains of dependencies."""
    earliest = [int(end.proto.domain[0]) for end in model.core.ends]
    # The proto's repeated domain takes no negative index (it reads 0): list it first.
    latest = [int(list(end.proto.domain)[-1]) for end in model.core.ends]
    links = _path_links(model)
    total = 0
    for path in _paths(len(floors), links):
        if len(path) == 1:
            total += floors[path[0]](0)
        else:
            least = _path_minimum(model, path, links, earliest, latest)
            # No ends fit the path: no plan exists; the per-service floors still stand.
            total += least if least < _NEVER else sum(floors[i](0) for i in path)
    return total


def _path_links(model: SeparationModel) -> dict[int, tuple[int, int, Bridge | None]]:
    """Each service's predecessor in its path: ``after -> (before, lag, bridge or None)``.

    'before' dependencies first (they always bind), then bridges, dearest first;
    a service keeps one predecessor and a provider one successor.
    """
    sep = model.separation
    candidates: list[tuple[int, int, int, int, Bridge | None]] = [
        (-_NEVER, p.before, p.after, p.lag, None) for p in sep.precedences
    ]
    candidates += [(-sep.in_units(b.cost), b.before, b.after, 0, b) for b in sep.bridges]
    links: dict[int, tuple[int, int, Bridge | None]] = {}
    used: set[int] = set()
    for _, before, after, lag, bridge in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if after in links or before in used or before == after:
            continue
        links[after] = (before, lag, bridge)
        used.add(before)
    return links


def _paths(size: int, links: dict[int, tuple[int, int, Bridge | None]]) -> list[list[int]]:
    """The services as disjoint paths, each from its first provider to its last consumer."""
    successor = {before: after for after, (before, _, _) in links.items()}
    paths = []
    for first in range(size):
        if first in links:
            continue
        path = [first]
        while path[-1] in successor:
            path.append(successor[path[-1]])
        paths.append(path)
    return paths


def _path_minimum(
    model: SeparationModel,
    path: list[int],
    links: dict[int, tuple[int, int, Bridge | None]],
    earliest: list[int],
    latest: list[int],
) -> int:
    """The least the path's services cost together, each end within its window."""
    sep = model.separation
    incoming: dict[int, list[Bridge]] = {}
    for b in sep.bridges:
        incoming.setdefault(b.after, []).append(b)
    weeks = max(latest[i] for i in path) + 1
    best: list[int] = []  # best[e]: the least cost of the path so far, its last ending at e
    for position, index in enumerate(path):
        link = links.get(index) if position else None
        others = [b for b in incoming.get(index, []) if link is None or b is not link[2]]
        floor = service_floor(model, index, others, earliest)
        exact = floor.exact_costs(latest[index])
        own = [_NEVER if cost is None else cost for cost in exact]
        own += [_NEVER] * (weeks - len(own))
        if link is None:
            best = own
            continue
        _, lag, bridge = link
        duration = sep.moves[index].duration
        upto = _prefix_minima(best)
        pay = _NEVER if bridge is None else upto[-1] + sep.in_units(bridge.cost)
        best = [
            _NEVER if own[end] >= _NEVER else own[end] + min(pay, _wait(upto, end - duration - lag))
            for end in range(weeks)
        ]
    return min(best)


def _prefix_minima(values: list[int]) -> list[int]:
    out, least = [], _NEVER
    for value in values:
        least = min(least, value)
        out.append(least)
    return out


def _wait(upto: list[int], last_provider_end: int) -> int:
    """The least cost so far with the predecessor ending by ``last_provider_end``."""
    if last_provider_end < 0:
        return _NEVER
    return upto[min(last_provider_end, len(upto) - 1)]
