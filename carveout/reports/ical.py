"""The notice calendar as an iCalendar file (RFC 5545), so its dates land in people's calendars.

Each action is an all-day event on the day it falls due. Lines end in CRLF,
text values escape backslash, semicolon, comma and line breaks, and a line
longer than 75 octets is folded onto continuation lines that start with a
space, never splitting a UTF-8 character. The UID is made from the action's
kind, record and agreement (not its day), so a calendar imported again after a
date has moved updates its event rather than adding another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from carveout.domain.calendar import Action

LINE_OCTETS = 75
"""The longest a content line may be, in octets, before it is folded (RFC 5545 §3.1)."""

PRODID = "-//carveout//notice calendar//EN"


def escape_text(value: str) -> str:
    """``value`` as an iCalendar TEXT value: ``\\``, ``;``, ``,`` and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return re.sub(r"\r\n|\r|\n", "\\\\n", value)


def fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets joined by CRLF and a space."""
    pieces: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # A continuation line's leading space counts towards its 75 octets.
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _uid(action: Action) -> str:
    """The same for the same action when its date moves (a new plan), so an import updates
    the event."""
    words = f"{action.kind.value}-{action.record}-{action.agreement}"
    return re.sub(r"[^A-Za-z0-9]+", "-", words).strip("-").lower() + "@carveout"


def _event(action: Action, stamp: str) -> list[str]:
    who = ", ".join(action.parties) or "nobody named"
    description = (
        f"{action.what}.\nConcerns {action.record_kind.replace('_', ' ')} {action.record} "
        f"under agreement {action.agreement}.\nTo act: {who}."
    )
    if action.from_plan:
        description += "\nThe date follows the scenario's planned cut-over."
    return [
        "BEGIN:VEVENT",
        f"UID:{_uid(action)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{action.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{action.day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(action.kind.value.capitalize() + ': ' + action.record)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(action.kind.value)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def to_ics(actions: Iterable[Action], *, stamp: datetime, name: str = "carveout notices") -> str:
    """The iCalendar file of ``actions``; ``stamp`` (UTC) is when it was made (DTSTAMP)."""
    made = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for action in actions:
        lines.extend(_event(action, made))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
