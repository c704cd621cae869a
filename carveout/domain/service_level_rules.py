"""Cross-record rules of service levels and their measurements (part of :func:`validate`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from carveout.domain.portfolio import Portfolio
from carveout.domain.schedule import ScheduleLine
from carveout.domain.service_levels import PERCENT_UNITS
from carveout.domain.validation import Problem


def line_term(p: Portfolio, line: ScheduleLine) -> tuple[date, date]:
    """The first and last month ``line`` may charge: its rate periods, and after its
    tranche ends the tranche's extension options (which charge the line's last rate)."""
    last = line.end.replace(day=1)
    tranche = p.tranche_by_code.get(line.tranche)
    if tranche is not None:
        months = sum(e.length_months for e in p.extension_options if e.tranche == tranche.code)
        index = tranche.end.year * 12 + tranche.end.month - 1 + months
        last = max(last, date(index // 12, index % 12 + 1, 1))
    return line.start.replace(day=1), last


def service_level_problems(p: Portfolio) -> Iterator[Problem]:
    """Levels of unknown lines, caps that disagree, and measurements that cannot be."""
    yield from _levels(p)
    yield from _measurements(p)


def _levels(p: Portfolio) -> Iterator[Problem]:
    lines = {line.code for line in p.schedule_lines}
    caps: dict[str, tuple[str, float]] = {}
    metrics: dict[tuple[str, str], str] = {}
    for level in p.service_levels:
        if level.schedule_line not in lines:
            yield Problem(
                "service_level",
                level.key,
                "schedule_line",
                level.schedule_line,
                "the code of a known schedule line",
            )
        other = metrics.setdefault((level.schedule_line, level.metric.lower()), level.key)
        if other != level.key:
            yield Problem(
                "service_level",
                level.key,
                "metric",
                level.metric,
                f"one service level per metric and line (service level {other} already "
                f"measures it on {level.schedule_line})",
            )
        if level.cap_percent is None:
            continue
        first = caps.setdefault(level.schedule_line, (level.key, level.cap_percent))
        if first[1] != level.cap_percent:
            yield Problem(
                "service_level",
                level.key,
                "cap_percent",
                f"{level.cap_percent:g}",
                f"one at-risk cap per schedule line (service level {first[0]} caps "
                f"{level.schedule_line} at {first[1]:g})",
            )


def _measurements(p: Portfolio) -> Iterator[Problem]:
    levels = {level.code: level for level in p.service_levels}
    lines = {line.code: line for line in p.schedule_lines}
    seen: dict[tuple[str, date], str] = {}
    for m in p.service_level_measurements:
        level = levels.get(m.service_level)
        if level is None:
            yield Problem(
                "service_level_measurement",
                m.key,
                "service_level",
                m.service_level,
                "the code of a known service level",
            )
            continue
        other = seen.setdefault((m.service_level, m.month), m.key)
        if other != m.key:
            yield Problem(
                "service_level_measurement",
                m.key,
                "month",
                m.month.isoformat(),
                f"one measurement per service level and month ({other} already measures "
                f"{m.service_level} in {m.month:%b %Y})",
            )
        if level.unit.lower() in PERCENT_UNITS and m.value > 100:
            yield Problem(
                "service_level_measurement",
                m.key,
                "value",
                f"{m.value:g}",
                f"a percentage from 0 to 100 ({level.code} is measured in {level.unit})",
            )
        line = lines.get(level.schedule_line)
        if line is None:
            continue
        first, last = line_term(p, line)
        if not first <= m.month <= last:
            yield Problem(
                "service_level_measurement",
                m.key,
                "month",
                m.month.isoformat(),
                f"a month within schedule line {line.code}'s term ({first:%b %Y} to {last:%b %Y})",
            )
