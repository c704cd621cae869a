"""The access matrix: every route of the app's own route table, every method, every role of
every organisation (and anonymous), each answering as the policy says — allowed, 403, or 404
for a record the caller may not know exists — with zero leaks of a party's private scenario.

The routes come from ``app.routes``: a route without probes here fails the test, so a new
route cannot escape the matrix. Writes are ruled by :func:`carveout.access.policy.rule` (its
own tests are in ``tests/access``); what is checked here is that every route, upload and plan
run goes through it, and that nothing another party may not see reaches it. Sign-in's own
routes (``carveout.web.auth``) and the public ones (static files, health, the schema) are
tested with sign-in.
"""

from __future__ import annotations

import io
import itertools
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from httpx import Response

from carveout.access import Principal, Role
from carveout.access.policy import Verdict, reads_audit, rule
from carveout.domain import ENTITY_KINDS, Estimate, Record
from carveout.domain.changes import Change, Changeset
from carveout.errors import CarveoutError
from carveout.portfolio import read_portfolio, write_workbook
from carveout.web import forms
from tests.web.access_fixture import (
    ORGANISATIONS,
    OWNER,
    SECRET,
    SECRET_NAME,
    World,
    build,
    prepare,
)
from tests.web.conftest import BASE_URL

CASES = [(role.value, org) for org in ORGANISATIONS for role in Role] + [("anonymous", "")]
TARGETS = {
    "party": "WARKS",
    "service": "WANTED",
    "dependency": None,  # the first one of a Warwickshire-only service, found below
    "team": "WMIDS-ONB",
    "migration": "SMS-ALERT",
    "blackout": "XMAS-2018",
    "agreement": "TSA-2021",
    "tranche": None,  # the first tranche of TSA-2021
    "extension_option": "TSA-SUPPORT-X",
    "schedule_line": "TSA-T1/CAD",
    "invoice_line": None,  # the first invoice received under TSA-2021
    "exit_criterion": "DEMS/novate",
    "exit_decision": "DEMS/no-go",
    "service_level": "TSA-T1/CAD/availability",
    "service_level_measurement": "TSA-T1/CAD/availability/2021-10",
    "cost_pool": "ALLIANCE",
    "raid": "R02",
    "scenario": SECRET,
}
"""The record each kind's routes are tried on: owned by one party, bound, or the secret."""
PROPOSED = itertools.count()
"""Numbers the agreement's name in each proposal, so that no proposal repeats another."""
SKIPPED_PATHS = ("/openapi.json", "/health", "/static")
Expect = Callable[[Principal], set[int]]


@dataclass
class Probe:
    """One request, what each principal must get, and what to put back after it."""

    method: str
    url: str
    expect: Expect
    kwargs: dict[str, Any] = field(default_factory=dict)
    restore: tuple[str, Record] | None = None
    before: Callable[[], dict[str, Any]] | None = None
    """Run before the request: ``{"id": n}`` fills ``{id}`` in the URL, ``{"upload": True}``
    sends the caller's own export with the target service renamed."""


