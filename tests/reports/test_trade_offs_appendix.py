"""The pack's trade-offs appendix: the latest sweep as of the pack's data date."""

from __future__ import annotations

from markupsafe import Markup

from carveout.reports.contents import Pack
from carveout.reports.html import CHAPTERS, Charts, render_html
from carveout.reports.trade_offs import frontier_svg, trade_offs
from tests.planning.sweep_tasks import sample_sweep


def _charts(pack: Pack, frontier: Markup | None = None) -> Charts:
    blank = [Markup("")] * len(pack.pools)
    return Charts(
        gantt=[],
        burn_down=Markup(""),
        tranches=Markup(""),
        s_curve=Markup(""),
        allocations=blank,
        ledgers=blank,
        frontier=frontier or Markup(""),
    )


def test_the_appendix_lists_the_frontier_values_and_recommendation(pack: Pack) -> None:
    sweep = sample_sweep(scenario=pack.scenario, as_of=pack.as_of, fingerprint="other")
    appendix = trade_offs(sweep, fingerprint="now")
    assert appendix is not None and appendix.stale
    with_sweep = pack.model_copy(update={"trade_offs": appendix})
    html = render_html(with_sweep, _charts(with_sweep, frontier_svg(appendix)))
    assert '<a href="#trade-offs">Appendix: trade-offs</a>' in html
    part = html.split('id="trade-offs"')[1]
    assert "Recommended: deadline 31 Mar 2023" in part
    assert part.split('id="frontier"')[1].split("</table>")[0].count("<tr>") == 1 + 4
    assert "£55k" in part.split('id="person-values"')[1]
    assert part.split('id="by-deadline"')[1].split("</table>")[0].count("<tr>") == 1 + 3
    assert "data:image/svg+xml;base64," in part
    assert "The portfolio has changed since the sweep was made" in part


def test_a_pack_without_a_sweep_has_no_trade_offs_appendix(pack: Pack) -> None:
    html = render_html(pack, _charts(pack))
    assert 'id="trade-offs"' not in html and 'href="#trade-offs"' not in html
    assert html.count('<li><a href="#') >= len(CHAPTERS)
