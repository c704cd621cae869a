"""Each run's cost to go service by service, so a variant re-prices only what it moved.

The same prices as :func:`carveout.risk.joint.run_costs` (the planner's hosting
terms tabled by cut-over month, see :class:`~carveout.risk.model.HostingTables`),
kept per service: a run's cost is the sum of its services' charges plus the
bridges and the cost of the risks that happened. When a variant of the model
moves a few cut-overs, only those cells are priced again. Days are turned into
months through a table made once per model instead of calendar arithmetic per cell.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from carveout.risk.hosting import month_index
from carveout.risk.model import HostingTables, RiskModel


class CellPrices:
    """Prices each (run, service) cut-over of one model."""

    def __init__(self, model: RiskModel) -> None:
        if model.hosting is None:
            raise ValueError("the model has no hosting terms to price runs with")
        tables: HostingTables = model.hosting
        self._start = model.start
        self._shift = tables.origin_shift
        self._table = tables.hosting + tables.running
        self._last = tables.last_hosting + tables.last_running
        self._fixed = model.fixed_cost
        self._months = np.zeros(0, dtype=np.int64)

    def _month_of(self, days: NDArray[np.int64]) -> NDArray[np.int64]:
        need = int(days.max(initial=0)) + 1
        if need > self._months.size:
            size = max(need, 2 * self._months.size, 4096)
            self._months = month_index(self._start, np.arange(size, dtype=np.float64))
        return np.asarray(self._months[days] + self._shift)

    def cells(
        self, finish: NDArray[np.float32], services: NDArray[np.int64] | None = None
    ) -> NDArray[np.float64]:
        """Each cut-over's charge to go: ``finish`` is runs × services (days from the start),
        or, with ``services``, a flat array of cut-overs of those services."""
        day = np.maximum(0.0, np.ceil(np.asarray(finish, dtype=np.float64) - 1e-9) - 1)
        months = self._month_of(day.astype(np.int64))
        cols = (
            np.broadcast_to(np.arange(self._table.shape[0]), months.shape)
            if services is None
            else services
        )
        width = self._table.shape[1]
        inside = np.clip(months, 0, width - 1)
        value = self._table[cols, inside] + np.maximum(0, months - (width - 1)) * self._last[cols]
        return np.asarray(np.where(months < 0, 0.0, value))

    def run_costs(
        self, cells: NDArray[np.float64], risk_cost: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Each run's cost to go from its services' charges and its risks' cost."""
        return np.asarray(cells.sum(axis=1) + self._fixed + risk_cost)

    def repriced(
        self,
        cells: NDArray[np.float64],
        before: NDArray[np.float32],
        after: NDArray[np.float32],
    ) -> NDArray[np.float64]:
        """``cells`` (priced at ``before``) re-priced where the cut-over moved to ``after``."""
        out = cells.copy()
        moved = np.nonzero(before != after)
        if moved[0].size:
            out[moved] = self.cells(after[moved], services=moved[1].astype(np.int64))
        return out
