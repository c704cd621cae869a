"""Service levels and measurements in the store: kept as given, bad ones refused whole, and
written by whom the access policy lets."""

from collections.abc import Callable
from datetime import date

import pytest

from carveout.access import Principal, Role
from carveout.access.rulings import ChangesRefused
from carveout.domain import Portfolio
from carveout.domain.changes import Change, Changeset, diff
from carveout.domain.service_levels import Aim, ServiceLevel, ServiceLevelMeasurement
from carveout.errors import ValidationFailed
from carveout.storage import Store

Factory = Callable[..., Portfolio]
WAR_EDITOR = Principal(name="bob@war", organisation="WAR", role=Role.EDITOR)
STAFF_EDITOR = Principal(name="sue@staff", organisation="STAFF", role=Role.EDITOR)

LEVEL = ServiceLevel(
    code="CAD/avail", schedule_line="THA-1/CAD", metric="Availability", unit="%", target=99.5,
    direction=Aim.AT_LEAST, credit_percent=5, cap_percent=10,
)  # fmt: skip


def _measured(month: date, value: float, level: str = "CAD/avail") -> ServiceLevelMeasurement:
    return ServiceLevelMeasurement(
        code=f"{level}/{month:%Y-%m}", service_level=level, month=month, value=value
    )


@pytest.fixture
def levelled(store: Store, small_portfolio: Factory) -> Store:
    store.apply(diff(Portfolio(), small_portfolio(service_levels=(LEVEL,))), actor="setup")
    return store


def _add(*records: ServiceLevelMeasurement) -> Changeset:
    return Changeset(tuple(Change("service_level_measurement", r.key, None, r) for r in records))


def test_levels_and_measurements_are_kept_as_given(levelled: Store) -> None:
    first = _measured(date(2021, 10, 1), 99.1)
    levelled.apply(_add(first), actor="alice")
    loaded = levelled.load()
    assert loaded.service_levels == (LEVEL,)
    assert loaded.service_level_measurements == (first,)


def test_a_month_with_one_bad_measurement_is_refused_whole(levelled: Store) -> None:
    audited = levelled.history(limit=1000)
    good = _measured(date(2021, 10, 1), 99.9)
    stray = _measured(date(2021, 10, 1), 99.9, level="NO-SUCH")
    late = _measured(date(2022, 6, 1), 99.9)

    with pytest.raises(ValidationFailed) as raised:
        levelled.apply(_add(good, stray, late), actor="bob")

    assert {(p.key, p.field) for p in raised.value.problems} == {
        ("NO-SUCH/2021-10", "service_level"),
        ("CAD/avail/2022-06", "month"),
    }
    assert levelled.load().service_level_measurements == ()
    assert levelled.history(limit=1000) == audited


def test_a_party_to_the_agreement_records_measurements_and_another_party_may_not(
    levelled: Store,
) -> None:
    made = levelled.apply(_add(_measured(date(2021, 11, 1), 99.7)), actor="bob",
                          principal=WAR_EDITOR)  # fmt: skip
    assert len(made.applied) == 1

    with pytest.raises(ChangesRefused, match="belongs to WAR, WMID, WMP"):
        levelled.apply(_add(_measured(date(2021, 12, 1), 99.7)), actor="sue",
                       principal=STAFF_EDITOR)  # fmt: skip


def test_a_change_to_a_service_level_binds_the_agreements_parties(levelled: Store) -> None:
    softer = LEVEL.model_copy(update={"target": 99.0})
    outcome = levelled.apply(
        Changeset((Change("service_level", LEVEL.code, LEVEL, softer),)),
        actor="bob",
        principal=WAR_EDITOR,
    )
    assert outcome.applied == () and outcome.proposals
    assert outcome.proposals[0].needs == ("WMID", "WMP")
    assert levelled.load().service_levels == (LEVEL,)
