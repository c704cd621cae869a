"""The Charges page and /api/charges: expected charges against invoices, and invoices by API."""

import pytest
from fastapi.testclient import TestClient

AS_OF = "2021-10-01"


def _invoice(client: TestClient, code: str, **fields: object) -> int:
    body = {"code": code, "agreement": "TSA-2021", "month": "2021-10-01", **fields}
    return client.put(f"/api/records/invoice_line/{code}", json=body).status_code


def _rate(client: TestClient, service: str) -> float:
    line = client.get(f"/api/records/schedule_line/TSA-T1/{service}").json()
    return float(line["rates"][0]["rate"])


def test_every_service_of_the_hosting_tranches_has_expected_charges(client: TestClient) -> None:
    data = client.get("/api/charges", params={"as_of": AS_OF, "agreement": "TSA-2021"}).json()

    assert data["rows"] and data["flagged"] == []
    october = sum(c["expected"] for r in data["rows"] for c in r["cells"] if c["month"] == AS_OF)
    assert round(october) == 215_000 + 96_000  # tranche 1 and the support tranche, in full


def test_an_invoice_put_through_the_api_is_matched_and_a_wrong_rate_flagged(
    client: TestClient,
) -> None:
    rate = _rate(client, "CAD")
    assert _invoice(client, "INV-1", service="CAD", amount=rate * 1.1) in (200, 201)
    assert _invoice(client, "INV-2", service="AVL", amount=_rate(client, "AVL")) in (200, 201)

    # October began on 1 Oct, not before it: its invoices are facts as of 1 Nov, not 1 Oct.
    early = client.get("/api/charges", params={"as_of": AS_OF, "month": AS_OF}).json()
    assert early["flagged"] == [] and early["later"].startswith("2 invoice lines")
    after = {"as_of": "2021-11-01", "month": AS_OF}
    data = client.get("/api/charges", params=after).json()
    flagged = {r["service"]: r["cells"][0]["reason"] for r in data["flagged"]}

    assert flagged["CAD"] == "wrong rate" and "AVL" not in flagged
    assert set(flagged.values()) == {"wrong rate", "not invoiced"}
    page = client.get("/charges", params={"as_of": "2021-11-01"}).text
    assert 'id="flagged"' in page and "wrong rate" in page and 'id="grid"' in page


def test_an_invoice_for_an_unknown_service_is_refused_and_nothing_written(
    client: TestClient,
) -> None:
    assert _invoice(client, "INV-X", service="NOPE", amount=10) == 422
    assert client.get("/api/records/invoice_line").json() == []


def test_an_invoice_with_a_negative_volume_is_refused_naming_the_field(
    client: TestClient,
) -> None:
    body = {"code": "INV-V", "agreement": "TSA-2021", "service": "CAD", "month": AS_OF,
            "amount": 10, "volume": -1}  # fmt: skip
    response = client.put("/api/records/invoice_line/INV-V", json=body)

    assert response.status_code == 422
    assert ["body", "volume"] in [d["loc"] for d in response.json()["detail"]]


def test_the_agreements_page_links_to_the_charges(client: TestClient) -> None:
    assert 'href="/charges"' in client.get("/agreements", params={"as_of": AS_OF}).text


def test_an_invoice_entered_in_the_form_is_stored_and_a_bad_one_named(
    client: TestClient,
) -> None:
    form = client.get("/edit/invoice_line/new")
    good = {"code": "INV-F", "agreement": "TSA-2021", "service": "CAD", "month": AS_OF,
            "amount": "4479.17", "volume": "", "reference": "WM/17"}  # fmt: skip
    saved = client.post("/edit/invoice_line", data=good, follow_redirects=False)
    bad = client.post("/edit/invoice_line", data={**good, "code": "INV-G", "service": "NOPE"})

    assert form.status_code == 200 and 'name="volume"' in form.text
    assert saved.status_code in (200, 303)
    assert [i["code"] for i in client.get("/api/records/invoice_line").json()] == ["INV-F"]
    assert bad.status_code in (400, 422) and "NOPE" in bad.text


EARLIER = {"scenario": "extended", "as_of": "2021-11-01"}
"""A data date with no plan saved as of it; the scenario's plan was made as of 1 Oct 2019."""


def test_the_exits_of_a_plan_made_earlier_with_the_facts_as_of_the_data_date(
    client: TestClient,
) -> None:
    alone = client.get("/api/charges", params=EARLIER).json()
    chosen = {**EARLIER, "plan_as_of": "2019-10-01"}
    earlier = client.get("/api/charges", params=chosen).json()
    levels = client.get("/api/service-levels", params=chosen).json()

    assert alone["plan"] is None and alone["basis"] == "the contract"
    assert earlier["plan"]["as_of"] == "2019-10-01" and earlier["plan_from"] == "2019-10-01"
    assert earlier["basis"] == "the plan of extended as of 01 Oct 2019"
    assert levels["plan"]["as_of"] == "2019-10-01"
    assert levels["section"]["basis"] == earlier["basis"]
    for path in ("/charges", "/service-levels"):
        page = client.get(path, params=chosen).text
        assert 'name="plan_as_of"' in page and 'value="2019-10-01"' in page
        assert "the plan of extended as of 01 Oct 2019" in page


@pytest.mark.parametrize(
    ("plan_as_of", "status", "message"),
    [
        ("2022-01-01", 400, "is after the data date 01 Nov 2021"),
        ("2019-06-01", 404, "No plan of extended is saved as of 01 Jun 2019"),
    ],
)
def test_a_plan_date_after_the_data_date_or_without_a_plan_is_refused(
    client: TestClient, plan_as_of: str, status: int, message: str
) -> None:
    params = {**EARLIER, "plan_as_of": plan_as_of}
    for path in ("/api/charges", "/api/service-levels"):
        answer = client.get(path, params=params)
        assert answer.status_code == status and message in answer.json()["detail"]
    page = client.get("/charges", params=params)
    assert page.status_code == status and message in page.text


def test_the_forms_empty_date_fields_mean_the_defaults(client: TestClient) -> None:
    """The filter form submits every field, the empty ones as ``plan_as_of=`` and ``month=``."""
    blank = {"as_of": AS_OF, "plan_as_of": "", "month": "", "agreement": "", "party": ""}
    for path in ("/charges", "/service-levels", "/api/charges", "/api/service-levels"):
        answer = client.get(path, params=blank)
        assert answer.status_code == 200, (path, answer.text[:300])
    assert (
        client.get("/api/charges", params=blank).json()
        == client.get("/api/charges", params={"as_of": AS_OF}).json()
    )
    assert (
        client.get("/charges", params={"as_of": AS_OF, "plan_as_of": "1st May"}).status_code == 422
    )
    assert client.get("/api/charges", params={"party": "x" * 65}).status_code == 422
