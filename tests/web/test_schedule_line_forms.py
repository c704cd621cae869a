"""A schedule line and its rate periods edited on one form: rows of periods, each message on
its row, "Add another row" without JavaScript, and the edit flow's versions and roles."""

from __future__ import annotations

import html
import re

import httpx2
from fastapi.testclient import TestClient

from carveout.web import forms
from tests.web.conftest import SignIn

LINE = "TSA-T1/CAD"
VERSION = re.compile(r'name="_version" value="([^"]*)"')


def _post(client: TestClient, data: dict[str, str]) -> httpx2.Response:
    return client.post("/edit/schedule_line", data=data, follow_redirects=False)


def _agreed(response: httpx2.Response, sign_in: SignIn) -> None:
    """Both parties approve the proposal a saved form made (a schedule line binds both)."""
    assert response.status_code == 303, response.text[:1500]
    made = re.search(r"made=(\d+)", response.headers["location"])
    assert made is not None
    for party in ("WARKS", "WMERC"):
        vote = sign_in("editor", party).post(
            f"/api/proposals/{made.group(1)}/votes", json={"approve": True}
        )
        assert vote.status_code == 200, vote.text


def _opened(client: TestClient, key: str = LINE) -> dict[str, str]:
    """What the edit form of ``key`` posts back unchanged: its values, key and version."""
    page = client.get(f"/edit/schedule_line/{key}")
    assert page.status_code == 200
    found = VERSION.search(page.text)
    assert found is not None
    record = forms.ENTITY_KINDS["schedule_line"].model_validate(
        client.get(f"/api/records/schedule_line/{key}").json()
    )
    return {**forms.values(record), "_original": key, "_version": found.group(1)}


def _periods(**rows: tuple[str, str, str]) -> dict[str, str]:
    """Cells of rate-period rows: ``_periods(**{"1": (start, end, rate)})``."""
    cells: dict[str, str] = {}
    for row, (start, end, rate) in rows.items():
        cells |= {f"rates.{row}.start": start, f"rates.{row}.end": end, f"rates.{row}.rate": rate}
    return cells


NEW_LINE = {
    "code": "STORAGE/FS",
    "tranche": "STORAGE",
    "service": "FS",
    "pricing": "per_fte",
    "notice_months": "3",
    **_periods(
        **{"1": ("2021-10-01", "2022-09-30", "6000"), "2": ("2022-10-01", "2023-09-30", "6500")}
    ),
    "rates.1.quantity": "2",
    "rates.2.quantity": "3",
}


def test_the_form_of_a_line_shows_its_rate_periods_as_rows_and_blank_ones(
    client: TestClient,
) -> None:
    page = client.get(f"/edit/schedule_line/{LINE}").text

    assert 'id="rows-rates"' in page
    assert 'name="rates.1.start" value="2021-10-01"' in page
    assert 'name="rates.1.rate" value="4479.17"' in page
    assert 'name="rates.3.start"' in page and 'name="rates.4.start"' not in page
    assert 'name="_more" value="rates"' in page


def test_a_new_line_with_two_rate_periods_is_saved_through_the_form(
    client: TestClient, sign_in: SignIn
) -> None:
    response = _post(client, {**NEW_LINE, "_version": "", "_original": ""})
    assert client.get("/api/records/schedule_line/STORAGE/FS").status_code == 404

    _agreed(response, sign_in)

    line = client.get("/api/records/schedule_line/STORAGE/FS").json()
    assert [(r["start"], r["rate"], r["quantity"]) for r in line["rates"]] == [
        ("2021-10-01", 6000, 2),
        ("2022-10-01", 6500, 3),
    ]
    assert line["pricing"] == "per_fte" and line["notice_months"] == 3
    tranche = client.get("/api/records/tranche/STORAGE").json()
    assert tranche["monthly_charge"] == 6000 * 2  # the line's first month, derived


def test_an_existing_line_is_split_into_two_rate_periods(
    client: TestClient, sign_in: SignIn
) -> None:
    posted = _opened(client)
    posted |= _periods(**{"1": ("2021-10-01", "2021-12-31", "4479.17"),
                          "2": ("2022-01-01", "2022-03-31", "5000")})  # fmt: skip

    _agreed(_post(client, posted), sign_in)

    rates = client.get(f"/api/records/schedule_line/{LINE}").json()["rates"]
    assert [(r["end"], r["rate"]) for r in rates] == [("2021-12-31", 4479.17), ("2022-03-31", 5000)]


