"""Passwords: argon2id hashes, the rules for a chosen password, generated passwords."""

from __future__ import annotations

import pytest

from carveout.access.passwords import (
    WeakPassword,
    check_password,
    generate_password,
    hash_password,
    verify_password,
)


def test_a_hash_is_argon2id_salted_and_verifies_only_its_password() -> None:
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")

    assert first.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert first != second
    assert verify_password("correct horse battery", first) == (True, None)
    assert verify_password("correct horse batterY", first) == (False, None)


def test_a_hash_made_with_weaker_parameters_is_replaced_on_sign_in() -> None:
    from pwdlib.hashers.argon2 import Argon2Hasher

    weak = Argon2Hasher(time_cost=1, memory_cost=8192, parallelism=1).hash("old but right")

    matches, rehashed = verify_password("old but right", weak)

    assert matches and rehashed is not None and rehashed.startswith("$argon2id$v=19$m=65536")


def test_without_a_stored_hash_or_with_a_foreign_one_nothing_matches() -> None:
    assert verify_password("anything at all", None) == (False, None)
    assert verify_password("anything at all", "$2b$12$notargon") == (False, None)


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short", "at least 12 characters"),
        ("x" * 129, "at most 128"),
        ("abababababababab", "more than three different characters"),
        ("my carveout login", "may not contain 'carveout'"),
        ("annsmith-2024-spring", "may not contain 'annsmith'"),
        ("Bloggs in the spring", "may not contain 'bloggs'"),
    ],
)
def test_a_weak_password_is_refused_saying_which_rule(password: str, why: str) -> None:
    with pytest.raises(WeakPassword, match=why):
        check_password(password, email="annsmith@warks.example", name="Jo Bloggs")


def test_a_long_passphrase_is_accepted() -> None:
    assert check_password("four random words here", email="ann@warks.example")


def test_generated_passwords_are_twenty_letters_and_digits_and_differ() -> None:
    made = {generate_password() for _ in range(50)}

    assert len(made) == 50
    assert all(len(p) == 20 and p.isalnum() for p in made)
