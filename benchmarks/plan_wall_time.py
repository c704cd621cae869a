"""The wall time of the whole `carveout plan` command against its --time-limit.

The limit must bound the command within 10 % + 5 s, the first run after
install included. Each case runs the real command in a fresh process: once
with an empty numba cache (as after install: every compiled kernel the
command touches is compiled in that run) and once warm. Cases: the
demonstration's 2023 scenario as of 1 Oct 2021 (feasible), its original 2019
scenario as of Oct 2018 (infeasible, so the explanation's extra solves count
too), and a generated 500-service portfolio.

    .venv/bin/python -m benchmarks.plan_wall_time [--limits 5 10 30]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from carveout.demo import demo_portfolio
from carveout.demo.generate import generate_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import open_store

CARVEOUT = Path(sys.executable).with_name("carveout")


def _database(folder: Path, name: str, portfolio: Portfolio) -> str:
    url = f"sqlite:///{folder / name}"
    with open_store(url) as store:
        store.apply(diff(Portfolio(), portfolio), actor="bench")
    return url


def _run(url: str, scenario: str, limit: float, cache: Path) -> float:
    env = {**os.environ, "CARVEOUT_DATABASE_URL": url, "NUMBA_CACHE_DIR": str(cache)}
    began = time.perf_counter()
    subprocess.run(
        [str(CARVEOUT), "plan", "--scenario", scenario, "--time-limit", f"{limit:g}"],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limits", type=float, nargs="+", default=[5.0, 10.0, 30.0])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo = _database(folder, "demo.db", demo_portfolio())
        generated = generate_portfolio(services=500, dependencies=700, teams=8, seed=1)
        # Planned as of its start: the generator's teams have people from then on.
        generated = generated.replace(
            scenarios=tuple(s.model_copy(update={"as_of": s.start}) for s in generated.scenarios)
        )
        scale = _database(folder, "scale.db", generated)
        cases = [
            ("demo tsa-2023 (feasible)", demo, "tsa-2023"),
            ("demo original (infeasible)", demo, "original"),
            ("generated 500 services", scale, generated.scenarios[0].code),
        ]
        print("| case | limit (s) | cold (s) | warm (s) | bound: 1.1 × limit + 5 (s) | within |")
        print("|---|---:|---:|---:|---:|---|")
        for limit in args.limits:
            for name, url, scenario in cases:
                cache = folder / f"numba-{name[:4]}-{limit:g}"
                cold = _run(url, scenario, limit, cache)
                warm = _run(url, scenario, limit, cache)
                bound = 1.1 * limit + 5
                within = "yes" if max(cold, warm) <= bound else "NO"
                print(
                    f"| {name} | {limit:g} | {cold:.1f} | {warm:.1f} | {bound:.1f} | {within} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
