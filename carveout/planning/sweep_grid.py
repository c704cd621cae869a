"""The grid of a trade-off sweep: what the user asks to vary, read from their words.

A sweep plans one scenario many times, each *cell* a combination of a
deadline, extra people in some teams, which extension options are taken and
whether risk mitigations are in place. This module reads the grid the user
states (``2022-03-31:2024-03-31:quarterly``, ``INFRA=0,1,2``…), refusing bad
input with the option named, and lists its cells in a fixed order.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from carveout.errors import CarveoutError
from carveout.planning.calendar import add_months, month_end

STEPS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
"""The steps a range of deadlines may take, in months."""
ALL, NONE = "all", "none"
"""The extension choices every portfolio has: every option taken, or none."""
MAX_CELLS = 2_000
"""More cells than this is a mistake in the grid, not a sweep anyone waits for."""


class GridError(CarveoutError):
    """A grid the user stated cannot be read; the message names the option."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option


@dataclass(frozen=True, slots=True)
class Cell:
    """One combination of the grid.

    ``extra`` lists each swept team with the people added to it in every
    capacity period from the data date on (zeros included, in team order);
    ``extensions`` is ``all``, ``none`` or the option codes taken joined by
    ``+``; ``mitigations`` says whether the risks' mitigations are in place.
    """

    deadline: date
    extra: tuple[tuple[str, int], ...] = ()
    extensions: str = ALL
    mitigations: bool = False

    @property
    def key(self) -> str:
        """A stable name of the cell: the same cell always has the same key."""
        people = ",".join(f"{team}={n}" for team, n in self.extra) or "-"
        return (
            f"{self.deadline.isoformat()}|{people}|ext={self.extensions}|"
            f"mit={'on' if self.mitigations else 'off'}"
        )

    @property
    def people(self) -> int:
        """Extra people in all teams together."""
        return sum(n for _, n in self.extra)

    def extra_in(self, team: str) -> int:
        return dict(self.extra).get(team, 0)


@dataclass(frozen=True, slots=True)
class Grid:
    """What a sweep varies: each axis's values, in the order the user gave them."""

    deadlines: tuple[date, ...]
    people: tuple[tuple[str, tuple[int, ...]], ...] = ()
    extensions: tuple[str, ...] = (ALL,)
    mitigations: tuple[bool, ...] = (False,)

    def cells(self) -> list[Cell]:
        """Every cell, deadlines varying slowest: always the same cells in the same order."""
        teams = [team for team, _ in self.people]
        levels = [values for _, values in self.people]
        found = [
            Cell(deadline, tuple(zip(teams, extra, strict=True)), ext, mit)
            for deadline in self.deadlines
            for extra in itertools.product(*levels)
            for ext in self.extensions
            for mit in self.mitigations
        ]
        if len(found) > MAX_CELLS:
            raise GridError(
                "grid", f"{len(found):,} cells is more than {MAX_CELLS:,}: sweep fewer values."
            )
        return found

    @property
    def size(self) -> int:
        n = len(self.deadlines) * len(self.extensions) * len(self.mitigations)
        for _, values in self.people:
            n *= len(values)
        return n


def sweep_key(*parts: str) -> str:
    """A short digest naming one sweep: its portfolio, scenario, date, grid and settings."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def parse_deadlines(text: str, option: str = "--deadlines") -> tuple[date, ...]:
    """``FIRST:LAST:STEP`` (step monthly, quarterly, half-yearly or yearly) or a comma list.

    A range that starts on a month's last day keeps to months' last days
    (31 Mar, 30 Jun, 30 Sep…).
    """
    text = text.strip()
    if not text:
        raise GridError(option, "give at least one deadline, e.g. 2022-03-31,2023-03-31.")
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise GridError(
                option, f"{text!r} is not FIRST:LAST:STEP, e.g. 2022-03-31:2024-03-31:quarterly."
            )
        first, last = (_day(p, option) for p in parts[:2])
        step = STEPS.get(parts[2].strip().lower())
        if step is None:
            raise GridError(option, f"step {parts[2]!r} is not one of {', '.join(STEPS)}.")
        if last < first:
            raise GridError(option, f"the last deadline {last} is before the first {first}.")
        days = []
        ends = first == month_end(first)
        k = 0
        while True:
            moved = add_months(first, k * step)
            day = month_end(moved) if ends else _same_day(moved, first.day)
            if day > last:
                break
            days.append(day)
            k += 1
        return tuple(days)
    found = tuple(_day(p, option) for p in text.split(","))
    if len(set(found)) != len(found):
        raise GridError(option, "lists a deadline twice.")
    return tuple(sorted(found))


def _same_day(month: date, day: int) -> date:
    return month.replace(day=min(day, month_end(month).day))


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise GridError(option, f"{text.strip()!r} is not a date; write YYYY-MM-DD.") from None


def parse_levels(text: str, option: str) -> tuple[int, ...]:
    """``0,1,2``: whole numbers of extra people, each at least 0, none twice."""
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        raise GridError(
            option, f"{text!r} is not a list of whole numbers of people, e.g. 0,1,2."
        ) from None
    if any(v < 0 for v in values):
        raise GridError(option, "extra people cannot be negative.")
    if len(set(values)) != len(values):
        raise GridError(option, "lists a number of people twice.")
    return values


def parse_extra_people(
    given: Sequence[str], teams: Iterable[str], option: str = "--extra-people"
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """``TEAM=0,1,2`` for each swept team, checked against the ``teams`` known."""
    known = set(teams)
    found: dict[str, tuple[int, ...]] = {}
    for item in given:
        team, sep, levels = item.partition("=")
        team = team.strip()
        if not sep or not team:
            raise GridError(option, f"{item!r} is not TEAM=LEVELS, e.g. INFRA=0,1,2.")
        if team not in known:
            raise GridError(
                option, f"no team {team!r}; known teams: {', '.join(sorted(known)) or 'none'}."
            )
        if team in found:
            raise GridError(option, f"team {team} is given twice.")
        found[team] = parse_levels(levels, option)
    return tuple(sorted(found.items()))


def parse_extensions(
    text: str, options: Iterable[str], option: str = "--extensions"
) -> tuple[str, ...]:
    """``all``, ``none`` or option codes joined by ``+``, separated by commas."""
    known = set(options)
    found: list[str] = []
    for raw in text.split(","):
        choice = raw.strip()
        if choice.lower() in (ALL, NONE):
            choice = choice.lower()
        else:
            codes = [c.strip() for c in choice.split("+")]
            unknown = [c for c in codes if c not in known]
            if not choice or unknown:
                raise GridError(
                    option,
                    f"{raw.strip()!r} is not all, none or extension option codes joined by +; "
                    f"the options are: {', '.join(sorted(known)) or 'none'}.",
                )
            choice = "+".join(sorted(set(codes)))
        if choice in found:
            raise GridError(option, f"{choice!r} is given twice.")
        found.append(choice)
    return tuple(found)


MITIGATIONS = {"off": (False,), "on": (True,), "both": (False, True)}


def parse_mitigations(text: str, option: str = "--mitigations") -> tuple[bool, ...]:
    """``off``, ``on`` or ``both``."""
    found = MITIGATIONS.get(text.strip().lower())
    if found is None:
        raise GridError(option, f"{text!r} is not one of {', '.join(MITIGATIONS)}.")
    return found
