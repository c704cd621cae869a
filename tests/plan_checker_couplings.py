"""The plan checker's dependencies: every coupling, facts included, and the bridges it pays.

From docs/concepts/dependencies.md and docs/concepts.md ("The data date"):

- ``before``: the provider cuts over before the dependant starts. Between
  services not started the plan must keep it; where the actual dates already
  break it (the dependant started before its provider cut over) the plan cannot
  undo it and must say so in a note naming both.
- ``together``: two services not started, or two under way, share a cut-over
  date; any other pair that does not must be named in a note.
- ``bridgeable``: a dependant that starts on or before its provider's cut-over
  needs the bridge, unless the two cut over as one group. A bridge with a side
  cut over before the data date is a fact (``bridges_built``, cost to date);
  one between services not started is the plan's (``bridged``, cost to go); one
  whose dependant is under way while its provider is still hosted may be
  counted either way (the docs call it built, the planner decides it), but
  only once. A bridge that is not needed must not be listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from carveout.domain import Coupling, Dependency
from tests.plan_checker import DONE, PLANNED, UNDER_WAY, Seen, day

if TYPE_CHECKING:
    from tests.plan_checker import View


def groups(view: View) -> dict[str, int]:
    """The group each service cuts over with: linked by ``together`` when both sides are in
    the same state (not started, or under way), by the union of their groups."""
    parent: dict[str, str] = {}

    def root(code: str) -> str:
        while parent.get(code, code) != code:
            code = parent[code]
        return code

    for dep in view.portfolio.dependencies:
        a, b = view.seen.get(dep.service), view.seen.get(dep.depends_on)
        if dep.coupling is Coupling.TOGETHER and a and b and a.state == b.state != DONE:
            parent[root(a.code)] = root(b.code)
    roots = sorted({root(c) for c in view.seen})
    number = {r: i for i, r in enumerate(roots)}
    return {c: number[root(c)] for c in view.seen}


def check_couplings(view: View) -> list[str]:
    found: list[str] = []
    group = groups(view)
    bridged, built = set(view.plan.bridged), set(view.plan.bridges_built)
    needed: dict[str, Dependency] = {}
    known: dict[str, Dependency] = {}
    for dep in sorted(view.portfolio.dependencies, key=lambda d: d.key):
        later, earlier = view.seen.get(dep.service), view.seen.get(dep.depends_on)
        if later is None or earlier is None or later.row is None or earlier.row is None:
            continue
        if dep.coupling is Coupling.BEFORE:
            found.extend(_before(view, later, earlier))
        elif dep.coupling is Coupling.TOGETHER:
            found.extend(_together(view, later, earlier))
        elif group[later.code] != group[earlier.code]:
            known[dep.key] = dep
            if later.row.start <= earlier.row.cutover:
                needed[dep.key] = dep
                found.extend(_bridge_listed(dep, later, earlier, bridged, built))
    for key in sorted(bridged & built):
        found.append(f"bridge {key} is listed both as built and as to build")
    for key in sorted((bridged | built) - set(needed)):
        why = (
            "its dependant starts after its provider cuts over"
            if key in known
            else ("it is no bridgeable dependency between two planned services apart")
        )
        found.append(f"the plan pays for bridge {key}, which is not needed: {why}")
    for listed, figure, what in (
        (bridged, view.plan.bridge_cost, "to go"),
        (built, view.plan.bridge_cost_to_date, "to date"),
    ):
        costs = [d.bridge_cost for k, d in needed.items() if k in listed]
        # The planner counts bridges it decides in whole pounds: half a pound each at most.
        if abs(sum(costs) - figure) > max(1.0, 0.5 * len(costs)):
            found.append(
                f"bridges {what} cost £{sum(costs):,.2f} ({len(costs)} bridges), "
                f"the plan says £{figure:,.2f}"
            )
    return found


def _bridge_listed(
    dep: Dependency, later: Seen, earlier: Seen, bridged: set[str], built: set[str]
) -> list[str]:
    key = dep.key
    fact = DONE in (later.state, earlier.state)
    if fact and key not in built:
        return [
            f"{later.code} started on {later.row and day(later.row.start)} while "
            f"{earlier.code} was still hosted: bridge {key} was needed, but it is not "
            "listed as built"
        ]
    if later.state == PLANNED and not fact and key not in bridged:
        return [
            f"{later.code} starts on {later.row and day(later.row.start)}, before "
            f"{earlier.code} cuts over on {earlier.row and day(earlier.row.cutover)}, "
            f"but bridge {key} is not paid"
        ]
    if later.state == UNDER_WAY and not fact and key not in bridged | built:
        return [
            f"{later.code} is under way while {earlier.code} is hosted: bridge {key} is "
            "neither built nor paid"
        ]
    return []


def _before(view: View, later: Seen, earlier: Seen) -> list[str]:
    assert later.row is not None and earlier.row is not None
    if later.state == PLANNED:
        if earlier.row.cutover >= later.row.start:
            return [
                f"{later.code} starts on {day(later.row.start)} but {earlier.code}, which must "
                f"cut over before it, cuts over on {day(earlier.row.cutover)}"
            ]
        return []
    kept = earlier.state == DONE and earlier.row.cutover < later.row.start
    if not kept and not view.noted(later.code, earlier.code):
        return [
            f"{later.code} started on {day(later.row.start)} before {earlier.code} (which must "
            "go first) cut over, and the plan does not say so"
        ]
    return []


def _together(view: View, later: Seen, earlier: Seen) -> list[str]:
    assert later.row is not None and earlier.row is not None
    same = later.row.cutover == earlier.row.cutover
    if later.state == earlier.state != DONE and not same:
        return [
            f"{later.code} and {earlier.code} must cut over together but cut over on "
            f"{day(later.row.cutover)} and {day(earlier.row.cutover)}"
        ]
    if not same and not view.noted(later.code, earlier.code):
        return [
            f"{later.code} ({later.state}) and {earlier.code} ({earlier.state}) should cut over "
            "together, do not, and the plan does not say so"
        ]
    return []
