"""The pack's money chapter says what the cost report says, in the same words."""

from __future__ import annotations

import re

from carveout.reports.build import ReportFiles
from carveout.reports.contents import Pack
from carveout.reports.money import pool_sections
from tests.reports.programme import Results


def test_each_party_shows_its_fair_share_inside_its_subsidy_free_range(pack: Pack) -> None:
    for section in pack.pools:
        assert section.standard == "Shapley" and section.core_empty is False
        for party in section.parties:
            assert party.least is not None and party.greatest is not None
            assert party.least - 1 <= party.fair <= party.greatest + 1


def test_the_gap_to_the_fair_share_is_named_against_its_standard(pack: Pack) -> None:
    section = next(s for s in pack.pools if s.code == "IT")

    assert section.ledger_years == "2019–2021"
    assert any("less than its Shapley fair share over 2019–2021" in g for g in section.gaps)
    for party in section.parties:
        assert party.settle_low is not None and party.settle_high is not None
        assert party.gap is not None and party.settle_low <= party.gap <= party.settle_high


def test_the_settlement_nets_to_zero_and_its_range_holds_the_net(pack: Pack) -> None:
    section = next(s for s in pack.pools if s.code == "IT")

    assert any(s.startswith("Net at exit") for s in section.settlement)
    nets = [p.net for p in section.parties]
    assert all(n is not None for n in nets) and abs(sum(n or 0.0 for n in nets)) < 1e-3
    for party in section.parties:
        assert party.net_low is not None and party.net_high is not None
        assert party.net_low - 1 <= (party.net or 0.0) <= party.net_high + 1


def test_a_pool_nobody_leaves_has_no_settlement_in_the_pack(results: Results) -> None:
    pools = tuple(
        p.model_copy(update={"settlement": None, "agreement": None}) for p in results.costs.pools
    )
    sections = pool_sections(results.costs.model_copy(update={"pools": pools}))

    assert all(s.settlement == () for s in sections)
    assert all(p.net is None for s in sections for p in s.parties)


def test_the_money_chapter_never_calls_a_gap_to_the_fair_share_a_cross_subsidy(
    written: ReportFiles,
) -> None:
    assert written.html is not None
    page = written.html.read_text(encoding="utf-8")
    chapter = page.split('id="money"')[1].split("</section>")[0]
    # The words of the chapter, leaving out the charts' own titles.
    text = re.sub(r"<figure.*?</figure>", "", chapter, flags=re.S)

    assert "Fair-share ledger" in text and "Gap to the fair share, 2019–2021" in text
    assert "cross-subsidy" not in text.lower() and " owes " not in text
