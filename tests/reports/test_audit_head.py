"""Every governance pack prints the audit trail's head as of when it was written: a witness
each party can keep."""

from __future__ import annotations

from pathlib import Path

from carveout.reports.build import write_report
from carveout.storage import Store
from carveout.storage.verify import Checkpoint, verify
from tests.reports.programme import AS_OF


def test_the_pack_prints_the_head_of_the_audit_trail(report_store: Store, tmp_path: Path) -> None:
    latest = report_store.history(limit=1)[0]

    files = write_report(
        store=report_store, scenario="BASE", as_of=AS_OF, out=tmp_path, actor="t",
        formats=("html",),
    )  # fmt: skip

    assert files.pack.audit_head == (latest.id, latest.hash)
    assert files.html is not None
    html = files.html.read_text(encoding="utf-8")
    assert f"{latest.id}:{latest.hash}" in html and 'id="audit-head"' in html
    witness = Checkpoint(latest.id, str(latest.hash))
    assert verify(report_store.engine, checkpoints=[witness]).held == (witness,)