@pytest.fixture(scope="module")
def world(demo_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("matrix")
    built = build(prepare(demo_database, folder))
    built.app.state.carveout.output_dir = folder / "out"  # packs written by runs
    with TestClient(built.app, base_url=BASE_URL), pytest.MonkeyPatch.context() as patch:
        # Risk runs and packs are started, not computed: the matrix tests who may start one
        # (a pack's PDF alone takes half a minute).
        for where in ("carveout.risk.run.run_risk", "carveout.reports.build.write_report"):
            patch.setattr(where, _not_computed)
        yield built


def _not_computed(**_: Any) -> Any:
    raise CarveoutError("not computed in the access matrix")


def sees(who: Principal) -> bool:
    return who.organisation == OWNER or who.role is Role.AUDITOR


def whole(world: World) -> Any:
    return world.store.load()


def target(world: World, kind: str) -> Record:
    portfolio = whole(world)
    key = TARGETS[kind]
    if kind == "dependency":
        return next(d for d in portfolio.dependencies if d.service in ("WANTED", "SMS-ALERT"))
    if kind == "tranche":
        return next(t for t in portfolio.tranches if t.agreement == "TSA-2021")
    if kind == "invoice_line":
        return next(i for i in portfolio.invoice_lines if i.agreement == "TSA-2021")
    record = portfolio.by_key(kind).get(key)
    assert record is not None, f"no {kind} {key} in the fixture"
    return record


def touched(record: Record) -> Record:
    """``record`` with a harmless change."""
    names = ("name", "title", "description", "reason", "reference", "criterion", "approver", "note")
    for name in names:
        if name in type(record).model_fields:
            return record.model_copy(update={name: f"{getattr(record, name) or ''} (matrix)"})
    if isinstance(record, ENTITY_KINDS["migration"]):
        e = record.effort
        return record.model_copy(
            update={
                "effort": Estimate(
                    optimistic=e.optimistic,
                    most_likely=e.most_likely,
                    pessimistic=e.pessimistic + 1,
                )
            }
        )
    if isinstance(record, ENTITY_KINDS["service_level"]):
        return record.model_copy(update={"credit_percent": record.credit_percent + 0.5})
    if isinstance(record, ENTITY_KINDS["schedule_line"]):
        months = record.minimum_term_months
        return record.model_copy(update={"minimum_term_months": months + 1})
    return record.model_copy(update={"step_up": float(getattr(record, "step_up", 0)) + 0.01})


def ruled(world: World, change: Change, *, allowed: set[int], proposed: set[int]) -> Expect:
    """What a write must answer: refused (403) before anything for those who change nothing,
    404 for a record the caller may not know exists, else as the policy rules."""

    def expect(who: Principal) -> set[int]:
        if not who.writes:
            return {403}
        if change.kind == "scenario" and change.before is not None and not sees(who):
            return {404}
        verdict = rule(who, change, whole(world)).verdict
        if verdict is Verdict.ALLOW:
            return allowed | {422}
        return proposed | {422} if verdict is Verdict.PROPOSE else {403}

    return expect


def everyone(status: int = 200) -> Expect:
    return lambda _who: {status}


def seers(status: int = 200) -> Expect:
    return lambda who: {status if sees(who) else 404}


def writers(status: int, *, secret: bool = False) -> Expect:
    def expect(who: Principal) -> set[int]:
        if not who.writes:
            return {403}
        return {status if not secret or sees(who) else 404}

    return expect


def reads(url: str, *, secret_param: str | None = None) -> list[Probe]:
    probes = [Probe("GET", url, everyone())]
    if secret_param:
        joiner = "&" if "?" in url else "?"
        probes.append(Probe("GET", f"{url}{joiner}{secret_param}={SECRET}", seers()))
    return probes


def record_probes(world: World, kind: str, with_key: bool, method: str) -> list[Probe]:
    base = f"/api/records/{kind}"
    if not with_key:
        return reads(base)
    record = target(world, kind)
    url = f"{base}/{record.key}"
    secret = kind == "scenario"
    if method == "GET":
        return [Probe("GET", url, seers() if secret else everyone())]
    if method == "PUT":
        after = touched(record)
        change = Change(kind, record.key, record, after)
        expect = ruled(world, change, allowed={200}, proposed={202})
        body = after.model_dump(mode="json")
        return [Probe("PUT", url, expect, {"json": body}, (kind, record))]
    if method == "PATCH":
        after = touched(record)
        change = Change(kind, record.key, record, after)
        expect = ruled(world, change, allowed={200}, proposed={202})
        old = record.model_dump(mode="json")
        patch = {k: v for k, v in after.model_dump(mode="json").items() if v != old[k]}
        return [Probe("PATCH", url, expect, {"json": patch}, (kind, record))]
    change = Change(kind, record.key, record, None)
    expect = ruled(world, change, allowed={204}, proposed={202})
    return [Probe("DELETE", url, expect, restore=(kind, record))]


def form_probes(world: World, kind: str) -> list[Probe]:
    record = target(world, kind)
    after = touched(record)
    change = Change(kind, record.key, record, after)
    data = {**forms.values(after), "_original": record.key}
    expect = ruled(world, change, allowed={303}, proposed={303})
    return [Probe("POST", f"/edit/{kind}", expect, {"data": data}, (kind, record))]


def record_month_probes(world: World) -> list[Probe]:
    """A month's value for the target service level, recorded through the page's form; the
    month after the fixture's own measurement, so that each caller's record is new."""
    level = target(world, "service_level")
    month = "2021-11"
    code = f"{level.key}/{month}"
    made = ENTITY_KINDS["service_level_measurement"].model_validate(
        {"code": code, "service_level": level.key, "month": f"{month}-01", "value": 99.0}
    )
    change = Change("service_level_measurement", code, None, made)

    def forget() -> dict[str, Any]:
        if whole(world).by_key("service_level_measurement").get(code) is not None:
            world.store.apply(Changeset((Change(change.kind, code, made, None),)), actor="matrix")
        return {}

    expect = ruled(world, change, allowed={303}, proposed={303})
    data = {"month": month, f"value:{level.key}": "99.0"}
    return [Probe("POST", "/service-levels/record", expect, {"data": data}, before=forget)]


def proposal_probes(world: World, decision: str, url: str) -> list[Probe]:
    """A fresh proposal of Warwickshire's editor (binding West Mercia) for each caller, which
    West Mercia's editors and admins may decide on and only its author withdraw."""
    agreement = target(world, "agreement")
    author = world.principals[("editor", OWNER)]
    ok = 200 if url.startswith("/api") else 303

    def propose() -> dict[str, Any]:
        renamed = agreement.model_copy(update={"name": f"{agreement.name} {next(PROPOSED)}"})
        outcome = world.store.apply(
            Changeset((Change("agreement", agreement.key, None, renamed),)),
            actor=author.name,
            principal=author,
        )
        return {"id": outcome.proposals[0].id}

    def expect(who: Principal) -> set[int]:
        if not who.writes:
            return {403}
        if decision == "withdraw":
            return {ok if who == author else 403}
        votes = who.organisation == "WMERC" and who.role in (Role.EDITOR, Role.ADMIN)
        return {ok if votes else 403}

    kwargs: dict[str, Any] = {"data": {"comment": "matrix"}}
    if url.startswith("/api") and decision != "withdraw":
        kwargs = {"json": {"approve": decision == "approve", "comment": "matrix"}}
    elif url.startswith("/api"):
        kwargs = {}
    return [Probe("POST", url, expect, kwargs, ("agreement", agreement), before=propose)]


def upload_probe(world: World, path: str) -> list[Probe]:
    """Each caller uploads what it sees with one service renamed (the API's upload as a dry run,
    which is ruled the same)."""
    service = target(world, "service")
    change = Change("service", service.key, service, touched(service))
    return [
        Probe(
            "POST",
            f"{path}?dry_run=true" if path.startswith("/api") else path,
            ruled(world, change, allowed={200}, proposed={200}),
            restore=("service", service),
            before=lambda: {"upload": True},
        )
    ]


def probes(world: World, path: str, method: str) -> list[Probe]:
    """The requests that exercise ``method`` on the route ``path``."""
    parts = path.strip("/").split("/")
    if path.startswith("/api/records/"):
        return record_probes(world, parts[2], len(parts) > 3, method)
    scenario_pages = (
        "overview", "services", "dependencies", "agreements", "calendar", "plan", "risk", "costs",
        "pack", "charges", "trade-offs", "separation", "readiness", "service-levels",
    )  # fmt: skip
    if path in ("/", "/calendar.ics", *(f"/{p}" for p in scenario_pages[1:])) or path in (
        f"/api/{p}" for p in scenario_pages
    ):
        return reads(path, secret_param="scenario")
    if path in ("/services/{code:path}", "/api/services/{code:path}"):
        return reads(path.replace("{code:path}", "CAD"), secret_param="scenario")
    if path in ("/scenarios", "/api/scenarios"):
        return reads(path, secret_param="compare")
    if path in ("/api/history", "/api/audit", "/api/audit.csv", "/audit", "/audit.csv"):
        return [Probe("GET", path, lambda who: {200 if reads_audit(who) else 403})]
    if path == "/api/jobs/{job_id}":
        return [
            Probe("GET", f"/api/jobs/{world.jobs['extended']}", everyone()),
            Probe("GET", f"/api/jobs/{world.jobs[SECRET]}", seers()),
        ]
    if path in ("/api/plans", "/plan/run"):
        status = 202 if path.startswith("/api") else 303
        key = "json" if path.startswith("/api") else "data"
        return [
            Probe("POST", path, writers(status), {key: {"scenario": "extended"}}),
            Probe(
                "POST",
                path,
                writers(status, secret=True),
                {key: {"scenario": SECRET}},
            ),
        ]
    if path in ("/api/risk-runs", "/risk/run", "/api/packs", "/pack/run"):
        status = 202 if path.startswith("/api") else 303
        key = "json" if path.startswith("/api") else "data"
        return [
            Probe("POST", path, writers(status, secret=code == SECRET), {key: body})
            for code in ("extended", SECRET)
            if (body := {"scenario": code, "as_of": "2021-10-01"})
        ]
    if path in ("/api/cost-runs", "/costs/run"):
        status, key = (202, "json") if path.startswith("/api") else (303, "data")
        return [Probe("POST", path, writers(status), {key: {}})]
    if path == "/pack.{fmt}":
        # Nothing written yet: not found, and the private scenario's pack is not known either.
        return [
            Probe("GET", "/pack.pdf", everyone(404)),
            Probe("GET", f"/pack.pdf?scenario={SECRET}", everyone(404)),
        ]
    if path in ("/api/workbook", "/workbook/portfolio.xlsx") and method == "GET":
        return [Probe("GET", path, everyone())]
    if path in ("/api/workbook", "/workbook") and method == "POST":
        return upload_probe(world, path)
    if path == "/workbook":
        return [Probe("GET", path, everyone())]
    if path == "/edit":
        return [Probe("GET", path, writers(200))]
    if path == "/edit/{kind}/new":
        return [Probe("GET", "/edit/service/new", writers(200))]
    if path == "/edit/{kind}/{key:path}":
        return [Probe("GET", "/edit/service/WANTED", writers(200))]
    if path == "/edit/{kind}":
        return form_probes(world, "service") + form_probes(world, "agreement")
    if path == "/edit/{kind}/{key:path}/delete":
        record = target(world, "raid")
        change = Change("raid", record.key, record, None)
        expect = ruled(world, change, allowed={303}, proposed={303})
        url = f"/edit/raid/{record.key}/delete"
        return [Probe("POST", url, expect, {"data": {"confirm": "yes"}}, ("raid", record))]
    if path == "/service-levels/record":
        return record_month_probes(world)
    if path in ("/proposals", "/api/proposals"):
        return [Probe("GET", path, everyone())]
    if path == "/api/proposals/{proposal_id}":
        first = proposal_probes(world, "approve", path)[0].before
        return [Probe("GET", "/api/proposals/{id}", everyone(), before=first)]
    if path.startswith("/api/proposals/{proposal_id}/"):
        decision = "withdraw" if path.endswith("withdraw") else "approve"
        return proposal_probes(world, decision, path.replace("{proposal_id}", "{id}"))
    if path == "/proposals/{proposal_id}/{decision}":
        return [
            probe
            for decision in ("approve", "reject", "withdraw")
            for probe in proposal_probes(world, decision, f"/proposals/{{id}}/{decision}")
        ]
    if path == "/docs" or path.startswith("/assets/"):
        return [Probe("GET", path, everyone())]
    raise AssertionError(f"the access matrix has no probe for {method} {path}: add one")


def routes(world: World) -> list[tuple[str, str]]:
    """Every (path, method) of the app's route table but sign-in's own and the public ones."""
    found: list[tuple[str, str]] = []
    for route in iter_route_contexts(world.app.routes):
        path = route.path
        endpoint = route.endpoint
        if path is None or path.startswith(SKIPPED_PATHS):
            continue
        if endpoint is not None and endpoint.__module__.startswith("carveout.web.auth"):
            continue
        found.extend((path, m) for m in sorted((route.methods or set()) - {"HEAD"}))
    # Reads first: each write invalidates what the pages cache.
    return sorted(found, key=lambda pm: pm[1] != "GET")


def send(world: World, client: TestClient, who: Principal | None, probe: Probe) -> Response:
    url, kwargs = probe.url, dict(probe.kwargs)
    if probe.before is not None:
        extra = probe.before()
        if "id" in extra:
            url = url.format(id=extra["id"])
        if "upload" in extra:
            upload = _renamed_export(world, client, who)
            kwargs = {"files": {"file": ("mine.xlsx", upload, "x")}}
    return client.request(probe.method, url, follow_redirects=False, **kwargs)


EXPORTS: dict[tuple[int, bool], bytes] = {}
"""The renamed export of each world, for callers who see the secret and for those who do not."""


def _renamed_export(world: World, client: TestClient, who: Principal | None) -> bytes:
    """The caller's own export with the target service renamed (nothing for one who may not
    upload at all: it is refused before the file is read)."""
    if who is None or not who.writes:
        return b""
    key = (id(world), sees(who))
    if key not in EXPORTS:
        exported = client.get("/api/workbook")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "mine.xlsx"
            path.write_bytes(exported.content)
            portfolio = read_portfolio(path=path)
            service = portfolio.service_by_code[str(TARGETS["service"])]
            services = tuple(touched(s) if s is service else s for s in portfolio.services)
            write_workbook(portfolio.replace(services=services), path=path)
            EXPORTS[key] = path.read_bytes()
    return EXPORTS[key]


def secret_in(response: Response) -> bool:
    """Whether the private scenario shows in ``response``: its name in a page or a JSON body,
    its code anywhere in a workbook."""
    if response.content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(response.content)) as workbook:
            return any(SECRET.encode() in workbook.read(name) for name in workbook.namelist())
    return SECRET_NAME in response.text


