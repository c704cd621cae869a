"""Text a user typed into a form that a spreadsheet would run comes out of the dashboard's
workbook download as text, and the download imports back with the same text."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from carveout.portfolio import read_portfolio
from tests.hostile_text import xlsx_formulas

POSTED = {
    "code": "R-EVIL",
    "kind": "risk",
    "title": '=HYPERLINK("http://x","y")',
    "owner": "@SUM(A1)",
    "description": "=cmd|' /C calc'!A0",
    "probability": "0.3",
    "delay_days": "20",
}


def test_the_download_holds_typed_formulas_as_text_and_imports_them_back(
    client: TestClient, tmp_path: Path
) -> None:
    assert client.post("/edit/raid", data=POSTED, follow_redirects=False).status_code == 303

    for url in ("/workbook/portfolio.xlsx", "/api/workbook"):
        path = tmp_path / "portfolio.xlsx"
        path.write_bytes(client.get(url).content)

        assert xlsx_formulas(path) == []
        entry = next(r for r in read_portfolio(path=path).raid if r.code == "R-EVIL")
        assert (entry.title, entry.owner, entry.description) == (
            POSTED["title"],
            POSTED["owner"],
            POSTED["description"],
        )
