"""An import killed with SIGKILL while it writes leaves the database as it was or as the file
says, never in between, with its audit trail intact (on each backend)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from carveout.demo.generate import generate_portfolio
from carveout.portfolio import write_workbook
from carveout.storage import open_store
from carveout.storage.verify import verify
from tests.portfolio.test_concurrent_imports import records

WRITING = "writing"

_IMPORTER = """
import sys
from pathlib import Path
from carveout.portfolio import import_workbook
from carveout.storage import open_store

def step(name: str) -> None:
    print(name, flush=True)

with open_store(sys.argv[1]) as store:
    import_workbook(store=store, path=Path(sys.argv[2]), actor="crash", allow_deletions=True,
                    step=step)
print("done", flush=True)
"""


def _import_and_kill(url: str, path: Path, delay: float) -> bool:
    """Start an import in another process and kill it ``delay`` seconds after it starts writing;
    whether it finished first."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-c", _IMPORTER, url, str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if WRITING in line:
                break
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        rest = process.stdout.read()
        process.wait(timeout=30)
    return "done" in rest


def test_an_import_killed_while_writing_leaves_the_old_portfolio_or_the_new_one(
    database_url: str, tmp_path: Path
) -> None:
    old = generate_portfolio(services=40, dependencies=80, seed=1)
    new = generate_portfolio(services=60, dependencies=120, seed=2)
    path = tmp_path / "new.xlsx"
    write_workbook(new, path=path)
    finished: list[bool] = []
    with open_store(database_url) as store:
        for delay in (0.0, 0.03, 0.3):
            store.replace(old, actor="reset", max_deletion_share=None)
            finished.append(_import_and_kill(database_url, path, delay))
            stored = records(store.load())
            assert stored in (records(old), records(new)), f"a mixture after {delay} s"
            assert (stored == records(new)) >= finished[-1]
            check = verify(store.engine)
            assert check.ok, check
