"""The notice calendar: every date on which someone must act, as of a data date.

Dates come from one rule (:mod:`carveout.domain.dates`): notice counted back in
whole calendar months. The calendar holds

* **termination notice**: the last day to serve notice so an agreement ends on
  its end date (none once notice has been served);
* **extension exercise-by**: the last day to exercise each tranche's option;
* **early-exit notice**: for a service the plan cuts over during a tranche,
  before its end, its schedule line's notice (else the agreement's) counted
  back from the cut-over, so the charge stops when the service leaves; one that
  would fall before the tranche began is due on its first day;
* **vendor consent**: for a service whose licence needs the vendor's consent
  to serve another organisation, its lead time in days counted back from the
  planned cut-over, else from the end of its tranche (the lead times are given
  by the caller: services do not yet keep one in the store);
* **tranche end**: the day a tranche's hosting stops unless extended.

An action whose occasion has passed (the tranche ended, the agreement ended,
the service already cut over) is left out; one whose date has passed while its
occasion is still to come is kept and marked overdue.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from carveout.domain.agreements import Agreement, Tranche
from carveout.domain.dates import exercise_by, months_before, notice_by
from carveout.domain.portfolio import Portfolio

WINDOWS: tuple[int, ...] = (30, 60, 90)
"""The look-ahead windows the overview and the pack count actions in, in days."""


class ActionKind(StrEnum):
    """What sort of act a date calls for."""

    TERMINATION_NOTICE = "termination notice"
    EXERCISE_EXTENSION = "exercise extension"
    EXIT_NOTICE = "early-exit notice"
    VENDOR_CONSENT = "vendor consent"
    TRANCHE_END = "tranche end"


class Action(BaseModel):
    """One dated action: what, on which record, by whom, and how many days are left.

    ``record_kind`` and ``record`` name the record it concerns (an agreement,
    tranche, extension option or service); ``parties`` are who must act;
    ``from_plan`` marks a date that depends on the scenario's plan.
    """

    model_config = ConfigDict(frozen=True)

    day: date
    kind: ActionKind
    what: str
    record_kind: str
    record: str
    agreement: str
    parties: tuple[str, ...]
    days_left: int
    overdue: bool
    from_plan: bool = False


def _action(
    *,
    day: date,
    today: date,
    kind: ActionKind,
    what: str,
    record_kind: str,
    record: str,
    agreement: str,
    parties: tuple[str, ...],
    from_plan: bool = False,
) -> Action:
    left = (day - today).days
    return Action(
        day=day,
        kind=kind,
        what=what,
        record_kind=record_kind,
        record=record,
        agreement=agreement,
        parties=parties,
        days_left=left,
        overdue=left < 0,
        from_plan=from_plan,
    )


def _agreement_actions(agreement: Agreement, today: date) -> list[Action]:
    serve_by = notice_by(agreement)
    if serve_by is None or agreement.notice_served or agreement.end is None:
        return []
    if agreement.end < today:
        return []
    who = (agreement.terminating_party,) if agreement.terminating_party else agreement.parties
    return [
        _action(
            day=serve_by,
            today=today,
            kind=ActionKind.TERMINATION_NOTICE,
            what=f"Serve notice on {agreement.name} ({agreement.notice_months:g} months) "
            f"for it to end on {agreement.end:%d %b %Y}",
            record_kind="agreement",
            record=agreement.code,
            agreement=agreement.code,
            parties=who,
        )
    ]


def _tranche_actions(portfolio: Portfolio, tranche: Tranche, today: date) -> list[Action]:
    if tranche.end < today:
        return []
    agreement = portfolio.agreement_by_code.get(tranche.agreement)
    recipients = agreement.recipients if agreement else ()
    actions = [
        _action(
            day=tranche.end,
            today=today,
            kind=ActionKind.TRANCHE_END,
            what=(f"{tranche.name} ({tranche.code})" if tranche.name else tranche.code)
            + " ends"
            + (
                f": its {len(tranche.services)} services must have cut over or an extension "
                "be in force"
                if tranche.services
                else ": its charge stops unless it is renewed"
            ),
            record_kind="tranche",
            record=tranche.code,
            agreement=tranche.agreement,
            parties=recipients,
        )
    ]
    for option in portfolio.extension_options:
        if option.tranche != tranche.code:
            continue
        actions.append(
            _action(
                day=exercise_by(tranche, option),
                today=today,
                kind=ActionKind.EXERCISE_EXTENSION,
                what=f"Exercise extension {option.code} of {tranche.code} "
                f"(+{option.length_months} months, +{option.step_up * 100:.0f}% charge)",
                record_kind="extension_option",
                record=option.code,
                agreement=tranche.agreement,
                parties=recipients,
            )
        )
    return actions


def _exit_notices(
    portfolio: Portfolio, cutovers: Mapping[str, date], left: set[str], today: date
) -> list[Action]:
    """An early-exit notice for each service the plan cuts over inside a tranche, before its
    end. A notice that would fall before the tranche began is due on its first day."""
    actions: list[Action] = []
    lines = {(line.tranche, line.service): line for line in portfolio.schedule_lines}
    for tranche in portfolio.tranches:
        agreement = portfolio.agreement_by_code.get(tranche.agreement)
        if agreement is None:
            continue
        for code in tranche.services:
            cutover = cutovers.get(code)
            service = portfolio.service_by_code.get(code)
            if service is None or code in left or cutover is None:
                continue
            if not (today <= cutover and tranche.start <= cutover < tranche.end):
                continue
            line = lines.get((tranche.code, code))
            given = line.notice_months if line is not None else None
            notice = given if given is not None else agreement.notice_months
            if notice <= 0:
                continue
            period = "1 month's" if notice == 1 else f"{notice:g} months'"
            actions.append(
                _action(
                    day=max(months_before(cutover, notice), tranche.start),
                    today=today,
                    kind=ActionKind.EXIT_NOTICE,
                    what=f"Give notice to stop hosting {service.name} from its planned "
                    f"cut-over on {cutover:%d %b %Y} ({period} notice under {tranche.code})",
                    record_kind="service",
                    record=code,
                    agreement=agreement.code,
                    parties=agreement.recipients,
                    from_plan=True,
                )
            )
    return actions


def _consents(
    portfolio: Portfolio,
    cutovers: Mapping[str, date],
    consents: Mapping[str, float],
    left: set[str],
    today: date,
) -> list[Action]:
    """Asking the vendor's consent: the lead time before the planned cut-over, else before
    the last of the service's tranches ends."""
    actions: list[Action] = []
    for code, lead in consents.items():
        service = portfolio.service_by_code.get(code)
        covering = sorted(
            (t for t in portfolio.tranches if code in t.services and t.end >= today),
            key=lambda t: t.end,
        )
        if service is None or code in left or not covering:
            continue
        cutover = cutovers.get(code)
        planned = cutover is not None and cutover >= today
        anchor = cutover if planned and cutover is not None else covering[-1].end
        where = "its planned cut-over" if planned else f"{covering[-1].code} ends"
        actions.append(
            _action(
                day=anchor - timedelta(days=round(lead)),
                today=today,
                kind=ActionKind.VENDOR_CONSENT,
                what=f"Ask the vendor's consent for {service.name} to serve another "
                f"organisation ({lead:g} days before {where} on {anchor:%d %b %Y})",
                record_kind="service",
                record=code,
                agreement=covering[-1].agreement,
                parties=(service.host,),
                from_plan=planned,
            )
        )
    return actions