def test_overlapping_periods_are_refused_naming_both_rows_and_nothing_is_written(
    client: TestClient,
) -> None:
    before = client.get(f"/api/records/schedule_line/{LINE}").json()
    posted = _opened(client)
    posted |= _periods(**{"1": ("2022-01-01", "2022-03-31", "5000"),
                          "2": ("2021-10-01", "2022-01-31", "4479.17")})  # fmt: skip

    response = _post(client, posted)

    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "Nothing was saved" in page
    assert "Rate periods 1 and 2: rate periods that do not overlap" in page
    assert 'id="rates-row-1" class="invalid"' in page and 'id="rates-row-2" class="invalid"' in page
    assert 'name="rates.2.end" value="2022-01-31"' in page  # what was typed, kept
    assert client.get(f"/api/records/schedule_line/{LINE}").json() == before


def test_a_bad_cell_is_named_by_row_and_column_in_the_workbook_words(client: TestClient) -> None:
    posted = _opened(client) | _periods(**{"2": ("2022-04-01", "2022-06-30", "-5")})

    response = _post(client, posted)

    assert response.status_code == 422
    page = html.unescape(response.text)
    assert "Rate period 2, rate: Expected greater than or equal to 0" in page
    assert re.search(r'id="f-rates-2-rate" name="rates.2.rate" value="-5"[^>]*aria-invalid', page)
    assert "Rate period 1" not in page.split('id="form-errors"')[0]


def test_a_period_ending_before_it_starts_names_its_row(client: TestClient) -> None:
    posted = _opened(client) | _periods(**{"2": ("2022-06-30", "2022-04-01", "10")})

    page = html.unescape(_post(client, posted).text)

    assert "Rate period 2: ends on 01 Apr 2022, before it starts on 30 Jun 2022" in page


def test_add_another_row_keeps_what_was_typed_and_writes_nothing(client: TestClient) -> None:
    before = client.get(f"/api/records/schedule_line/{LINE}").json()
    posted = _opened(client)
    opened_on = posted["_version"]
    posted |= {"rates.rows": "3", "notice_months": "2", "rates.2.start": "2022-04-01",
               "rates.2.rate": "12.5", "_more": "rates"}  # fmt: skip

    response = _post(client, posted)

    assert response.status_code == 200
    page = response.text
    assert 'name="rates.6.start"' in page and 'name="rates.7.start"' not in page
    assert 'name="rates.2.start" value="2022-04-01"' in page
    assert 'name="rates.2.rate" value="12.5"' in page
    assert 'name="notice_months" value="2"' in page
    assert f'name="_version" value="{opened_on}"' in page
    assert "Nothing was saved" not in page
    assert client.get(f"/api/records/schedule_line/{LINE}").json() == before


def test_a_form_saved_after_another_change_is_a_conflict_naming_the_rate_cells(
    client: TestClient, sign_in: SignIn
) -> None:
    ann, bob = _opened(client), _opened(client)
    _agreed(_post(client, ann | {"rates.1.rate": "4600"}), sign_in)

    refused = _post(client, bob | {"rates.1.rate": "4700"})

    assert refused.status_code == 409
    table = html.unescape(refused.text).split('class="conflict"')[1].split("</table>")[0]
    assert "Rate period 1 (rate)" in table and "4700" in table and "4600" in table
    assert client.get(f"/api/records/schedule_line/{LINE}").json()["rates"][0]["rate"] == 4600


def test_a_viewer_can_neither_open_nor_post_the_form(client: TestClient, sign_in: SignIn) -> None:
    viewer = sign_in("viewer")
    before = client.get(f"/api/records/schedule_line/{LINE}").json()

    opened = viewer.get(f"/edit/schedule_line/{LINE}")
    posted = viewer.post(
        "/edit/schedule_line", data=_opened(client) | {"notice_months": "6"},
        follow_redirects=False,
    )  # fmt: skip
    more = viewer.post(
        "/edit/schedule_line", data={"_more": "rates", "code": "X"}, follow_redirects=False
    )

    assert opened.status_code == 403 and posted.status_code == 403 and more.status_code == 403
    assert client.get(f"/api/records/schedule_line/{LINE}").json() == before


def test_a_post_without_the_csrf_token_is_refused(client: TestClient) -> None:
    posted = _opened(client) | {"notice_months": "6"}
    token = client.headers.pop("X-CSRF-Token")
    try:
        response = _post(client, posted)
    finally:
        client.headers["X-CSRF-Token"] = token

    assert response.status_code == 403
    assert client.get(f"/api/records/schedule_line/{LINE}").json()["notice_months"] == 1


def test_the_form_round_trips_a_line_with_rate_periods_unchanged() -> None:
    line = forms.ENTITY_KINDS["schedule_line"].model_validate(
        {"code": "L", "tranche": "T", "service": "S", "pricing": "cost_plus",
         "rates": [{"start": "2022-01-01", "end": "2022-06-30", "rate": 0.1, "quantity": 900},
                   {"start": "2021-07-01", "end": "2021-12-31", "rate": 0.15, "quantity": 800}]}
    )  # fmt: skip
    assert forms.parse("schedule_line", forms.values(line)) == line
