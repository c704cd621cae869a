"""The pack's risk chapter shows the joint cost-and-date confidence and whether it is stable."""

from __future__ import annotations

from carveout.reports.build import ReportFiles
from carveout.reports.contents import Pack


def test_the_risk_chapter_gives_the_joint_chance_and_the_budget_for_each_level(
    pack: Pack, written: ReportFiles
) -> None:
    joint = pack.risk.joint
    assert joint is not None and [lv.level for lv in joint.levels] == [0.5, 0.7, 0.8]
    html = written.html.read_text(encoding="utf-8").replace("&#39;", "'")
    assert 'id="joint-chance"' in html and 'id="joint"' in html
    assert f"{joint.p_joint:.0%}" in html
    assert "the plan's cost to go" in html
    assert pack.risk.convergence.split(":")[0] in ("Stable", "Not yet stable", "Not checked")
    assert pack.risk.convergence in html


def test_the_risk_chapter_names_the_blackouts_windows_and_branches_the_simulation_honoured(
    pack: Pack, written: ReportFiles
) -> None:
    lines = pack.risk.in_play
    assert [line.split(":")[0] for line in lines] == [
        "Blackouts honoured",
        "Risk windows",
        "Branches",
    ]
    html = written.html.read_text(encoding="utf-8").replace("&#39;", "'")
    assert 'id="in-play"' in html
    assert all(line in html for line in lines)
