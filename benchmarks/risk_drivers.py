"""Drivers in days and pounds on the demonstration: 30 risks re-simulated on common random numbers.

    .venv/bin/python -m benchmarks.risk_drivers [--runs 10000] [--risks 30] [--batch 10000]

Plans the demonstration's scenario tsa-2023 as of 1 Oct 2021 with the real planner, then
times (1) each of the 30 risks switched off, every run of the model and of each variant on
the same uniforms, and (2) everything ``carveout risk`` measures: every risk, every uncertain
migration fixed at its most likely duration, each mitigation and all of them. The
demonstration has fewer than 30 open risks, so synthetic ones (invented, seeded, on services
with work left) are added to reach 30; the plan is not re-made for them.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date

from carveout.domain import Portfolio, RaidEntry, RaidKind
from carveout.planning.plan import Plan
from carveout.risk.from_plan import model_from_plan
from carveout.risk.impacts import plan_mitigations, risk_impacts, titles_of
from carveout.risk.paired import paired_runs
from carveout.risk.variants import without_risks

AS_OF = date(2021, 10, 1)


def demo_plan(scenario_code: str, seconds: float) -> tuple[Portfolio, Plan]:
    from carveout.demo.portfolio import demo_portfolio
    from carveout.planning.planner import plan_scenario

    portfolio = demo_portfolio()
    scenario = portfolio.scenario_by_code[scenario_code]
    plan = plan_scenario(portfolio=portfolio, scenario=scenario, as_of=AS_OF, time_limit=seconds)
    if not plan.feasible:
        raise SystemExit(f"scenario {scenario_code} has no feasible plan")
    return portfolio, plan


def with_synthetic_risks(portfolio: Portfolio, services: list[str], count: int) -> Portfolio:
    """``portfolio`` with invented open risks added until ``count`` can happen."""
    rng = random.Random(16)
    have = sum(1 for r in portfolio.raid if r.kind is RaidKind.RISK and r.probability > 0)
    extra = [
        RaidEntry(
            code=f"S{k:02d}",
            kind=RaidKind.RISK,
            title=f"Synthetic risk {k}",
            probability=round(rng.uniform(0.1, 0.4), 2),
            delay_days=float(rng.randint(5, 30)),
            cost_impact=float(rng.randint(1, 8) * 10_000),
            services=tuple(rng.sample(services, rng.randint(1, 3))),
        )
        for k in range(1, max(0, count - have) + 1)
    ]
    return portfolio.model_copy(update={"raid": (*portfolio.raid, *extra)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--risks", type=int, default=30)
    parser.add_argument("--plan-seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--batch", type=int, default=10_000, help="runs a batch (carveout risk: 10,000)"
    )
    args = parser.parse_args()

    load = os.getloadavg()
    print(f"Load average at the start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    portfolio, plan = demo_plan("tsa-2023", args.plan_seconds)
    own = model_from_plan(portfolio=portfolio, plan=plan)
    services = list(own.network.names)
    portfolio = with_synthetic_risks(portfolio, services, args.risks)
    model = model_from_plan(portfolio=portfolio, plan=plan)
    codes = tuple(e.code for e in model.sampling.events if e.probability > 0)
    synthetic = sum(1 for c in codes if c.startswith("S"))
    print(
        f"Demonstration tsa-2023 as of {AS_OF:%d %b %Y}: {model.network.size} migrations with "
        f"work left, {len(codes)} risks that can happen ({len(codes) - synthetic} from the "
        f"demonstration, {synthetic} synthetic), {args.runs:,} runs in batches of "
        f"{args.batch:,}, seed {args.seed}"
    )
    # Compile (or load from the cache) outside the timings.
    paired_runs(model, [without_risks(model, codes[:1])], runs=500, seed=args.seed)

    batch = args.batch
    started = time.perf_counter()
    base, outcomes = paired_runs(
        model,
        [without_risks(model, (c,)) for c in codes],
        runs=args.runs,
        seed=args.seed,
        batch_size=batch,
    )
    risks_only = time.perf_counter() - started
    ranked = sorted(
        zip(codes, outcomes, strict=True), key=lambda x: -(base.p80_finish - x[1].p80_finish)
    )
    print(f"\n{len(codes)} risks, each switched off: {risks_only:.1f} s")
    for code, out in ranked[:5]:
        days = base.p80_finish - out.p80_finish
        pounds = (base.p80_cost or 0) - (out.p80_cost or 0)
        print(f"  {code}: {days:+.1f} days, {pounds:+,.0f} pounds on the P80s")

    started = time.perf_counter()
    impacts = risk_impacts(
        model,
        mitigations=plan_mitigations(portfolio=portfolio, plan=plan, model=model),
        titles=titles_of(portfolio),
        runs=args.runs,
        seed=args.seed,
        batch_size=batch,
    )
    everything = time.perf_counter() - started
    estimates = sum(1 for d in impacts.drivers if d.kind == "estimate")
    print(
        f"\nEverything carveout risk measures ({len(codes)} risks, {estimates} uncertain "
        f"migrations, {len(impacts.mitigations)} mitigations and all of them): {everything:.1f} s"
    )
    print(f"  P80 finish {impacts.finish_p80}, P80 cost {impacts.cost_p80:,.0f}")
    if impacts.all_mitigations is not None:
        a = impacts.all_mitigations
        print(
            f"  all mitigations: {a.days_earlier:+.1f} days, {a.cost_saving or 0:+,.0f} pounds "
            f"for {a.cost:,.0f}"
        )
    load = os.getloadavg()
    print(f"\nLoad average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
