"""Lower bounds on the cost of any plan, known before the search.

Three bounds, all in the model's money (see :mod:`carveout.planning.money`):

- the **static** bound counts each service on its own: the floor of its own
  terms at its earliest end (:mod:`carveout.planning.service_floor`);
- the **team** bound also counts each team's capacity against its work
  (:mod:`carveout.planning.team_bound`);
- the **chain** bound follows waits along trees of dependencies, where a
  provider's own wait delays its consumers (:mod:`carveout.planning.chain_bound`).

All are true lower bounds, not estimates: the proofs are in those modules'
docstrings; the team and chain bounds are never below the static one. None is
exact in general. The static bound is exact for one consumer that pays or waits
for one provider on another team, not for a chain: three services on three
teams, each bridge dearer than waiting, give a static bound of 34,708 against
an optimum of 47,718, which the chain bound reaches.
"""

from __future__ import annotations

from carveout.planning.chain_bound import chain_cost_bound
from carveout.planning.service_floor import service_floors
from carveout.planning.team_bound import team_cost_bound
from carveout.planning.terms import SeparationModel


def static_cost_bound(model: SeparationModel) -> int:
    """No plan costs less: each service's hosting, tie-break and bridges, on its own."""
    return sum(floor(0) for floor in service_floors(model))


def cost_lower_bound(model: SeparationModel) -> int:
    """The best lower bound known before the search: the better of the team and chain bounds.

    Both include the static bound.
    """
    floors = service_floors(model)
    return max(team_cost_bound(model, floors), chain_cost_bound(model, floors))
