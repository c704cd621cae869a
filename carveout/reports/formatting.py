"""How the reports write dates, money and chances: the product's display rules, and labels.

The rules themselves live in :mod:`carveout.formatting`, shared with the
command line and the dashboard; they are re-exported here for the report modules.
"""

from __future__ import annotations

from carveout.formatting import MISSING, days, percent, pounds, pounds_exact, uk_date, uk_month

__all__ = [
    "MISSING",
    "days",
    "label",
    "percent",
    "pounds",
    "pounds_exact",
    "uk_date",
    "uk_month",
]


def label(code: str) -> str:
    """An enum value as words: ``stay_hosted`` -> ``stay hosted``."""
    return code.replace("_", " ")
