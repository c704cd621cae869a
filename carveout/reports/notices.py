"""The notice calendar of a scenario: the portfolio's dated actions, with the plan's cut-overs.

The one function the CLI, the dashboard and the governance pack call, so each
shows the same dates for the same scenario and data date.
"""

from __future__ import annotations

from datetime import date

from carveout.domain import Portfolio
from carveout.domain.calendar import Action, notice_calendar
from carveout.planning.plan import Plan


def planned_cutovers(plan: Plan | None) -> dict[str, date]:
    """Each service's cut-over in ``plan`` (none for a plan that does not fit)."""
    if plan is None or not plan.feasible:
        return {}
    return {m.service: m.cutover for m in plan.migrations}


def scenario_calendar(
    *, portfolio: Portfolio, as_of: date, plan: Plan | None
) -> tuple[Action, ...]:
    """Every dated action as of ``as_of``, early exits and consents following ``plan``."""
    consents = {
        s.code: s.consent_lead_days for s in portfolio.services if s.consent_lead_days is not None
    }
    return notice_calendar(
        portfolio=portfolio, as_of=as_of, cutovers=planned_cutovers(plan), consents=consents
    )
