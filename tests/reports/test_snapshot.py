from datetime import date

from carveout.reports.snapshot import ServiceState, Snapshot, baseline_for, progress_since


def _snapshot(as_of: date, **services: ServiceState) -> Snapshot:
    return Snapshot(scenario="S", as_of=as_of, services=services)


def test_the_first_report_has_no_progress_to_show() -> None:
    current = _snapshot(date(2021, 10, 1), A=ServiceState(status="not_started"))
    assert progress_since(None, current).first


def test_progress_lists_cut_overs_starts_slips_and_additions() -> None:
    before = _snapshot(
        date(2021, 9, 1),
        A=ServiceState(status="in_progress", planned=date(2021, 9, 20)),
        B=ServiceState(status="not_started", planned=date(2021, 11, 1)),
        C=ServiceState(status="not_started", planned=date(2022, 1, 31)),
        GONE=ServiceState(status="not_started"),
    )
    after = _snapshot(
        date(2021, 10, 1),
        A=ServiceState(status="cut_over", planned=date(2021, 9, 20), actual_end=date(2021, 9, 24)),
        B=ServiceState(status="in_progress", planned=date(2021, 12, 1)),
        C=ServiceState(status="not_started", planned=date(2022, 1, 10)),
        NEW=ServiceState(status="not_started", planned=date(2022, 2, 1)),
    )
    progress = progress_since(before, after)
    assert progress.previous == date(2021, 9, 1)
    assert progress.cut_over == ("A",)
    assert progress.started == ("B",)
    assert [(s.service, s.days) for s in progress.slipped] == [("B", 30)]
    assert [(s.service, s.days) for s in progress.brought_forward] == [("C", -21)]
    assert progress.added == ("NEW",)
    assert progress.removed == ("GONE",)


def test_a_rerun_on_the_same_date_compares_with_the_same_earlier_report() -> None:
    earlier = _snapshot(date(2021, 9, 1))
    latest = _snapshot(date(2021, 10, 1)).model_copy(update={"baseline": earlier})
    assert baseline_for(latest, as_of=date(2021, 10, 1)) == earlier
    assert baseline_for(latest, as_of=date(2021, 11, 1)) == latest.without_baseline()
    assert baseline_for(latest, as_of=date(2021, 8, 1)) is None
    assert baseline_for(None, as_of=date(2021, 8, 1)) is None
