"""When a pool is settled, and what the agreement says about the costs of separation.

A pool is settled only when it names its agreement (``CostPool.agreement``)
and that agreement is ending: a party served notice, or it has an end date.
Who bears the reasonable costs of separation is read from the agreement's
structured terms (``Agreement.termination_costs``), never from its wording:

- ``terminating_party``: the party that served notice pays the others their
  extra cost of running without it;
- ``each_own``: each party bears its own costs, so nothing is paid;
- ``shared``: the parties' extra costs of running apart are shared in the
  agreement's ``termination_shares``.

A party's *extra cost* is the cost of the group it ends up in beyond its
members' fair shares, for :data:`REASONABLE_COST_YEARS` year(s).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from carveout.costs.games import CostGame, FloatArray
from carveout.costs.text import flows, join_names, money
from carveout.domain import Agreement, CostPool, TerminationCosts

REASONABLE_COST_YEARS = 1.0
"""Years of extra running cost counted as the reasonable costs of separation."""


def is_ending(agreement: Agreement) -> bool:
    """Whether the agreement is ending: notice served, a terminating party or an end date."""
    return bool(agreement.terminating_party or agreement.notice_served or agreement.end)


def settled_agreement(
    pool: CostPool | None, agreements: Mapping[str, Agreement]
) -> Agreement | None:
    """The ending agreement the pool is shared under, if it names one."""
    if pool is None or pool.agreement is None:
        return None
    agreement = agreements.get(pool.agreement)
    return agreement if agreement is not None and is_ending(agreement) else None


def extra_costs(
    *, game: CostGame, fair: FloatArray, scale: float, leaving: str | None
) -> dict[str, float]:
    """Each party's extra cost of running apart, in pounds.

    The leaving party goes alone and the others stay together (everyone goes
    alone when no player is leaving); a group's extra cost is its cost beyond
    its members' fair shares (never below zero), split among them by fair
    share. ``fair`` is in the game's units; ``scale`` turns it into pounds.
    """
    if leaving in game.players:
        groups = [[p for p in game.players if p != leaving], [leaving]]
    else:
        groups = [[p] for p in game.players]
    index = {p: i for i, p in enumerate(game.players)}
    extra: dict[str, float] = {}
    for group in (g for g in groups if g):
        shares = np.array([max(float(fair[index[p]]), 0.0) for p in group])
        weights = shares / shares.sum() if shares.sum() > 0 else np.full(len(group), 1 / len(group))
        beyond = game.cost(group) - sum(float(fair[index[p]]) for p in group)
        total = max(0.0, beyond) * scale * REASONABLE_COST_YEARS
        extra.update({p: total * float(w) for p, w in zip(group, weights, strict=True)})
    return extra


def reasonable_costs(
    agreement: Agreement,
    *,
    players: Sequence[str],
    names: Mapping[str, str],
    extra: Mapping[str, float],
) -> tuple[dict[str, float] | None, str]:
    """The reasonable-costs transfers (> 0 receives; None when none arise) and why, in words."""
    terms, leaving = agreement.termination_costs, agreement.terminating_party
    years = "a year" if REASONABLE_COST_YEARS == 1 else f"{REASONABLE_COST_YEARS:g} years"
    if terms is TerminationCosts.EACH_OWN:
        return None, (
            "Reasonable costs: under the agreement each party bears its own costs of "
            "separation, so none are paid"
        )
    if terms is TerminationCosts.TERMINATING_PARTY and leaving is not None:
        who = names.get(leaving, leaving)
        if leaving not in players:
            return None, (
                f"Reasonable costs: {who} served notice but is not charged by this pool, "
                "so none arise here"
            )
        owed = {p: v for p, v in extra.items() if p != leaving}
        transfers = {**owed, leaving: -sum(owed.values())}
        others = join_names([names.get(p, p) for p in players if p != leaving])
        return transfers, (
            f"Reasonable costs: {who} served notice and the agreement makes the terminating "
            f"party bear the others' reasonable costs, so {flows(transfers, names)}, "
            f"the extra cost to {others} of running without {who} for {years}"
        )
    if terms is TerminationCosts.SHARED:
        weights = {p: agreement.termination_shares.get(p, 0.0) for p in players}
        weight = sum(weights.values())
        if weight <= 0:
            return None, (
                "Reasonable costs: the agreement's termination shares name none of this "
                "pool's parties, so none are shared here"
            )
        total = sum(extra.values())
        transfers = {p: extra.get(p, 0.0) - total * weights[p] / weight for p in players}
        ratio = "/".join(f"{100 * weights[p] / weight:.0f}" for p in players)
        return transfers, (
            f"Reasonable costs: the parties' extra cost of running apart for {years}, "
            f"{money(total)}, is shared {ratio} ({join_names([names.get(p, p) for p in players])})"
            f" under the agreement, so {flows(transfers, names)}"
        )
    return None, (
        "Reasonable costs: the agreement records no terms for the costs of separation, "
        "so none are included"
    )
