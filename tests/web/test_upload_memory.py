"""The real server (``carveout serve``) keeps its memory bounded under concurrent uploads, and
refuses an oversized body before reading it.

Eight ~5 MB workbooks (a portfolio of some 3,500 records, each read, checked and compared
with the stored one in full, padded with a picture) are uploaded at once to a server
started in its own process; its peak resident memory (``VmHWM``, reset before the uploads)
stays under 1 GB, and once they are answered its resident memory is back near where it was
before them.
"""

from __future__ import annotations

import io
import os
import random
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from carveout.access.principal import Scope
from carveout.demo.generate import generate_portfolio
from carveout.domain import Portfolio
from carveout.domain.changes import diff
from carveout.storage import accounts, open_store
from carveout.storage.credentials import issue_token
from carveout.web import create_app
from tests.web.conftest import OFFICE_ADMIN, add_accounts

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc"),
]

MB = 1024 * 1024
LIMIT = 6 * MB
PADDING = 5 * MB
SIZE = {"services": 600, "dependencies": 2400}


@dataclass
class Server:
    url: str
    pid: int
    token: str

    def memory(self, field: str) -> int:
        """``VmRSS`` (now) or ``VmHWM`` (peak since reset) of the server process, in bytes."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
        raise AssertionError(f"no {field} for process {self.pid}")

    def reset_peak(self) -> None:
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def admin_token(url: str) -> str:
    """A write token of the programme office's admin, made as ``carveout tokens create`` does."""
    app = create_app(store_url=url)
    auth = app.state.carveout.auth
    user = accounts.get_account(auth.engine, email=OFFICE_ADMIN)
    at = auth.now()
    token, _ = issue_token(
        auth.engine,
        account_id=user.id,
        name="memory",
        scope=Scope.WRITE,
        secret=auth.secret,
        at=at,
        expires=at + timedelta(hours=1),
    )
    app.state.carveout.store.close()
    return token


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``carveout serve`` with one worker on a generated portfolio of about 3,500 records,
    uploads capped at 6 MB."""
    database = tmp_path_factory.mktemp("memory") / "generated.db"
    url = f"sqlite:///{database}"
    with open_store(url) as store:
        store.apply(diff(Portfolio(), generate_portfolio(**SIZE, seed=0)), actor="test")
    add_accounts(url)
    token = admin_token(url)
    port = free_port()
    env = {**os.environ, "CARVEOUT_MAX_UPLOAD_BYTES": str(LIMIT)}
    command = [sys.executable, "-m", "carveout", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--database", str(database), "--workers", "1"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "carveout serve stopped"
            try:
                if httpx.get(f"{url}/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "carveout serve did not start"
            time.sleep(0.2)
        yield Server(url=url, pid=process.pid, token=token)
    finally:
        process.terminate()
        process.wait(10)


def padded(workbook: bytes) -> bytes:
    """``workbook`` with a 5 MB picture-like part no sheet refers to (stored, not parsed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        noise = b"\x89PNG\r\n\x1a\n" + random.Random(0).randbytes(PADDING)
        target.writestr("xl/media/image1.png", noise, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def test_eight_concurrent_5_mb_uploads_stay_under_1_gb_and_the_memory_is_released(
    server: Server,
) -> None:
    headers = {"Authorization": f"Bearer {server.token}"}
    exported = httpx.get(f"{server.url}/api/workbook", headers=headers, timeout=60)
    upload = padded(exported.content)
    assert 5 * MB < len(upload) < LIMIT

    def send(n: int) -> httpx.Response:
        files = {"file": (f"portfolio-{n}.xlsx", upload)}
        return httpx.post(f"{server.url}/api/workbook", headers=headers, files=files, timeout=120)

    warm = send(0)  # the first upload loads the workbook reader's modules
    assert warm.status_code == 200, warm.text
    before = server.memory("VmRSS")
    server.reset_peak()
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(send, range(1, 9)))
    assert [a.status_code for a in answers] == [200] * 8, answers[0].text
    peak = server.memory("VmHWM")
    after = server.memory("VmRSS")
    print(f"server RSS before {before / MB:.0f} MB, peak {peak / MB:.0f}, after {after / MB:.0f}")
    assert peak < 1024 * MB
    # Read one at a time, eight uploads need little more than one (about 20 MB here; read
    # side by side, about 100 MB), and what they needed is handed back.
    assert peak - before < 200 * MB
    assert after - before < 50 * MB


def test_the_server_refuses_a_1_gib_body_before_reading_it(server: Server) -> None:
    request = (
        "POST /api/workbook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {server.token}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {1024**3}\r\n\r\n"
    ).encode()
    before = server.memory("VmRSS")
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request + b"--x\r\n")
        answer = b""
        while chunk := connection.recv(65536):  # the server closes the connection after it
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413")
    assert b"CARVEOUT_MAX_UPLOAD_BYTES" in answer
    assert server.memory("VmRSS") - before < 10 * MB
