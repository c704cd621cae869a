"""Passwords: argon2id hashes (``pwdlib``), the rules a new password must meet, and
generated passwords.

A password is never stored, logged or printed except once, when carveout generated it.
"""

from __future__ import annotations

import secrets
import string
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.argon2 import Argon2Hasher

from carveout.errors import CarveoutError

MIN_LENGTH = 12
"""The shortest password a user may choose (ASVS 5.0 asks for at least 8, suggests 15)."""
MAX_LENGTH = 128
"""The longest: long enough for any passphrase, short enough that hashing stays cheap."""
GENERATED_LENGTH = 20
_ALPHABET = string.ascii_letters + string.digits
_CONTEXT_WORDS = ("carveout", "password", "passw0rd", "letmein", "qwerty", "123456")


class WeakPassword(CarveoutError):
    """A password that breaks one of the rules; the message says which and what to do."""


@lru_cache(maxsize=1)
def _hasher() -> PasswordHash:
    # argon2-cffi's defaults are RFC 9106's second recommendation: argon2id, 64 MiB,
    # three passes, four lanes: about a tenth of a second, so guessing offline is slow.
    return PasswordHash((Argon2Hasher(),))


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``, with its own random salt and parameters."""
    return _hasher().hash(password)


def verify_password(password: str, stored: str | None) -> tuple[bool, str | None]:
    """Whether ``password`` matches the ``stored`` hash, and a new hash to store when the
    stored one was made with weaker parameters than today's (else None).

    Without a stored hash (an unknown user, or one who signs in only by single
    sign-on) a dummy hash is checked instead, so the time taken does not tell
    whether the account exists.
    """
    try:
        if stored is None:
            _hasher().verify(password, _dummy_hash())
            return False, None
        return _hasher().verify_and_update(password, stored)
    except UnknownHashError:
        return False, None


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))


def check_password(password: str, *, email: str = "", name: str = "") -> str:
    """``password`` if it may be used by the user with ``email`` and ``name``.

    Raises :class:`WeakPassword` saying which rule it breaks: at least
    :data:`MIN_LENGTH` characters, at most :data:`MAX_LENGTH`, not one character
    repeated, and not containing the user's name, the local part of their
    e-mail address or a word everyone tries first.
    """
    if len(password) < MIN_LENGTH:
        raise WeakPassword(
            f"A password needs at least {MIN_LENGTH} characters (this one has "
            f"{len(password)}): a few words in a row are easy to remember and hard to guess."
        )
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"A password may have at most {MAX_LENGTH} characters.")
    if len(set(password)) < 4:
        raise WeakPassword("A password needs more than three different characters.")
    lowered = password.lower()
    words = [*_CONTEXT_WORDS, email.partition("@")[0].lower(), *name.lower().split()]
    found = next((w for w in words if len(w) >= 4 and w in lowered), None)
    if found is not None:
        raise WeakPassword(
            f"A password may not contain {found!r}: it is among the first things guessed."
        )
    return password


def generate_password(length: int = GENERATED_LENGTH) -> str:
    """A random password of letters and digits (about 119 bits for 20 characters)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "WeakPassword",
    "check_password",
    "generate_password",
    "hash_password",
    "verify_password",
]
