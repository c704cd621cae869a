from datetime import date

import pytest
from pydantic import ValidationError

from carveout.domain import RaidEntry, RaidKind


def _risk(**fields: object) -> RaidEntry:
    return RaidEntry.model_validate(
        {"code": "R1", "kind": RaidKind.RISK, "title": "Parallel run fails"} | fields
    )


def test_a_mitigated_risk_takes_the_mitigated_figures_and_keeps_the_rest() -> None:
    risk = _risk(probability=0.3, delay_days=40, cost_impact=50_000, mitigated_probability=0.1)
    after = risk.mitigated()
    assert (after.probability, after.delay_days, after.cost_impact) == (0.1, 40, 50_000)
    assert risk.has_mitigation


def test_a_risk_without_mitigation_is_its_own_mitigated_self() -> None:
    risk = _risk(probability=0.3, delay_days=40)
    assert not risk.has_mitigation
    assert risk.mitigated() is risk


def test_a_risk_window_needs_both_ends_in_order() -> None:
    with pytest.raises(ValidationError, match="both window_start and window_end"):
        _risk(window_start=date(2022, 3, 1))
    with pytest.raises(ValidationError, match="before window_start"):
        _risk(window_start=date(2022, 3, 31), window_end=date(2022, 3, 1))
    assert _risk(window_start=date(2022, 3, 1), window_end=date(2022, 3, 31)).window_end
