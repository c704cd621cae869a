"""The edit forms under concurrent editing: a form saves only onto the version it was opened
on; otherwise it comes back with the user's values beside the current ones to merge. And the
list of one kind's records comes a page at a time."""

from __future__ import annotations

import html
import re

import httpx2
from fastapi.testclient import TestClient

from carveout.domain import ENTITY_KINDS
from carveout.storage.versions import version
from carveout.web import forms
from carveout.web.pages.edit import PER_PAGE

VERSION = re.compile(r'name="_version" value="([^"]*)"')


def _post(client: TestClient, url: str, data: dict[str, str]) -> httpx2.Response:
    return client.post(url, data=data, follow_redirects=False)


def _opened(client: TestClient, kind: str, key: str) -> tuple[dict[str, str], str]:
    """The values and the version an edit form shows, as a browser would post them back."""
    page = client.get(f"/edit/{kind}/{key}")
    assert page.status_code == 200
    record = ENTITY_KINDS[kind].model_validate(client.get(f"/api/records/{kind}/{key}").json())
    found = VERSION.search(page.text)
    assert found is not None
    return {**forms.values(record), "_original": key}, found.group(1)


def test_the_edit_form_carries_the_version_of_the_record_it_shows(client: TestClient) -> None:
    _, opened_on = _opened(client, "service", "PAY")
    record = ENTITY_KINDS["service"].model_validate(client.get("/api/records/service/PAY").json())
    assert opened_on == version(record)


def test_a_second_edit_from_the_same_version_shows_both_values_and_saves_the_merge(
    client: TestClient,
) -> None:
    ann, version_a = _opened(client, "service", "PAY")
    bob, version_b = _opened(client, "service", "PAY")
    saved = _post(client, "/edit/service", {**ann, "name": "Payroll by Ann", "_version": version_a})
    assert saved.status_code == 303

    refused = _post(
        client, "/edit/service", {**bob, "domain": "people by Bob", "_version": version_b}
    )

    assert refused.status_code == 409
    page = html.unescape(refused.text)
    assert "someone else saved PAY while you had this form open" in page
    table = page[page.index('class="conflict"') : page.index("</table>")]
    assert "Payroll by Ann" in table and bob["name"] in table
    assert "people by Bob" in table
    assert client.get("/api/records/service/PAY").json()["name"] == "Payroll by Ann"
    assert client.get("/api/records/service/PAY").json()["domain"] != "people by Bob"

    found = VERSION.search(refused.text)
    assert found is not None
    merged = {**bob, "name": "Payroll by Ann", "domain": "people by Bob"}
    again = _post(client, "/edit/service", {**merged, "_version": found.group(1)})
    assert again.status_code == 303
    final = client.get("/api/records/service/PAY").json()
    assert (final["name"], final["domain"]) == ("Payroll by Ann", "people by Bob")


def test_a_delete_from_a_stale_form_shows_the_record_as_it_is_now(client: TestClient) -> None:
    key = client.get("/api/records/raid").json()[0]["code"]
    values, opened_on = _opened(client, "raid", key)
    changed = {**client.get(f"/api/records/raid/{key}").json(), "owner": "Someone else"}
    assert client.put(f"/api/records/raid/{key}", json=changed).status_code == 200

    refused = _post(client, f"/edit/raid/{key}/delete", {"confirm": "yes", "_version": opened_on})

    assert refused.status_code == 409 and "Someone else" in refused.text
    assert client.get(f"/api/records/raid/{key}").status_code == 200
    found = VERSION.search(refused.text)
    assert found is not None and found.group(1) != opened_on
    deleted = _post(
        client, f"/edit/raid/{key}/delete", {"confirm": "yes", "_version": found.group(1)}
    )
    assert deleted.status_code == 303
    assert client.get(f"/api/records/raid/{key}").status_code == 404
    assert _post(client, f"/edit/raid/{key}/delete", {"confirm": "yes"}).status_code == 404
    assert values["_original"] == key


def test_the_list_of_a_kind_shows_a_page_of_records_with_links_to_the_others(
    client: TestClient,
) -> None:
    codes = [s["code"] for s in client.get("/api/records/service?limit=1000").json()]
    assert len(codes) > PER_PAGE
    shown: list[str] = []
    for number in (1, 2):
        page = client.get(f"/edit?kind=service&page={number}").text
        shown += re.findall(r'<a href="/edit/service/([^"]+)">', page)
        assert ('rel="next"' in page) == (number == 1)
        assert ('rel="prev"' in page) == (number == 2)
    assert shown == codes
    assert client.get("/edit?kind=service&page=0").status_code == 422


def test_adding_a_record_someone_else_added_meanwhile_becomes_a_conflict_to_merge(
    client: TestClient,
) -> None:
    found = VERSION.search(client.get("/edit/raid/new").text)
    assert found is not None
    blank = {"kind": "risk", "title": "Supplier slips", "_original": "", "_version": found[1]}
    first = _post(client, "/edit/raid", {**blank, "code": "R-NEW", "owner": "Ann"})
    assert first.status_code == 303

    second = _post(client, "/edit/raid", {**blank, "code": "R-NEW", "owner": "Bob"})

    assert second.status_code == 409
    assert "someone else saved R-NEW" in second.text
    assert 'name="_original" value="R-NEW"' in second.text
    assert client.get("/api/records/raid/R-NEW").json()["owner"] == "Ann"
    found = VERSION.search(second.text)
    assert found is not None
    merged = {**blank, "code": "R-NEW", "owner": "Ann and Bob", "_original": "R-NEW"}
    again = _post(client, "/edit/raid", {**merged, "_version": found.group(1)})
    assert again.status_code == 303
    assert client.get("/api/records/raid/R-NEW").json()["owner"] == "Ann and Bob"
