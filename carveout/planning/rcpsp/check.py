"""Independent check of a schedule against every constraint of an instance."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from carveout.planning.rcpsp.instance import Instance


def violations(instance: Instance, starts: Sequence[int]) -> list[str]:
    """Every constraint the schedule breaks, in words (empty when the schedule is valid)."""
    acts = instance.activities
    if len(starts) != len(acts):
        return [f"{len(starts)} start times for {len(acts)} activities"]
    found: list[str] = []
    for a, s in zip(acts, starts, strict=True):
        end = s + a.duration
        if s < a.release:
            found.append(f"{a.name} starts at {s} before its release {a.release}")
        if a.deadline is not None and end > a.deadline:
            found.append(f"{a.name} ends at {end} after its deadline {a.deadline}")
        if a.fixed_start is not None and s != a.fixed_start:
            found.append(f"{a.name} starts at {s}, not at its fixed start {a.fixed_start}")
        for lo, hi in a.forbidden_ends:
            if lo <= end < hi:
                found.append(f"{a.name} ends at {end}, inside the forbidden window [{lo}, {hi})")
        if instance.horizon is not None and end > instance.horizon:
            found.append(f"{a.name} ends at {end} after the horizon {instance.horizon}")
    for p in instance.precedences:
        ready = starts[p.before] + acts[p.before].duration + p.lag
        if starts[p.after] < ready:
            found.append(
                f"{acts[p.after].name} starts at {starts[p.after]} before "
                f"{acts[p.before].name} allows ({ready})"
            )
    for group in instance.together:
        if len({starts[i] for i in group}) > 1:
            found.append(f"{', '.join(acts[i].name for i in group)} do not start together")
    found.extend(_overloads(instance, starts))
    return found


def _overloads(instance: Instance, starts: Sequence[int]) -> list[str]:
    acts = instance.activities
    if not acts:
        return []
    lo = min(min(starts), 0)
    hi = max(s + a.duration for s, a in zip(starts, acts, strict=True)) + 1
    times = np.arange(lo, hi)
    found = []
    for r, resource in enumerate(instance.resources):
        capacity = np.full(times.shape, resource.capacity, dtype=np.int64)
        for s, e, c in resource.profile:
            capacity[(times >= s) & (times < e)] = c
        load = np.zeros(times.shape, dtype=np.int64)
        for a, s in zip(acts, starts, strict=True):
            load[s - lo : s - lo + a.duration] += a.demands[r]
        over = np.flatnonzero(load > capacity)
        if over.size:
            k = int(over[0])
            found.append(
                f"{resource.name} is overloaded at {int(times[k])}: "
                f"{int(load[k])} > {int(capacity[k])}"
            )
    return found
