"""Sessions: a random cookie stored only as its SHA-256, and when a session ends."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from carveout.access.sessions import Timeouts, cookie_name, new_session, same_token, session_id

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TIMEOUTS = Timeouts(idle=timedelta(minutes=60), absolute=timedelta(hours=12))


def test_a_session_is_256_random_bits_stored_as_their_sha256() -> None:
    session = new_session()

    assert len(session.cookie) == 43  # 32 bytes, URL-safe base64
    assert (
        session.id
        == hashlib.sha256(session.cookie.encode()).hexdigest()
        == session_id(session.cookie)
    )
    assert session.cookie not in session.id
    assert new_session().cookie != session.cookie and len(session.csrf) == 43


def test_a_session_ends_when_idle_too_long_or_at_its_absolute_expiry() -> None:
    expires = TIMEOUTS.expires(START)

    assert TIMEOUTS.alive(last_seen=START, expires=expires, now=START + timedelta(minutes=59))
    assert not TIMEOUTS.alive(last_seen=START, expires=expires, now=START + timedelta(minutes=60))
    busy = expires - timedelta(minutes=1)
    assert TIMEOUTS.alive(last_seen=busy, expires=expires, now=busy)
    assert not TIMEOUTS.alive(last_seen=busy, expires=expires, now=expires)


def test_last_seen_is_written_at_most_once_a_minute() -> None:
    assert not TIMEOUTS.needs_touch(last_seen=START, now=START + timedelta(seconds=59))
    assert TIMEOUTS.needs_touch(last_seen=START, now=START + timedelta(seconds=60))


def test_csrf_tokens_are_compared_whole() -> None:
    assert same_token("abc", "abc")
    assert not same_token("abd", "abc") and not same_token(None, "abc")


def test_over_https_the_cookie_is_bound_to_the_host() -> None:
    assert cookie_name(secure=True) == "__Host-carveout_session"
    assert cookie_name(secure=False) == "carveout_session"
