"""``carveout serve --workers 2`` for real: two uvicorn worker processes behind one port, and a
change made by another process is answered by whichever worker takes the next connection."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from carveout.access.principal import Scope
from carveout.access.tokens import server_secret
from carveout.config import Settings
from carveout.domain.changes import Change, Changeset
from carveout.storage import accounts, open_store
from carveout.storage.credentials import issue_token
from tests.web.conftest import OFFICE_ADMIN

pytestmark = pytest.mark.slow
CARVEOUT = Path(sys.executable).with_name("carveout")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def admin_token(url: str) -> str:
    with open_store(url) as store:
        admin = accounts.get_account(store.engine, email=OFFICE_ADMIN)
        now = datetime.now(UTC)
        value, _ = issue_token(
            store.engine,
            account_id=admin.id,
            name="workers test",
            scope=Scope.READ,
            secret=server_secret(Settings(secret_key=""), url),  # the server sees no CARVEOUT_*
            at=now,
            expires=now + timedelta(hours=1),
        )
    return value


@pytest.fixture
def served(demo_database: Path, tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """(base URL, database URL, token) of ``carveout serve --workers 2`` on a copy of the demo."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_database, copy)
    url = f"sqlite:///{copy}"
    token = admin_token(url)
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CARVEOUT_")}
    server = subprocess.Popen(
        [CARVEOUT, "serve", "--database", copy, "--port", str(port), "--workers", "2"],
        env=environment,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        assert server.poll() is None, "carveout serve stopped"
        yield base, url, token
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)


def test_every_worker_answers_and_sees_a_change_made_elsewhere(
    served: tuple[str, str, str],
) -> None:
    base, url, token = served
    headers = {"Authorization": f"Bearer {token}"}

    def statuses() -> set[int]:
        # A new connection each time, so the kernel hands them to either worker.
        return {
            httpx.get(f"{base}/api/records/raid/R01", headers=headers).status_code
            for _ in range(20)
        }

    assert statuses() == {200}
    with open_store(url) as store:
        record = store.load().by_key("raid")["R01"]
        store.apply(Changeset((Change("raid", "R01", record, None),)), actor="elsewhere")

    assert statuses() == {404}
