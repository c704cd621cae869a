"""Service levels on a handful of the hosting agreement's lines, and a year of measurements.

SYNTHETIC: every level, target, credit and measured value. The levels are of the
kinds transitional agreements carry (availability of the systems a control room
and an investigation cannot do without, time to respond to a priority incident,
rosters published on time), on the lines of both hosting tranches so that a year
of months (October 2021 to September 2022) runs across them. Measurements are
made when the demo runs, for the months the 2023 plan still charges each line
(a service gone is no longer measured), and hold four planted breaches:

- Command and control, January 2022: availability 99.62 % against 99.9 % (a six-hour
  outage) and a priority incident answered in 6.5 hours against 4 — two breaches of
  one line in one month, 5 % + 3 % of its charge;
- Duty management, October 2021: rosters 96.5 % on time against 98 % (2 %);
- Data centre hosting, October 2021: availability 99.80 % against 99.95 % (10 %).

October is charged whatever the plan (notice served on the data date runs to its end), so
its two breaches always earn their credits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from carveout.charges.expected import Expected
from carveout.domain import ScheduleLine
from carveout.domain.service_levels import Aim, ServiceLevel, ServiceLevelMeasurement

FIRST, LAST = date(2021, 10, 1), date(2022, 9, 1)
NOTE = "SYNTHETIC demonstration measurement"


class Level(NamedTuple):
    """A level on every hosting line of ``service``: ``slug`` names it in codes."""

    service: str
    slug: str
    metric: str
    unit: str
    target: float
    aim: Aim
    credit: float
    cap: float | None
    usual: tuple[float, ...]
    """Values measured in months without a breach, in turn."""


LEVELS: tuple[Level, ...] = (
    Level("CAD", "availability", "Availability", "%", 99.9, Aim.AT_LEAST, 5, 12,
          (99.97, 99.95, 99.99, 99.93)),
    Level("CAD", "p1-response", "Priority 1 incident response", "hours", 4, Aim.AT_MOST, 3, 12,
          (2.5, 1.75, 3.0, 2.25)),
    Level("RMS", "availability", "Availability", "%", 99.5, Aim.AT_LEAST, 5, 12,
          (99.82, 99.9, 99.76, 99.88)),
    Level("DUTY", "rosters", "Rosters published on time", "%", 98, Aim.AT_LEAST, 2, None,
          (99.1, 98.6, 99.4)),
    Level("DC-HOST", "availability", "Availability", "%", 99.95, Aim.AT_LEAST, 10, 20,
          (99.99, 99.98, 100.0)),
)  # fmt: skip

BREACHES: dict[tuple[str, str, date], tuple[float, str]] = {
    ("CAD", "availability", date(2022, 1, 1)): (99.62, "six-hour outage on 14 January"),
    ("CAD", "p1-response", date(2022, 1, 1)): (6.5, "priority 1 during the outage"),
    ("DUTY", "rosters", date(2021, 10, 1)): (96.5, "rota publication run failed twice"),
    ("DC-HOST", "availability", date(2021, 10, 1)): (99.8, "cooling fault in hall B"),
}
"""The planted breaches: (service, level, month) to the value measured and what happened."""


def service_levels(lines: Iterable[ScheduleLine]) -> tuple[ServiceLevel, ...]:
    """The levels, one per hosting line of each service they name."""
    by_service: dict[str, list[ScheduleLine]] = {}
    for line in lines:
        by_service.setdefault(line.service, []).append(line)
    return tuple(
        ServiceLevel(
            code=f"{line.code}/{level.slug}",
            schedule_line=line.code,
            metric=level.metric,
            unit=level.unit,
            target=level.target,
            direction=level.aim,
            credit_percent=level.credit,
            cap_percent=level.cap,
        )
        for level in LEVELS
        for line in by_service.get(level.service, ())
    )


def demo_measurements(
    levels: Iterable[ServiceLevel], lines: Iterable[ScheduleLine], expected: Iterable[Expected]
) -> tuple[ServiceLevelMeasurement, ...]:
    """A measurement of each level for each month from October 2021 to September 2022 in
    which its line is expected to be charged, with the planted breaches."""
    line_of = {line.code: line for line in lines}
    charged = {(e.tranche, e.service, e.month) for e in expected if e.amount > 0}
    spec = {(lv.service, lv.slug): lv for lv in LEVELS}
    made: list[ServiceLevelMeasurement] = []
    for level in levels:
        line = line_of[level.schedule_line]
        slug = level.code.rsplit("/", 1)[-1]
        usual = spec[(line.service, slug)].usual
        months = sorted(
            m
            for (t, s, m) in charged
            if (t, s) == (line.tranche, line.service) and FIRST <= m <= LAST
        )
        for index, month in enumerate(months):
            value, note = BREACHES.get((line.service, slug, month), (usual[index % len(usual)], ""))
            made.append(
                ServiceLevelMeasurement(
                    code=f"{level.code}/{month:%Y-%m}",
                    service_level=level.code,
                    month=month,
                    value=value,
                    note=f"{NOTE}: {note}" if note else NOTE,
                )
            )
    return tuple(sorted(made, key=lambda m: (m.month, m.code)))
