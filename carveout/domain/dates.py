"""The contract date rule (when notice must be served or an extension exercised), and
which months are to date as of a data date.

One rule for every caller (dashboard, CLI, governance pack): counting back a
notice period moves whole calendar months, a month end maps to a month end
(31 Mar less two months is 31 Jan, 30 Apr less two is 28 Feb), a day past
the end of a shorter month falls on its last day, and a part month of notice
counts as a whole one (1.5 months is read as two), the cautious reading.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from carveout.domain.agreements import Agreement, ExtensionOption, Tranche


def _month_length(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def months_before(day: date, months: float) -> date:
    """``day`` moved back by ``months`` whole calendar months, part months rounded up."""
    index = day.year * 12 + day.month - 1 - math.ceil(months)
    year, month = index // 12, index % 12 + 1
    length = _month_length(year, month)
    at_month_end = day.day == _month_length(day.year, day.month)
    return date(year, month, length if at_month_end else min(day.day, length))


def exercise_by(tranche: Tranche, option: ExtensionOption) -> date:
    """The last day to exercise ``option``: its notice period before ``tranche`` ends."""
    return months_before(tranche.end, option.notice_months)


def notice_by(agreement: Agreement) -> date | None:
    """The last day to serve notice so ``agreement`` ends on its end date (None if open-ended)."""
    if agreement.end is None:
        return None
    return months_before(agreement.end, agreement.notice_months)


def is_to_date(month: date, as_of: date) -> bool:
    """Whether ``month`` (its first day) began before the data date ``as_of``.

    Such a month is to date: its charges are counted as incurred, and its invoices and
    service-level measurements are facts. A later month is still to go, and anything
    recorded for it is not yet known as of ``as_of``.
    """
    return month < as_of


def first_month_to_go(as_of: date) -> date:
    """The first month (its first day) still to go on the data date ``as_of``: the first
    that is not to date (:func:`is_to_date`), so ``as_of`` itself when it is a first day."""
    month = as_of.replace(day=1)
    if is_to_date(month, as_of):
        month = (month + timedelta(days=32)).replace(day=1)
    return month
