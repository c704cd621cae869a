"""Editing from the dashboard: forms, validation messages, workbook upload and download."""

from __future__ import annotations

import io

import openpyxl
from fastapi.testclient import TestClient

from carveout.web import forms
from tests.web.conftest import OFFICE_ADMIN


def _migration_form(client: TestClient, **changes: str) -> dict[str, str]:
    record = client.get("/api/records/migration/PAY").json()
    posted = forms.values(_as_record("migration", record))
    posted.update(changes)
    return posted


def _as_record(kind: str, data: dict[str, object]) -> forms.Record:
    return forms.ENTITY_KINDS[kind].model_validate(data)


def test_the_migration_form_round_trips_a_record_unchanged() -> None:
    record = _as_record(
        "migration",
        {
            "service": "A",
            "team": "T",
            "status": "in_progress",
            "actual_start": "2020-01-02",
            "effort": {"optimistic": 1, "most_likely": 2, "pessimistic": 3.5},
            "duration": {"optimistic": 4, "most_likely": 5, "pessimistic": 6},
        },
    )
    assert forms.parse("migration", forms.values(record)) == record


def test_a_form_with_bad_values_reports_each_field_in_import_words() -> None:
    posted = {
        "code": "",
        "name": "X",
        "kind": "app",
        "host": "A",
        "fixed_cost": "-1",
        "usage": "A=1, junk",
    }
    try:
        forms.parse("service", posted)
    except forms.FormErrors as error:
        assert set(error.messages) >= {"code", "kind", "fixed_cost", "usage"}
        assert "junk" in " ".join(error.messages["usage"])
    else:
        raise AssertionError("the form should have been refused")


def test_changing_a_migration_status_on_the_form_moves_the_burn_down(client: TestClient) -> None:
    before = client.get("/api/overview").json()
    migration = client.get("/api/records/migration/PAY").json()
    posted = _migration_form(client, status="not_started", actual_start="", actual_end="")
    posted["_original"] = "PAY"
    response = client.post("/edit/migration", data=posted, follow_redirects=False)
    assert response.status_code == 303, response.text[:800]
    assert response.headers["location"].startswith("/services/PAY")
    after = client.get("/api/overview").json()
    was_cut_over = migration["status"] == "cut_over"
    assert after["hosted_now"] == before["hosted_now"] + (1 if was_cut_over else 0)
    assert client.get("/api/records/migration/PAY").json()["status"] == "not_started"


def test_an_inconsistent_migration_form_is_shown_again_with_the_model_message(
    client: TestClient,
) -> None:
    posted = _migration_form(client, status="cut_over", actual_end="")
    posted["_original"] = "PAY"
    response = client.post("/edit/migration", data=posted)
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    assert "status cut_over needs an actual end date" in response.text


def test_a_form_that_breaks_a_reference_lists_the_problem_and_saves_nothing(
    client: TestClient,
) -> None:
    posted = _migration_form(client, team="NO-SUCH-TEAM")
    response = client.post("/edit/migration", data=posted)
    assert response.status_code == 422
    assert "NO-SUCH-TEAM" in response.text and "known team" in response.text
    assert client.get("/api/records/migration/PAY").json()["team"] != "NO-SUCH-TEAM"


def test_a_new_raid_entry_is_added_under_the_signed_in_user(client: TestClient) -> None:
    posted = {
        "code": "R-NEW",
        "kind": "risk",
        "title": "Supplier fails",
        "probability": "0.3",
        "delay_days": "20",
        "services": "PAY, HR-SYS",
    }
    response = client.post("/edit/raid", data=posted, follow_redirects=False)
    assert response.status_code == 303
    entry = client.get("/api/records/raid/R-NEW").json()
    assert entry["services"] == ["PAY", "HR-SYS"] and entry["probability"] == 0.3
    assert client.get("/api/history?kind=raid&key=R-NEW").json()[0]["actor"] == OFFICE_ADMIN


def test_a_kind_that_cannot_be_edited_is_a_404(client: TestClient) -> None:
    assert client.get("/edit/party/new").status_code == 404


def test_the_download_is_a_workbook_with_every_service(client: TestClient) -> None:
    response = client.get("/workbook/portfolio.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    codes = {row[0] for row in book["services"].iter_rows(values_only=True)}
    assert {s["code"] for s in client.get("/api/records/service").json()} <= codes


def _bad_workbook(client: TestClient, fixed_cost: object = "lots") -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(client.get("/api/workbook").content))
    sheet = book["services"]
    header = [c.value for c in sheet[1]]
    column = header.index("fixed_cost") + 1
    code = header.index("code") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, code).value == "PAY")
    sheet.cell(row, column).value = fixed_cost
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_uploading_a_bad_workbook_shows_the_error_table_and_imports_nothing(
    client: TestClient,
) -> None:
    history = client.get("/api/history?limit=1").json()
    files = {"file": ("bad.xlsx", _bad_workbook(client), "application/octet-stream")}
    response = client.post("/workbook", files=files)
    assert response.status_code == 422
    assert "Nothing was imported" in response.text
    assert "fixed_cost" in response.text and "lots" in response.text
    assert client.get("/api/history?limit=1").json() == history


def test_the_api_upload_reports_cells_as_field_errors(client: TestClient) -> None:
    files = {"file": ("bad.xlsx", _bad_workbook(client), "application/octet-stream")}
    response = client.post("/api/workbook", files=files)
    assert response.status_code == 422
    cell = response.json()["detail"][0]
    assert cell["loc"][:2] == ["file", "services"] and "fixed_cost" in cell["loc"]


def test_an_implausible_cost_reads_the_same_on_the_form_and_in_the_workbook(
    client: TestClient,
) -> None:
    posted = forms.values(_as_record("service", client.get("/api/records/service/PAY").json()))
    posted["fixed_cost"] = "1e308"
    try:
        forms.parse("service", posted)
    except forms.FormErrors as error:
        (on_form,) = error.messages["fixed_cost"]
    else:
        raise AssertionError("the form should have been refused")

    files = {"file": ("big.xlsx", _bad_workbook(client, "1e308"), "application/octet-stream")}
    response = client.post("/workbook", files=files)

    assert on_form == "Expected less than or equal to 1000000000000"
    assert response.status_code == 422
    assert on_form.removeprefix("Expected ") in response.text


def test_uploading_something_that_is_not_xlsx_says_so(client: TestClient) -> None:
    response = client.post("/api/workbook", files={"file": ("notes.txt", b"hello", "text/plain")})
    assert response.status_code == 422
    assert ".xlsx" in response.json()["message"]


def test_reimporting_the_exported_workbook_changes_nothing(client: TestClient) -> None:
    data = client.get("/api/workbook").content
    response = client.post("/api/workbook", files={"file": ("same.xlsx", data, "x")})
    assert response.status_code == 200, response.text[:500]
    assert response.json()["changes"] == {}
