"""The notice calendar's iCalendar file: RFC 5545 lines, folding, escaping and events."""

from datetime import UTC, date, datetime

from carveout.domain.calendar import Action, ActionKind
from carveout.reports.ical import escape_text, fold, to_ics

STAMP = datetime(2021, 10, 1, 9, 30, tzinfo=UTC)


def _action(**changes: object) -> Action:
    fields: dict[str, object] = {
        "day": date(2022, 3, 31),
        "kind": ActionKind.TRANCHE_END,
        "what": "Tranche 1 ends",
        "record_kind": "tranche",
        "record": "TSA-T1",
        "agreement": "TSA-2021",
        "parties": ("WARKS",),
        "days_left": 181,
        "overdue": False,
    }
    return Action.model_validate({**fields, **changes})


def _unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def parse(text: str) -> list[dict[str, str]]:
    """A small reader: unfold the lines, then gather each VEVENT's properties (name with its
    parameters, unescaped value)."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    events: list[dict[str, str]] = []
    for line in logical[1:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            events.append({})
        elif line != "END:VEVENT" and events:
            events[-1][name] = _unescape(value)
    return events


def test_special_characters_are_escaped() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert fold("SUMMARY:short") == "SUMMARY:short"


def test_each_action_is_an_all_day_event_read_back_as_written() -> None:
    what = "Ask the vendor's consent for Crime, records; \\ files\nand more " + "x" * 80
    actions = [
        _action(),
        _action(
            kind=ActionKind.VENDOR_CONSENT,
            what=what,
            record_kind="service",
            record="RMS",
            day=date(2022, 1, 30),
            from_plan=True,
        ),
    ]
    text = to_ics(actions, stamp=STAMP)
    assert "VERSION:2.0\r\n" in text and "PRODID:" in text
    events = parse(text)
    assert len(events) == 2
    first, second = events
    assert first["DTSTART;VALUE=DATE"] == "20220331"
    assert first["DTEND;VALUE=DATE"] == "20220401"
    assert first["DTSTAMP"] == "20211001T093000Z"
    assert first["SUMMARY"] == "Tranche end: TSA-T1"
    assert second["DESCRIPTION"].startswith(what + ".\nConcerns service RMS")
    assert "planned cut-over" in second["DESCRIPTION"]
    assert len({e["UID"] for e in events}) == 2
    assert second["UID"] == "vendor-consent-rms-tsa-2021@carveout"
    moved = parse(to_ics([actions[1].model_copy(update={"day": date(2022, 2, 14)})], stamp=STAMP))
    assert moved[0]["UID"] == second["UID"]  # a moved date updates the same event


def test_an_empty_calendar_is_still_a_calendar() -> None:
    assert parse(to_ics([], stamp=STAMP)) == []
