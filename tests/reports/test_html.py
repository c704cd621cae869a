import re

from carveout.reports.build import ReportFiles
from carveout.reports.contents import Pack
from carveout.reports.html import CHAPTERS, render_charts, render_html
from tests.reports.programme import AS_OF, Results


def _figure(html: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert found, name
    return found.group(1)


def test_every_chapter_is_present_and_listed_in_the_contents(written: ReportFiles) -> None:
    assert written.html is not None
    html = written.html.read_text(encoding="utf-8")
    for anchor, title in CHAPTERS:
        assert f'id="{anchor}"' in html
        assert f'href="#{anchor}"' in html
        assert title in html


def test_the_html_is_self_contained(written: ReportFiles) -> None:
    assert written.html is not None
    html = written.html.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r'(src|href)="https?:', html)
    assert (
        html.count("data:image/svg+xml;base64,") >= 5
    )  # Gantt, burn-down, tranches, S-curve, allocation, ledger


def test_summary_figures_agree_with_the_portfolio_and_the_plan(
    written: ReportFiles, results: Results
) -> None:
    assert written.html is not None
    html = written.html.read_text(encoding="utf-8")
    migrations = results.portfolio.migrations
    done = sum(1 for m in migrations if m.status == "cut_over")
    assert _figure(html, "done") == f"{done} of {len(migrations)}"
    cut = {m.service for m in migrations if m.status == "cut_over"}
    still = len(migrations) - len(cut)
    assert _figure(html, "hosted-actual") == str(still)
    planned_left = sum(1 for m in results.plan.migrations if m.cutover >= AS_OF)
    assert _figure(html, "hosted-planned") == str(planned_left)
    p = results.forecast.p_meet_deadline
    assert p is not None
    assert _figure(html, "p-deadline") == f"{p:.0%}"


def test_dates_and_money_are_in_uk_format(written: ReportFiles) -> None:
    assert written.html is not None
    html = written.html.read_text(encoding="utf-8")
    assert "15 Oct 2021" in html
    assert "2021-10-15" not in html.split("<body>")[1].split("<svg")[0]
    assert re.search(r"£\d{1,3}(,\d{3})+", html)


def test_the_appendix_lists_every_service(written: ReportFiles, results: Results) -> None:
    assert written.html is not None
    appendix = written.html.read_text(encoding="utf-8").split('id="appendix"')[1]
    for service in results.portfolio.services:
        assert f"<strong>{service.code}</strong> {service.name}" in appendix


def test_a_long_plan_is_drawn_team_by_team(pack: Pack) -> None:
    many = pack.model_copy(
        update={"services": tuple(s.model_copy(update={"code": f"{s.code}-{i}"})
                                  for i in range(6) for s in pack.services)}
    )  # fmt: skip
    charts = render_charts(many)
    assert len(charts.gantt) > 1
    assert all(name for name, _ in charts.gantt)
    assert 'alt="Plan: migrations by start date, team' in render_html(many, charts)
