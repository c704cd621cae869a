from datetime import date
from pathlib import Path

import pytest

from carveout.domain import MigrationStatus
from carveout.reports.build import write_report
from carveout.storage import Store
from tests.reports.programme import AS_OF


def test_a_second_report_shows_progress_since_the_first(
    report_store: Store, tmp_path: Path
) -> None:
    first = write_report(
        store=report_store, scenario="BASE", as_of=AS_OF, out=tmp_path, actor="t", formats=()
    )
    assert first.pack.previous is None
    # HR cuts over between the two reports.
    hr = report_store.load().migration_by_service["HR"]
    report_store.upsert(
        "migration",
        hr.model_copy(
            update={
                "status": MigrationStatus.CUT_OVER,
                "actual_end": date(2021, 11, 5),
                "percent_complete": None,
            }
        ),
        actor="t",
    )
    second = write_report(
        store=report_store,
        scenario="BASE",
        as_of=date(2021, 11, 15),
        out=tmp_path,
        actor="t",
        formats=("html",),
    )
    assert second.pack.previous == AS_OF
    lines = {p.what: p.services for p in second.pack.progress}
    assert lines["Cut over"] == ("HR (HR system)",)
    assert second.html is not None
    assert "Changes since the report of 15 Oct 2021" in second.html.read_text(encoding="utf-8")
    # Re-running the second report still compares with the first, not with itself.
    again = write_report(
        store=report_store,
        scenario="BASE",
        as_of=date(2021, 11, 15),
        out=tmp_path,
        actor="t",
        formats=(),
    )
    assert again.pack.previous == AS_OF


def test_missing_results_are_computed_and_the_report_says_so(
    bare_store: Store, tmp_path: Path
) -> None:
    files = write_report(
        store=bare_store, scenario=None, as_of=AS_OF, out=tmp_path, actor="t", formats=("html",)
    )
    assert set(files.computed) == {"plan", "risk", "costs"}
    assert any("so this report made one as of 15 Oct 2021" in s for s in files.pack.sources)
    assert files.pack.plan_status in ("optimal", "feasible")
    assert files.pack.risk.runs
    assert files.pack.pools


def test_without_computing_a_report_still_has_every_section(
    bare_store: Store, tmp_path: Path
) -> None:
    files = write_report(
        store=bare_store,
        scenario=None,
        as_of=AS_OF,
        out=tmp_path,
        actor="t",
        formats=("html",),
        compute_missing=False,
    )
    assert files.html is not None
    html = files.html.read_text(encoding="utf-8")
    assert "There is no risk forecast for this scenario." in html
    assert "Plan status: missing." in html
    assert files.pack.status.rating == "red"


@pytest.mark.parametrize("name", ["NOPE"])
def test_an_unknown_scenario_is_named_with_the_known_ones(
    report_store: Store, tmp_path: Path, name: str
) -> None:
    from carveout.errors import NotFound

    with pytest.raises(NotFound, match="Known scenarios: BASE"):
        write_report(
            store=report_store, scenario=name, as_of=AS_OF, out=tmp_path, actor="t", formats=()
        )
