"""RFC 8785 (JSON Canonicalization Scheme) bytes of audit entries, quickly.

The ``rfc8785`` package is the reference; it is pure Python and spends most of a
verification's time. For the values audit entries hold — strings, booleans, nulls,
integers and floats of ordinary size, string keys — the standard library's C encoder
writes the same bytes once floats are written as JCS writes them, so this module uses
it for those and hands anything else (a float JCS writes with an exponent, an integer
beyond 2^53, a key outside the Basic Multilingual Plane, a non-string key…) to
``rfc8785``. A property test checks the two agree.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

_SAFE_INTEGER = 2**53 - 1
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
)


class _Unusual(Exception):
    """A value the fast path does not write exactly as JCS does."""


def dumps(value: Any) -> bytes:
    """The RFC 8785 canonical JSON of ``value``, as ``rfc8785.dumps`` gives it."""
    try:
        plain = _plain(value)
    except _Unusual:
        return rfc8785.dumps(value)
    try:
        return _ENCODER.encode(plain).encode("utf-8")
    except (UnicodeEncodeError, ValueError):
        return rfc8785.dumps(value)  # raises the package's own error


def _plain(value: Any) -> Any:
    """``value`` with floats as JCS writes them (integral ones as integers), or
    :class:`_Unusual` when the standard encoder would write something else."""
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return value
    if kind is int:
        if -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
            return value
        raise _Unusual
    if kind is float:
        return _float(value)
    if kind is dict:
        out = {}
        for key, item in value.items():
            # Keys sort by UTF-16 code units in JCS, by code points here: the same order
            # unless a key holds a character beyond U+FFFF.
            if type(key) is not str or (not key.isascii() and max(key) > "\uffff"):
                raise _Unusual
            # Strings and nulls, most of a record, need no conversion.
            out[key] = item if item is None or type(item) is str else _plain(item)
        return out
    if kind is list or kind is tuple:
        return [item if type(item) is str else _plain(item) for item in value]
    raise _Unusual


def _float(value: float) -> float | int:
    if value.is_integer():
        if -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
            return int(value)  # JCS writes 250000.0 as 250000, as Python writes the int
        raise _Unusual
    # Python's repr and JCS both write the shortest digits that round-trip; they differ
    # only in when they switch to an exponent (also for NaN and infinities).
    if "e" in repr(value) or value != value:
        raise _Unusual
    return value
