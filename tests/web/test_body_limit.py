"""Request bodies over the upload cap are refused with 413 while they arrive, never read whole."""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from carveout.config import Settings
from carveout.web import create_app
from carveout.web.body_limit import ENVELOPE_BYTES
from tests.web.conftest import BASE_URL, TokenFor
from tests.web.sample_results import TODAY

LIMIT = 256 * 1024
CHUNK = 16 * 1024
BOUNDARY = "carveout-test-boundary"


def small_app(database_url: str) -> FastAPI:
    return create_app(
        store_url=database_url, today=lambda: TODAY, settings=Settings(max_upload_bytes=LIMIT)
    )


class EndlessUpload:
    """The ASGI ``receive`` of a multipart upload that never ends: it counts what was taken."""

    def __init__(self) -> None:
        self.sent = 0

    async def __call__(self) -> dict[str, Any]:
        if self.sent == 0:
            body = (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="big.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode() + b"x" * CHUNK
        else:
            body = b"x" * CHUNK
        self.sent += len(body)
        return {"type": "http.request", "body": body, "more_body": True}


def call(
    app: FastAPI, path: str, headers: dict[str, str], receive: Any
) -> list[MutableMapping[str, Any]]:
    """Send one request straight to the ASGI app; the messages it answered with."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "server": ("localhost", 80),
        "client": ("127.0.0.1", 5000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    answered: list[MutableMapping[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        answered.append(message)

    asyncio.run(app(scope, receive, send))
    return answered


def test_a_body_announcing_more_than_the_limit_is_refused_before_any_of_it_is_read(
    database_url: str, token_for: TokenFor
) -> None:
    app = small_app(database_url)
    read: list[object] = []

    async def receive() -> dict[str, Any]:
        read.append(1)
        return {"type": "http.request", "body": b"x", "more_body": True}

    headers = {
        "host": "localhost",
        "authorization": f"Bearer {token_for('editor')}",
        "content-type": f"multipart/form-data; boundary={BOUNDARY}",
        "content-length": str(1024**3),
    }
    answered = call(app, "/api/workbook", headers, receive)
    assert answered[0]["status"] == 413
    assert read == []
    assert b"CARVEOUT_MAX_UPLOAD_BYTES" in answered[1]["body"]


def test_an_endless_upload_is_refused_with_413_once_it_passes_the_limit(
    database_url: str, token_for: TokenFor
) -> None:
    app = small_app(database_url)
    upload = EndlessUpload()
    headers = {
        "host": "localhost",
        "authorization": f"Bearer {token_for('editor')}",
        "content-type": f"multipart/form-data; boundary={BOUNDARY}",
    }
    answered = call(app, "/api/workbook", headers, upload)
    assert answered[0]["status"] == 413
    assert LIMIT < upload.sent <= LIMIT + ENVELOPE_BYTES + 2 * CHUNK


def test_the_workbook_page_says_the_upload_is_too_large(database_url: str) -> None:
    from tests.web.conftest import signed_in

    with TestClient(small_app(database_url), base_url=BASE_URL) as client:
        response = signed_in(client, "editor", "WMERC").post(
            "/workbook", files={"file": ("big.xlsx", b"x" * (LIMIT + ENVELOPE_BYTES))}
        )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "CARVEOUT_MAX_UPLOAD_BYTES" in response.text
    assert 'href="/workbook"' in response.text


def test_a_body_within_the_limit_reaches_the_route(database_url: str) -> None:
    from tests.web.conftest import signed_in

    with TestClient(small_app(database_url), base_url=BASE_URL) as client:
        response = signed_in(client).post(
            "/api/workbook", files={"file": ("small.xlsx", b"not a workbook")}
        )
    assert response.status_code == 422
    assert "not a valid .xlsx" in response.json()["message"]
