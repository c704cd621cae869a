"""Cost games: the cost of serving every coalition of parties.

A coalition is a bitmask over the game's players (bit ``i`` set when player
``i`` is in it), so a game of up to 62 players is evaluated on NumPy arrays of
``int64`` masks. Three kinds of game cover what carveout meets:

- :class:`CatalogueGame`: a sum over services, each a fixed cost paid once by
  any coalition that uses the service plus a variable cost of the coalition's
  total usage (economies of scale through a :class:`PowerCurve`, or a
  :class:`TableCurve` through stand-alone costs given by the user);
- :class:`AirportGame`: the cost of a coalition is the largest requirement in
  it (a runway long enough for the largest aircraft);
- :class:`TableGame`: coalition costs given directly.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
MaskArray = NDArray[np.int64]

MAX_MASK_PLAYERS = 62
"""Coalitions are int64 bitmasks, so games have at most this many players."""

MAX_TABLE_PLAYERS = 24
"""Largest game whose full table of 2^n coalition costs is built (128 MiB)."""

_CHUNK = 1 << 16


def members(masks: MaskArray, n: int) -> FloatArray:
    """The 0/1 membership matrix (one row per mask, one column per player)."""
    return ((masks[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.float64)


def popcounts(n: int) -> NDArray[np.int64]:
    """Size of every coalition ``0 .. 2^n - 1``, built by doubling."""
    sizes = np.zeros(1, dtype=np.int64)
    for _ in range(n):
        sizes = np.concatenate([sizes, sizes + 1])
    return sizes


class Curve(Protocol):
    """The variable cost of serving ``units`` of total usage; zero at zero."""

    @property
    def linear(self) -> bool: ...

    def __call__(self, units: FloatArray) -> FloatArray: ...


@dataclass(frozen=True)
class PowerCurve:
    """``cost_at_reference × (units / reference) ** exponent``.

    An exponent below 1 means economies of scale: a party alone pays more per
    unit than the whole collaboration. Calibrated at ``reference`` units (the
    catalogue's total usage) so the grand coalition costs what the catalogue says.
    """

    cost_at_reference: float
    reference: float
    exponent: float = 1.0

    def __post_init__(self) -> None:
        if self.reference <= 0 or self.exponent <= 0:
            raise ValueError("a power curve needs a positive reference and exponent")

    @property
    def linear(self) -> bool:
        return self.exponent == 1.0

    def __call__(self, units: FloatArray) -> FloatArray:
        scaled = np.asarray(units, dtype=np.float64) / self.reference
        return np.asarray(self.cost_at_reference * np.power(scaled, self.exponent))


@dataclass(frozen=True)
class TableCurve:
    """Piecewise linear through ``(0, 0)`` and the given ``(units, cost)`` points.

    Beyond the last point the last segment's slope continues. Built from each
    party's stand-alone cost by :meth:`ServiceCost.from_stand_alone`.
    """

    units: tuple[float, ...]
    costs: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.units) != len(self.costs) or not self.units:
            raise ValueError("a table curve needs as many costs as usage points, at least one")
        if any(u <= 0 for u in self.units) or len(set(self.units)) != len(self.units):
            raise ValueError("the usage points of a table curve must be positive and distinct")

    @property
    def linear(self) -> bool:
        return False

    def __call__(self, units: FloatArray) -> FloatArray:
        order = np.argsort(self.units)
        xs = np.concatenate([[0.0], np.asarray(self.units)[order]])
        ys = np.concatenate([[0.0], np.asarray(self.costs)[order]])
        units = np.asarray(units, dtype=np.float64)
        values = np.interp(units, xs, ys)
        slope = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
        beyond = units > xs[-1]
        values[beyond] = ys[-1] + slope * (units[beyond] - xs[-1])
        return np.asarray(values)


class CostGame(ABC):
    """A transferable-utility cost game over named players."""

    players: tuple[str, ...]

    @property
    def n(self) -> int:
        return len(self.players)

    @property
    def grand(self) -> int:
        """The mask of the grand coalition."""
        return (1 << self.n) - 1

    @abstractmethod
    def costs(self, masks: MaskArray) -> FloatArray:
        """The cost of each coalition in ``masks``."""

    def mask(self, coalition: Iterable[str]) -> int:
        index = {p: i for i, p in enumerate(self.players)}
        result = 0
        for party in coalition:
            result |= 1 << index[party]
        return result

    def names(self, mask: int) -> tuple[str, ...]:
        return tuple(p for i, p in enumerate(self.players) if mask >> i & 1)

    def cost(self, coalition: Iterable[str] | int) -> float:
        mask = coalition if isinstance(coalition, int) else self.mask(coalition)
        return float(self.costs(np.array([mask], dtype=np.int64))[0])

    def table(self) -> FloatArray:
        """Every coalition's cost, indexed by mask (``2^n`` values)."""
        if self.n > MAX_TABLE_PLAYERS:
            raise ValueError(
                f"a table of all coalitions of {self.n} players is too large "
                f"(at most {MAX_TABLE_PLAYERS})"
            )
        size = 1 << self.n
        out = np.empty(size)
        for start in range(0, size, _CHUNK):
            masks = np.arange(start, min(size, start + _CHUNK), dtype=np.int64)
            out[masks] = self.costs(masks)
        out[0] = 0.0
        return out


@dataclass(frozen=True, eq=False)
class TableGame(CostGame):
    """A game given by the cost of every coalition, indexed by bitmask."""

    players: tuple[str, ...]
    values: FloatArray

    def __post_init__(self) -> None:
        if len(self.values) != 1 << len(self.players):
            raise ValueError(f"needs 2^{len(self.players)} coalition costs")

    @classmethod
    def from_coalitions(
        cls, players: Sequence[str], costs: Mapping[frozenset[str], float]
    ) -> TableGame:
        """A game from coalition costs written out by a user (every coalition needed)."""
        players = tuple(players)
        values = np.zeros(1 << len(players))
        for mask in range(1, len(values)):
            coalition = frozenset(p for i, p in enumerate(players) if mask >> i & 1)
            if coalition not in costs:
                raise ValueError(f"no cost given for coalition {{{', '.join(sorted(coalition))}}}")
            values[mask] = costs[coalition]
        return cls(players, values)

    def costs(self, masks: MaskArray) -> FloatArray:
        return np.asarray(self.values[masks], dtype=np.float64)

    def table(self) -> FloatArray:
        return self.values


@dataclass(frozen=True, eq=False)
class AirportGame(CostGame):
    """The cost of a coalition is the largest requirement among its players.

    ``counts`` (default all 1) lets one entry stand for that many identical
    players, as in the Birmingham data (one entry per aircraft type, one player
    per landing); values computed on such a game are per single player.
    """

    players: tuple[str, ...]
    requirements: FloatArray
    counts: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        if len(self.requirements) != len(self.players):
            raise ValueError("needs one requirement per player")
        if len(self.counts) == 0:
            object.__setattr__(self, "counts", np.ones(len(self.players), dtype=np.int64))
        if len(self.counts) != len(self.players) or np.any(self.counts < 1):
            raise ValueError("needs a positive count per player")

    @property
    def grouped(self) -> bool:
        return bool(np.any(self.counts > 1))

    def costs(self, masks: MaskArray) -> FloatArray:
        if self.grouped:
            raise ValueError("coalitions of a grouped airport game are not bitmasks")
        present = members(masks, self.n) > 0
        return np.asarray(np.where(present, self.requirements, 0.0).max(axis=1))


@dataclass(frozen=True, eq=False)
class ServiceCost:
    """One service's cost to any coalition: paid in full once anyone uses it.

    ``users[i]`` says whether player ``i`` uses the service (a consumer with no
    recorded usage still uses it); ``usage[i]`` is its units of use.
    """

    code: str
    fixed: float
    usage: FloatArray
    users: NDArray[np.bool_]
    curve: Curve

    def __post_init__(self) -> None:
        # Usage implies use, so the fixed cost can never be dodged by omission.
        users = np.asarray(self.users, dtype=bool) | (np.asarray(self.usage) > 0)
        object.__setattr__(self, "users", users)
        object.__setattr__(self, "usage", np.asarray(self.usage, dtype=np.float64))

    @classmethod
    def from_stand_alone(
        cls, code: str, *, fixed: float, usage: FloatArray, stand_alone: FloatArray
    ) -> ServiceCost:
        """A service whose variable cost runs through each user's stand-alone cost."""
        users = np.asarray(usage) > 0
        curve = TableCurve(
            tuple(float(u) for u in np.asarray(usage)[users]),
            tuple(float(s) - fixed for s in np.asarray(stand_alone)[users]),
        )
        return cls(code, fixed, np.asarray(usage, dtype=np.float64), users, curve)

    def costs(self, inside: FloatArray) -> FloatArray:
        """Cost for each row of a 0/1 membership matrix."""
        active = inside @ self.users.astype(np.float64) > 0
        variable = self.curve(inside @ self.usage)
        return np.asarray(np.where(active, self.fixed + variable, 0.0))


@dataclass(frozen=True, eq=False)
class CatalogueGame(CostGame):
    """The cost of serving a coalition: the sum of the services it uses."""

    players: tuple[str, ...]
    services: tuple[ServiceCost, ...]

    def __post_init__(self) -> None:
        if len(self.players) > MAX_MASK_PLAYERS:
            raise ValueError(f"at most {MAX_MASK_PLAYERS} players")
        for service in self.services:
            if len(service.usage) != self.n or len(service.users) != self.n:
                raise ValueError(f"service {service.code} needs one usage per player")

    def costs(self, masks: MaskArray) -> FloatArray:
        inside = members(np.asarray(masks, dtype=np.int64), self.n)
        total = np.zeros(len(inside))
        for service in self.services:
            total += service.costs(inside)
        return total

    def service_costs(self, mask: int) -> dict[str, float]:
        """Each service's cost to one coalition."""
        inside = members(np.array([mask], dtype=np.int64), self.n)
        return {s.code: float(s.costs(inside)[0]) for s in self.services}
