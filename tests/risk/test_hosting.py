from datetime import date

import numpy as np

from carveout.risk.hosting import (
    cutover_months,
    group_contracts,
    month_index,
    recommend_ends,
    sample_costs,
)
from carveout.risk.model import HostingTables


def _tables(monthly: list[float], *, months: int = 24, step: float = 0.0) -> HostingTables:
    """Flat monthly hosting charges for each service, from October 2021 (the data date)."""
    rates = np.array(monthly)
    cumulative = rates[:, None] * np.arange(1, months + 1)[None, :]
    return HostingTables(
        first_month=date(2021, 10, 1),
        origin_shift=0,
        hosting=cumulative,
        step_up=cumulative * step,
        running=np.zeros_like(cumulative),
        last_hosting=rates,
        last_step_up=rates * step,
        last_running=np.zeros_like(rates),
        monthly=rates,
        has_tranche=np.ones(len(monthly), dtype=bool),
        tranche_start=np.zeros(len(monthly), dtype=np.int64),
    )


def test_the_expensive_service_gets_the_short_contract_when_only_one_can() -> None:
    # Ten samples; 80% confidence allows two failing samples. A (£1,000/month) runs late
    # (month 5) in samples 0–1, B (£100/month) runs late (month 6) in samples 2–3.
    a = np.array([5, 5, 1, 1, 1, 1, 1, 1, 1, 1])
    b = np.array([2, 2, 6, 6, 2, 2, 2, 2, 2, 2])
    months = np.column_stack([a, b])
    assert recommend_ends(months, np.array([1000.0, 100.0]), 0.8).tolist() == [1, 6]
    assert recommend_ends(months, np.array([100.0, 1000.0]), 0.8).tolist() == [5, 2]
    assert recommend_ends(months, np.array([100.0, 1000.0]), 0.95).tolist() == [5, 6]


def test_contracts_group_services_by_host_and_end_month_and_start_at_the_data_date() -> None:
    contracts = group_contracts(
        tables=_tables([10.0, 20.0, 5.0]),
        names=("A", "B", "C"),
        hosts=("H", "H", "H"),
        members=np.array([0, 1, 2]),
        ends=np.array([5, 5, 17]),
    )
    assert [(c.start, c.until, c.services, c.monthly_charge) for c in contracts] == [
        (date(2021, 10, 1), date(2022, 3, 31), ("A", "B"), 30.0),
        (date(2021, 10, 1), date(2023, 3, 31), ("C",), 5.0),
    ]
    assert contracts[0].cost == 30.0 * 6
    assert contracts[1].cost == 5.0 * 18


def test_month_index_counts_calendar_months_from_the_start() -> None:
    assert month_index(date(2021, 1, 31), np.array([0.0, 1.0, 29.0])).tolist() == [0, 1, 2]


def test_a_sample_costs_each_month_its_services_are_still_hosted_and_the_last_rate_beyond() -> None:
    tables = _tables([1_000.0], months=3, step=0.1)
    # Cut over during day 10 (October), day 40 (November), and 200 days on (April 2022).
    finish = np.array([[10.0], [40.0], [200.0]])

    costs = sample_costs(finish, date(2021, 10, 1), tables)

    assert cutover_months(finish, date(2021, 10, 1), tables).ravel().tolist() == [0, 1, 6]
    assert costs.hosting.tolist() == [1_000.0, 2_000.0, 7_000.0]
    assert costs.step_up.tolist() == [100.0, 200.0, 700.0]
