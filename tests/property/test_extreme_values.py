"""Extreme but valid portfolios go through import, plan, risk, costs and report unbroken.

A portfolio that passed validation must give every engine a result or one of
carveout's own errors (:class:`~carveout.errors.CarveoutError`, which the CLI
and the web show as a plain message), never an unexpected exception. The
portfolios are small (2 to 6 services) and the engines are given short
limits, so the suite stays quick; ``derandomize`` makes each run the same.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings

from carveout.costs.report import cost_report
from carveout.domain import COLLECTIONS, Portfolio, validate
from carveout.errors import CarveoutError
from carveout.planning.planner import plan_scenario
from carveout.portfolio.importing import import_workbook
from carveout.portfolio.writing import write_xlsx
from carveout.reports.build import write_report
from carveout.reports.inputs import COSTS_SCENARIO
from carveout.risk.run import run_risk
from carveout.storage import Store, open_store
from tests.property.extremes import portfolios
from tests.property.regressions import (
    huge_catalogue,
    huge_hosting,
    plain,
    sliver_beside_long_work,
    sliver_of_work,
    understaffed,
)

T = TypeVar("T")

QUICK = settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file each example copies (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("extremes") / "carveout.db"
    open_store(f"sqlite:///{path}").close()
    return path


def own_errors_only(step: Callable[[], T]) -> T | None:
    """``step``'s result, or None when it stops with one of carveout's own errors."""
    try:
        return step()
    except CarveoutError:
        return None


def keys(portfolio: Portfolio) -> dict[str, set[str]]:
    return {kind: set(portfolio.by_key(kind)) for kind in COLLECTIONS}


@contextmanager
def fresh_store(template: Path, folder: Path) -> Iterator[Store]:
    path = folder / "carveout.db"
    shutil.copyfile(template, path)
    store = open_store(f"sqlite:///{path}")
    try:
        yield store
    finally:
        store.close()


def keep(store: Store, scenario: str, kind: str, result: Any) -> None:
    """Save ``result`` (a plan, forecast or cost report) as the CLI commands do."""
    store.save_result(
        scenario=scenario,
        kind=kind,
        payload=result.model_dump(mode="json"),
        actor="property",
        as_of=getattr(result, "as_of", None),
        fingerprint=getattr(result, "fingerprint", None),
    )


def through_every_engine(portfolio: Portfolio, *, template: Path, folder: Path) -> None:
    """Import ``portfolio`` from a workbook, then plan, simulate, cost and report on it."""
    workbook = folder / "portfolio.xlsx"
    write_xlsx(portfolio, path=workbook)
    with fresh_store(template, folder) as store:
        import_workbook(store=store, path=workbook, actor="property")
        stored = store.load()
        assert keys(stored) == keys(portfolio)
        scenario = stored.scenarios[0]
        assert scenario.as_of is not None
        when = scenario.as_of
        plan = own_errors_only(
            lambda: plan_scenario(
                portfolio=stored, scenario=scenario, as_of=when, time_limit=1, workers=1
            )
        )
        if plan is not None:
            keep(store, scenario.code, "plan", plan)
            if plan.feasible:
                forecast = own_errors_only(
                    lambda: run_risk(portfolio=stored, plan=plan, runs=40, batch_size=40)
                )
                if forecast is not None:
                    keep(store, scenario.code, "risk", forecast)
        costs = own_errors_only(lambda: cost_report(portfolio=stored, samples=200))
        if costs is not None:
            keep(store, COSTS_SCENARIO, "costs", costs)
        files = own_errors_only(
            lambda: write_report(
                store=store,
                scenario=scenario.code,
                as_of=when,
                out=folder / "report",
                actor="property",
                formats=("html",),
                compute_missing=False,
            )
        )
        assert files is None or (files.html is not None and files.html.stat().st_size > 0)


@QUICK
@given(portfolio=portfolios())
@example(portfolio=plain())
# HiGHS read the nucleolus and core LPs' costs of 10^24 as infinite ("Model error")
@example(portfolio=huge_catalogue())
# CP-SAT refused hosting costs that overflowed 64 bits ("only accept integer values")
@example(portfolio=huge_hosting())
# remaining days over a near-zero estimate stretched work past year 9999 (OverflowError),
# and a risk's extra effort at a near-zero staffing delayed it by 10^18 days
@example(portfolio=sliver_of_work())
# a million person-days for a tenth of a person overflowed the calendar too
@example(portfolio=understaffed())
# a sliver of work stretched to its group's span forecast cut-overs past year 9999
# (ValueError in month_end), then costs too alike for 30 histogram bins
@example(portfolio=sliver_beside_long_work())
def test_an_extreme_portfolio_meets_no_unexpected_error_from_import_to_report(
    portfolio: Portfolio, migrated_database: Path
) -> None:
    assert validate(portfolio) == []
    with tempfile.TemporaryDirectory() as folder:
        through_every_engine(portfolio, template=migrated_database, folder=Path(folder))
