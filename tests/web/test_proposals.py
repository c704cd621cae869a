"""Counterparty approval on the dashboard: an editor of one party proposes a change to an
agreement; a user of the other party sees it with its diff and approves it (applied) or
rejects it (not applied); a change made meanwhile supersedes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from carveout.domain import COLLECTIONS, Agreement
from carveout.portfolio import read_portfolio, write_workbook
from carveout.web import forms
from tests.web.conftest import SignIn

AGREEMENT = "TSA-2021"
"""Binds West Mercia (provider) and Warwickshire (recipient)."""


def agreement(client: TestClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get(f"/api/records/agreement/{AGREEMENT}").json()
    return found


def propose_rename(warks: TestClient, name: str) -> dict[str, Any]:
    body = {**agreement(warks), "name": name}
    response = warks.put(f"/api/records/agreement/{AGREEMENT}", json=body)
    assert response.status_code == 202, response.text
    proposal: dict[str, Any] = response.json()
    return proposal


def test_an_agreement_changed_by_one_party_waits_for_the_other(sign_in: SignIn) -> None:
    warks = sign_in("editor", "WARKS")
    before = agreement(warks)["name"]
    proposal = propose_rename(warks, "Transitional services (renamed)")
    assert proposal["status"] == "open" and proposal["waiting_for"] == ["WMERC"]
    assert proposal["author"] == "editor@warks.example" and proposal["organisation"] == "WARKS"
    assert {"field": "name", "before": before, "after": "Transitional services (renamed)"} in (
        proposal["changes"]
    )
    assert agreement(warks)["name"] == before


def test_the_other_party_sees_the_proposal_and_approves_it(sign_in: SignIn) -> None:
    warks = sign_in("editor", "WARKS")
    proposal = propose_rename(warks, "Renamed by agreement")
    wmerc = sign_in("editor", "WMERC")
    page = wmerc.get("/proposals")
    assert page.status_code == 200
    assert f'id="approve-{proposal["id"]}"' in page.text and "Renamed by agreement" in page.text
    # The author's own party is not asked, so it sees no vote buttons.
    assert f'id="approve-{proposal["id"]}"' not in warks.get("/proposals").text
    answer = wmerc.post(
        f"/proposals/{proposal['id']}/approve", data={"comment": "agreed at the board"}
    )
    assert answer.status_code == 200 and f"proposal-{proposal['id']}" in answer.url.fragment
    assert agreement(wmerc)["name"] == "Renamed by agreement"
    decided = wmerc.get(f"/api/proposals/{proposal['id']}").json()
    assert decided["status"] == "applied"
    assert decided["votes"][0]["comment"] == "agreed at the board"


def test_a_rejection_leaves_the_agreement_as_it_was(sign_in: SignIn) -> None:
    warks = sign_in("editor", "WARKS")
    before = agreement(warks)["name"]
    proposal = propose_rename(warks, "Not agreed")
    wmerc = sign_in("admin", "WMERC")
    vote = wmerc.post(
        f"/api/proposals/{proposal['id']}/votes", json={"approve": False, "comment": "no"}
    )
    assert vote.status_code == 200 and vote.json()["status"] == "rejected"
    assert agreement(warks)["name"] == before
    again = wmerc.post(f"/api/proposals/{proposal['id']}/votes", json={"approve": True})
    assert again.status_code == 409


def test_only_a_party_the_proposal_waits_for_may_decide_it(sign_in: SignIn) -> None:
    proposal = propose_rename(sign_in("editor", "WARKS"), "Someone else's say")
    for role, organisation in (("editor", "WMIDS"), ("viewer", "WMERC"), ("editor", "WARKS")):
        vote = sign_in(role, organisation).post(
            f"/api/proposals/{proposal['id']}/votes", json={"approve": True}
        )
        assert vote.status_code == 403, (role, organisation)


def test_a_proposal_made_stale_by_a_later_change_is_superseded(
    sign_in: SignIn, client: TestClient
) -> None:
    warks = sign_in("editor", "WARKS")
    proposal = propose_rename(warks, "First idea")
    second = propose_rename(warks, "Second idea")
    wmerc = sign_in("editor", "WMERC")
    applied = wmerc.post(f"/api/proposals/{second['id']}/votes", json={"approve": True})
    assert applied.json()["status"] == "applied"
    stale = client.get(f"/api/proposals/{proposal['id']}").json()
    assert stale["status"] == "superseded" and "changed" in stale["comment"]
    late = wmerc.post(f"/api/proposals/{proposal['id']}/votes", json={"approve": True})
    assert late.status_code == 409
    assert agreement(wmerc)["name"] == "Second idea"


def test_a_change_made_on_the_edit_form_becomes_a_proposal(sign_in: SignIn) -> None:
    warks = sign_in("editor", "WARKS")
    assert warks.get(f"/edit/agreement/{AGREEMENT}").status_code == 200
    record = Agreement.model_validate(agreement(warks))
    fields = {**forms.values(record), "name": "Proposed on the form", "_original": AGREEMENT}
    answer = warks.post("/edit/agreement", data=fields)
    assert answer.status_code == 200
    assert 'id="proposal-made"' in answer.text and "Proposed on the form" in answer.text


def test_the_author_withdraws_a_proposal(sign_in: SignIn) -> None:
    warks = sign_in("editor", "WARKS")
    proposal = propose_rename(warks, "Withdrawn idea")
    assert (
        sign_in("editor", "WMERC").post(f"/api/proposals/{proposal['id']}/withdraw").status_code
        == 403
    )
    withdrawn = warks.post(f"/api/proposals/{proposal['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    listed = warks.get("/api/proposals?status=open").json()
    assert proposal["id"] not in [p["id"] for p in listed]


def _export_with(client: TestClient, tmp_path: Path, **renames: str) -> bytes:
    """The caller's export with records renamed (``kind__key=name``)."""
    path = tmp_path / "mine.xlsx"
    path.write_bytes(client.get("/workbook/portfolio.xlsx").content)
    portfolio = read_portfolio(path=path)
    for spec, name in renames.items():
        kind, key = spec.split("__")
        records = tuple(
            r.model_copy(update={"name": name}) if r.key == key else r
            for r in portfolio.records(kind)
        )
        portfolio = portfolio.replace(**{COLLECTIONS[kind]: records})
    write_workbook(portfolio, path=path)
    return path.read_bytes()


def test_an_upload_proposes_what_binds_other_parties(sign_in: SignIn, tmp_path: Path) -> None:
    warks = sign_in("editor", "WARKS")
    upload = _export_with(warks, tmp_path, **{"agreement__TSA-2021": "Uploaded name"})
    page = warks.post("/workbook", files={"file": ("mine.xlsx", upload, "x")})
    assert page.status_code == 200 and 'id="import-proposed"' in page.text
    assert agreement(warks)["name"] != "Uploaded name"
    open_ = warks.get("/api/proposals?status=open").json()
    assert [p["key"] for p in open_] == [AGREEMENT]


def test_an_upload_changing_another_partys_record_is_refused(
    sign_in: SignIn, tmp_path: Path
) -> None:
    wmids = sign_in("editor", "WMIDS")
    upload = _export_with(wmids, tmp_path, service__WANTED="Not theirs")
    page = wmids.post("/workbook", files={"file": ("mine.xlsx", upload, "x")})
    assert page.status_code == 403
    assert 'id="import-refused"' in page.text and "service WANTED" in page.text
    api = wmids.post("/api/workbook", files={"file": ("mine.xlsx", upload, "x")})
    assert api.status_code == 403
    assert api.json()["refused"][0]["key"] == "WANTED"
