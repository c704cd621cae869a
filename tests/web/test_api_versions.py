"""ETags and If-Match on the record routes: what a read and a write answer, and which
changes a version lets through."""

from __future__ import annotations

from fastapi.testclient import TestClient

PAY = "/api/records/service/PAY"


def test_a_read_and_the_write_after_it_answer_the_etag_of_what_is_stored(
    client: TestClient,
) -> None:
    read = client.get(PAY)
    renamed = {**read.json(), "name": "Payroll (renamed)"}
    written = client.put(PAY, json=renamed, headers={"If-Match": read.headers["ETag"]})
    assert written.status_code == 200
    assert written.headers["ETag"] != read.headers["ETag"]
    assert client.get(PAY).headers["ETag"] == written.headers["ETag"]


def test_two_edits_of_different_fields_from_one_read_the_second_is_refused_with_the_first(
    client: TestClient,
) -> None:
    read = client.get(PAY)
    etag, body = read.headers["ETag"], read.json()
    first = client.put(PAY, json={**body, "name": "Payroll (Ann)"}, headers={"If-Match": etag})
    second = client.put(PAY, json={**body, "domain": "people (Bob)"}, headers={"If-Match": etag})

    assert first.status_code == 200 and second.status_code == 412
    assert second.json()["current"]["name"] == "Payroll (Ann)"
    assert second.headers["ETag"] == first.headers["ETag"]
    assert client.get(PAY).json() == first.json()
    retried = client.put(
        PAY,
        json={**second.json()["current"], "domain": "people (Bob)"},
        headers={"If-Match": second.headers["ETag"]},
    )
    assert retried.status_code == 200
    assert (retried.json()["name"], retried.json()["domain"]) == ("Payroll (Ann)", "people (Bob)")


def test_a_delete_against_a_stale_etag_is_refused_and_deletes_nothing(
    client: TestClient,
) -> None:
    url = "/api/records/raid/" + client.get("/api/records/raid").json()[0]["code"]
    read = client.get(url)
    client.put(url, json={**read.json(), "owner": "Someone else"})
    refused = client.delete(url, headers={"If-Match": read.headers["ETag"]})
    assert refused.status_code == 412 and refused.json()["current"]["owner"] == "Someone else"
    assert client.get(url).status_code == 200
    assert client.delete(url, headers={"If-Match": refused.headers["ETag"]}).status_code == 204
    assert client.delete(url).status_code == 404


def test_if_match_any_needs_the_record_and_a_weak_or_unknown_tag_never_matches(
    client: TestClient,
) -> None:
    read = client.get(PAY)
    body, etag = read.json(), read.headers["ETag"]
    assert client.put(PAY, json=body, headers={"If-Match": "*"}).status_code == 200
    assert client.put(PAY, json=body, headers={"If-Match": f"W/{etag}"}).status_code == 412
    assert client.put(PAY, json=body, headers={"If-Match": '"nope", ' + etag}).status_code == 200
    new = {**body, "code": "NEWPAY"}
    missing = client.put("/api/records/service/NEWPAY", json=new, headers={"If-Match": "*"})
    assert missing.status_code == 412 and missing.json()["current"] is None
    assert client.get("/api/records/service/NEWPAY").status_code == 404


def test_a_write_without_if_match_is_made_whatever_the_version(client: TestClient) -> None:
    body = client.get(PAY).json()
    client.put(PAY, json={**body, "name": "Changed by another"})
    assert client.put(PAY, json={**body, "name": "Mine"}).status_code == 200
    assert client.get(PAY).json()["name"] == "Mine"


def test_a_patch_changes_only_the_fields_it_names(client: TestClient) -> None:
    before = client.get(PAY).json()
    patched = client.patch(PAY, json={"name": "Payroll (patched)"})
    assert patched.status_code == 200
    assert patched.json() == {**before, "name": "Payroll (patched)"}
    assert patched.headers["ETag"] == client.get(PAY).headers["ETag"]


def test_patches_of_different_fields_from_one_read_keep_both_without_if_match(
    client: TestClient,
) -> None:
    assert client.patch(PAY, json={"name": "Payroll (Ann)"}).status_code == 200
    assert client.patch(PAY, json={"domain": "people (Bob)"}).status_code == 200
    final = client.get(PAY).json()
    assert (final["name"], final["domain"]) == ("Payroll (Ann)", "people (Bob)")


def test_a_patch_against_a_stale_etag_is_refused_with_the_current_record(
    client: TestClient,
) -> None:
    etag = client.get(PAY).headers["ETag"]
    client.patch(PAY, json={"name": "Payroll (Ann)"})
    refused = client.patch(PAY, json={"domain": "people (Bob)"}, headers={"If-Match": etag})
    assert refused.status_code == 412
    assert refused.json()["current"]["name"] == "Payroll (Ann)"
    assert client.get(PAY).json()["domain"] != "people (Bob)"


def test_a_patch_that_breaks_the_record_or_its_key_is_a_422_naming_the_field(
    client: TestClient,
) -> None:
    bad = client.patch(PAY, json={"fixed_cost": -5})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "fixed_cost"]
    assert client.patch(PAY, json={"code": "PAY2"}).status_code == 422
    assert client.patch(PAY, json=[1, 2]).status_code == 422
    assert client.patch("/api/records/service/NOPE", json={"name": "x"}).status_code == 404


def test_if_none_match_any_adds_a_record_only_once(client: TestClient) -> None:
    new = {**client.get(PAY).json(), "code": "NEWPAY", "name": "New payroll"}
    url = "/api/records/service/NEWPAY"
    added = client.put(url, json=new, headers={"If-None-Match": "*"})
    assert added.status_code == 200 and added.headers["ETag"]
    again = client.put(url, json={**new, "name": "Other"}, headers={"If-None-Match": "*"})
    assert again.status_code == 412 and again.json()["current"]["name"] == "New payroll"
    assert client.put(url, json=new, headers={"If-None-Match": '"x"'}).status_code == 400
