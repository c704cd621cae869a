"""Branches: what a risk does beyond a delay, and what is in play for a reader.

A risk that happens may add work to named migrations (its delay and extra
effort), add cost (its cost impact) and exercise an extension option of a
tranche. Exercising an option commits the programme to the option's months:
each service the tranche lists is charged, for each month of the option that
is still to go, what its hosting terms charge it then
(:meth:`carveout.planning.hosting.HostingTerms.charge`, the one definition: the
tranche's monthly share × (1 + step-up)), whether or not it is still hosted. A
run that still hosts a service in such a month already pays that charge through
its hosting terms, so only the months after its cut-over are added: the run's
hosting cost then includes the whole extension, never twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from carveout.domain import Portfolio
from carveout.planning.calendar import add_months
from carveout.planning.contract_dates import extension_starts
from carveout.planning.hosting import HostingTerms
from carveout.risk.hosting import cutover_months
from carveout.risk.model import RiskModel


@dataclass(frozen=True, eq=False)
class ExtensionCharge:
    """The charges exercising extension option ``code`` (of ``tranche``) commits to.

    Entry ``i``: simulated service ``rows[i]`` (-1: a service that has already
    left) is charged ``charge[i]`` in month ``months[i]``, counted from the
    hosting tables' first month to go.
    """

    code: str
    tranche: str
    rows: NDArray[np.int64]
    months: NDArray[np.int64]
    charge: NDArray[np.float64]
    first: date | None = None
    last: date | None = None

    @property
    def total(self) -> float:
        return float(self.charge.sum())


def option_months(portfolio: Portfolio, code: str) -> list[date]:
    """The months extension option ``code`` covers: its tranche's options follow its end in
    order of code, each for its length, as the hosting terms apply them."""
    option = next(e for e in portfolio.extension_options if e.code == code)
    tranche = next(t for t in portfolio.tranches if t.code == option.tranche)
    for other, first in extension_starts(portfolio, tranche.code, add_months(tranche.end, 1)):
        if other.code == code:
            return [add_months(first, i) for i in range(other.length_months)]
    return []


def extension_charge(
    *,
    portfolio: Portfolio,
    code: str,
    terms: Mapping[str, HostingTerms],
    rows: Mapping[str, int],
    first_month: date,
) -> ExtensionCharge:
    """What exercising option ``code`` charges each service of its tranche, month by month."""
    option = next(e for e in portfolio.extension_options if e.code == code)
    tranche = next(t for t in portfolio.tranches if t.code == option.tranche)
    months = option_months(portfolio, code)
    origin = first_month.year * 12 + first_month.month
    found: list[tuple[int, int, float]] = []
    for service in tranche.services:
        term = terms.get(service)
        if term is None:
            continue
        for month in months:
            rate = term.rate(month)
            index = month.year * 12 + month.month - origin
            if index >= 0 and rate.tranche == tranche.code and rate.charge.hosting > 0:
                found.append((rows.get(service, -1), index, rate.charge.hosting))
    return ExtensionCharge(
        code=code,
        tranche=tranche.code,
        rows=np.array([r for r, _, _ in found], dtype=np.int64),
        months=np.array([m for _, m, _ in found], dtype=np.int64),
        charge=np.array([c for _, _, c in found], dtype=np.float64),
        first=months[0] if months else None,
        last=(add_months(months[-1], 1) - timedelta(days=1)) if months else None,
    )


def extension_costs(
    model: RiskModel, finish: NDArray[np.floating], happened: NDArray[np.bool_]
) -> NDArray[np.float64]:
    """Per run: the extension charges not already in its hosting, for the options exercised.

    An option is exercised in a run when any risk naming it happened (a window
    risk: struck) in that run; it is charged once however many did.
    """
    n = finish.shape[0]
    out = np.zeros(n)
    events = model.sampling.events
    if model.hosting is None or not any(e.extension for e in events):
        return out
    months = cutover_months(finish, model.start, model.hosting)
    for charge in model.extensions:
        named = [i for i, e in enumerate(events) if e.extension == charge.code]
        if not named or charge.rows.size == 0:
            continue
        exercised = happened[:, named].any(axis=1)
        left = np.ones((n, charge.rows.size), dtype=np.bool_)
        simulated = charge.rows >= 0
        left[:, simulated] = months[:, charge.rows[simulated]] < charge.months[simulated]
        out += exercised * (left @ charge.charge)
    return out


def in_play(model: RiskModel) -> tuple[str, str, str]:
    """One line each: the blackouts, the risk windows and the branches the run honours."""
    start, events = model.start, model.sampling.events
    labels = model.blackouts.labels if model.blackouts is not None else ()
    blackouts = "Blackouts honoured: " + ("; ".join(labels) if labels else "none")

    def day(offset: float) -> str:
        when = start + timedelta(days=int(offset))
        return f"{when.day} {when:%b %Y}"

    windows = [
        f"{e.code} ({day(e.window[0])} – {day(e.window[1])}, {e.probability:.0%})"
        for e in events
        if e.window is not None
    ]
    by_code = {c.code: c for c in model.extensions}
    branches = []
    for e in events:
        if e.extension is None:
            continue
        charge = by_code.get(e.extension)
        price = f", £{charge.total:,.0f} to go" if charge is not None else ""
        branches.append(f"{e.code} exercises {e.extension} ({e.probability:.0%}{price})")
    return (
        blackouts,
        "Risk windows: " + ("; ".join(windows) if windows else "none"),
        "Branches: " + ("; ".join(branches) if branches else "none"),
    )
