"""Uploading a workbook that lacks a sheet or would remove most of a kind, on the Workbook
page and over the API: refused with the database unchanged, and accepted only as a partial
import naming the kinds it replaces, or with the deletions confirmed."""

from __future__ import annotations

import hashlib
import io
import re

import openpyxl
from fastapi.testclient import TestClient


def _export(client: TestClient) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(client.get("/api/workbook").content))


def _saved(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _without_raid_rows(client: TestClient) -> bytes:
    """The export with every RAID entry deleted (the header and help rows kept)."""
    book = _export(client)
    sheet = book["raid"]
    sheet.delete_rows(3, sheet.max_row)
    return _saved(book)


def _only(client: TestClient, name: str) -> bytes:
    """The export with only the sheet ``name``."""
    book = _export(client)
    for other in [s for s in book.sheetnames if s != name]:
        del book[other]
    return _saved(book)


def _files(data: bytes) -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("upload.xlsx", data, "application/octet-stream")}


def test_the_api_refuses_a_workbook_missing_sheets_unless_partial_names_the_kinds_it_holds(
    client: TestClient,
) -> None:
    history = client.get("/api/history?limit=1").json()
    data = _only(client, "raid")
    refused = client.post("/api/workbook", files=_files(data))
    assert refused.status_code == 422
    sheets = {problem["loc"][1] for problem in refused.json()["detail"]}
    assert {"services", "parties", "usage"} <= sheets and "raid" not in sheets
    assert client.get("/api/history?limit=1").json() == history
    wrong = client.post("/api/workbook?partial=services", files=_files(data))
    assert wrong.status_code == 422
    partial = client.post("/api/workbook?partial=raid", files=_files(data))
    assert partial.status_code == 200, partial.text[:500]
    assert partial.json()["partial"] == ["raid"] and partial.json()["changes"] == {}
    unknown = client.post("/api/workbook?partial=gadgets", files=_files(data))
    assert unknown.status_code == 422 and "gadgets" in unknown.json()["message"]


def test_the_api_answers_409_with_the_counts_until_the_deletions_are_allowed(
    client: TestClient,
) -> None:
    stored = len(client.get("/api/records/raid").json())
    data = _without_raid_rows(client)
    refused = client.post("/api/workbook", files=_files(data))
    assert refused.status_code == 409
    assert refused.json()["removals"] == {"raid": {"removed": stored, "stored": stored}}
    assert refused.json()["max_share"] == 0.2 and refused.json()["floor"] == 5
    assert len(client.get("/api/records/raid").json()) == stored
    allowed = client.post("/api/workbook?allow_deletions=true", files=_files(data))
    assert allowed.status_code == 200, allowed.text[:500]
    assert allowed.json()["changes"]["raid"]["removed"] == stored
    assert client.get("/api/records/raid").json() == []


def test_the_openapi_schema_declares_the_409_and_the_upload_options(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/workbook"]["post"]
    assert "DeletionsRefused" in str(operation["responses"]["409"])
    assert {"partial", "allow_deletions", "dry_run"} <= {p["name"] for p in operation["parameters"]}


def test_the_page_asks_to_confirm_the_deletions_then_imports_the_same_file(
    client: TestClient,
) -> None:
    stored = len(client.get("/api/records/raid").json())
    data = _without_raid_rows(client)
    asked = client.post("/workbook", files=_files(data))
    assert asked.status_code == 409
    assert "Confirm the deletions" in asked.text and f'<td class="num">{stored}</td>' in asked.text
    match = re.search(r'name="confirmed" value="([0-9a-f]{64})"', asked.text)
    assert match is not None and match.group(1) == hashlib.sha256(data).hexdigest()
    other = _without_raid_rows(client)[:-1] + b"\0"  # another file: the confirmation is not its
    again = client.post("/workbook", files=_files(other), data={"confirmed": match.group(1)})
    assert again.status_code in (409, 422)
    assert len(client.get("/api/records/raid").json()) == stored
    done = client.post("/workbook", files=_files(data), data={"confirmed": match.group(1)})
    assert done.status_code == 200, done.text[:500]
    assert "Imported" in done.text
    assert client.get("/api/records/raid").json() == []


def test_the_page_imports_a_partial_workbook_when_its_sheets_are_ticked(
    client: TestClient,
) -> None:
    data = _only(client, "raid")
    refused = client.post("/workbook", files=_files(data))
    assert refused.status_code == 422 and "not read as empty" in refused.text
    done = client.post("/workbook", files=_files(data), data={"partial": ["raid"]})
    assert done.status_code == 200, done.text[:500]
    assert "A partial import: it replaced raid" in done.text
