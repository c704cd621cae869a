"""The Charges page's services × months heat map: each cell is carveout.charges' expected
charge to the penny, the data date divides invoiced months from forecast ones, invoice
variances are outlined with their reason, and the filter narrows it on the server."""

from __future__ import annotations

import html
import re
from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.charges.expected import exits, expected_charges
from carveout.domain import portfolio_as_of

AS_OF = date(2021, 12, 15)
"""A data date without a plan made as of it: exits follow the contract."""


def _expected(app: FastAPI, service: str, month: date, **only: str) -> float:
    """The expected charge of ``service`` in ``month`` as carveout.charges defines it."""
    portfolio = portfolio_as_of(app.state.carveout.store.load(), AS_OF)
    rows = expected_charges(portfolio, exit_of=exits(portfolio, {}), as_of=AS_OF)
    return round(
        sum(
            r.amount
            for r in rows
            if r.service == service
            and r.month == month
            and all(getattr(r, k) == v for k, v in only.items())
        ),
        2,
    )


def _page(client: TestClient, **params: str) -> str:
    response = client.get("/charges", params={"as_of": AS_OF.isoformat(), **params})
    assert response.status_code == 200
    return html.unescape(response.text)


def _row(page: str, agreement: str, service: str) -> str:
    start = page.index(f'<tr id="heat-{agreement}-{service}">')
    return page[start : page.index("</tr>", start)]


def _cell(page: str, service: str, month: date, agreement: str = "TSA-2021") -> str:
    found = re.search(rf'<td class="([^"]*)" data-month="{month}"[^>]*>.*?</td>',
                      _row(page, agreement, service))  # fmt: skip
    assert found is not None, f"no cell for {service} in {month}"
    return found.group(0)


def _amount(cell: str) -> float:
    found = re.search(r'data-expected="([0-9.]+)"', cell)
    assert found is not None
    return float(found.group(1))


def test_a_cell_is_the_expected_charge_of_carveout_charges_to_the_penny(
    app: FastAPI, client: TestClient
) -> None:
    page = _page(client)
    assert "Exits follow the contract" in page

    for month in (date(2021, 11, 1), date(2022, 2, 1)):
        figure = _expected(app, "CAD", month)
        assert figure > 0
        assert _amount(_cell(page, "CAD", month)) == figure


def test_months_before_the_data_date_are_actuals_and_the_line_marks_the_first_forecast(
    client: TestClient,
) -> None:
    page = _page(client)
    heads = re.findall(r'<th scope="col" class="num([^"]*)">(?:<span[^>]*>[^<]*</span>)?(\w+ \d+)',
                       page.split('id="grid"')[1].split("</thead>")[0])  # fmt: skip

    marked = [label for classes, label in heads if "data-date" in classes]
    assert marked == ["Jan 22"]  # the first month on or after 15 Dec 2021
    assert "actual" in _cell(page, "CAD", date(2021, 12, 1)).split('"')[1]
    assert "forecast" in _cell(page, "CAD", date(2022, 1, 1)).split('"')[1]


def test_cells_are_coloured_by_amount_from_the_least_to_the_most(client: TestClient) -> None:
    page = _page(client)
    cells = [(float(amount), int(step)) for step, amount in re.findall(
        r'class="num heat heat-(\d)[^"]*" data-month="[^"]+" data-expected="([0-9.]+)"', page
    )]  # fmt: skip

    assert len({a for a, _ in cells}) > 1
    assert min(cells)[1] == 1 and max(cells)[1] == max(s for _, s in cells) > 1
    ordered = [step for _, step in sorted(cells)]
    assert ordered == sorted(ordered)  # more expected is never lighter
    assert 'class="heat-legend"' in page


def test_an_invoice_variance_is_outlined_with_its_reason_and_listed_with_the_tolerance(
    app: FastAPI, client: TestClient
) -> None:
    rate = _expected(app, "CAD", date(2021, 11, 1))
    body = {"code": "INV-CAD-NOV", "agreement": "TSA-2021", "service": "CAD",
            "month": "2021-11-01", "amount": round(rate * 1.1, 2)}  # fmt: skip
    assert client.put("/api/records/invoice_line/INV-CAD-NOV", json=body).status_code in (200, 201)

    page = _page(client)
    cell = _cell(page, "CAD", date(2021, 11, 1))
    loose = _cell(_page(client, tolerance=str(rate)), "CAD", date(2021, 11, 1))

    assert "flagged" in cell.split('"')[1] and "wrong rate" in cell
    assert 'id="tolerance"' in page and "more than the tolerance, £1" in page
    flagged = page.split('id="flagged"')[1].split("</table>")[0]
    assert "CAD" in flagged and "wrong rate" in flagged
    assert "flagged" not in loose.split('"')[1]


def test_the_filter_by_party_shows_that_partys_share(app: FastAPI, client: TestClient) -> None:
    page = _page(client, party="WARKS")
    month = date(2021, 11, 1)

    assert '<option value="WARKS" selected>' in page
    assert _amount(_cell(page, "CAD", month)) == _expected(app, "CAD", month, payer="WARKS")


def test_the_filter_by_tranche_keeps_only_its_services(app: FastAPI, client: TestClient) -> None:
    everything = _page(client)
    support = _page(client, tranche="TSA-SUPPORT")
    services = app.state.carveout.store.load().tranche_by_code["TSA-SUPPORT"].services
    month = date(2021, 11, 1)

    shown = set(re.findall(r'<tr id="heat-TSA-2021-([^"]+)">', support))
    assert shown and shown <= set(services)
    assert 'id="heat-TSA-2021-CAD"' in everything and 'id="heat-TSA-2021-CAD"' not in support
    first = sorted(shown)[0]
    assert _amount(_cell(support, first, month)) == _expected(
        app, first, month, tranche="TSA-SUPPORT"
    )


def test_the_filter_by_agreement_is_kept_in_the_form(client: TestClient) -> None:
    page = _page(client, agreement="NO-SUCH")

    assert '<tr id="heat-' not in page
    assert 'name="as_of" value="2021-12-15"' in page
