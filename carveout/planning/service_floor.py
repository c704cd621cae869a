"""The least one service's own terms of the cost can come to, given when it cuts over.

A service's own terms are its hosting (with the tie-break of a unit per week
until cut-over) and the bridges into it. For each provider it may bridge, it
either pays the bridge or waits for the provider's earliest end plus its own
duration. Waiting is only ever forced by the providers it does not pay, so for
a given cut-over the cheapest choice pays the providers that end latest and
waits for the rest: the floor is the least, over k, of paying the k latest and
cutting over no earlier than the latest wait left. Hosting tables never fall,
so the floor never falls as the cut-over moves later.
"""

from __future__ import annotations

from dataclasses import dataclass

from carveout.planning.separation import Bridge
from carveout.planning.terms import SeparationModel


@dataclass(frozen=True, slots=True)
class ServiceFloor:
    """A lower bound on one service's own terms when it cuts over at week ``end`` or later.

    ``table`` is its hosting cost by end week, ``earliest`` its earliest end,
    ``waits`` the end each provider's wait forces (latest first) and ``paid[k]``
    the cost of paying the k latest providers' bridges.
    """

    table: tuple[int, ...]
    earliest: int
    waits: tuple[int, ...]
    paid: tuple[int, ...]

    def hosting(self, end: int) -> int:
        """Hosting and the tie-break if the service cuts over at the end of week ``end``."""
        return end + self.table[max(0, min(len(self.table) - 1, end))]

    def exact_costs(self, last: int) -> list[int | None]:
        """For each end week up to ``last``, the least its own terms cost when it cuts over then.

        ``None`` where it cannot end: before its earliest end.
        """
        # Paying the k latest leaves the (k+1)-th latest wait (waits[k], or none) to meet.
        opens = sorted(
            (self.waits[k] if k < len(self.waits) else self.earliest, paid)
            for k, paid in enumerate(self.paid)
        )
        costs: list[int | None] = []
        cheapest, k = None, 0
        for end in range(last + 1):
            while k < len(opens) and opens[k][0] <= end:
                cheapest = opens[k][1] if cheapest is None else min(cheapest, opens[k][1])
                k += 1
            if end < self.earliest or cheapest is None:
                costs.append(None)
            else:
                costs.append(self.hosting(end) + cheapest)
        return costs

    def __call__(self, end: int) -> int:
        """The least its own terms cost when it cuts over at ``end`` or later."""
        floor = max(end, self.earliest)
        best = self.hosting(max([floor, *self.waits[:1]]))
        for k in range(1, len(self.waits) + 1):
            later = self.waits[k] if k < len(self.waits) else floor
            best = min(best, self.paid[k] + self.hosting(max(floor, later)))
        return best


def service_floors(model: SeparationModel) -> list[ServiceFloor]:
    """Each moving service's floor, in the model's money, in the order of the moves."""
    sep = model.separation
    earliest = [int(end.proto.domain[0]) for end in model.core.ends]
    incoming: dict[int, list[Bridge]] = {}
    for bridge in sep.bridges:
        incoming.setdefault(bridge.after, []).append(bridge)
    return [
        service_floor(model, move.index, incoming.get(move.index, []), earliest)
        for move in sep.moves
    ]


def service_floor(
    model: SeparationModel, index: int, bridges: list[Bridge], earliest: list[int]
) -> ServiceFloor:
    """Service ``index``'s floor when ``bridges`` are the bridges into it that count."""
    sep = model.separation
    move = sep.moves[index]
    latest_first = sorted(bridges, key=lambda b: -earliest[b.before])
    paid = [0]
    for bridge in latest_first:
        paid.append(paid[-1] + sep.in_units(bridge.cost))
    return ServiceFloor(
        table=sep.cost_tables[index],
        earliest=earliest[index],
        waits=tuple(earliest[b.before] + move.duration for b in latest_first),
        paid=tuple(paid),
    )
