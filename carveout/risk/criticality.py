"""Which activities set the finish: the driving chain of each simulated schedule."""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from carveout.risk.network import Network


@numba.njit(cache=True)
def _counts(durations, finish, pred_ptr, pred_idx, team, demand, use_team, counts):  # type: ignore[no-untyped-def]
    n, m = finish.shape
    for s in range(n):
        f = finish[s]
        j = int(np.argmax(f))
        tol = 1e-7 * max(1.0, f[j])
        while j >= 0:
            counts[j] += 1
            start = f[j] - durations[s, j]
            nxt = -1
            for p in range(pred_ptr[j], pred_ptr[j + 1]):
                if abs(f[pred_idx[p]] - start) <= tol:
                    nxt = pred_idx[p]
                    break
            if nxt < 0 and use_team and demand[j] > 0.0:
                # Waiting for people: the team-mate that freed them drives the start.
                for q in range(m):
                    same = q != j and team[q] == team[j] and demand[q] > 0.0
                    if same and abs(f[q] - start) <= tol and f[q] - durations[s, q] < start:
                        nxt = q
                        break
            j = nxt


def critical_counts(
    durations: NDArray[np.float64],
    finish: NDArray[np.float64],
    network: Network,
    *,
    resources: bool,
) -> NDArray[np.int64]:
    """How many samples each activity lies on the chain that ends last.

    The chain is traced back from the last finish through the predecessor (or,
    with ``resources``, the team-mate) whose finish is the activity's start.
    """
    counts = np.zeros(network.size, dtype=np.int64)
    team = network.team if resources else np.zeros(network.size, dtype=np.int64)
    demand = network.demand if resources else np.zeros(network.size)
    _counts(
        np.ascontiguousarray(durations),
        np.ascontiguousarray(finish),
        network.pred_ptr,
        network.pred_idx,
        team,
        demand,
        resources,
        counts,
    )
    return counts
