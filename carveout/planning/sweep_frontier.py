"""Reading a sweep: the cost-against-exit-date frontier, what a month and a person are worth,
and the point to recommend.

Pure functions over the cells' results. A cell's *exit* is its planned finish,
or, when risk runs were made, the finish it meets at the stated confidence; its
*cost* is everything to go: the plan's hosting, running, bridges and lateness,
the extra people at the stated price, the mitigations' cost and, with risk
runs, the expected extra hosting and risk cost the simulation finds.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

DAYS_PER_MONTH = 365.25 / 12


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CellResult(_Out):
    """What planning (and simulating) one cell gave.

    ``plan_cost`` is the plan's total to go (None without a feasible plan);
    ``person_cost`` the extra people from the data date to the finish;
    ``risk_cost`` the simulation's expected hosting and risk cost beyond the
    plan's; ``p_finish`` the finish met at the sweep's confidence.
    """

    key: str
    deadline: date
    extra: tuple[tuple[str, int], ...] = ()
    extensions: str = "all"
    mitigations: bool = False
    status: str
    finish: date | None = None
    plan_cost: float | None = None
    gap: float | None = None
    person_cost: float = 0.0
    mitigation_cost: float = 0.0
    risk_cost: float | None = None
    p_finish: date | None = None
    p_meet_deadline: float | None = None
    earliest_feasible_deadline: date | None = None
    seconds: float = 0.0
    attempts: int = 1

    @property
    def feasible(self) -> bool:
        return self.plan_cost is not None and self.finish is not None

    @property
    def exit(self) -> date | None:
        """The exit date the frontier plots: the finish at confidence, else the planned one."""
        return self.p_finish if self.p_finish is not None else self.finish

    @property
    def cost(self) -> float | None:
        """Everything to go, people and mitigations included (None without a plan)."""
        if self.plan_cost is None:
            return None
        return self.plan_cost + self.person_cost + self.mitigation_cost + (self.risk_cost or 0.0)

    @property
    def cost_before_people(self) -> float | None:
        cost = self.cost
        return None if cost is None else cost - self.person_cost

    def extra_in(self, team: str) -> int:
        return dict(self.extra).get(team, 0)


class MonthValue(_Out):
    """One step along the frontier: exiting later from ``earlier`` to ``later`` saves this."""

    earlier: str
    later: str
    earlier_exit: date
    later_exit: date
    months: float
    saved: float
    per_month: float


class DeadlineValue(_Out):
    """The cheapest cell that exits by ``deadline``, and what the step from the deadline
    before saves (None where neither has a cell)."""

    deadline: date
    cell: str | None
    exit: date | None
    cost: float | None
    saved: float | None = None
    per_month: float | None = None


class PersonValue(_Out):
    """What one more person in ``team`` is worth, from ``from_people`` to ``to_people``.

    Averaged over the cells that differ only in this team's people and both have a
    plan (``compared``); ``made_feasible`` counts those where only the larger team has
    one. ``saved`` is the cost saved per extra person before paying for them;
    ``days_earlier`` how far per person the exit moves forward.
    """

    team: str
    from_people: int
    to_people: int
    compared: int
    made_feasible: int
    saved: float | None
    days_earlier: float | None
    saved_at_recommended: float | None = None
    days_at_recommended: float | None = None


def efficient(cells: Sequence[CellResult]) -> list[CellResult]:
    """The Pareto-efficient cells: no other exits no later for no more, one of them less.

    Of cells with the same exit and cost, the first in grid order stands for them.
    """
    found: list[CellResult] = []
    costed = [(c, c.exit, c.cost) for c in cells if c.exit is not None and c.cost is not None]
    for cell, exit_, cost in costed:
        beaten = False
        for other, o_exit, o_cost in costed:
            if other is cell:
                continue
            if o_exit <= exit_ and o_cost <= cost and (o_exit < exit_ or o_cost < cost):
                beaten = True
                break
            if o_exit == exit_ and o_cost == cost and other in found:
                beaten = True
                break
        if not beaten:
            found.append(cell)
    return sorted(found, key=lambda c: (c.exit, c.cost))


def month_values(frontier: Sequence[CellResult]) -> list[MonthValue]:
    """Cost saved per month of exiting later, between neighbours on the frontier."""
    out: list[MonthValue] = []
    for a, b in itertools.pairwise(frontier):
        assert a.exit and b.exit and a.cost is not None and b.cost is not None
        months = (b.exit - a.exit).days / DAYS_PER_MONTH
        saved = a.cost - b.cost
        out.append(
            MonthValue(
                earlier=a.key,
                later=b.key,
                earlier_exit=a.exit,
                later_exit=b.exit,
                months=round(months, 2),
                saved=saved,
                per_month=saved / months if months > 0 else 0.0,
            )
        )
    return out


def deadline_values(cells: Sequence[CellResult], deadlines: Sequence[date]) -> list[DeadlineValue]:
    """For each deadline swept, the cheapest cell exiting by then, whichever deadline it was
    planned for, and the cost saved per month of allowing the next one instead."""
    out: list[DeadlineValue] = []
    for deadline in sorted(deadlines):
        meeting = [c for c in cells if c.cost is not None and c.exit and c.exit <= deadline]
        best = min(meeting, key=lambda c: (c.cost, c.exit), default=None)
        value = DeadlineValue(
            deadline=deadline,
            cell=best.key if best else None,
            exit=best.exit if best else None,
            cost=best.cost if best else None,
        )
        before = out[-1] if out else None
        if before is not None and before.cost is not None and value.cost is not None:
            months = (deadline - before.deadline).days / DAYS_PER_MONTH
            saved = before.cost - value.cost
            value = value.model_copy(
                update={"saved": saved, "per_month": saved / months if months else 0.0}
            )
        out.append(value)
    return out


def _others(cell: CellResult, team: str) -> tuple[object, ...]:
    """Everything about ``cell`` but ``team``'s people."""
    extra = tuple((t, n) for t, n in cell.extra if t != team)
    return (cell.deadline, extra, cell.extensions, cell.mitigations)


