"""Record versions, for optimistic concurrency: a change says which version of a record it
was made against, and the store refuses it, under its write lock, when that is no longer the
stored one.

A record's version is a hash of its canonical JSON (RFC 8785), so it needs no column of
its own and is the same on every backend and in every process: two records with the same
content have the same version, and any change to any field gives another.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass

from carveout.access import Principal
from carveout.access.policy import sees_record
from carveout.domain import Portfolio, Record
from carveout.errors import Conflict, NotFound
from carveout.storage.canonical import dumps

ANY = "*"
"""The version that matches any stored version (but not a missing record)."""
ABSENT = "absent"
"""The version that matches only a missing record: a change that means to add it."""


def version(record: Record) -> str:
    """The version of ``record``: 32 hex digits of the SHA-256 of its canonical JSON."""
    return hashlib.sha256(dumps(record.model_dump(mode="json"))).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a write of one record expects to find stored, checked under the write lock.

    ``versions``: the versions the change was made against (any of them will do; :data:`ANY`
    for any version, :data:`ABSENT` for none stored); None to expect nothing about it.
    ``exists``: the record must be there (a delete), else :class:`~carveout.errors.NotFound`.
    """

    kind: str
    key: str
    versions: Collection[str] | None = None
    exists: bool = False

    def check(self, current: Portfolio, principal: Principal | None) -> None:
        """Raise :class:`NotFound` or :class:`Conflict` unless ``current`` holds the record as
        expected (a record ``principal`` may not see counts as missing)."""
        record = current.by_key(self.kind).get(self.key)
        if principal is not None and not sees_record(principal, record):
            record = None
        if record is None and self.exists:
            raise NotFound(f"There is no {self.kind} {self.key!r}; someone may have removed it.")
        if self.versions is None:
            return
        stored = None if record is None else version(record)
        if stored is None and ABSENT in self.versions:
            return
        if stored is None or (ANY not in self.versions and stored not in self.versions):
            raise Conflict(self.kind, self.key, current=record, version=stored)
