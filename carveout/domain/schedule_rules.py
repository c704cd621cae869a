"""Cross-record rules of schedule lines and invoice lines (part of :func:`validate`)."""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterator
from datetime import date

from carveout.domain.portfolio import Portfolio
from carveout.domain.validation import Problem


def schedule_problems(p: Portfolio) -> Iterator[Problem]:
    """Lines and invoices referring to unknown records, overlapping rates, stray months."""
    yield from _lines(p)
    yield from _invoices(p)


def _lines(p: Portfolio) -> Iterator[Problem]:
    seen: dict[tuple[str, str], str] = {}
    for line in p.schedule_lines:
        tranche = p.tranche_by_code.get(line.tranche)
        if tranche is None:
            yield Problem(
                "schedule_line", line.key, "tranche", line.tranche, "the code of a known tranche"
            )
        elif line.service not in tranche.services:
            yield Problem(
                "schedule_line",
                line.key,
                "service",
                line.service,
                f"a service tranche {tranche.code} lists (add it to its services)",
            )
        if line.service not in p.service_by_code:
            yield Problem(
                "schedule_line", line.key, "service", line.service, "the code of a known service"
            )
        other = seen.setdefault((line.tranche, line.service), line.key)
        if other != line.key:
            yield Problem(
                "schedule_line",
                line.key,
                "service",
                line.service,
                f"one line per service and tranche (line {other} already covers it)",
            )
        for a, b in itertools.pairwise(line.rates):
            if b.start <= a.end:
                yield Problem(
                    "schedule_line",
                    line.key,
                    "rates",
                    b.start.isoformat(),
                    f"rate periods that do not overlap (one runs to {a.end.isoformat()})",
                )


def term_of(p: Portfolio, agreement: str) -> tuple[date, date] | None:
    """The first and last day anything may be charged under ``agreement``.

    From its start to its end, or to the last day of its last tranche and extension
    options when that is later (None for an unknown agreement).
    """
    found = p.agreement_by_code.get(agreement)
    if found is None:
        return None
    ends = [found.end] if found.end else []
    for tranche in p.tranches:
        if tranche.agreement != agreement:
            continue
        months = sum(e.length_months for e in p.extension_options if e.tranche == tranche.code)
        year, month = divmod(tranche.end.year * 12 + tranche.end.month - 1 + months, 12)
        ends.append(date(year, month + 1, calendar.monthrange(year, month + 1)[1]))
    last = max(ends) if ends else date.max
    return found.start, last


def _invoices(p: Portfolio) -> Iterator[Problem]:
    terms: dict[str, tuple[date, date] | None] = {}
    for invoice in p.invoice_lines:
        if invoice.service not in p.service_by_code:
            yield Problem(
                "invoice_line",
                invoice.key,
                "service",
                invoice.service,
                "the code of a known service",
            )
        if invoice.agreement not in terms:
            terms[invoice.agreement] = term_of(p, invoice.agreement)
        term = terms[invoice.agreement]
        if term is None:
            yield Problem(
                "invoice_line",
                invoice.key,
                "agreement",
                invoice.agreement,
                "the code of a known agreement",
            )
        elif not term[0].replace(day=1) <= invoice.month <= term[1]:
            yield Problem(
                "invoice_line",
                invoice.key,
                "month",
                invoice.month.isoformat(),
                f"a month within agreement {invoice.agreement}'s term "
                f"({term[0]:%b %Y} to {term[1]:%b %Y})",
            )
