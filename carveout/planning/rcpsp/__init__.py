"""The scheduling core: a resource-constrained project scheduler on OR-Tools CP-SAT."""

from carveout.planning.rcpsp.bounds import critical_path_bound, resource_bound
from carveout.planning.rcpsp.check import violations
from carveout.planning.rcpsp.heuristics import (
    improved_schedule,
    priority_rule_schedule,
    serial_sgs,
)
from carveout.planning.rcpsp.instance import Activity, Instance, Precedence, Resource
from carveout.planning.rcpsp.model import ScheduleModel
from carveout.planning.rcpsp.psplib import parse_sm, read_sm
from carveout.planning.rcpsp.solution import Progress, Solution, SolverConfig

__all__ = [
    "Activity",
    "Instance",
    "Precedence",
    "Progress",
    "Resource",
    "ScheduleModel",
    "Solution",
    "SolverConfig",
    "critical_path_bound",
    "improved_schedule",
    "parse_sm",
    "priority_rule_schedule",
    "read_sm",
    "resource_bound",
    "serial_sgs",
    "violations",
]
