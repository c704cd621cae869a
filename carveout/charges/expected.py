"""The charge expected for each service in each month, from its terms and its exit.

Host-to-recipient charges are read from :func:`carveout.planning.hosting.hosting_terms`,
the one definition of the transitional hosting charge, so the expected charges of the
months to go add up to the plan's hosting cost. Reverse lines (a recipient serving the
provider) are charged for every month of their rate periods.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from carveout.domain import Portfolio
from carveout.domain.schedule import Direction
from carveout.planning.calendar import months_between
from carveout.planning.hosting import HostingTerms, hosting_terms
from carveout.planning.line_terms import month_charge


@dataclass(frozen=True, slots=True)
class Expected:
    """What ``payer`` should be charged under ``agreement`` for ``service`` in ``month``.

    ``step_up`` is the part due to extension step-ups; ``tranche`` the schedule
    that charges it.
    """

    agreement: str
    tranche: str
    service: str
    month: date
    amount: float
    step_up: float
    direction: Direction
    payer: str
    payee: str


def exits(portfolio: Portfolio, cutovers: Mapping[str, date]) -> dict[str, date]:
    """Each service's exit: its actual cut-over where recorded, else ``cutovers`` (a plan's)."""
    found = dict(cutovers)
    for migration in portfolio.migrations:
        if migration.actual_end is not None:
            found[migration.service] = migration.actual_end
    return found


def expected_charges(
    portfolio: Portfolio,
    *,
    exit_of: Mapping[str, date],
    as_of: date,
) -> list[Expected]:
    """Every charge expected under any agreement, by service and month.

    ``exit_of`` is each service's cut-over (see :func:`exits`); a service without one
    is charged to the end of its last tranche. Notice to leave early is served on
    the data date ``as_of`` at the latest, as in the plan.
    """
    terms = hosting_terms(portfolio, as_of=as_of)
    rows: list[Expected] = []
    for code in sorted(terms):
        rows.extend(_hosted(portfolio, terms[code], exit_of.get(code)))
    rows.extend(_reverse(portfolio))
    return rows


def _hosted(portfolio: Portfolio, terms: HostingTerms, leaves: date | None) -> list[Expected]:
    charged = [r for r in terms.rates if r.tranche is not None]
    if not charged:
        return []
    first = charged[0].first
    if leaves is None:
        last = max(portfolio.tranche_by_code[t].end for t in terms.tranches)
    else:
        last = terms.last_charged(leaves)
    service = portfolio.service_by_code[terms.service]
    rows: list[Expected] = []
    for month in months_between(first, last):
        rate = terms.rate(month)
        if rate.tranche is None or rate.charge.hosting == 0:
            continue
        agreement = portfolio.agreement_by_code[portfolio.tranche_by_code[rate.tranche].agreement]
        payers = [p for p in agreement.recipients if p in service.consumers]
        for payer in payers or list(agreement.recipients[:1]):
            share = 1 / max(1, len(payers))
            rows.append(
                Expected(
                    agreement=agreement.code,
                    tranche=rate.tranche,
                    service=terms.service,
                    month=month,
                    amount=round(rate.charge.hosting * share, 2),
                    step_up=round(rate.charge.step_up * share, 2),
                    direction=Direction.HOST_TO_RECIPIENT,
                    payer=payer,
                    payee=agreement.provider,
                )
            )
    return rows


def _reverse(portfolio: Portfolio) -> list[Expected]:
    rows: list[Expected] = []
    for line in portfolio.schedule_lines:
        if line.direction is not Direction.REVERSE:
            continue
        tranche = portfolio.tranche_by_code.get(line.tranche)
        agreement = portfolio.agreement_by_code.get(tranche.agreement) if tranche else None
        if tranche is None or agreement is None:
            continue
        payee = agreement.recipients[0]
        for month in months_between(line.start, line.end):
            rows.append(
                Expected(
                    agreement=agreement.code,
                    tranche=tranche.code,
                    service=line.service,
                    month=month,
                    amount=round(month_charge(line, month), 2),
                    step_up=0.0,
                    direction=Direction.REVERSE,
                    payer=agreement.provider,
                    payee=payee,
                )
            )
    return rows
