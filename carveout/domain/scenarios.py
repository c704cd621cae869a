"""Scenarios: named sets of planning assumptions."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from carveout.domain.base import Code, Record
from carveout.domain.enums import Objective
from carveout.domain.ranges import Day, Factor, Money


class Scenario(Record):
    """A set of planning assumptions whose results can be compared.

    ``start`` is when migration work may begin; ``deadline`` is when every
    moving service must have cut over; ``as_of`` pins the data date its plans
    and forecasts are made as of (blank: the day they are made);
    ``capacity_factor`` scales every team's capacity (0.8 = a fifth of the
    staff unavailable); ``lateness_penalty`` is the cost per service per day
    past its deadline when deadlines are soft. ``owner`` is the party whose
    scenario it is (blank: the programme office's); a ``private`` scenario, with
    its plans and forecasts, is seen only by its owner's users until shared.
    """

    code: Code
    name: str = Field(min_length=1)
    start: Day
    deadline: Day | None = None
    as_of: Day | None = None
    objective: Objective = Objective.COST
    capacity_factor: Factor = 1.0
    lateness_penalty: Money = 0.0
    description: str = ""
    owner: Code | None = None
    private: bool = False

    @model_validator(mode="after")
    def _deadline_after_start(self) -> Scenario:
        if self.deadline and self.deadline < self.start:
            raise ValueError("deadline is before the scenario's start")
        if self.private and self.owner is None:
            raise ValueError("a private scenario needs the party that owns it")
        return self

    def data_date(self, given: date | None, today: date) -> date:
        """The data date to plan or report as of: the one ``given``, else the pinned one, else
        ``today``."""
        return given or self.as_of or today
