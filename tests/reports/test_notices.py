"""The scenario calendar asks for vendors' consent from the services' stored lead times."""

from __future__ import annotations

from datetime import date, timedelta

from carveout.demo import demo_portfolio
from carveout.domain import Portfolio
from carveout.domain.calendar import ActionKind
from carveout.domain.changes import diff
from carveout.reports.notices import scenario_calendar
from carveout.storage import Store

AS_OF = date(2021, 10, 1)


def test_a_stored_consent_lead_time_puts_the_vendors_consent_in_the_calendar(
    store: Store,
) -> None:
    store.apply(diff(Portfolio(), demo_portfolio()), actor="tester")
    portfolio = store.load()
    assert portfolio.service_by_code["RMS"].consent_lead_days == 120

    actions = scenario_calendar(portfolio=portfolio, as_of=AS_OF, plan=None)

    consents = {a.record: a for a in actions if a.kind is ActionKind.VENDOR_CONSENT}
    assert set(consents) == {"RMS", "CAD", "DEMS"}
    rms_end = max(t.end for t in portfolio.tranches if "RMS" in t.services)
    assert consents["RMS"].day == rms_end - timedelta(days=120)
    assert "120 days before" in consents["RMS"].what


def test_no_lead_time_no_consent(store: Store) -> None:
    plain = demo_portfolio()
    plain = plain.replace(
        services=tuple(s.model_copy(update={"consent_lead_days": None}) for s in plain.services)
    )
    store.apply(diff(Portfolio(), plain), actor="tester")

    actions = scenario_calendar(portfolio=store.load(), as_of=AS_OF, plan=None)

    assert not [a for a in actions if a.kind is ActionKind.VENDOR_CONSENT]
