"""The Calendar page, its API twin and .ics download, and the overview's dates due."""

from datetime import UTC, date, datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.domain import Scenario
from carveout.domain.changes import Change, Changeset
from carveout.planning.plan import Plan, PlannedMigration
from tests.web.conftest import SignIn

AS_OF = "2021-10-01"
SECRET_NAME = "Exit position 4d2e"


def test_the_api_lists_the_dates_to_act_on_with_days_left(client: TestClient) -> None:
    data = client.get("/api/calendar", params={"as_of": AS_OF}).json()
    assert data["scenario"]["as_of"] == AS_OF
    days = {(a["kind"], a["record"]): a for a in data["actions"]}
    t1 = days[("tranche end", "TSA-T1")]
    assert t1["day"] == "2022-03-31" and t1["days_left"] == 181 and not t1["overdue"]
    exercise = days[("exercise extension", "TSA-SUPPORT-X")]
    assert exercise["day"] == "2021-12-31" and exercise["days_left"] == 91
    notice = days[("termination notice", "TSA-2021")]
    assert notice["day"] == "2022-12-31"
    assert data["counts"]["overdue"] == 0


def test_the_calendar_shows_the_same_notice_dates_as_the_agreements_page(
    client: TestClient,
) -> None:
    timeline = client.get("/api/agreements", params={"as_of": AS_OF}).json()
    calendar = client.get("/api/calendar", params={"as_of": AS_OF}).json()
    notice = {a["code"]: a["notice_by"] for a in timeline["agreements"] if a["notice_by"]}
    exercise = {
        e["code"]: e["exercise_by"]
        for a in timeline["agreements"]
        for t in a["tranches"]
        for e in t["extensions"]
    }
    shown = {a["record"]: a["day"] for a in calendar["actions"]}
    assert exercise and all(shown[code] == day for code, day in exercise.items())
    for code, day in notice.items():
        if date.fromisoformat(day) >= date(2021, 10, 1):
            assert shown[code] == day
    page = client.get("/agreements", params={"as_of": AS_OF}).text
    assert "31 Dec 2022" in page  # the hosting agreement's notice, as the calendar has it


def test_within_limits_the_list_and_overdue_comes_first(client: TestClient) -> None:
    data = client.get("/api/calendar", params={"as_of": "2022-01-15", "within": 30}).json()
    actions = data["actions"]
    assert actions and all(a["overdue"] or a["days_left"] <= 30 for a in actions)
    flags = [a["overdue"] for a in actions]
    assert flags == sorted(flags, reverse=True)
    assert actions[0]["overdue"]  # the support tranche's extension was due by 31 Dec 2021


def test_the_page_lists_the_dates_and_links_the_ics(client: TestClient) -> None:
    page = client.get("/calendar", params={"as_of": AS_OF})
    assert page.status_code == 200
    assert 'id="calendar"' in page.text and "Exercise extension TSA-SUPPORT-X" in page.text
    assert 'href="/calendar.ics?' in page.text
    assert '<a href="/calendar' in page.text  # in the navigation


def test_the_ics_download_is_an_icalendar_file(client: TestClient) -> None:
    response = client.get("/calendar.ics", params={"as_of": AS_OF})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    count = len(client.get("/api/calendar", params={"as_of": AS_OF}).json()["actions"])
    assert body.count(b"BEGIN:VEVENT\r\n") == count
    assert b"DTSTART;VALUE=DATE:20220331\r\n" in body


def test_the_overview_shows_what_falls_due_in_the_next_90_days(client: TestClient) -> None:
    asked = {"as_of": "2021-10-15"}
    data = client.get("/api/overview", params=asked).json()["dates_due"]
    assert data["counts"]["90"] == len([a for a in data["next"] if not a["overdue"]])
    assert [a["record"] for a in data["next"]][:1] == ["TSA-SUPPORT-X"]  # 77 days left
    assert data["counts"]["30"] == 0 and data["counts"]["60"] == 0
    page = client.get("/", params=asked).text
    assert "Due in the next 30/60/90 days" in page and "TSA-SUPPORT-X" in page


def _private_plan(app: FastAPI) -> tuple[str, str]:
    """Warwickshire's private scenario with a plan cutting a tranche 2 service over early; the
    service and the notice date only that plan gives."""
    store = app.state.carveout.store
    portfolio = store.load()
    base = portfolio.scenario_by_code["extended"]
    secret = Scenario.model_validate(
        {**base.model_dump(), "code": "WARKS-EXIT", "name": SECRET_NAME, "owner": "WARKS",
         "private": True, "as_of": date(2021, 10, 1)}
    )  # fmt: skip
    store.apply(Changeset((Change("scenario", secret.code, None, secret),)), actor="test")
    service = portfolio.tranche_by_code["TSA-T2"].services[0]
    plan = Plan(
        scenario=secret.code,
        objective="cost",
        status="feasible",
        created=datetime(2021, 10, 1, tzinfo=UTC),
        start=date(2021, 10, 1),
        as_of=date(2021, 10, 1),
        migrations=(
            PlannedMigration(
                service=service, team="X", start=date(2022, 6, 1), cutover=date(2022, 8, 17),
                wave=1, effort_days=5, duration_days=10,
            ),
        ),
    )  # fmt: skip
    store.save_result(
        scenario=secret.code,
        kind="plan",
        payload=plan.model_dump(mode="json"),
        actor="test",
        as_of=date(2021, 10, 1),
    )
    return service, "2022-07-17"  # its line's month of notice before the 17 Aug cut-over


def test_a_private_scenarios_plan_dates_are_seen_only_by_its_owner(
    app: FastAPI, sign_in: SignIn
) -> None:
    service, notice = _private_plan(app)
    owner = sign_in("viewer", "WARKS")
    other = sign_in("viewer", "WMERC")
    asked = {"scenario": "WARKS-EXIT", "as_of": AS_OF}
    mine = owner.get("/api/calendar", params=asked).json()["actions"]
    exits = [a for a in mine if a["kind"] == "early-exit notice"]
    assert [(a["record"], a["day"], a["from_plan"]) for a in exits] == [(service, notice, True)]
    ics = owner.get("/calendar.ics", params=asked).content
    assert ics.count(b"DTSTART;VALUE=DATE:20220717") == 1
    for url in ("/api/calendar", "/calendar", "/calendar.ics"):
        assert other.get(url, params=asked).status_code == 404
        seen = other.get(url, params={"as_of": AS_OF})
        assert seen.status_code == 200
        assert SECRET_NAME not in seen.text and "2022-07-17" not in seen.text
        assert "20220717" not in seen.text and "17 Jul 2022" not in seen.text


def test_a_negative_look_ahead_is_refused_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/api/calendar", params={"within": -1})
    assert response.status_code == 422
    assert "within" in response.text
