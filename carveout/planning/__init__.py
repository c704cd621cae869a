"""Separation planning: the scheduling core and the separation model built on it.

``plan_scenario`` (in :mod:`carveout.planning.planner`) plans one scenario of a
portfolio and returns a :class:`~carveout.planning.plan.Plan`; the scheduling
core lives in :mod:`carveout.planning.rcpsp`. Both names are loaded on first
use so that importing the core alone stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from carveout.lazy import lazy_exports

if TYPE_CHECKING:
    from carveout.planning.plan import Plan
    from carveout.planning.planner import plan_scenario

__all__ = ["Plan", "plan_scenario"]

__getattr__ = lazy_exports(
    __name__, {"Plan": "carveout.planning.plan", "plan_scenario": "carveout.planning.planner"}
)
