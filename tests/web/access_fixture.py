"""The portfolio the access tests run on: the demonstration with records owned by each party,
a private scenario of one party with a stored plan and a run, and a token for every role of
every organisation.

- ``SECRET`` is Warwickshire's private scenario (its name is ``SECRET_NAME``): no one but
  Warwickshire's users and auditors may learn it exists.
- Teams, RAID entries and scenarios get owners: ``WMIDS-ONB`` is West Midlands' team, ``R01``
  was raised by West Mercia, ``R02`` by Warwickshire.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from carveout.access import PROGRAMME_OFFICE, Principal, Role
from carveout.access.principal import Scope
from carveout.domain import InvoiceLine, Scenario
from carveout.domain.changes import Change, Changeset
from carveout.domain.service_levels import ServiceLevelMeasurement
from carveout.storage import accounts, open_store
from carveout.storage.credentials import issue_token
from carveout.web import create_app
from carveout.web.runs import PlanRequest, start_plan
from tests.web.conftest import email_of, quick_planner
from tests.web.sample_results import TODAY, sample_plan

SECRET = "WARKS-POSITION"
SECRET_NAME = "Negotiating position 7f3c"
OWNER = "WARKS"
PARTIES = ("WMERC", "WARKS", "WMIDS", "STAFFS")
ORGANISATIONS = (*PARTIES, PROGRAMME_OFFICE)


@dataclass
class World:
    """The app under test and what the matrix needs to know about it."""

    app: FastAPI
    tokens: dict[tuple[str, str], str]
    principals: dict[tuple[str, str], Principal]
    jobs: dict[str, int] = field(default_factory=dict)

    @property
    def store(self) -> Any:
        return self.app.state.carveout.store


def prepare(demo_database: Path, folder: Path) -> str:
    """A copy of the demonstration database with the owners and the private scenario."""
    path = folder / "access.db"
    shutil.copy(demo_database, path)
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        portfolio = store.load()
        team = portfolio.team_by_code["WMIDS-ONB"]
        changes = [
            Change("team", team.key, team, team.model_copy(update={"party": "WMIDS"})),
            *(
                Change("raid", code, entry, entry.model_copy(update={"raised_by": party}))
                for code, party in (("R01", "WMERC"), ("R02", OWNER))
                if (entry := portfolio.by_key("raid")[code]) is not None
            ),
        ]
        base = portfolio.scenario_by_code["extended"]
        secret = Scenario.model_validate(
            {
                **base.model_dump(),
                "code": SECRET,
                "name": SECRET_NAME,
                "owner": OWNER,
                "private": True,
            }
        )
        changes.append(Change("scenario", SECRET, None, secret))
        invoice = InvoiceLine(
            code="INV-MATRIX",
            agreement="TSA-2021",
            service="CAD",
            month=date(2021, 10, 1),
            amount=2_000.0,
            reference="matrix",
        )
        changes.append(Change("invoice_line", invoice.key, None, invoice))
        measured = ServiceLevelMeasurement(
            code="TSA-T1/CAD/availability/2021-10",
            service_level="TSA-T1/CAD/availability",
            month=date(2021, 10, 1),
            value=99.9,
        )
        changes.append(Change("service_level_measurement", measured.key, None, measured))
        store.apply(Changeset(tuple(changes)), actor="setup")
        plan = sample_plan(store.load(), secret)
        store.save_result(
            scenario=SECRET, kind="plan", payload=plan.model_dump(mode="json"), actor="setup"
        )
    return url


def build(url: str) -> World:
    app = create_app(store_url=url, today=lambda: TODAY, planner=quick_planner, plan_seconds=0.2)
    auth = app.state.carveout.auth
    tokens: dict[tuple[str, str], str] = {}
    principals: dict[tuple[str, str], Principal] = {}
    at = auth.now()
    for organisation in ORGANISATIONS:
        for role in Role:
            user = accounts.get_account(auth.engine, email=email_of(role, organisation))
            tokens[(role.value, organisation)], _ = issue_token(
                auth.engine,
                account_id=user.id,
                name="matrix",
                scope=Scope.WRITE,
                secret=auth.secret,
                at=at,
                expires=at + timedelta(days=1),
            )
            principals[(role.value, organisation)] = user.principal(via="token")
    world = World(app=app, tokens=tokens, principals=principals)
    ctx = app.state.carveout
    owner = principals[("editor", OWNER)]
    for code in (SECRET, "extended"):
        job = start_plan(
            ctx, request=PlanRequest(scenario=code, as_of=date(2021, 10, 1)), principal=owner
        )
        world.jobs[code] = job.id
    deadline = time.monotonic() + 30
    while any(ctx.jobs.get(j).state in ("queued", "running") for j in world.jobs.values()):
        assert time.monotonic() < deadline, "the runs of the fixture did not finish"
        time.sleep(0.05)
    return world
