"""Lower bounds on the cost of any plan, known before the search.

Two bounds, both in the model's money (see :mod:`carveout.planning.money`):

- the **static** bound counts each service on its own: the floor of its own
  terms at its earliest end (:mod:`carveout.planning.service_floor`);
- the **team** bound also counts each team's capacity against its work
  (:mod:`carveout.planning.team_bound`); it is never below the static one.

Both are true lower bounds, not estimates: the proofs are in those modules'
docstrings. Neither is exact in general: a provider's wait may delay it past
its earliest end and so its consumer's wait (a three-service chain on three
teams has a bound of 30,356 against an optimum of 39,033), and a team's work
may not sit where its capacity is. They are exact for one consumer that pays
or waits for one provider on another team.
"""

from __future__ import annotations

from carveout.planning.service_floor import service_floors
from carveout.planning.team_bound import team_cost_bound
from carveout.planning.terms import SeparationModel


def static_cost_bound(model: SeparationModel) -> int:
    """No plan costs less: each service's hosting, tie-break and bridges, on its own."""
    return sum(floor(0) for floor in service_floors(model))


def cost_lower_bound(model: SeparationModel) -> int:
    """The best lower bound known before the search: the team bound, which includes the static."""
    floors = service_floors(model)
    return max(sum(floor(0) for floor in floors), team_cost_bound(model, floors))
