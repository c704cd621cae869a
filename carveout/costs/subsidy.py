"""The Faulhaber subsidy test: is an allocation in the core?

Charges x are subsidy-free when every coalition S pays at least the
incremental cost of serving it, ``c(N) - c(N \\ S)``, and no more than its
stand-alone cost ``c(S)``. A coalition below its incremental cost is
subsidised by the others; one above its stand-alone cost subsidises them and
would be better off alone. The core is empty when no charges pass (found by
the least-core LP). Games of up to :data:`MAX_TESTED_PLAYERS` players are tested
on every coalition, larger ones on each party and each party's complement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from carveout.costs.games import CostGame, FloatArray, members
from carveout.costs.nucleolus import MAX_NUCLEOLUS_PLAYERS, least_core
from carveout.costs.text import money, possessive

MAX_TESTED_PLAYERS = 20
"""Largest game whose every coalition is tested."""


class CostTest(StrEnum):
    """The two Faulhaber tests."""

    INCREMENTAL = "incremental"
    STAND_ALONE = "stand_alone"


@dataclass(frozen=True)
class Finding:
    """One coalition failing one test, by ``gap`` pounds a year."""

    coalition: tuple[str, ...]
    names: tuple[str, ...]
    test: CostTest
    charge: float
    bound: float
    gap: float

    @property
    def sentence(self) -> str:
        whose = possessive(self.names)
        it = "it" if len(self.coalition) == 1 else "they"
        if self.test is CostTest.INCREMENTAL:
            serving = "it" if len(self.coalition) == 1 else "them"
            return (
                f"{whose} is {money(self.gap)} a year below the incremental cost of serving "
                f"{serving}: {it} {'is' if it == 'it' else 'are'} subsidised"
            )
        return (
            f"{whose} is {money(self.gap)} a year above the stand-alone cost: "
            f"{it} would pay less going alone and {'is' if it == 'it' else 'are'} overcharged"
        )


@dataclass(frozen=True)
class SubsidyTest:
    """All failures of one allocation, worst first, and the core's status."""

    findings: tuple[Finding, ...]
    coalitions_tested: int
    every_coalition: bool
    core_empty: bool | None
    least_core: float | None

    @property
    def subsidy_free(self) -> bool:
        return not self.findings


def _tested_masks(n: int) -> tuple[np.ndarray, bool]:
    grand = (1 << n) - 1
    if n <= MAX_TESTED_PLAYERS:
        return np.arange(1, grand, dtype=np.int64), True
    singles = np.int64(1) << np.arange(n, dtype=np.int64)
    return np.concatenate([singles, grand ^ singles]), False


def core_status(game: CostGame, *, scale: float = 1.0) -> tuple[bool | None, float | None]:
    """Whether the core is empty, and the least-core ε in pounds (``None`` if too large)."""
    if game.n > MAX_NUCLEOLUS_PLAYERS or game.n < 2:
        return (None, None) if game.n > 1 else (False, 0.0)
    result = least_core(game)
    return result.core_empty, result.epsilon * scale


def subsidy_test(
    *,
    game: CostGame,
    charges: FloatArray,
    scale: float = 1.0,
    labels: Sequence[str] | None = None,
    core: tuple[bool | None, float | None] | None = None,
) -> SubsidyTest:
    """CostTest ``charges`` (in game units) against every coalition; amounts × ``scale``.

    ``labels`` are the players' names for the sentences (their codes by default).
    """
    n = game.n
    shown = tuple(labels) if labels is not None else game.players

    def named(mask: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        inside = [i for i in range(n) if mask >> i & 1]
        return tuple(game.players[i] for i in inside), tuple(shown[i] for i in inside)

    masks, every = _tested_masks(n)
    if len(masks) == 0:
        empty, epsilon = core if core is not None else (False, 0.0)
        return SubsidyTest((), 0, True, empty, epsilon)
    grand = game.grand
    alone = game.costs(masks) * scale
    rest = game.costs(grand ^ masks) * scale
    total = game.cost(grand) * scale
    paid = members(masks, n) @ (np.asarray(charges) * scale)
    tolerance = 1e-7 * max(1.0, abs(total))
    findings = []
    for k in np.flatnonzero(paid > alone + tolerance):
        findings.append(
            Finding(
                *named(int(masks[k])),
                CostTest.STAND_ALONE,
                float(paid[k]),
                float(alone[k]),
                float(paid[k] - alone[k]),
            )
        )
    incremental = total - rest
    for k in np.flatnonzero(paid < incremental - tolerance):
        findings.append(
            Finding(
                *named(int(masks[k])),
                CostTest.INCREMENTAL,
                float(paid[k]),
                float(incremental[k]),
                float(incremental[k] - paid[k]),
            )
        )
    findings.sort(key=lambda f: (len(f.coalition), -f.gap))
    empty, epsilon = core if core is not None else core_status(game, scale=scale)
    return SubsidyTest(tuple(findings), len(masks), every, empty, epsilon)
