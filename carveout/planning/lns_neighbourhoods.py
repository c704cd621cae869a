"""Which services a large-neighbourhood search frees at a time.

A neighbourhood is a set of moves the search may rearrange while every other
move keeps its incumbent dates. Three kinds, each of about ``size`` moves:

- a **team window**: moves of one team whose incumbent starts lie nearest a
  chosen move's start, so the team's work in that window can be reordered;
- a **cluster**: services coupled to a chosen one (cut over before it, bridged
  to it, cut over with it), breadth first, then its team's nearest moves;
- a **time window**: moves of every team starting nearest a chosen week, so
  coupled services on different teams can move together.

Work under way (a fixed start) is never freed. Services that cut over together
are freed together. Choices depend only on the incumbent and the random
generator, so the same seed gives the same neighbourhoods.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from carveout.planning.separation import Separation


class Kind(Enum):
    """The shape of a neighbourhood."""

    TEAM = "team window"
    CLUSTER = "cluster"
    TIME = "time window"


KINDS = (Kind.TEAM, Kind.CLUSTER, Kind.TIME)


@dataclass(frozen=True, slots=True)
class Couplings:
    """What the neighbourhoods need to know of a separation, prepared once."""

    free: tuple[int, ...]
    by_team: dict[int, tuple[int, ...]]
    team_of: tuple[int, ...]
    linked: tuple[tuple[int, ...], ...]
    group_of: dict[int, tuple[int, ...]]


def couplings(separation: Separation) -> Couplings:
    """The free moves, each team's free moves and each move's coupled moves."""
    moves = separation.moves
    free = tuple(m.index for m in moves if m.fixed_start is None)
    by_team: dict[int, list[int]] = {}
    for i in free:
        by_team.setdefault(moves[i].team_index, []).append(i)
    linked: list[set[int]] = [set() for _ in moves]
    pairs = [(p.before, p.after) for p in separation.precedences]
    pairs += [(b.before, b.after) for b in separation.bridges]
    for group in separation.together:
        pairs += [(group[0], other) for other in group[1:]]
    for a, b in pairs:
        linked[a].add(b)
        linked[b].add(a)
    return Couplings(
        free=free,
        by_team={t: tuple(v) for t, v in sorted(by_team.items())},
        team_of=tuple(m.team_index for m in moves),
        linked=tuple(tuple(sorted(s)) for s in linked),
        group_of={i: g for g in separation.together for i in g},
    )


def neighbourhood(
    *,
    kind: Kind,
    coupled: Couplings,
    starts: tuple[int, ...],
    size: int,
    rng: random.Random,
    weights: Sequence[float] | None = None,
) -> frozenset[int]:
    """About ``size`` free moves of the given ``kind`` to rearrange around a random centre,
    drawn in proportion to ``weights`` (per move) when given."""
    if not coupled.free:
        return frozenset()
    if weights is None:
        centre = rng.choice(coupled.free)
    else:
        centre = rng.choices(coupled.free, weights=[weights[i] for i in coupled.free])[0]
    if kind is Kind.TEAM:
        chosen = _nearest(coupled.by_team[coupled.team_of[centre]], starts, starts[centre], size)
    elif kind is Kind.TIME:
        chosen = _nearest(coupled.free, starts, starts[centre], size)
    else:
        chosen = _cluster(coupled, starts, centre, size)
    return _with_groups(coupled, chosen)


def _nearest(
    candidates: tuple[int, ...], starts: tuple[int, ...], week: int, size: int
) -> list[int]:
    """The ``size`` candidates whose starts lie nearest ``week`` (ties by index)."""
    return sorted(candidates, key=lambda i: (abs(starts[i] - week), i))[:size]


def _cluster(coupled: Couplings, starts: tuple[int, ...], centre: int, size: int) -> list[int]:
    """Coupled moves breadth first from ``centre``, topped up from its team's window."""
    free = set(coupled.free)
    seen = {centre}
    order = [centre]
    queue = deque([centre])
    while queue and len(order) < size:
        for other in coupled.linked[queue.popleft()]:
            if other in free and other not in seen:
                seen.add(other)
                order.append(other)
                queue.append(other)
    if len(order) < size:
        team = coupled.by_team[coupled.team_of[centre]]
        for i in _nearest(team, starts, starts[centre], size):
            if len(order) >= size:
                break
            if i not in seen:
                seen.add(i)
                order.append(i)
    return order[:size]


def _with_groups(coupled: Couplings, chosen: list[int]) -> frozenset[int]:
    """The chosen moves with every service that cuts over together with one of them."""
    free = set(coupled.free)
    out = set(chosen)
    for i in chosen:
        out.update(j for j in coupled.group_of.get(i, ()) if j in free)
    return frozenset(out)
