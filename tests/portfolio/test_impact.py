from datetime import date

import pytest

from carveout.domain import (
    Coupling,
    Dependency,
    Estimate,
    Migration,
    Party,
    Portfolio,
    Service,
)
from carveout.errors import NotFound
from carveout.portfolio.impact import Relation, impact_of, together_clusters

NAMES = {
    "A": "Crime records",
    "B": "Intelligence",
    "P": "Database platform",
    "Q": "Virtual servers",
    "F": "Case file interface",
    "G": "Court results",
    "W": "Warehouse loader",
    "X": "Dashboards",
    "Y": "Backup",
    "Z": "Fleet",
}


def _link(service: str, depends_on: str, coupling: str, effort: float = 0, cost: float = 0):
    return Dependency(
        service=service,
        depends_on=depends_on,
        coupling=coupling,
        bridge_effort=effort,
        bridge_cost=cost,
    )


def _migration(service: str, effort: float, *, done: bool = False) -> Migration:
    return Migration(
        service=service,
        team="T",
        effort=Estimate(optimistic=effort, most_likely=effort, pessimistic=effort),
        duration=Estimate(optimistic=5, most_likely=5, pessimistic=5),
        status="cut_over" if done else "not_started",
        actual_start=date(2020, 1, 6) if done else None,
        actual_end=date(2020, 2, 7) if done else None,
    )


@pytest.fixture
def estate() -> Portfolio:
    """A moves with B; needs P (which moves with Q) first; F and then G wait for A;
    W waits for P only; X and Y hang off the moving set by bridgeable links."""
    return Portfolio(
        parties=(Party(code="H", name="Host"), Party(code="L", name="Leaver")),
        services=tuple(
            Service(code=code, name=name, kind="application", host="H")
            for code, name in NAMES.items()
        ),
        dependencies=(
            _link("B", "A", "together"),
            _link("A", "P", "before"),
            _link("Q", "P", "together"),
            _link("F", "A", "before"),
            _link("G", "F", "before"),
            _link("W", "P", "before"),
            _link("X", "B", "bridgeable", 5, 1_000),
            _link("X", "A", "bridgeable", 2, 500),
            _link("Y", "Q", "bridgeable", 3, 700),
            _link("G", "Z", "bridgeable", 1, 100),
        ),
        migrations=(_migration("A", 100), _migration("B", 20), _migration("P", 40, done=True)),
    )


def _by_service(estate: Portfolio, service: str) -> dict[str, tuple[Relation, tuple[str, ...]]]:
    result = impact_of(portfolio=estate, service=service)
    return {a.service: (a.relation, a.path) for a in result.affected}


def test_together_prerequisites_and_followers_are_found_with_their_paths(
    estate: Portfolio,
) -> None:
    found = _by_service(estate, "A")

    assert found["B"] == (Relation.TOGETHER, ("A", "B"))
    assert found["P"] == (Relation.PREREQUISITE, ("A", "P"))
    assert found["Q"] == (Relation.PREREQUISITE, ("A", "P", "Q"))
    assert found["F"] == (Relation.FOLLOWER, ("A", "F"))
    assert found["G"] == (Relation.FOLLOWER, ("A", "F", "G"))


def test_a_service_that_only_shares_a_prerequisite_is_not_affected(estate: Portfolio) -> None:
    assert "W" not in _by_service(estate, "A")


def test_bridgeable_links_into_the_moving_set_are_costed_and_stop_the_spread(
    estate: Portfolio,
) -> None:
    result = impact_of(portfolio=estate, service="A")
    bridges = {a.service: a for a in result.of(Relation.BRIDGE)}

    assert set(bridges) == {"X", "Y", "Z"}
    assert (bridges["X"].bridge_effort, bridges["X"].bridge_cost) == (7, 1_500)
    assert bridges["X"].path == ("A", "X"), "through the nearest moving service"
    assert bridges["Y"].path == ("A", "P", "Q", "Y")
    assert bridges["Y"].couplings == (Coupling.BEFORE, Coupling.TOGETHER, Coupling.BRIDGEABLE)
    assert (result.bridge_effort, result.bridge_cost) == (11, 2_300)


def test_direct_effects_are_told_apart_from_transitive_ones(estate: Portfolio) -> None:
    result = impact_of(portfolio=estate, service="A")
    direct = {a.service for a in result.affected if a.direct}

    assert direct == {"B", "P", "F", "X"}


def test_effort_counts_what_moves_with_or_before_it_and_is_not_done(estate: Portfolio) -> None:
    assert impact_of(portfolio=estate, service="A").effort_days == 120  # A + B; P is done


def test_moving_a_platform_drags_its_followers_but_not_its_followers_partners(
    estate: Portfolio,
) -> None:
    found = _by_service(estate, "P")

    assert found["Q"][0] is Relation.TOGETHER
    assert {code for code, (r, _) in found.items() if r is Relation.FOLLOWER} == {
        "A", "B", "F", "G", "W"
    }  # fmt: skip


def test_a_service_with_no_dependencies_affects_nothing(estate: Portfolio) -> None:
    lonely = estate.replace(dependencies=())
    result = impact_of(portfolio=lonely, service="Z")

    assert result.affected == ()
    assert result.bridge_cost == 0


def test_services_can_be_named_by_code_or_name_in_any_case(estate: Portfolio) -> None:
    assert impact_of(portfolio=estate, service="crime RECORDS").service == "A"
    assert impact_of(portfolio=estate, service="a").service == "A"


def test_an_unknown_service_is_an_error_that_suggests_close_matches(estate: Portfolio) -> None:
    with pytest.raises(NotFound, match=r"Did you mean: .*A \(Crime records\)"):
        impact_of(portfolio=estate, service="Crime recrods")
    with pytest.raises(NotFound, match="carveout show"):
        impact_of(portfolio=estate, service="nothing like it")


def test_clusters_are_listed_largest_first(estate: Portfolio) -> None:
    assert together_clusters(estate) == [("A", "B"), ("P", "Q")]
    bigger = estate.replace(dependencies=(*estate.dependencies, _link("Q", "Y", "together")))
    assert together_clusters(bigger) == [("P", "Q", "Y"), ("A", "B")]
