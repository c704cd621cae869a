"""The fair-share ledger: what each party paid, year by year, against its fair share.

For every year of a pool's record the ledger sets what each party paid — the
charge recorded for that year (``CostPool.charges``) or, where none is
recorded, that year's cost split by the current charging basis — against its
fair share of what was paid that year by the chosen standard (Shapley value or
nucleolus), and the least and greatest charge that would have kept it
subsidy-free (the core's range). ``charged - fair`` is the year's *gap to the
fair share*; it is not a subsidy: a party is subsidised only when it pays less
than the incremental cost of serving it, which the range shows.

Fair shares and ranges in every year use today's catalogue shape scaled to that
year's total: the catalogue is known only as it stands. Every assumption — a
year charged by today's basis, a year whose cost is extrapolated — becomes a
note naming the years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from carveout.costs.text import ROUNDING, money, year_span
from carveout.domain import PoolCharge


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LedgerRow(_Result):
    """One party in one year: what it paid, its fair share and its subsidy-free range.

    ``recorded`` says the charge is the one recorded for the year (else it is the
    current basis applied to the year's cost); ``least``/``greatest`` are None
    when the core is empty or too large to compute.
    """

    year: int
    party: str
    charged: float
    recorded: bool
    fair: float
    least: float | None
    greatest: float | None
    difference: float
    cumulative: float


class FairShareGap(_Result):
    """One party over the ledger years: paid, fair share, the gap, the defensible range.

    ``gap`` = paid - fair (positive: it paid more than its fair share). A
    settlement of this party's gap between ``settle_low`` (paid less its
    greatest subsidy-free charges) and ``settle_high`` (paid less its least)
    leaves every year's charges subsidy-free.
    """

    party: str
    name: str
    paid: float
    fair: float
    gap: float
    least: float | None
    greatest: float | None
    settle_low: float | None
    settle_high: float | None
    sentence: str


class Ledger(_Result):
    """The ledger rows (year, then party), each party's total gap and the assumptions."""

    years: tuple[int, ...]
    rows: tuple[LedgerRow, ...]
    gaps: tuple[FairShareGap, ...]
    notes: tuple[str, ...]

    @property
    def span(self) -> str:
        return year_span(self.years)


def gap_sentence(name: str, gap: float, *, standard: str, span: str) -> str:
    """ "Warwickshire paid £48.3m less than its Shapley fair share over 2012–2019"."""
    if abs(gap) < ROUNDING:
        return f"{name} paid its {standard} fair share over {span}"
    more = "more" if gap > 0 else "less"
    return f"{name} paid {money(abs(gap))} {more} than its {standard} fair share over {span}"


def _year_costs(
    years: Sequence[int],
    annual_costs: Mapping[int, float],
    complete: set[int],
    totals: Mapping[int, float],
    fallback: float,
) -> tuple[dict[int, float], list[str]]:
    """Each year's cost: recorded, else the total charged, else the nearest recorded year's."""
    costs: dict[int, float] = {}
    from_charges: list[int] = []
    carried: dict[str, list[int]] = {}
    for year in years:
        if year in annual_costs:
            costs[year] = annual_costs[year]
        elif year in complete:
            costs[year] = totals[year]
            from_charges.append(year)
        elif annual_costs:
            near = min(annual_costs, key=lambda y: (abs(y - year), y))
            costs[year] = annual_costs[near]
            carried.setdefault(f"extrapolated from the {near} cost", []).append(year)
        else:
            costs[year] = fallback
            carried.setdefault("extrapolated from today's catalogue cost", []).append(year)
    notes = [
        f"{year_span(from_charges)}: no cost recorded; the year's cost is the total of "
        "the recorded charges"
    ][: bool(from_charges)]
    notes.extend(f"{year_span(ys)}: no cost recorded; {how}" for how, ys in carried.items())
    return costs, notes


