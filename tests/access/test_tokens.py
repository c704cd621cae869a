"""API tokens and the server secret: only a keyed hash is stored; the secret is private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from carveout.access.tokens import (
    looks_like_token,
    new_token,
    secret_file,
    server_secret,
    token_digest,
)
from carveout.config import Settings
from carveout.errors import CarveoutError

SECRET = b"s" * 48


def test_a_token_carries_its_prefix_and_is_stored_as_its_hmac() -> None:
    token = new_token(SECRET)

    assert token.value.startswith(f"carveout_{token.prefix}_") and len(token.prefix) == 8
    assert looks_like_token(token.value)
    assert token.digest == token_digest(token.value, SECRET) and len(token.digest) == 64
    assert token.digest != token_digest(token.value, b"t" * 48)
    assert token.value not in token.digest


def test_tokens_differ_and_odd_values_are_not_taken_for_tokens() -> None:
    assert new_token(SECRET).value != new_token(SECRET).value
    assert not looks_like_token("Basic dXNlcjpwYXNz")
    assert not looks_like_token("carveout_short")


def test_the_secret_key_setting_wins_and_must_be_long(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"

    assert server_secret(Settings(secret_key="k" * 40), url) == b"k" * 40
    with pytest.raises(CarveoutError, match="too short"):
        server_secret(Settings(secret_key="short"), url)
    assert not (tmp_path / "c.db.secret").exists()


def test_without_the_setting_a_private_file_beside_the_database_holds_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"

    first = server_secret(Settings(secret_key=""), url)
    again = server_secret(Settings(secret_key=""), url)

    path = tmp_path / "c.db.secret"
    assert first == again and len(first) >= 48
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["c.db.secret"]


def test_postgresql_needs_the_secret_key_setting() -> None:
    url = "postgresql+psycopg://localhost/carveout"

    assert secret_file(url) is None
    with pytest.raises(CarveoutError, match="Set CARVEOUT_SECRET_KEY"):
        server_secret(Settings(secret_key=""), url)
