"""The independent schedule check names each broken constraint."""

from __future__ import annotations

from carveout.planning.rcpsp import Activity, Instance, Precedence, Resource, violations


def test_valid_schedule_has_no_violations() -> None:
    instance = Instance((Activity("A", 2, (1,)), Activity("B", 1, (1,))), (Resource("crew", 1),))
    assert violations(instance, (0, 2)) == []


def test_each_broken_constraint_is_reported() -> None:
    instance = Instance(
        (
            Activity("A", 2, (1,), release=1, deadline=3, forbidden_ends=((2, 3),)),
            Activity("B", 2, (1,), fixed_start=5),
        ),
        (Resource("crew", 1),),
        (Precedence(0, 1),),
        together=((0, 1),),
    )
    found = " | ".join(violations(instance, (0, 1)))
    for phrase in ("before its release", "fixed start", "forbidden window", "before A allows",
                   "do not start together", "overloaded"):  # fmt: skip
        assert phrase in found
