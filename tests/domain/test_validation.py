from datetime import date

import pytest
from pydantic import ValidationError

from carveout.domain import (
    Capacity,
    Coupling,
    Dependency,
    Estimate,
    Migration,
    Party,
    Portfolio,
    Service,
    Team,
    Tranche,
    validate,
)


def _service(code: str, host: str = "WM") -> Service:
    return Service(code=code, name=code, kind="application", host=host)


def test_estimate_rejects_optimistic_above_pessimistic() -> None:
    with pytest.raises(ValidationError, match="optimistic ≤ most likely ≤ pessimistic"):
        Estimate(optimistic=10, most_likely=5, pessimistic=8)


def test_tranche_ending_before_it_starts_is_rejected() -> None:
    with pytest.raises(ValidationError, match="before it starts"):
        Tranche(
            code="T1",
            agreement="A",
            start=date(2022, 3, 31),
            end=date(2021, 10, 1),
            monthly_charge=1000,
        )


def test_usage_on_a_party_that_is_not_a_consumer_is_rejected() -> None:
    with pytest.raises(ValidationError, match="not one of its consumers"):
        Service(
            code="S",
            name="S",
            kind="application",
            host="WM",
            consumers=("WA",),
            usage={"WMP": 10},
        )


def test_dependency_on_an_unknown_service_is_reported() -> None:
    portfolio = Portfolio(
        parties=(Party(code="WM", name="West Mercia"),),
        services=(_service("CAD"),),
        dependencies=(Dependency(service="CAD", depends_on="GIS", coupling=Coupling.BEFORE),),
    )
    problems = validate(portfolio)
    assert [(p.kind, p.field, p.value) for p in problems] == [("dependency", "depends_on", "GIS")]


def test_cycle_of_before_couplings_is_reported_with_its_path() -> None:
    portfolio = Portfolio(
        parties=(Party(code="WM", name="West Mercia"),),
        services=tuple(_service(c) for c in ("A", "B", "C")),
        dependencies=(
            Dependency(service="B", depends_on="A", coupling=Coupling.BEFORE),
            Dependency(service="C", depends_on="B", coupling=Coupling.BEFORE),
            Dependency(service="A", depends_on="C", coupling=Coupling.BEFORE),
        ),
    )
    [problem] = validate(portfolio)
    assert "goes round" in problem.expected


def test_together_couplings_may_form_a_cycle() -> None:
    portfolio = Portfolio(
        parties=(Party(code="WM", name="West Mercia"),),
        services=tuple(_service(c) for c in ("A", "B")),
        dependencies=(
            Dependency(service="B", depends_on="A", coupling=Coupling.TOGETHER),
            Dependency(service="A", depends_on="B", coupling=Coupling.TOGETHER),
        ),
    )
    assert validate(portfolio) == []


def test_overlapping_capacity_periods_are_reported() -> None:
    team = Team(
        code="INF",
        name="Infrastructure",
        capacity=(
            Capacity(start=date(2019, 1, 1), end=date(2019, 6, 30), people=5),
            Capacity(start=date(2019, 6, 1), end=date(2019, 12, 31), people=6),
        ),
    )
    [problem] = validate(Portfolio(teams=(team,)))
    assert problem.kind == "team" and problem.field == "capacity"


def test_migration_needs_actual_dates_once_under_way() -> None:
    estimate = Estimate(optimistic=1, most_likely=2, pessimistic=3)
    with pytest.raises(ValidationError, match="actual start"):
        Migration(service="S", team="T", effort=estimate, duration=estimate, status="in_progress")


def test_replace_does_not_carry_stale_lookups() -> None:
    portfolio = Portfolio(parties=(Party(code="WM", name="West Mercia"),))
    assert "WM" in portfolio.party_by_code
    assert portfolio.replace(parties=()).party_by_code == {}


def test_before_between_services_that_move_together_is_reported() -> None:
    portfolio = Portfolio(
        parties=(Party(code="WM", name="West Mercia"),),
        services=tuple(_service(c) for c in ("A", "B", "C")),
        dependencies=(
            Dependency(service="B", depends_on="A", coupling=Coupling.TOGETHER),
            Dependency(service="C", depends_on="B", coupling=Coupling.TOGETHER),
            Dependency(service="C", depends_on="A", coupling=Coupling.BEFORE),
        ),
    )
    [problem] = validate(portfolio)
    assert problem.key == "C->A" and "cut over together" in problem.expected


def test_before_cycle_through_a_together_group_is_reported() -> None:
    portfolio = Portfolio(
        parties=(Party(code="WM", name="West Mercia"),),
        services=tuple(_service(c) for c in ("A", "B", "X")),
        dependencies=(
            Dependency(service="B", depends_on="A", coupling=Coupling.TOGETHER),
            Dependency(service="X", depends_on="A", coupling=Coupling.BEFORE),
            Dependency(service="B", depends_on="X", coupling=Coupling.BEFORE),
        ),
    )
    [problem] = validate(portfolio)
    assert "goes round" in problem.expected
