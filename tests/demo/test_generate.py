import networkx as nx
import pytest

from carveout.demo.generate import CLUSTER, DEPTH, generate_portfolio
from carveout.domain import Coupling, MigrationStatus, Portfolio, validate


@pytest.fixture(scope="module")
def medium() -> Portfolio:
    return generate_portfolio(services=400, dependencies=1600, teams=6, years=2, seed=7)


def test_a_generated_portfolio_has_the_sizes_asked_for_and_is_valid(medium: Portfolio) -> None:
    assert len(medium.services) == 400
    assert len(medium.dependencies) == 1600
    assert len(medium.teams) == 6
    assert validate(medium) == []


def test_the_same_seed_gives_the_same_portfolio_and_another_seed_does_not() -> None:
    one = generate_portfolio(services=60, dependencies=150, seed=1)
    assert generate_portfolio(services=60, dependencies=150, seed=1) == one
    assert generate_portfolio(services=60, dependencies=150, seed=2) != one


def test_every_kind_of_record_is_present(medium: Portfolio) -> None:
    for collection in (
        "parties", "migrations", "blackouts", "agreements", "tranches",
        "extension_options", "cost_pools", "raid", "scenarios",
    ):  # fmt: skip
        assert getattr(medium, collection), collection
    assert {d.coupling for d in medium.dependencies} == set(Coupling)
    assert all(s.usage and set(s.usage) <= set(s.consumers) for s in medium.services)


def test_every_moving_service_and_only_those_has_a_migration(medium: Portfolio) -> None:
    moving = {s.code for s in medium.services if s.moves}
    assert {m.service for m in medium.migrations} == moving
    assert all(m.effort.optimistic <= m.effort.pessimistic for m in medium.migrations)


def test_teams_have_capacity_for_each_year_enough_for_the_work(medium: Portfolio) -> None:
    assert all(len(t.capacity) == 2 for t in medium.teams)
    capacity = sum(c.people * 220 for t in medium.teams for c in t.capacity)
    work = sum(m.effort.most_likely for m in medium.migrations)
    assert work < capacity


def _longest_before_chain(portfolio: Portfolio) -> int:
    """Services on the longest path of 'before' couplings, together groups taken as one."""
    merged: nx.Graph = nx.Graph()
    merged.add_nodes_from(s.code for s in portfolio.services)
    merged.add_edges_from(
        (d.service, d.depends_on) for d in portfolio.dependencies if d.coupling is Coupling.TOGETHER
    )
    unit = {code: i for i, group in enumerate(nx.connected_components(merged)) for code in group}
    order: nx.DiGraph = nx.DiGraph()
    order.add_nodes_from(unit.values())
    order.add_edges_from(
        (unit[d.depends_on], unit[d.service])
        for d in portfolio.dependencies
        if d.coupling is Coupling.BEFORE
    )
    return len(nx.dag_longest_path(order))


@pytest.mark.parametrize("depth", [3, DEPTH])
def test_before_chains_are_at_most_the_chosen_depth(depth: int) -> None:
    portfolio = generate_portfolio(services=300, dependencies=1200, seed=5, depth=depth)
    assert 2 <= _longest_before_chain(portfolio) <= depth
    assert validate(portfolio) == []


def test_every_team_has_room_for_its_own_work_in_every_year(medium: Portfolio) -> None:
    work = {t.code: 0.0 for t in medium.teams}
    for m in medium.migrations:
        work[m.team] += m.effort.most_likely
    for team in medium.teams:
        assert all(c.people >= 2 for c in team.capacity)
        capacity = sum(c.people * 220 for c in team.capacity)
        assert work[team.code] <= 0.6 * capacity
    people = {t.code: sum(c.people for c in t.capacity) for t in medium.teams}
    busiest, idlest = max(work, key=work.__getitem__), min(work, key=work.__getitem__)
    assert work[busiest] > 1.2 * work[idlest]
    assert people[busiest] > people[idlest]


def test_work_under_way_fits_in_half_its_team(medium: Portfolio) -> None:
    under_way = [m for m in medium.migrations if m.status is MigrationStatus.IN_PROGRESS]
    assert under_way
    for team in medium.teams:
        load = sum(
            m.effort.most_likely / m.duration.most_likely for m in under_way if m.team == team.code
        )
        assert load <= team.capacity[0].people / 2


def test_together_couplings_only_join_small_clusters(medium: Portfolio) -> None:
    graph: nx.Graph = nx.Graph()
    graph.add_edges_from(
        (d.service, d.depends_on) for d in medium.dependencies if d.coupling is Coupling.TOGETHER
    )
    assert max(len(c) for c in nx.connected_components(graph)) <= CLUSTER


def test_most_services_are_hosted_by_one_party(medium: Portfolio) -> None:
    hosted = sum(1 for s in medium.services if s.host == "HOST") / len(medium.services)
    assert 0.7 < hosted < 0.9


def test_tiny_portfolios_are_valid_too() -> None:
    for services, dependencies in ((1, 0), (2, 1), (5, 10)):
        portfolio = generate_portfolio(services=services, dependencies=dependencies)
        assert validate(portfolio) == []
        assert len(portfolio.dependencies) == dependencies


def test_asking_for_more_dependencies_than_pairs_of_services_is_refused() -> None:
    with pytest.raises(ValueError, match="at most 10 dependencies"):
        generate_portfolio(services=5, dependencies=11)
