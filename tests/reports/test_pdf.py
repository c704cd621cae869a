import re

from pypdf import PdfReader

from carveout.reports.build import ReportFiles
from carveout.reports.html import CHAPTERS

ROOM_TO_SPILL = 4
"""Chapters start a page each after the cover and contents; a few may run onto a second
page (how far depends on the plan: the Gantt grows with the number of teams, and the risk
chapter's joint confidence chart and table take most of a page)."""


def _pages(written: ReportFiles) -> list[str]:
    assert written.pdf is not None
    return [page.extract_text() for page in PdfReader(written.pdf).pages]


def test_the_pdf_opens_with_the_expected_number_of_pages(written: ReportFiles) -> None:
    pages = _pages(written)
    # The contents lists the chapters and the appendices the results call for, a page each.
    listed = written.html.read_text(encoding="utf-8").count('<li><a href="#')
    assert listed >= len(CHAPTERS)
    chapters = 1 + listed
    assert chapters <= len(pages) <= chapters + ROOM_TO_SPILL
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_the_contents_page_numbers_lead_to_the_chapters(written: ReportFiles) -> None:
    pages = _pages(written)
    contents = pages[0]
    for _, title in CHAPTERS:
        found = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert found, title
        page = int(found.group(1))
        assert title in pages[page - 1]
        assert title not in pages[page - 2] or page - 1 == 1


def test_pages_after_the_cover_carry_the_running_header(written: ReportFiles) -> None:
    pages = _pages(written)
    for text in pages[1:]:
        assert "West Mercia Police and Warwickshire Police · Baseline · 15 Oct 2021" in text


def test_the_pdf_holds_the_key_figures_in_words(written: ReportFiles) -> None:
    text = "\n".join(_pages(written))
    assert "Serve notice to extend Tranche 1 by 3 months" in text
    assert "31 Jan 2022" in text
    assert "Records data fails" in text
    assert "Fair-share ledger" in text and "Exit settlement" in text
