"""Reconciliation of the overview (``carveout show``): its counts and totals as of the data
date equal the rows they summarise, and agree with the governance pack of the same date."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from carveout.demo.portfolio import demo_portfolio
from carveout.domain import MigrationStatus, Portfolio, portfolio_as_of, remaining_work
from carveout.portfolio.summary import summarise
from tests.reconciliation_cases import CASES, DEMO_AS_OF, Case, planned_case


@pytest.fixture(
    scope="module",
    params=[pytest.param(c, marks=pytest.mark.slow) if c == "demo" else c for c in CASES],
)
def case(request: pytest.FixtureRequest) -> Case:
    return planned_case(request.param)


def effort_left(portfolio: Portfolio, codes: tuple[str, ...], as_of: date) -> float:
    """The most likely effort still to do on ``codes`` on the data date ("The data date":
    work in progress has only its remaining share left, effort falling as duration does)."""
    view = portfolio_as_of(portfolio, as_of)
    left = 0.0
    for code in codes:
        m = view.migration_by_service.get(code)
        if m is None or m.status in ("cut_over", "cancelled"):
            continue
        share = remaining_work(m, as_of).fraction if m.status == "in_progress" else 1.0
        left += m.effort.most_likely * share
    return left


def test_the_overview_counts_migrations_as_of_the_data_date(case: Case) -> None:
    summary, as_of = case.summary, case.as_of
    seen: Counter[str] = Counter()
    for m in case.portfolio.migrations:  # the data date, written out again
        if m.status == "cancelled":
            seen["cancelled"] += 1
        elif m.actual_start is None or m.actual_start >= as_of:
            seen["not_started"] += 1
        elif m.actual_end is not None and m.actual_end < as_of:
            seen["cut_over"] += 1
        else:
            seen["in_progress"] += 1
    assert summary.migrations == dict(seen)
    assert summary.migrations.get("cut_over", 0) == case.pack.status.done
    assert summary.migrations.get("in_progress", 0) == case.pack.status.in_progress
    assert sum(h.total for h in summary.hosting) == summary.services
    assert summary.services == len(case.portfolio.services)
    assert sum(p.hosts for p in summary.parties) == summary.services
    stays = {h.host: h.by_disposition.get("stay_hosted", 0) for h in summary.hosting}
    for line in case.pack.hosted:
        assert line.stay_hosted == stays.get(line.host, 0)
    for agreement in summary.agreements:
        for t in agreement.tranches:
            assert t.services == len(case.portfolio.tranche_by_code[t.code].services)
            assert t.days_left == (t.end - as_of).days


def test_the_effort_left_in_each_cluster_not_under_way_is_its_migrations(case: Case) -> None:
    view = portfolio_as_of(case.portfolio, case.as_of)
    for cluster in case.summary.clusters:
        states = {view.migration_by_service[c].status for c in cluster.services
                  if c in view.migration_by_service}  # fmt: skip
        if "in_progress" in states:
            continue  # see the test below
        assert cluster.effort_days == pytest.approx(
            effort_left(case.portfolio, cluster.services, case.as_of)
        )


def _under_way(portfolio: Portfolio, as_of: date) -> list[tuple[tuple[str, ...], float]]:
    """Each cluster of the overview with work under way: its services and its effort left."""
    view = portfolio_as_of(portfolio, as_of)
    summary = summarise(portfolio=portfolio, as_of=as_of)
    return [
        (c.services, c.effort_days)
        for c in summary.clusters
        if any(
            view.migration_by_service[code].status == "in_progress"
            for code in c.services
            if code in view.migration_by_service
        )
    ]


def test_the_demonstration_has_a_cluster_under_way_showing_only_what_is_left() -> None:
    portfolio = demo_portfolio()
    clusters = _under_way(portfolio, DEMO_AS_OF)
    assert clusters
    services, shown = clusters[0]
    whole = sum(portfolio.migration_by_service[c].effort.most_likely for c in services)
    assert shown == pytest.approx(effort_left(portfolio, services, DEMO_AS_OF))
    assert shown < whole


def test_the_effort_left_in_a_cluster_under_way_is_only_what_is_left() -> None:
    portfolio = demo_portfolio()
    for services, shown in _under_way(portfolio, DEMO_AS_OF):
        assert shown == pytest.approx(effort_left(portfolio, services, DEMO_AS_OF)), services


def test_a_cancelled_migration_leaves_no_effort_in_its_cluster() -> None:
    portfolio = demo_portfolio()
    summary = summarise(portfolio=portfolio, as_of=DEMO_AS_OF)
    cluster = max(summary.clusters, key=lambda c: c.effort_days)
    code = cluster.services[0]
    cancelled = tuple(
        m.model_copy(update={"status": MigrationStatus.CANCELLED}) if m.service == code else m
        for m in portfolio.migrations
    )
    changed = portfolio.replace(migrations=cancelled)
    shown = next(
        c.effort_days
        for c in summarise(portfolio=changed, as_of=DEMO_AS_OF).clusters
        if c.services == cluster.services
    )
    assert shown == pytest.approx(effort_left(changed, cluster.services, DEMO_AS_OF))
