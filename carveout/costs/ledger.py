"""The cross-subsidy ledger and the exit settlement.

Each year a pool's annual cost was charged by its basis; the fair share is
the same cost split by the chosen method. ``charged - fair`` is what a party
overpaid (positive) or was subsidised by (negative) that year, and the running
total is what the others owe it. At exit the balances are settled, and when the
agreement makes the terminating party pay the others' reasonable costs, it also
pays them the extra cost of running without it: the stand-alone cost of the
remaining parties less their fair share of the joint cost, for
``reasonable_cost_years`` years, shared by their fair shares.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from carveout.costs.text import join_names, money
from carveout.domain import Agreement, AgreementKind


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LedgerRow(_Result):
    """One party's charge against its fair share in one year."""

    year: int
    party: str
    charged: float
    fair: float
    difference: float
    cumulative: float


class Settlement(_Result):
    """Who pays whom at exit: ``transfers`` > 0 receives, < 0 pays (they sum to zero)."""

    terminating_party: str | None
    agreement: str | None
    clause_applies: bool
    balances: dict[str, float]
    reasonable_costs: float
    transfers: dict[str, float]
    sentences: tuple[str, ...]


def cross_subsidy_ledger(
    *,
    players: Sequence[str],
    charged: Mapping[str, float],
    fair: Mapping[str, float],
    annual_costs: Mapping[int, float],
) -> list[LedgerRow]:
    """Year by year, ``charged`` and ``fair`` being fractions of each year's cost."""
    rows = []
    running = dict.fromkeys(players, 0.0)
    for year in sorted(annual_costs):
        cost = annual_costs[year]
        for party in players:
            paid, due = charged.get(party, 0.0) * cost, fair.get(party, 0.0) * cost
            running[party] += paid - due
            rows.append(
                LedgerRow(
                    year=year,
                    party=party,
                    charged=paid,
                    fair=due,
                    difference=paid - due,
                    cumulative=running[party],
                )
            )
    return rows


def exiting_agreement(agreements: Sequence[Agreement], players: Sequence[str]) -> Agreement | None:
    """The agreement that names a terminating party among ``players`` (collaboration first)."""
    candidates = [a for a in agreements if a.terminating_party in players]
    candidates.sort(key=lambda a: a.kind is not AgreementKind.COLLABORATION)
    return candidates[0] if candidates else None


def pays_reasonable_costs(agreement: Agreement) -> bool:
    """Whether the termination terms make the terminating party pay reasonable costs."""
    terms = agreement.termination_terms.lower()
    return "reasonable cost" in terms


def exit_settlement(
    *,
    players: Sequence[str],
    ledger: Sequence[LedgerRow],
    agreement: Agreement | None,
    remaining_stand_alone: float,
    fair_last_year: Mapping[str, float],
    reasonable_cost_years: float = 1.0,
    labels: Mapping[str, str] | None = None,
) -> Settlement:
    """Settle the cumulative balances, then apply the reasonable-costs clause.

    ``remaining_stand_alone`` is what the parties other than the terminating
    one would pay a year on their own; ``fair_last_year`` the fair shares (in
    pounds) of the last ledger year.
    """
    name = dict(labels or {})
    balances = dict.fromkeys(players, 0.0)
    for row in ledger:
        balances[row.party] = row.cumulative
    transfers = dict(balances)
    sentences = []
    for party, balance in sorted(balances.items(), key=lambda kv: -abs(kv[1])):
        if abs(balance) >= 0.5:
            verb = "is owed" if balance > 0 else "owes"
            sentences.append(
                f"{name.get(party, party)} {verb} {money(abs(balance))} "
                "for cross-subsidy over the ledger years"
            )
    leaving = agreement.terminating_party if agreement else None
    applies = agreement is not None and pays_reasonable_costs(agreement)
    reasonable = 0.0
    if leaving and applies:
        remaining = [p for p in players if p != leaving]
        fair_remaining = sum(fair_last_year.get(p, 0.0) for p in remaining)
        reasonable = max(0.0, remaining_stand_alone - fair_remaining) * reasonable_cost_years
        if reasonable > 0 and remaining:
            transfers[leaving] -= reasonable
            for party in remaining:
                weight = (
                    fair_last_year.get(party, 0.0) / fair_remaining
                    if fair_remaining > 0
                    else 1 / len(remaining)
                )
                transfers[party] += reasonable * weight
            sentences.append(
                f"{name.get(leaving, leaving)} served notice, so under the agreement it pays "
                f"{join_names([name.get(p, p) for p in remaining])} {money(reasonable)} "
                "of reasonable costs: their extra cost of running without it"
            )
    for party, amount in transfers.items():
        if abs(amount) >= 0.5:
            verb = "receives" if amount > 0 else "pays"
            sentences.append(f"Net at exit: {name.get(party, party)} {verb} {money(abs(amount))}")
    return Settlement(
        terminating_party=leaving,
        agreement=agreement.code if agreement else None,
        clause_applies=applies,
        balances=balances,
        reasonable_costs=reasonable,
        transfers=transfers,
        sentences=tuple(sentences),
    )
