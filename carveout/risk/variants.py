"""What-if versions of a risk model: a risk switched off or changed, an estimate fixed.

A variant keeps every column of the counter-based stream in its place. A risk
switched off stays in the model's list of events with probability 0 instead of
leaving it, so the stride of the stream and the position of every other
duration and risk (``sample × columns + column``) are unchanged: the variant
draws the same uniforms as the model it came from (common random numbers), and
a sample where the risk did not happen is the same sample in both.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping

import numpy as np

from carveout.risk.events import RiskEvent
from carveout.risk.model import RiskModel


def event_codes(model: RiskModel) -> tuple[str, ...]:
    """The codes of the model's risk events, in stream order."""
    return tuple(e.code for e in model.sampling.events)


def with_events(model: RiskModel, replaced: Mapping[str, RiskEvent]) -> RiskModel:
    """``model`` with the events named in ``replaced`` swapped for the given ones, in place.

    Each replacement must keep its event's code; events the model does not have
    are refused, since adding one would shift the stream of every other.
    """
    known = set(event_codes(model))
    unknown = sorted(set(replaced) - known)
    if unknown:
        raise ValueError(f"the model has no risk event {', '.join(unknown)}")
    for code, event in replaced.items():
        if event.code != code:
            raise ValueError(f"risk {code} cannot be replaced by risk {event.code}")
    events = tuple(replaced.get(e.code, e) for e in model.sampling.events)
    return dataclasses.replace(model, sampling=dataclasses.replace(model.sampling, events=events))


def without_risks(model: RiskModel, codes: tuple[str, ...]) -> RiskModel:
    """``model`` in which the risks ``codes`` never happen (probability 0, kept in place)."""
    by_code = {e.code: e for e in model.sampling.events}
    return with_events(
        model, {c: dataclasses.replace(by_code[c], probability=0.0) for c in codes if c in by_code}
    )


def at_most_likely(model: RiskModel, activity: int) -> RiskModel:
    """``model`` with ``activity``'s duration fixed at its most likely value.

    The activity still reads its uniform (its column stays in the stream) but
    its spread is zero, so it takes its most likely duration in every sample.
    The quantile tables are kept as they are: with no spread they scale to
    nothing, and tabulating them again would cost more than the simulation.
    """
    net = model.network
    if not 0 <= activity < net.size:
        raise ValueError(f"no activity {activity} in a network of {net.size}")
    low, high = net.low.copy(), net.high.copy()
    low[activity] = high[activity] = net.mode[activity]
    network = copy.copy(net)
    object.__setattr__(network, "low", np.ascontiguousarray(low))
    object.__setattr__(network, "high", np.ascontiguousarray(high))
    return dataclasses.replace(model, network=network)


def uncertain_activities(model: RiskModel) -> tuple[int, ...]:
    """Activities whose estimate has a spread (pessimistic above optimistic)."""
    net = model.network
    return tuple(int(j) for j in np.flatnonzero(net.high > net.low))