def person_values(
    cells: Sequence[CellResult], recommended: CellResult | None = None
) -> list[PersonValue]:
    """For each swept team and each step of its people, what the step is worth per person."""
    teams = sorted({t for c in cells for t, _ in c.extra})
    out: list[PersonValue] = []
    for team in teams:
        levels = sorted({c.extra_in(team) for c in cells})
        index = {(_others(c, team), c.extra_in(team)): c for c in cells}
        for low, high in itertools.pairwise(levels):
            step = high - low
            saved: list[float] = []
            earlier: list[float] = []
            made = 0
            at: tuple[float | None, float | None] = (None, None)
            for (rest, people), a in index.items():
                b = index.get((rest, high)) if people == low else None
                if b is None:
                    continue
                if not a.feasible and b.feasible:
                    made += 1
                pair = _pair(a, b, step)
                if pair is None:
                    continue
                saved.append(pair[0])
                earlier.append(pair[1])
                if recommended is not None and _others(recommended, team) == rest:
                    at = pair
            out.append(
                PersonValue(
                    team=team,
                    from_people=low,
                    to_people=high,
                    compared=len(saved),
                    made_feasible=made,
                    saved=sum(saved) / len(saved) if saved else None,
                    days_earlier=sum(earlier) / len(earlier) if earlier else None,
                    saved_at_recommended=at[0],
                    days_at_recommended=at[1],
                )
            )
    return out


def _pair(a: CellResult, b: CellResult, step: int) -> tuple[float, float] | None:
    """(cost saved, days earlier) per person from ``a`` to ``b``, when both have a plan."""
    if a.cost_before_people is None or b.cost_before_people is None:
        return None
    if a.exit is None or b.exit is None:
        return None
    return (
        (a.cost_before_people - b.cost_before_people) / step,
        (a.exit - b.exit).days / step,
    )


def recommend(cells: Sequence[CellResult]) -> CellResult | None:
    """The cheapest cell whose exit meets its own deadline (then the earliest exit).

    With risk runs the exit is the finish met at the stated confidence, so the
    deadline is met at least that often; without, it is the planned finish.
    """
    meeting = [
        c for c in cells if c.cost is not None and c.exit is not None and c.exit <= c.deadline
    ]
    return min(meeting, key=lambda c: (c.cost, c.exit), default=None)
