"""Contracted tranches, whether their services will be gone in time, and what the board must decide.

An extension option must be exercised ``notice_months`` before its tranche
ends, so the decision to extend falls due on that date: the board is asked to
serve notice when the plan has services still hosted after the end or the
forecast gives less than ``confidence`` that all will have left, and to let
the option lapse otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from carveout.domain import ExtensionOption, Portfolio, RaidKind, RaidStatus, Tranche
from carveout.domain.dates import exercise_by
from carveout.planning.calendar import months_between
from carveout.planning.hosting import hosting_terms
from carveout.planning.plan import Plan
from carveout.reports.contents import Decision, ServiceLine, Status, TrancheLine
from carveout.reports.formatting import percent, pounds, uk_date
from carveout.risk.forecast import Forecast


def _options(portfolio: Portfolio, tranche: str) -> list[ExtensionOption]:
    return sorted(
        (e for e in portfolio.extension_options if e.tranche == tranche), key=lambda e: e.code
    )


def _describe(option: ExtensionOption) -> str:
    step = f", {option.step_up:.0%} dearer" if option.step_up else ""
    return f"{option.length_months} months on {option.notice_months:g} months' notice{step}"


def notice_date(tranche: Tranche, option: ExtensionOption) -> date:
    """The last day to exercise ``option``: the domain's rule (:func:`exercise_by`)."""
    return exercise_by(tranche, option)


def tranche_lines(
    *, portfolio: Portfolio, lines: Sequence[ServiceLine], forecast: Forecast | None
) -> tuple[TrancheLine, ...]:
    """Every tranche that hosts services for another party, in order of its end.

    A service counts as planned to stay after a tranche's end only if that
    tranche is the last that lists it: one a later tranche also lists is not
    late for the earlier one.
    """
    by_code = {s.code: s for s in lines}
    last = {code: terms.tranche for code, terms in hosting_terms(portfolio).items()}
    chances = {t.code: t.p_leave_by_end for t in forecast.tranches} if forecast else {}
    rows = []
    for tranche in portfolio.tranches:
        agreement = portfolio.agreement_by_code.get(tranche.agreement)
        if agreement is None or not tranche.services:
            continue
        due = [
            c
            for c in tranche.services
            if c in by_code and by_code[c].moves and last.get(c) == tranche.code
        ]
        after = [c for c in due if _after(by_code[c].expected, tranche.end)]
        options = _options(portfolio, tranche.code)
        months = len(months_between(tranche.start, tranche.end))
        rows.append(
            TrancheLine(
                code=tranche.code,
                name=tranche.name or tranche.code,
                agreement=agreement.code,
                host=agreement.provider,
                start=tranche.start,
                end=tranche.end,
                services=len(tranche.services),
                due=len(due),
                monthly_charge=tranche.monthly_charge,
                cost=tranche.monthly_charge * months,
                planned_after_end=len(after),
                p_leave_by_end=chances.get(tranche.code),
                extension="; ".join(_describe(o) for o in options) or "none",
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.end, r.code)))


def _after(expected: date | None, end: date) -> bool:
    """Whether a service leaving on ``expected`` (None: unplanned) is hosted after ``end``."""
    return expected is None or expected > end


def decisions(
    *,
    portfolio: Portfolio,
    tranches: Sequence[TrancheLine],
    status: Status,
    plan: Plan | None,
    as_of: date,
    confidence: float = 0.8,
) -> tuple[Decision, ...]:
    """Decisions due: extensions to serve or let lapse, the deadline, open RAID decisions."""
    found: list[Decision] = []
    by_code = portfolio.tranche_by_code
    for line in tranches:
        if line.end < as_of:
            continue
        tranche = by_code[line.code]
        short = line.planned_after_end > 0 or (
            line.p_leave_by_end is not None and line.p_leave_by_end < confidence
        )
        options = _options(portfolio, line.code)
        chance = (
            f"the forecast gives {percent(line.p_leave_by_end)} that all will have left by then"
        )
        later = line.services - line.due
        rest = f" (the other {later} continue under a later tranche)" if later > 0 else ""
        why = (
            f"{line.planned_after_end} of the {line.due} services due to leave by "
            f"{uk_date(line.end)}{rest} are planned to be hosted after it; {chance}"
            if line.planned_after_end
            else f"The {line.due} services due to leave by {uk_date(line.end)}{rest} are "
            f"planned to, but {chance}"
        )
        if not options:
            if short:
                found.append(
                    Decision(
                        by=line.end,
                        title=f"Negotiate hosting beyond {uk_date(line.end)} for {line.name}",
                        detail=f"{why}, and the tranche has no extension option.",
                    )
                )
            continue
        option = options[0]
        due = notice_date(tranche, option)
        charge = line.monthly_charge * (1 + option.step_up)
        if short:
            found.append(
                Decision(
                    by=due,
                    title=f"Serve notice to extend {line.name} by {option.length_months} months",
                    detail=f"{why}. Extending costs {pounds(charge)} a month "
                    f"({pounds(charge * option.length_months)} in all).",
                    overdue=due < as_of,
                )
            )
        elif line.p_leave_by_end is None:
            found.append(
                Decision(
                    by=due,
                    title=f"Decide whether to extend {line.name}",
                    detail=f"Every service is planned to leave by {uk_date(line.end)}, but there "
                    "is no risk forecast as of this date to say how likely that is: run "
                    "`carveout risk` before letting the option lapse.",
                    overdue=due < as_of,
                )
            )
        else:
            found.append(
                Decision(
                    by=due,
                    title=f"Let the option to extend {line.name} lapse",
                    detail=f"Every service is planned to leave by {uk_date(line.end)} and the "
                    f"forecast gives {percent(line.p_leave_by_end)}; no notice is needed.",
                    overdue=due < as_of,
                )
            )
    if plan is not None and not plan.feasible:
        earliest = plan.earliest_feasible_deadline
        found.append(
            Decision(
                by=None,
                title="Agree a deadline the programme can meet",
                detail="No plan meets the deadline"
                + (f"; the earliest feasible is {uk_date(earliest)}." if earliest else "."),
            )
        )
    elif status.p_meet_deadline is not None and status.p_meet_deadline < 0.5 and status.deadline:
        found.append(
            Decision(
                by=None,
                title=f"Accept the risk to the {uk_date(status.deadline)} deadline or add capacity",
                detail=f"The chance of finishing by then is {percent(status.p_meet_deadline)}; "
                f"the P80 finish is {uk_date(status.finish_p80)}.",
            )
        )
    for entry in portfolio.raid:
        if entry.kind is RaidKind.DECISION and entry.status is RaidStatus.OPEN:
            owner = f" Owner: {entry.owner}." if entry.owner else ""
            found.append(
                Decision(
                    by=None,
                    title=entry.title,
                    detail=f"Open decision {entry.code} in the RAID log.{owner}",
                )
            )
    return tuple(sorted(found, key=lambda d: (d.by is None, d.by or as_of, d.title)))
