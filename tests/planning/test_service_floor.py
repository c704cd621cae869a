"""A service's floor: pay the bridges of the providers that end latest, wait for the rest."""

from __future__ import annotations

from carveout.planning.service_floor import ServiceFloor

# Hosting rises by 100 at week 5; providers force waits until weeks 6 and 4, and paying the
# latest one's bridge costs 50, both 80. The service cannot end before week 2.
FLOOR = ServiceFloor(table=(0,) * 5 + (100,) * 3, earliest=2, waits=(6, 4), paid=(0, 50, 80))


def test_the_exact_cost_of_each_end_week_pays_only_the_bridges_it_must() -> None:
    # Week 2: both bridges (80); week 4: the latest (50); week 6 on: none.
    assert FLOOR.exact_costs(7) == [None, None, 82, 83, 54, 155, 106, 107]


def test_the_floor_is_the_least_exact_cost_at_or_after_a_week() -> None:
    exact = FLOOR.exact_costs(7)
    for week in range(8):
        assert FLOOR(week) == min(c for c in exact[week:] if c is not None)
