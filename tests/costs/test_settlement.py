from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from carveout.costs.ledger import Ledger, fair_share_ledger
from carveout.costs.settlement import Settlement, exit_settlement
from carveout.costs.termination import extra_costs, is_ending, settled_agreement
from carveout.domain import Agreement, CostPool

NAMES = {"W": "West Mercia", "R": "Warwickshire"}
PAYS = "The terminating party pays the other's reasonable costs."
NOT_LIABLE = "Neither council is liable for the other's reasonable costs."


def alliance(**terms: Any) -> Agreement:
    fields: dict[str, Any] = {
        "code": "ALLIANCE",
        "name": "the alliance agreement",
        "kind": "collaboration",
        "provider": "W",
        "recipients": ("R",),
        "start": date(2012, 4, 1),
        "notice_served": date(2018, 10, 9),
        "terminating_party": "R",
    }
    return Agreement(**{**fields, **terms})


def ledger(core: dict[str, tuple[float, float]] | None = None) -> Ledger:
    # W pays 0.69 of 10 a year, its fair share is 27/34; the core runs 24..30 / 4..10 of 34.
    found = fair_share_ledger(
        players=("W", "R"),
        names=NAMES,
        basis={"W": 0.69, "R": 0.31},
        basis_phrase="the current 69/31 basis",
        fair={"W": 27 / 34, "R": 7 / 34},
        core={"W": (24 / 34, 30 / 34), "R": (4 / 34, 10 / 34)} if core is None else core,
        standard="Shapley",
        annual_costs={2018: 34.0, 2019: 34.0},
        charges=(),
        fallback_cost=34.0,
    )
    assert found is not None
    return found


def settle(agreement: Agreement, *, book: Ledger | None = None, **kwargs: Any) -> Settlement:
    return exit_settlement(
        agreement=agreement,
        players=("W", "R"),
        names=NAMES,
        ledger=ledger() if book is None else book,
        extra=kwargs.pop("extra", {"W": 3.0, "R": 3.0}),
        standard="Shapley",
        core_empty=kwargs.pop("core_empty", False),
    )


def part(settlement: Settlement, kind: str) -> dict[str, float] | None:
    found = [p for p in settlement.parts if p.kind == kind]
    return found[0].transfers if found else None


def test_the_extra_cost_of_running_apart_is_each_group_s_cost_beyond_its_fair_shares(make_game):
    game = make_game({"W": 30.0, "R": 10.0, "WR": 34.0}, players="WR")
    fair = np.array([27.0, 7.0])  # the Shapley value

    assert extra_costs(game=game, fair=fair, scale=2.0, leaving="R") == {
        "W": pytest.approx(6.0),
        "R": pytest.approx(6.0),
    }


def test_the_terminating_party_pays_the_others_reasonable_costs_by_the_structured_term():
    settlement = settle(alliance(termination_costs="terminating_party", termination_terms=PAYS))

    assert part(settlement, "reasonable_costs") == {"W": 3.0, "R": -3.0}
    assert sum(settlement.transfers.values()) == pytest.approx(0.0)
    assert any(
        s.startswith("Reasonable costs: Warwickshire served notice") for s in settlement.sentences
    )


def test_words_saying_nobody_is_liable_do_not_stop_a_payment_the_terms_require():
    settlement = settle(
        alliance(termination_costs="terminating_party", termination_terms=NOT_LIABLE)
    )

    assert part(settlement, "reasonable_costs") == {"W": 3.0, "R": -3.0}


@pytest.mark.parametrize("terms", [PAYS, NOT_LIABLE, ""])
def test_each_party_bearing_its_own_costs_gives_no_payment_whatever_the_text_says(terms):
    settlement = settle(alliance(termination_costs="each_own", termination_terms=terms))

    assert part(settlement, "reasonable_costs") is None
    assert settlement.transfers == pytest.approx(part(settlement, "fair_share_balance"))
    assert "each party bears its own costs of separation, so none are paid" in (
        " ".join(settlement.sentences)
    )


def test_a_clause_in_words_only_is_never_read_as_a_payment():
    settlement = settle(alliance(termination_terms=PAYS))

    assert part(settlement, "reasonable_costs") is None
    assert any("records no terms for the costs of separation" in s for s in settlement.sentences)


def test_shared_termination_costs_are_split_by_the_agreements_shares():
    settlement = settle(alliance(termination_costs="shared", termination_shares={"W": 1, "R": 3}))

    # Each runs apart at 3 extra: 6 in all, borne 1.5 by W and 4.5 by R.
    assert part(settlement, "reasonable_costs") == {
        "W": pytest.approx(1.5),
        "R": pytest.approx(-1.5),
    }
    assert any("is shared 25/75" in s for s in settlement.sentences)


def test_the_net_is_the_sum_of_the_named_parts_and_reads_the_same_way_round():
    settlement = settle(alliance(termination_costs="terminating_party"))
    balance = part(settlement, "fair_share_balance")
    assert balance is not None

    # R paid 0.31 × 68 = 21.08 against a fair share of 14: it receives 7.08, and pays 3.
    assert balance["R"] == pytest.approx(21.08 - 14.0)
    assert settlement.transfers["R"] == pytest.approx(7.08 - 3.0)
    net = next(s for s in settlement.sentences if s.startswith("Net at exit"))
    assert net == (
        "Net at exit: West Mercia pays Warwickshire £4 "
        "(the £7 fair-share balance less the £3 of reasonable costs)"
    )


def test_the_defensible_range_adds_the_contractual_part_to_the_core_range_of_the_balance():
    settlement = settle(alliance(termination_costs="terminating_party"))

    # Over two years W paid 46.92 and its core charges run 48 .. 60; R paid 21.08 of 8 .. 20.
    assert settlement.low == {"W": pytest.approx(3.0 - 13.08), "R": pytest.approx(-3.0 + 1.08)}
    assert settlement.high == {"W": pytest.approx(3.0 - 1.08), "R": pytest.approx(-3.0 + 13.08)}
    assert any(s.startswith("Defensible settlements at exit: from") for s in settlement.sentences)


def test_an_empty_core_gives_no_range_and_says_so():
    settlement = settle(
        alliance(termination_costs="each_own"), book=ledger(core={}), core_empty=True
    )

    assert settlement.low is None and settlement.high is None
    assert any(s.startswith("No settlement range is defensible") for s in settlement.sentences)


def test_settlement_sentences_never_call_a_gap_to_the_fair_share_a_subsidy():
    settlement = settle(alliance(termination_costs="terminating_party"))

    text = " ".join(settlement.sentences).lower()
    assert "cross-subsidy" not in text and "owes" not in text and "subsidised" not in text


def test_a_pool_is_settled_only_under_an_agreement_it_names_that_is_ending():
    ending = alliance()
    running = alliance(code="RUNNING", notice_served=None, terminating_party=None)
    agreements = {a.code: a for a in (ending, running)}

    def pool(agreement: str | None) -> CostPool:
        return CostPool(
            code="P", name="P", basis="ratio", shares={"W": 1, "R": 1}, agreement=agreement
        )

    assert is_ending(ending) and not is_ending(running)
    assert settled_agreement(pool("ALLIANCE"), agreements) is ending
    assert settled_agreement(pool("RUNNING"), agreements) is None
    assert settled_agreement(pool(None), agreements) is None
