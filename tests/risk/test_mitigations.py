"""Mitigations: each risk before and after, and what each buys for what it costs."""

from __future__ import annotations

import dataclasses

import pytest

from carveout.risk.events import RiskEvent
from carveout.risk.impacts import risk_impacts
from carveout.risk.mitigations import ALL, Mitigation, MitigationEffect, sentence
from carveout.risk.variants import without_risks

from .test_drivers import A, B, C, chain_model


def mitigate(event: RiskEvent, spend: float, **after: float | tuple[float, ...]) -> Mitigation:
    return Mitigation(
        code=event.code, action="act", cost=spend, event=dataclasses.replace(event, **after)
    )


def test_mitigating_a_risk_that_never_happens_buys_nothing() -> None:
    never = RiskEvent("R0", 0.0, (40.0,), (A,), cost=5_000.0)
    model = chain_model((never, RiskEvent("R1", 0.5, (10.0,), (C,))))
    impacts = risk_impacts(
        model, mitigations=[mitigate(never, 25_000.0, delay=(1.0,))], runs=2000, seed=1
    )
    [found] = impacts.mitigations
    assert found.days_earlier == 0.0 and found.cost_saving == 0.0
    assert found.cost == 25_000.0
    assert found.net_saving == -25_000.0
    assert found.finish_p80_after == impacts.finish_p80


def test_cutting_a_certain_delay_brings_the_p80_forward_by_exactly_the_cut() -> None:
    risk = RiskEvent("R1", 1.0, (20.0,), (A,), cost=3_000.0)
    model = chain_model((risk,))
    impacts = risk_impacts(
        model, mitigations=[mitigate(risk, 40_000.0, delay=(5.0,), cost=0.0)], runs=3000, seed=2
    )
    [found] = impacts.mitigations
    assert found.days_earlier == pytest.approx(15.0, abs=1e-9)
    assert found.cost_saving is not None and found.cost_saving >= 3_000.0
    assert found.days_per_spend == pytest.approx(15.0 * 100_000 / 40_000)
    assert sentence(found).startswith("Mitigating R1 brings the P80 finish forward 15 days")
    assert sentence(found).endswith("for £40k.")


def test_every_mitigation_together_is_one_line_costing_their_sum() -> None:
    first = RiskEvent("R1", 0.6, (25.0,), (A,))
    second = RiskEvent("R2", 0.6, (25.0,), (C,))
    model = chain_model((first, second))
    impacts = risk_impacts(
        model,
        mitigations=[
            mitigate(first, 10_000.0, probability=0.0),
            mitigate(second, 20_000.0, probability=0.0),
        ],
        runs=4000,
        seed=3,
    )
    every = impacts.all_mitigations
    assert every is not None and every.code == ALL and every.cost == 30_000.0
    alone = {m.code: m.days_earlier for m in impacts.mitigations}
    assert every.days_earlier > max(alone.values()) > 0
    # Both made impossible: the same runs as the model with both switched off.
    fixed = risk_impacts(without_risks(model, ("R1", "R2")), runs=4000, seed=3)
    assert every.finish_p80_after == fixed.finish_p80
    assert sentence(every).startswith("Taking every mitigation brings the P80 finish forward")


def test_mitigations_are_ranked_by_days_brought_forward() -> None:
    small = RiskEvent("SMALL", 0.7, (4.0,), (A,))
    big = RiskEvent("BIG", 0.7, (30.0,), (A,))
    side = RiskEvent("SIDE", 0.7, (2.0,), (B,))
    impacts = risk_impacts(
        chain_model((small, big, side)),
        mitigations=[mitigate(e, 1_000.0, probability=0.0) for e in (side, small, big)],
        runs=3000,
        seed=4,
    )
    assert [m.code for m in impacts.mitigations] == ["BIG", "SMALL", "SIDE"]
    assert impacts.mitigations[-1].days_earlier == 0.0


def test_a_mitigation_of_a_risk_the_model_leaves_out_buys_nothing() -> None:
    model = chain_model((RiskEvent("R1", 0.5, (10.0,), (A,)),))
    gone = Mitigation(code="R7", action="act", cost=5.0, event=RiskEvent("R7", 0.0, (), ()))
    impacts = risk_impacts(model, mitigations=[gone], runs=1000, seed=1)
    [found] = impacts.mitigations
    assert (found.code, found.days_earlier, found.cost_saving) == ("R7", 0.0, 0.0)
    assert impacts.all_mitigations is None


def test_the_sentence_says_when_a_mitigation_makes_things_worse_or_costs_nothing() -> None:
    worse = MitigationEffect(
        code="R2",
        title="",
        action="",
        cost=0.0,
        finish_p80_after=chain_model(()).start,
        cost_p80_after=1.0,
        days_earlier=-3.0,
        cost_saving=-12_000.0,
    )
    assert sentence(worse) == (
        "Mitigating R2 puts the P80 finish back 3 days and the P80 cost up £12k for £0."
    )
    assert worse.days_per_spend is None and worse.saving_per_pound is None
