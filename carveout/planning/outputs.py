"""What a schedule says: cut-overs and waves, burn-down, hosting tranches, critical chain, costs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from carveout.planning.calendar import month_start, months_between, quarter_end
from carveout.planning.hosting import Charge, HostingTerms
from carveout.planning.plan import Conflict, HostedCount, HostingTranche, Plan, PlannedMigration
from carveout.planning.rcpsp import Solution
from carveout.planning.separation import Separation


@dataclass(frozen=True, slots=True)
class _Cutover:
    service: str
    team: str
    start: date
    cutover: date
    effort: float
    duration_days: int
    frozen: bool


def _cutovers(sep: Separation, starts: Sequence[int]) -> list[_Cutover]:
    cal = sep.calendar
    rows = [
        _Cutover(
            m.service,
            m.team,
            m.actual_start or cal.day(starts[m.index]),
            cal.cutover(starts[m.index] + m.duration),
            m.effort_days,
            m.duration * 5,
            m.frozen,
        )
        for m in sep.moves
    ]
    rows.extend(
        _Cutover(
            d.service,
            d.team,
            d.start,
            d.cutover,
            d.effort_days,
            _working_days(d.start, d.cutover),
            True,
        )
        for d in sep.done
    )
    return sorted(rows, key=lambda r: (r.cutover, r.service))


def _working_days(start: date, end: date) -> int:
    return max(1, round(((end - start).days + 1) * 5 / 7))


def waves(cutovers: Sequence[date], *, origin: date) -> list[int]:
    """Wave of each cut-over: the calendar months holding cut-overs, numbered in order.

    Cut-overs before ``origin`` (done before the scenario) are wave 0.
    """
    months = sorted({month_start(d) for d in cutovers if d >= origin})
    number = {m: i + 1 for i, m in enumerate(months)}
    return [number[month_start(d)] if d >= origin else 0 for d in cutovers]


def burn_down(
    sep: Separation, cutover_of: dict[str, date], *, last: date
) -> tuple[HostedCount, ...]:
    """Services each host still runs for each consumer at the start of every month."""
    rows: list[HostedCount] = []
    pairs: dict[tuple[str, str], list[str]] = {}
    for code, terms in sep.terms.items():
        if code not in cutover_of:
            continue
        for consumer in _consumers(sep, terms):
            pairs.setdefault((terms.host, consumer), []).append(code)
    for month in months_between(sep.scenario.start, last + timedelta(days=31)):
        for (host, consumer), codes in sorted(pairs.items()):
            hosted = sum(1 for c in codes if cutover_of[c] >= month)
            rows.append(HostedCount(month=month, host=host, consumer=consumer, services=hosted))
    return tuple(rows)


def _consumers(sep: Separation, terms: HostingTerms) -> tuple[str, ...]:
    return tuple(c for c in sep.consumers.get(terms.service, ()) if c != terms.host)


def hosting_tranches(
    sep: Separation, cutover_of: dict[str, date], contract_ends: dict[str, list[date]]
) -> tuple[HostingTranche, ...]:
    """Nested tranches per host: every service until the first end, those still left until the next…

    A service needs hosting until the first date on or after its cut-over that
    is either one of its host's contract dates (tranche and extension ends) or
    a quarter end.
    """
    start = sep.first_month
    needed: dict[str, dict[str, date]] = {}
    for code, cut in cutover_of.items():
        if cut < start:
            continue
        host = sep.terms[code].host
        candidates = [d for d in contract_ends.get(host, []) if d >= cut] + [quarter_end(cut)]
        needed.setdefault(host, {})[code] = min(candidates)
    tranches: list[HostingTranche] = []
    for host in sorted(needed):
        previous = start - timedelta(days=1)
        for until in sorted(set(needed[host].values())):
            codes = tuple(sorted(c for c, d in needed[host].items() if d >= until))
            first = previous + timedelta(days=1)
            costs = [sep.terms[c].between(first, until) for c in codes]
            rates = [sep.terms[c].charge(until) for c in codes]
            tranches.append(
                HostingTranche(
                    host=host,
                    start=first,
                    until=until,
                    services=codes,
                    monthly_charge=round(sum(r.total for r in rates), 2),
                    cost=round(sum(c.total for c in costs), 2),
                )
            )
            previous = until
    return tuple(tranches)


def critical_chain(sep: Separation, starts: Sequence[int]) -> list[int]:
    """Moves that fix the finish: walk back from the last cut-over through tight links.

    A link is tight when a predecessor (or, failing one, another job of the same
    team) ends exactly when the move starts; the walk stops at a move that
    starts at its release or frozen date.
    """
    if not sep.moves:
        return []
    ends = [starts[m.index] + m.duration for m in sep.moves]
    current = max(range(len(ends)), key=lambda i: (ends[i], -i))
    chain = [current]
    preds: dict[int, list[int]] = {}
    for p in sep.precedences:
        preds.setdefault(p.after, []).append(p.before)
    for b in sep.bridges:
        preds.setdefault(b.after, []).append(b.before)
    while len(chain) <= len(sep.moves):
        move = sep.moves[current]
        start = starts[current]
        if start <= move.release or move.fixed_start is not None:
            break
        tight = [p for p in preds.get(current, []) if ends[p] == start]
        if not tight:
            tight = [
                o.index
                for o in sep.moves
                if o.team_index == move.team_index and ends[o.index] == start
            ]
        if not tight:
            break
        current = min(tight)
        if current in chain:
            break
        chain.append(current)
    return chain[::-1]


def assemble_plan(
    *,
    separation: Separation,
    solution: Solution,
    created: datetime,
    seed: int,
    conflicts: Sequence[Conflict] = (),
    earliest: date | None = None,
    extra_notes: Sequence[str] = (),
    fingerprint: str = "",
) -> Plan:
    """The stored :class:`Plan` for a solve of ``separation``."""
    sep, scenario = separation, separation.scenario
    notes = (*sep.notes, *extra_notes)
    common = dict(
        scenario=scenario.code,
        objective=scenario.objective.value,
        created=created,
        start=scenario.start,
        as_of=sep.as_of,
        fingerprint=fingerprint,
        deadline=scenario.deadline,
        solve_seconds=round(solution.seconds, 3),
        seed=seed,
        notes=notes,
        bridges_built=tuple(b.key for b in sep.built_bridges),
        bridge_cost_to_date=float(sum(b.cost for b in sep.built_bridges)),
    )
    if not solution.feasible:
        status = "infeasible" if solution.status == "infeasible" else "unknown"
        return Plan(
            status=status,
            conflicts=tuple(conflicts),
            earliest_feasible_deadline=earliest,
            **common,
        )
    starts = solution.starts
    rows = _cutovers(sep, starts)
    cutover_of = {r.service: r.cutover for r in rows}
    chain = [sep.moves[i].service for i in critical_chain(sep, starts)]
    wave_of = waves([r.cutover for r in rows], origin=sep.as_of)
    charged = Charge()
    lateness = 0.0
    deadline_of = {m.service: m.deadline_date for m in sep.moves}
    migrations: list[PlannedMigration] = []
    for row, wave in zip(rows, wave_of, strict=True):
        terms = sep.terms[row.service]
        if terms.last_charged(row.cutover) >= sep.first_month:
            charged = charged + terms.between(sep.first_month, row.cutover)
        due = deadline_of.get(row.service)
        late = max(0, (row.cutover - due).days) if due and row.cutover >= sep.as_of else 0
        if sep.soft_deadlines:
            lateness += late * scenario.lateness_penalty
        migrations.append(
            PlannedMigration(
                service=row.service,
                team=row.team,
                start=row.start,
                cutover=row.cutover,
                wave=wave,
                effort_days=row.effort,
                duration_days=row.duration_days,
                frozen=row.frozen,
                late_days=late,
                critical=row.service in chain,
            )
        )
    bridged = [
        b for b in sep.bridges if starts[b.after] < starts[b.before] + sep.moves[b.before].duration
    ]
    finish = max((r.cutover for r in rows), default=scenario.start)
    return Plan(
        status=solution.status,
        finish=finish,
        objective_value=solution.objective,
        bound=solution.bound,
        gap=solution.gap,
        hosting_cost=round(charged.hosting, 2),
        step_up_cost=round(charged.step_up, 2),
        running_cost=round(charged.running, 2),
        bridge_cost=float(sum(b.cost for b in bridged)),
        lateness_cost=round(lateness, 2),
        migrations=tuple(migrations),
        burn_down=burn_down(sep, cutover_of, last=finish),
        tranches=hosting_tranches(sep, cutover_of, sep.contract_ends),
        critical_chain=tuple(chain),
        bridged=tuple(b.key for b in bridged),
        **common,
    )
