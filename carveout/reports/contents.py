"""The shape of the governance pack: typed sections, everything already worked out.

The templates only lay these out; every figure, count and sentence is decided
when the pack is built (:func:`carveout.reports.pack.build_pack`), so the HTML,
the PDF and the tests all read the same numbers.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from carveout.domain.calendar import Action
from carveout.reports.charges import ChargesSection
from carveout.reports.pool_contents import PoolSection
from carveout.reports.readiness import ReadinessSection
from carveout.reports.risk_impacts import ImpactsSection
from carveout.reports.separation import SeparationSection
from carveout.reports.service_levels import ServiceLevelsSection
from carveout.reports.trade_offs import TradeOffs
from carveout.risk.joint import JointConfidence


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ServiceLine(_Part):
    """One service for the appendix and the Gantt: where it is, where it goes, when."""

    code: str
    name: str
    host: str
    destination: str
    disposition: str
    moves: bool
    team: str = ""
    status: str = ""
    planned_start: date | None = None
    planned_cutover: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    forecast_p50: date | None = None
    forecast_p80: date | None = None
    baseline_cutover: date | None = None
    critical: bool = False
    late_days: int = 0

    @property
    def expected(self) -> date | None:
        """When it leaves (or left): the actual end, else the plan's date."""
        return self.actual_end or self.planned_cutover


class Status(_Part):
    """Status on the data date, with a red/amber/green rating and why.

    ``behind`` lists the services the baseline (the plan the board approved,
    made as of ``baseline_as_of``) had cut over before the data date and that
    have not; ``planned_done`` counts those the baseline had cut over by then.
    Without a baseline neither can be judged and both are empty.
    """

    rating: str
    reasons: tuple[str, ...]
    moving: int
    done: int
    planned_done: int
    in_progress: int
    behind: tuple[str, ...]
    unplanned: tuple[str, ...]
    deadline: date | None
    planned_finish: date | None
    finish_p50: date | None
    finish_p80: date | None
    p_meet_deadline: float | None
    baseline_as_of: date | None = None
    deadline_passed: bool = False


class HostedLine(_Part):
    """Services a party still hosts for others on the report date: actual, planned, long-term."""

    host: str
    name: str
    actual: int
    planned: int
    stay_hosted: int


class TrancheLine(_Part):
    """A contracted tranche: its cost, and whether its services will have left by its end.

    ``services`` counts the services it lists; ``due`` those it is the last tranche
    of, which must leave by its end (the others continue under a later tranche).
    """

    code: str
    name: str
    agreement: str
    host: str
    start: date
    end: date
    services: int
    monthly_charge: float
    cost: float
    planned_after_end: int
    p_leave_by_end: float | None
    extension: str
    due: int = 0


class ImpliedTranche(_Part):
    """Transitional hosting the plan implies: these services with ``host`` from ``start`` (the
    first month to go) until ``until``."""

    host: str
    start: date | None = None
    until: date
    services: tuple[str, ...]
    monthly_charge: float
    cost: float


class Money(_Part):
    """Transitional hosting, running cost and bridges, to date and to go.

    The definitions of :mod:`carveout.planning.hosting`: a month that began
    before the data date is to date, the rest to go; ``hosting_to_go`` is the
    plan's ``hosting_cost`` and ``hosting_p80`` the forecast's P80 of the same
    figure. ``running_to_go`` is the running cost of services still shared
    outside any transitional tranche, from the data date until they cut over.
    """

    hosting_to_date: float
    hosting_to_go: float
    step_up_to_go: float = 0.0
    running_to_go: float = 0.0
    bridges_to_date: float = 0.0
    bridges_to_go: float = 0.0
    hosting_p80: float | None
    recommended: float | None

    @property
    def hosting_total(self) -> float:
        return self.hosting_to_date + self.hosting_to_go

    @property
    def bridges(self) -> float:
        return self.bridges_to_date + self.bridges_to_go


class Decision(_Part):
    """Something the board must decide, by a date when there is one."""

    by: date | None
    title: str
    detail: str
    overdue: bool = False


class BurnPoint(_Part):
    """Services still hosted for others on ``day`` under one ``series``."""

    day: date
    series: str
    services: int


class RiskLine(_Part):
    """An open risk and its effect on the schedule and on cost."""

    code: str
    title: str
    owner: str
    probability: float
    delay_days: float
    expected_delay: float
    cost_impact: float
    expected_cost: float
    services: tuple[str, ...]
    finish_swing: float | None


class DriverLine(_Part):
    """What moves the finish most (from the simulation)."""

    name: str
    kind: str
    correlation: float
    swing_days: float


class RiskSection(_Part):
    """The S-curve, the key dates and the top risks."""

    runs: int | None
    p_meet_deadline: float | None
    finish_p50: date | None
    finish_p80: date | None
    finish_p90: date | None
    s_curve: tuple[tuple[date, float], ...]
    risks: tuple[RiskLine, ...]
    drivers: tuple[DriverLine, ...]
    risks_open: int
    joint: JointConfidence | None = None
    convergence: str = ""
    in_play: tuple[str, ...] = ()
    """The blackouts, risk windows and branches the simulation honoured, a line each."""


class ProgressLine(_Part):
    """One line of progress since the previous report."""

    what: str
    services: tuple[str, ...]


class Pack(_Part):
    """The governance pack for one scenario on one date."""

    title: str
    programme: str
    scenario: str
    scenario_name: str
    as_of: date
    generated: datetime
    sources: tuple[str, ...]
    plan_status: str
    status: Status
    hosted: tuple[HostedLine, ...]
    tranches: tuple[TrancheLine, ...]
    next_tranches: tuple[TrancheLine, ...]
    money: Money
    decisions: tuple[Decision, ...]
    previous: date | None
    progress: tuple[ProgressLine, ...]
    services: tuple[ServiceLine, ...]
    burn_down: tuple[BurnPoint, ...]
    implied: tuple[ImpliedTranche, ...]
    risk: RiskSection
    pools: tuple[PoolSection, ...]
    cost_headlines: tuple[str, ...]
    dates_due: tuple[Action, ...] = ()
    """The notice calendar's dates overdue or due within 90 days of the data date."""
    audit_head: tuple[int, str] | None = None
    """The audit trail's last entry and its SHA-256 when the pack was written: a witness
    (``carveout audit verify --checkpoint ID:HASH``) that nothing before it is rewritten."""
    trade_offs: TradeOffs | None = None
    """The latest sweep made as of the data date, for the trade-offs appendix (None: none)."""
    impacts: ImpactsSection | None = None
    """The risk chapter's drivers in days and pounds and its mitigations (None: not measured)."""
    charges: ChargesSection | None = None
    """Invoices against the charges the terms expect (None: no schedule lines or invoices)."""
    separation: SeparationSection | None = None
    """The four kinds of separation cost and the itemised claims (None: nothing to separate)."""
    readiness: ReadinessSection | None = None
    """Each service's exit gate beside its planned cut-over (None: no gate recorded)."""
    service_levels: ServiceLevelsSection | None = None
    """Service levels month by month, their credits and the charges net of them (None: none)."""

    @property
    def moving(self) -> tuple[ServiceLine, ...]:
        return tuple(s for s in self.services if s.moves)
