"""The small separation a large-neighbourhood step solves: freed moves around fixed anchors.

Every move outside the neighbourhood keeps its incumbent dates. Those coupled
to a freed move (a precedence, a bridge or a same-day group) stay in the small
separation as *anchors*: fixed starts, no load of their own and no hosting
cost (both are fixed), so the couplings, and the bridges a freed move may
pay, are modelled exactly. The load of every fixed move, and of the bridges
paid between two fixed moves, is taken off the teams' weekly capacity. A
schedule of the small separation therefore gives, with the fixed dates, a
schedule of the whole that meets every constraint the whole model has, and
costs differ only by the fixed moves' constant terms.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from carveout.planning.rcpsp import Precedence
from carveout.planning.separation import Bridge, Move, Separation


@dataclass(frozen=True, slots=True)
class SubSeparation:
    """A small separation, which of its moves are freed, and where each came from."""

    separation: Separation
    origin: tuple[int, ...]
    freed: tuple[int, ...]
    hint: tuple[int, ...]
    previous_ends: dict[str, int]


def sub_separation(
    separation: Separation,
    starts: tuple[int, ...],
    freed: frozenset[int],
    previous_ends: dict[str, int] | None = None,
) -> SubSeparation:
    """The separation with only ``freed`` moves free, the rest at their ``starts``."""
    moves = separation.moves
    ends = [s + m.duration for s, m in zip(starts, moves, strict=True)]
    touching = set(freed)
    for p in separation.precedences:
        if p.before in freed or p.after in freed:
            touching.update((p.before, p.after))
    for b in separation.bridges:
        if b.before in freed or b.after in freed:
            touching.update((b.before, b.after))
    for group in separation.together:
        if freed.intersection(group):
            touching.update(group)
    origin = tuple(sorted(touching))
    new = {old: i for i, old in enumerate(origin)}
    sub_moves = tuple(
        replace(moves[old], index=i) if old in freed else _anchor(moves[old], i, starts[old])
        for i, old in enumerate(origin)
    )
    caps = [list(c) for c in separation.capacities]
    for m in moves:
        if m.index not in freed:
            _take(caps[m.team_index], starts[m.index], m.duration, m.load)
    bridges: list[Bridge] = []
    for b in separation.bridges:
        if b.before in freed or b.after in freed:
            bridges.append(replace(b, before=new[b.before], after=new[b.after]))
        elif ends[b.before] > starts[b.after]:
            after = moves[b.after]
            _take(caps[after.team_index], starts[b.after], after.duration, b.load)
    precedences = tuple(
        Precedence(new[p.before], new[p.after], p.lag)
        for p in separation.precedences
        if p.before in freed or p.after in freed
    )
    together = tuple(tuple(new[i] for i in g) for g in separation.together if freed.intersection(g))
    tables = tuple(
        separation.cost_tables[old] if old in freed else _flat(separation.cost_tables[old])
        for old in origin
    )
    small = replace(
        separation,
        capacities=tuple(tuple(c) for c in caps),
        moves=sub_moves,
        precedences=precedences,
        together=together,
        bridges=tuple(bridges),
        cost_tables=tables,
    )
    wanted = previous_ends or {}
    return SubSeparation(
        separation=small,
        origin=origin,
        freed=tuple(new[i] for i in sorted(freed)),
        hint=tuple(starts[old] for old in origin),
        previous_ends={m.service: wanted[m.service] for m in sub_moves if m.service in wanted},
    )


def merged(sub: SubSeparation, starts: tuple[int, ...], found: tuple[int, ...]) -> tuple[int, ...]:
    """The whole schedule: ``starts`` with the freed moves at their dates in ``found``."""
    out = list(starts)
    for i in sub.freed:
        out[sub.origin[i]] = found[i]
    return tuple(out)


def _anchor(move: Move, index: int, start: int) -> Move:
    """A fixed move kept for its couplings: no load, no deadline, no window of its own."""
    return replace(
        move,
        index=index,
        load=0,
        release=0,
        deadline=None,
        fixed_start=start,
        forbidden_ends=(),
    )


def _take(caps: list[int], start: int, duration: int, load: int) -> None:
    """Take ``load`` off the weeks a fixed move runs (never below zero)."""
    for week in range(max(0, start), min(start + duration, len(caps))):
        caps[week] = max(0, caps[week] - load)


def _flat(table: tuple[int, ...]) -> tuple[int, ...]:
    """A cost table with no steps: an anchor's hosting is fixed, so it is left out."""
    return (0,) * len(table)