def notice_calendar(
    *,
    portfolio: Portfolio,
    as_of: date,
    cutovers: Mapping[str, date] | None = None,
    consents: Mapping[str, float] | None = None,
) -> tuple[Action, ...]:
    """Every dated action of ``portfolio`` as of the data date ``as_of``, earliest first.

    ``cutovers`` maps services to their planned cut-over day (from the scenario's
    plan); without it, no early-exit notices are given and consents count back
    from the tranche ends. ``consents`` maps services whose licence needs the
    vendor's consent to the days of notice the vendor asks for.
    """
    actions: list[Action] = []
    for agreement in portfolio.agreements:
        actions.extend(_agreement_actions(agreement, as_of))
    for tranche in portfolio.tranches:
        actions.extend(_tranche_actions(portfolio, tranche, as_of))
    left = {m.service for m in portfolio.migrations if m.actual_end and m.actual_end < as_of}
    actions.extend(_exit_notices(portfolio, cutovers or {}, left, as_of))
    actions.extend(_consents(portfolio, cutovers or {}, consents or {}, left, as_of))
    return tuple(sorted(actions, key=lambda a: (a.day, a.kind.value, a.record)))


def due_within(actions: tuple[Action, ...], days: int) -> tuple[Action, ...]:
    """The actions overdue or falling due in the next ``days`` days, overdue first."""
    return tuple(a for a in actions if a.days_left <= days)


def due_counts(actions: tuple[Action, ...]) -> dict[str, int]:
    """How many actions are overdue and how many fall due within each of :data:`WINDOWS`."""
    counts = {"overdue": sum(1 for a in actions if a.overdue)}
    for days in WINDOWS:
        counts[f"{days}"] = sum(1 for a in actions if 0 <= a.days_left <= days)
    return counts
