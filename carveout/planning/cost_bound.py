"""A lower bound on the cost of any plan, from each service on its own.

Every service cuts over no earlier than its earliest end. For each provider it
may bridge, it either pays the bridge or waits for the provider's earliest
end plus its own duration; the cheapest choice pays the bridges of the
providers that end latest and waits for the rest. Each term belongs to one
service, every other term of the cost (lateness, stability) is non-negative
and the hosting tables never fall, so no plan costs less than the sum.
Cost: O(bridges · log bridges) after the model's windows are known.
"""

from __future__ import annotations

from carveout.planning.separation import Bridge
from carveout.planning.terms import SeparationModel


def cost_lower_bound(model: SeparationModel) -> int:
    """No plan of the model costs less: hosting, the tie-break on ends, and bridges."""
    sep = model.separation
    earliest = [int(end.proto.domain[0]) for end in model.core.ends]
    incoming: dict[int, list[Bridge]] = {}
    for bridge in sep.bridges:
        incoming.setdefault(bridge.after, []).append(bridge)

    def cost(move: int, end: int) -> int:
        table = sep.cost_tables[move]
        return end + table[max(0, min(len(table) - 1, end))]

    total = 0
    for move in sep.moves:
        own = earliest[move.index]
        bridges = sorted(incoming.get(move.index, ()), key=lambda b: -earliest[b.before])
        waits = [earliest[b.before] + move.duration for b in bridges]
        best, paid = cost(move.index, max([own, *waits])), 0
        for k, bridge in enumerate(bridges):  # pay the k + 1 latest providers, wait for the rest
            paid += sep.in_units(bridge.cost)
            best = min(best, paid + cost(move.index, max([own, *waits[k + 1 :]])))
        total += best
    return total
