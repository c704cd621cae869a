"""The exit settlement: what changes hands when a pool's agreement ends.

Only a pool whose agreement is ending is settled (see
:mod:`carveout.costs.termination`). The settlement has named parts, each a set
of transfers summing to zero (> 0 receives, < 0 pays):

- the **fair-share balance**: each party's gap between what it paid and its
  fair share over the ledger years — it receives what it paid above it;
- the **reasonable costs** of separation, as the agreement's terms say.

The **defensible range** bounds each party's net at exit when its balance is
settled anywhere between what it paid less its greatest subsidy-free charges
and what it paid less its least: every point of it leaves every year's charges
in the core. None when the core is empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from carveout.costs.ledger import Ledger
from carveout.costs.termination import reasonable_costs
from carveout.costs.text import ROUNDING, flows, money
from carveout.domain import Agreement
from carveout.formatting import uk_date


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SettlementPart(_Result):
    """One named part of a settlement: ``transfers`` > 0 receives, < 0 pays (sum zero)."""

    kind: str
    label: str
    transfers: dict[str, float]
    sentence: str


class Settlement(_Result):
    """Who pays whom at exit, part by part, net, and the defensible range of the net.

    ``low``/``high`` bound each party's net transfer over the subsidy-free
    settlements (None when the core is empty or too large to compute).
    """

    agreement: str
    agreement_name: str
    terminating_party: str | None
    termination_costs: str | None
    standard: str
    parts: tuple[SettlementPart, ...]
    transfers: dict[str, float]
    low: dict[str, float] | None
    high: dict[str, float] | None
    sentences: tuple[str, ...]


def _opening(agreement: Agreement, names: Mapping[str, str]) -> str:
    leaving = agreement.terminating_party
    if leaving:
        served = f" on {uk_date(agreement.notice_served)}" if agreement.notice_served else ""
        why = f"{names.get(leaving, leaving)} served notice{served}"
    elif agreement.notice_served:
        why = f"notice was served on {uk_date(agreement.notice_served)}"
    else:
        why = f"it ends on {uk_date(agreement.end)}"
    return f"Settlement under {agreement.name} ({agreement.code}), which is ending: {why}"


def _net(parts: Sequence[SettlementPart], players: Sequence[str]) -> dict[str, float]:
    return {p: sum(part.transfers.get(p, 0.0) for part in parts) for p in players}


def _net_sentence(
    parts: Sequence[SettlementPart], net: Mapping[str, float], names: Mapping[str, str]
) -> str:
    sentence = f"Net at exit: {flows(net, names)}"
    if len(parts) == 2 and len(net) == 2:
        balance, costs = parts
        side = max(net, key=lambda p: balance.transfers.get(p, 0.0))
        b, c = balance.transfers.get(side, 0.0), costs.transfers.get(side, 0.0)
        if abs(b) >= ROUNDING and abs(c) >= ROUNDING:
            how = "less" if (b > 0) != (c > 0) else "plus"
            sentence += (
                f" (the {money(abs(b))} fair-share balance {how} the {money(abs(c))} "
                "of reasonable costs)"
            )
    return sentence


def _signed(amount: float) -> str:
    if abs(amount) < ROUNDING:
        return "nothing"
    return f"{'receiving' if amount > 0 else 'paying'} {money(abs(amount))}"


def _paying(amount: float, first: str, other: str, names: Mapping[str, str]) -> str:
    """ "A paying B £1.0m" (``amount`` > 0: ``first`` receives it)."""
    if abs(amount) < ROUNDING:
        return "no payment"
    payer, payee = (other, first) if amount > 0 else (first, other)
    return f"{names.get(payer, payer)} paying {names.get(payee, payee)} {money(abs(amount))}"


def _range_sentences(
    low: Mapping[str, float],
    high: Mapping[str, float],
    net: Mapping[str, float],
    ledger: Ledger,
    names: Mapping[str, str],
) -> list[str]:
    players = list(net)
    if len(players) == 2:
        first, other = players
        span = (
            f"from {_paying(low[first], first, other, names)} "
            f"to {_paying(high[first], first, other, names)}"
        )
    else:
        span = "; ".join(
            f"{names.get(p, p)} from {_signed(low[p])} to {_signed(high[p])}" for p in players
        )
    inside = all(low[p] - ROUNDING <= net[p] <= high[p] + ROUNDING for p in players)
    sentences = [
        f"Defensible settlements at exit: {span}; anywhere in that range every year's "
        f"charges over {ledger.span} stay subsidy-free (in the core), and the net above is "
        f"{'inside' if inside else 'outside'} it"
    ]
    if all(
        (g.settle_low or 0.0) <= ROUNDING and (g.settle_high or 0.0) >= -ROUNDING
        for g in ledger.gaps
    ):
        sentences.append(
            "The charges made were subsidy-free every year, so settling no fair-share "
            "balance at all is defensible too"
        )
    return sentences


def exit_settlement(
    *,
    agreement: Agreement,
    players: Sequence[str],
    names: Mapping[str, str],
    ledger: Ledger | None,
    extra: Mapping[str, float],
    standard: str,
    core_empty: bool | None,
) -> Settlement:
    """Settle a pool whose ``agreement`` is ending.

    ``extra`` is each party's extra cost of running apart
    (:func:`~carveout.costs.termination.extra_costs`); ``standard`` names the fair
    method ("Shapley"); ``core_empty`` says why a ledger without ranges has none.
    """
    sentences = [_opening(agreement, names)]
    parts: list[SettlementPart] = []
    if ledger is not None:
        balance = {g.party: g.gap for g in ledger.gaps}
        parts.append(
            SettlementPart(
                kind="fair_share_balance",
                label="Fair-share balance",
                transfers=balance,
                sentence=(
                    f"Fair-share balance: {flows(balance, names)}, the gap between what was "
                    f"paid and the {standard} fair shares over {ledger.span}"
                ),
            )
        )
        sentences.append(parts[-1].sentence)
    transfers, why = reasonable_costs(agreement, players=players, names=names, extra=extra)
    if transfers is not None:
        parts.append(
            SettlementPart(
                kind="reasonable_costs",
                label="Reasonable costs of separation",
                transfers=transfers,
                sentence=why,
            )
        )
    sentences.append(why)
    net = _net(parts, players)
    sentences.append(_net_sentence(parts, net, names))
    low = high = None
    if ledger is not None and all(g.settle_low is not None for g in ledger.gaps):
        contractual = _net([p for p in parts if p.kind != "fair_share_balance"], players)
        gaps = {g.party: g for g in ledger.gaps}
        low = {p: contractual[p] + (gaps[p].settle_low or 0.0) for p in players}
        high = {p: contractual[p] + (gaps[p].settle_high or 0.0) for p in players}
        sentences.extend(_range_sentences(low, high, net, ledger, names))
    elif ledger is not None:
        sentences.append(
            "No settlement range is defensible: the core is empty, so no charging of this "
            "pool could have been subsidy-free"
            if core_empty
            else "The defensible range is not computed: the pool has too many parties to "
            "solve the core exactly"
        )
    return Settlement(
        agreement=agreement.code,
        agreement_name=agreement.name,
        terminating_party=agreement.terminating_party,
        termination_costs=(
            None if agreement.termination_costs is None else str(agreement.termination_costs)
        ),
        standard=standard,
        parts=tuple(parts),
        transfers=net,
        low=low,
        high=high,
        sentences=tuple(sentences),
    )
