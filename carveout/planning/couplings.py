"""Dependencies as the planner applies them on the data date, facts included.

Each side of a dependency is either *done* (cut over before the data date),
*under way* (in progress: its start is a fact) or *planned* (not started).

- ``before``: a provider that has cut over releases its dependant from its
  actual date, which is before the data date, so the dependant is free; two
  planned services are ordered. Where the actual dates already break the
  coupling (the dependant started, or cut over, before its provider cut over)
  the plan cannot undo it: a note says so.
- ``together``: two planned services, or two under way, share a cut-over;
  where one has already cut over or only one is under way, each is planned on
  its own, with a note.
- ``bridgeable``: a dependant that moved while its provider was still hosted
  needed a bridge. When one side had cut over by the data date the bridge is a
  fact, listed as built with its cost counted to date; between two services
  with work left (a dependant under way with its provider still hosted needs
  one for certain) the model decides, and its cost is to go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from carveout.domain import Coupling, Dependency
from carveout.planning.rcpsp import Precedence
from carveout.planning.separation import BuiltBridge, Done, Move


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a dependency on the data date: a planned or under-way move, or a fact."""

    move: Move | None = None
    done: Done | None = None

    @property
    def started(self) -> date | None:
        if self.done is not None:
            return self.done.start
        return self.move.actual_start if self.move is not None else None

    @property
    def cut_over(self) -> date | None:
        return self.done.cutover if self.done is not None else None

    @property
    def planned(self) -> bool:
        return self.move is not None and not self.move.frozen

    @property
    def under_way(self) -> bool:
        return self.move is not None and self.move.frozen


@dataclass
class Couplings:
    """What the dependencies become: constraints, bridges to decide, bridges built, notes."""

    precedences: list[Precedence] = field(default_factory=list)
    together: list[tuple[int, int]] = field(default_factory=list)
    bridges: list[tuple[str, int, int, int, float]] = field(default_factory=list)
    built: list[BuiltBridge] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _when(day: date) -> str:
    return f"{day:%d %b %Y}"


def apply_couplings(
    dependencies: tuple[Dependency, ...], moves: dict[str, Move], done: dict[str, Done]
) -> Couplings:
    """Turn ``dependencies`` into the model's couplings, given what is done and under way."""
    out = Couplings()
    for dep in sorted(dependencies, key=lambda d: d.key):
        later = Side(moves.get(dep.service), done.get(dep.service))
        earlier = Side(moves.get(dep.depends_on), done.get(dep.depends_on))
        if (later.move is None and later.done is None) or (
            earlier.move is None and earlier.done is None
        ):
            continue  # one side does not move, or has no work recorded
        if dep.coupling is Coupling.BEFORE:
            _before(dep, later, earlier, out)
        elif dep.coupling is Coupling.TOGETHER:
            _together(dep, later, earlier, out)
        else:
            _bridgeable(dep, later, earlier, out)
    return out


def _before(dep: Dependency, later: Side, earlier: Side, out: Couplings) -> None:
    provider, dependant = dep.depends_on, dep.service
    if earlier.move is not None and later.planned:
        assert later.move is not None
        out.precedences.append(Precedence(before=earlier.move.index, after=later.move.index))
        return
    cut, started = earlier.cut_over, later.started
    if cut is not None and (started is None or started > cut):
        return  # the provider cut over first, as the coupling asks
    if later.cut_over is not None:
        what = f"cut over on {_when(later.cut_over)}"
    elif started is not None:
        what = f"started on {_when(started)}"
    else:
        return
    provider_state = f"cut over on {_when(cut)}" if cut is not None else "has not cut over"
    out.notes.append(
        f"{dependant} {what}, but {provider}, which must go before it, {provider_state}: "
        "the actual dates break that dependency, so the plan cannot apply it"
    )


def _together(dep: Dependency, later: Side, earlier: Side, out: Couplings) -> None:
    a, b = dep.service, dep.depends_on
    if (later.planned and earlier.planned) or (later.under_way and earlier.under_way):
        assert later.move is not None and earlier.move is not None
        out.together.append((later.move.index, earlier.move.index))
        return
    if later.done is not None and earlier.done is not None:
        if later.done.cutover != earlier.done.cutover:
            out.notes.append(
                f"{a} and {b} should have cut over together but cut over on "
                f"{_when(later.done.cutover)} and {_when(earlier.done.cutover)}"
            )
        return
    first, other = (later, b) if later.done is not None else (earlier, a)
    if first.done is not None:
        out.notes.append(
            f"{first.done.service} cut over on {_when(first.done.cutover)} although {other} "
            "should cut over with it: the rest is planned on its own"
        )
        return
    out.notes.append(
        f"{a} and {b} should cut over together but one is already under way: "
        "each is planned on its own"
    )


def _bridgeable(dep: Dependency, later: Side, earlier: Side, out: Couplings) -> None:
    if later.move is not None and earlier.move is not None:
        out.bridges.append(
            (
                dep.key,
                earlier.move.index,
                later.move.index,
                round(dep.bridge_cost),
                dep.bridge_effort,
            )
        )
        return
    cut, started = earlier.cut_over, later.started
    if started is not None and (cut is None or started <= cut):
        # The dependant moved (or began to) while its provider was still hosted.
        out.built.append(BuiltBridge(dep.key, dep.bridge_cost))
