"""Single sign-on's pending state: carried by the browser, but sealed with the server secret."""

from __future__ import annotations

import time

from carveout.access.sso import Pending, seal, unseal

SECRET = b"s" * 48


def _pending(**changes: object) -> Pending:
    values: dict[str, object] = {
        "organisation": "WARKS",
        "state": "st",
        "nonce": "no",
        "verifier": "ve",
        "redirect_uri": "http://localhost/login/sso/WARKS/callback",
        "next": "/plan",
        "expires": time.time() + 600,
    }
    return Pending(**{**values, **changes})  # type: ignore[arg-type]


def test_a_sealed_sign_in_opens_again_with_the_same_secret() -> None:
    pending = _pending()

    assert unseal(seal(pending, SECRET), SECRET) == pending


def test_a_sign_in_sealed_with_another_secret_altered_or_expired_does_not_open() -> None:
    sealed = seal(_pending(), SECRET)
    body, _, mac = sealed.rpartition(".")

    assert unseal(sealed, b"t" * 48) is None
    assert unseal(body[:-2] + "xx." + mac, SECRET) is None
    assert unseal(seal(_pending(expires=time.time() - 1), SECRET), SECRET) is None
    assert unseal(None, SECRET) is None and unseal("garbage", SECRET) is None
