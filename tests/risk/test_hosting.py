from datetime import date

import numpy as np

from carveout.risk.hosting import group_contracts, hosting_cost, month_index, recommend_ends
from carveout.risk.model import TrancheTerms


def test_the_expensive_service_gets_the_short_contract_when_only_one_can() -> None:
    # Ten samples; 80% confidence allows two failing samples. A (£1,000/month) runs late
    # (month 5) in samples 0–1, B (£100/month) runs late (month 6) in samples 2–3.
    a = np.array([5, 5, 1, 1, 1, 1, 1, 1, 1, 1])
    b = np.array([2, 2, 6, 6, 2, 2, 2, 2, 2, 2])
    months = np.column_stack([a, b])
    assert recommend_ends(months, np.array([1000.0, 100.0]), 0.8).tolist() == [1, 6]
    assert recommend_ends(months, np.array([100.0, 1000.0]), 0.8).tolist() == [5, 2]
    assert recommend_ends(months, np.array([100.0, 1000.0]), 0.95).tolist() == [5, 6]


def test_contracts_group_services_by_host_and_end_month() -> None:
    contracts = group_contracts(
        start=date(2021, 10, 15),
        names=("A", "B", "C"),
        hosts=("H", "H", "H"),
        ends=np.array([5, 5, 17]),
        charges=np.array([10.0, 20.0, 5.0]),
    )
    assert [(c.until, c.services, c.monthly_charge) for c in contracts] == [
        (date(2022, 3, 31), ("A", "B"), 30.0),
        (date(2023, 3, 31), ("C",), 5.0),
    ]
    assert contracts[0].cost == 30.0 * 6


def test_month_index_counts_calendar_months_from_the_start() -> None:
    assert month_index(date(2021, 1, 31), np.array([0.0, 1.0, 29.0])).tolist() == [0, 1, 2]


def test_late_services_take_extensions_with_their_step_ups() -> None:
    tranche = TrancheTerms(
        code="T",
        host="H",
        start=0.0,
        end=364.0,
        monthly_charge=1000.0,
        activities=(0,),
        extensions=((3, 0.1), (6, 0.25)),
    )
    # On time; one month late (whole first option); five months late (both options).
    finish = np.array([[300.0], [380.0], [365.0 + 4.5 * 30.44]])
    total, step_up = hosting_cost(finish, (tranche,))
    base = 12 * 1000.0
    assert total.tolist() == [base, base + 3300.0, base + 3300.0 + 7500.0]
    assert step_up.tolist() == [0.0, 300.0, 300.0 + 1500.0]
