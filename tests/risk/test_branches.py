"""A risk that exercises an extension option charges it, once, in the run's hosting and cost."""

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from carveout.cli import app
from carveout.domain import Blackout, Estimate, Portfolio, RaidEntry
from carveout.domain.changes import diff
from carveout.risk.branches import in_play, option_months
from carveout.risk.engine import Samples, simulate
from carveout.risk.from_plan import model_from_plan
from carveout.risk.model import RiskModel
from carveout.storage import Store

from .test_forecast import _plan, _portfolio

CHARGE = 3 * 3 * 1000 * 1.2
"""Tranche T1's £3,000 a month for three services, stepped up 20% by X1 for its 3 months."""


def _small(risk: RaidEntry, **extra: object) -> Portfolio:
    """Three services that all leave before T1 ends (30 June 2021), and one risk."""
    base = _portfolio()
    est = Estimate(optimistic=16, most_likely=20, pessimistic=32)
    return base.model_copy(
        update={
            "migrations": tuple(
                m.model_copy(update={"effort": est, "duration": est}) for m in base.migrations
            ),
            "raid": (risk,),
            **extra,
        }
    )


def _risk(probability: float, *, extension: str | None, **kw: object) -> RaidEntry:
    return RaidEntry(
        code="R2",
        kind="risk",
        title="Records parallel run fails",
        probability=probability,
        services=("Intel",),
        triggers_extension=extension,
        **kw,  # type: ignore[arg-type]
    )


def _model(portfolio: Portfolio) -> RiskModel:
    return model_from_plan(portfolio=portfolio, plan=_plan())


def _run(portfolio: Portfolio, runs: int = 4000) -> Samples:
    return simulate(_model(portfolio), runs=runs, seed=4, batch_size=1000)


def test_the_months_of_an_extension_option_follow_its_tranches_end() -> None:
    months = option_months(_portfolio(), "X1")
    assert months == [date(2021, 7, 1), date(2021, 8, 1), date(2021, 9, 1)]


def test_a_certain_branch_adds_exactly_its_extension_options_stepped_up_charge() -> None:
    without = _run(_small(_risk(1.0, extension=None)))
    with_it = _run(_small(_risk(1.0, extension="X1")))
    assert without.cost is not None and with_it.cost is not None
    assert with_it.extension is not None
    assert np.all(with_it.extension == CHARGE)
    np.testing.assert_allclose(with_it.cost - without.cost, CHARGE)
    np.testing.assert_array_equal(with_it.finish, without.finish)


def test_a_probable_branch_changes_the_mean_cost_by_its_probability_times_the_charge() -> None:
    runs = 20_000
    without = _run(_small(_risk(0.3, extension=None)), runs)
    with_it = _run(_small(_risk(0.3, extension="X1")), runs)
    assert without.cost is not None and with_it.cost is not None
    shift = float(with_it.cost.mean() - without.cost.mean())
    error = CHARGE * np.sqrt(0.3 * 0.7 / runs)
    assert shift == pytest.approx(0.3 * CHARGE, abs=4 * error)


def test_an_extension_is_not_charged_twice_for_a_service_still_hosted_in_it() -> None:
    # 150 days late, Intel is still hosted into the extension: its terms already charge it
    # (£1,200 a month) for those months, so only the months after its cut-over are added.
    without = _run(_small(_risk(1.0, extension=None, delay_days=150)))
    with_it = _run(_small(_risk(1.0, extension="X1", delay_days=150)))
    assert without.cost is not None and with_it.cost is not None
    added = with_it.cost - without.cost
    assert np.all(added < CHARGE) and np.all(added >= CHARGE - 3 * 1200)
    assert set(np.round(added).tolist()) <= {CHARGE - k * 1200 for k in range(4)}


def test_the_forecast_says_which_blackouts_windows_and_branches_were_in_play() -> None:
    blackout = Blackout(code="FREEZE", start=date(2021, 3, 1), end=date(2021, 3, 14))
    window = _risk(
        0.5,
        extension="X1",
        window_start=date(2021, 3, 1),
        window_end=date(2021, 4, 30),
        delay_days=10,
    )
    model = _model(_small(window, blackouts=(blackout,)))
    assert model.blackouts is not None and not model.blackouts.empty
    lines = in_play(model)
    assert lines[0] == "Blackouts honoured: FREEZE (1 Mar 2021 – 14 Mar 2021)"
    assert lines[1] == "Risk windows: R2 (1 Mar 2021 – 30 Apr 2021, 50%)"
    assert lines[2] == "Branches: R2 exercises X1 (50%, £10,800 to go)"
    plain = in_play(_model(_small(_risk(0.5, extension=None))))
    assert plain == ("Blackouts honoured: none", "Risk windows: none", "Branches: none")


def test_cli_risk_says_which_blackouts_windows_and_branches_were_in_play(
    store: Store, carveout_env: str, tmp_path: Path
) -> None:
    blackout = Blackout(code="FREEZE", start=date(2021, 3, 1), end=date(2021, 3, 14))
    risk = _risk(0.5, extension="X1", window_start=date(2021, 3, 1), window_end=date(2021, 4, 30))
    store.apply(diff(Portfolio(), _small(risk, blackouts=(blackout,))), actor="tester")
    store.save_result(
        scenario="base", kind="plan", payload=_plan().model_dump(mode="json"), actor="tester"
    )
    args = ["risk", "--as-of", "2021-01-04", "--runs", "1000", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "Blackouts honoured: FREEZE (1 Mar 2021 – 14 Mar 2021)" in output
    assert "Risk windows: R2 (1 Mar 2021 – 30 Apr 2021, 50%)" in output
    assert "Branches: R2 exercises X1 (50%, £10,800 to go)" in output