def fair_share_ledger(
    *,
    players: Sequence[str],
    names: Mapping[str, str],
    basis: Mapping[str, float],
    basis_phrase: str,
    fair: Mapping[str, float],
    core: Mapping[str, tuple[float, float]] | None,
    standard: str,
    annual_costs: Mapping[int, float],
    charges: Sequence[PoolCharge],
    fallback_cost: float,
) -> Ledger | None:
    """The ledger over every year with a recorded cost or charge (None when there is none).

    ``basis``, ``fair`` and ``core`` are fractions of a year's total (the core as
    each party's least and greatest fraction, None when there is no range);
    ``basis_phrase`` names the basis in the notes ("the current 69/31 basis");
    ``fallback_cost`` is a year's cost when no year records one.
    """
    recorded = {(c.year, c.party): c.amount for c in charges if c.party in basis}
    years = sorted(set(annual_costs) | {y for y, _ in recorded})
    if not years:
        return None
    complete = {y for y in years if all((y, p) in recorded for p in players)}
    totals = {y: sum(recorded[y, p] for p in players) for y in complete}
    costs, notes = _year_costs(years, annual_costs, complete, totals, fallback_cost)
    rows: list[LedgerRow] = []
    running = dict.fromkeys(players, 0.0)
    assumed: dict[str, list[int]] = {p: [] for p in players}
    for year in years:
        paid = {p: recorded.get((year, p), basis.get(p, 0.0) * costs[year]) for p in players}
        pot = sum(paid.values())
        if any((year, p) in recorded for p in players) and abs(pot - costs[year]) >= ROUNDING:
            notes.append(
                f"{year}: the charges total {money(pot)} against a recorded cost of "
                f"{money(costs[year])}; fair shares divide what was charged"
            )
        for party in players:
            if (year, party) not in recorded:
                assumed[party].append(year)
            due = fair.get(party, 0.0) * pot
            bounds = core.get(party) if core is not None else None
            running[party] += paid[party] - due
            rows.append(
                LedgerRow(
                    year=year,
                    party=party,
                    charged=paid[party],
                    recorded=(year, party) in recorded,
                    fair=due,
                    least=None if bounds is None else bounds[0] * pot,
                    greatest=None if bounds is None else bounds[1] * pot,
                    difference=paid[party] - due,
                    cumulative=running[party],
                )
            )
    span = year_span(years)
    notes[:0] = _charging_notes(years, assumed, names=names, basis_phrase=basis_phrase)
    notes.append(
        f"Fair shares ({standard}) and subsidy-free ranges for {span} use today's catalogue "
        "shape scaled to each year's cost"
    )
    gaps = tuple(_gap(party, rows, names=names, standard=standard, span=span) for party in players)
    return Ledger(years=tuple(years), rows=tuple(rows), gaps=gaps, notes=tuple(notes))


def _charging_notes(
    years: Sequence[int],
    assumed: Mapping[str, Sequence[int]],
    *,
    names: Mapping[str, str],
    basis_phrase: str,
) -> list[str]:
    everyone = [y for y in years if all(y in ys for ys in assumed.values())]
    recorded = [y for y in years if not any(y in ys for ys in assumed.values())]
    notes = []
    if everyone:
        notes.append(
            f"{year_span(everyone)}: no charges recorded; charged by {basis_phrase} "
            "applied to each year's cost"
        )
    for party, ys in assumed.items():
        partly = [y for y in ys if y not in everyone]
        if partly:
            notes.append(
                f"{year_span(partly)}: {names.get(party, party)}'s charge is not recorded; "
                f"charged by {basis_phrase}"
            )
    if recorded:
        notes.append(f"{year_span(recorded)}: the charges recorded for the pool")
    return notes


def _gap(
    party: str,
    rows: Sequence[LedgerRow],
    *,
    names: Mapping[str, str],
    standard: str,
    span: str,
) -> FairShareGap:
    mine = [r for r in rows if r.party == party]
    paid = sum(r.charged for r in mine)
    fair = sum(r.fair for r in mine)
    ranged = all(r.least is not None and r.greatest is not None for r in mine)
    least = sum(r.least or 0.0 for r in mine) if ranged else None
    greatest = sum(r.greatest or 0.0 for r in mine) if ranged else None
    name = names.get(party, party)
    return FairShareGap(
        party=party,
        name=name,
        paid=paid,
        fair=fair,
        gap=paid - fair,
        least=least,
        greatest=greatest,
        settle_low=None if greatest is None else paid - greatest,
        settle_high=None if least is None else paid - least,
        sentence=gap_sentence(name, paid - fair, standard=standard, span=span),
    )