@pytest.mark.parametrize("case", CASES, ids=["-".join(filter(None, c)) for c in CASES])
def test_every_route_answers_each_caller_as_the_policy_says(
    world: World, case: tuple[str, str]
) -> None:
    who = world.principals.get(case)
    client = TestClient(world.app, base_url=BASE_URL)
    if who is not None:
        client.headers["Authorization"] = f"Bearer {world.tokens[case]}"
    wrong = []
    for path, method in routes(world):
        for probe in probes(world, path, method):
            assert probe.method == method, (path, method, probe.method)
            response = send(world, client, who, probe)
            if who is None:
                expected = {401} if path.startswith("/api") else {303}
            else:
                expected = probe.expect(who)
            if response.status_code not in expected:
                wrong.append(
                    f"{method} {path} ({probe.url}): {response.status_code}, "
                    f"expected {sorted(expected)}: {response.text[:200]}"
                )
            if (who is None or not sees(who)) and secret_in(response):
                wrong.append(f"{method} {path} ({probe.url}) shows the private scenario")
            if probe.restore is not None and response.status_code < 400:
                kind, record = probe.restore
                world.store.apply(
                    Changeset((Change(kind, record.key, None, record),)), actor="matrix"
                )
    assert SECRET in whole(world).scenario_by_code, "the private scenario was removed"
    assert not wrong, "\n".join(wrong)


def test_the_matrix_covers_every_route_of_the_app(world: World) -> None:
    table = routes(world)
    assert len(table) >= 60
    assert {("/api/records/scenario/{key:path}", "DELETE"), ("/api/plans", "POST")} <= set(table)
    for path, method in table:
        assert probes(world, path, method), (path, method)
