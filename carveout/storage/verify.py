"""Verifying the audit trail: the hash chain, the seals, the witnesses and the stored records.

:func:`verify` reads the whole trail once, in id order and in one snapshot, and
checks that

- every entry's content matches its hash (else it was altered);
- every entry's ``prev_hash`` is the hash of the entry before it (else the entry
  before was altered and re-hashed), and ids do not skip (else entries were removed);
- the trail ends at the last entry carveout wrote (else entries were inserted after
  it, or removed from the end), and the entries sealed at the upgrade still hash to
  the seal;
- each witness (``ID:HASH`` from ``carveout audit checkpoint`` or a governance pack)
  still names an entry of that hash (else the history up to it was rewritten);
- replaying the trail gives exactly the records stored now (:mod:`carveout.storage.replay`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from carveout.errors import CarveoutError
from carveout.storage import tables as t
from carveout.storage.chain import (
    CONTENT,
    GENESIS,
    HEAD,
    UPGRADE_SEAL,
    Link,
    as_utc,
    entry_hash,
    read_seal,
)
from carveout.storage.replay import Finding, Replay

_WITNESS = re.compile(r"^\s*(\d+)\s*:\s*([0-9a-fA-F]{64})\s*$")
_BATCH = 2000


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A witness of the head: entry ``id`` had hash ``hash`` when it was taken."""

    id: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """``"1234:<64 hex digits>"`` as printed by ``carveout audit checkpoint``."""
        match = _WITNESS.match(text)
        if match is None:
            raise CarveoutError(
                f"{text!r} is not a witness: write it as ENTRY:HASH, the entry id and its "
                "64-digit SHA-256, as carveout audit checkpoint prints it (e.g. 1234:9f86d0…)."
            )
        return cls(int(match.group(1)), match.group(2).lower())


@dataclass(frozen=True, slots=True)
class Verification:
    """What :func:`verify` found: ``ok`` when nothing was."""

    entries: int
    head: Link | None
    """The last entry of the trail, its hash and when it was written."""
    seal: Link | None
    """Where the chain began (:data:`carveout.storage.chain.UPGRADE_SEAL`)."""
    records: int
    chain: tuple[Finding, ...]
    witnesses: tuple[Finding, ...]
    held: tuple[Checkpoint, ...]
    data: tuple[Finding, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every problem: the chain's (first entry first), the witnesses', the records'."""
        return self.chain + self.witnesses + self.data

    @property
    def completeness(self) -> str:
        """From where the chain is complete, in a sentence."""
        if self.seal is None:
            return "Where the chain began is not recorded."
        when = f"{self.seal.at:%d %b %Y at %H:%M} UTC"
        if self.seal.id == 0:
            return f"Every entry was chained as it was written (the chain began on {when})."
        first = "Entry 1 was" if self.seal.id == 1 else f"Entries 1–{self.seal.id} were"
        return (
            f"{first} recorded before the chain existed and sealed on {when}; from "
            f"{self.seal.id + 1} every entry was chained as it was written."
        )


def verify(engine: Engine, *, checkpoints: Sequence[Checkpoint] = ()) -> Verification:
    """Check the whole trail, the witnesses ``checkpoints`` and the stored records."""
    started = time.perf_counter()
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # One snapshot for the trail and the records, as SQLite's transactions give anyway.
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            seal = read_seal(connection, UPGRADE_SEAL)
            recorded_head = read_seal(connection, HEAD)
            walk = _Walk(seal, checkpoints)
            replay = Replay()
            columns = [t.audit.c[name] for name in (*CONTENT, "prev_hash", "hash")]
            query = select(*columns).order_by(t.audit.c.id).execution_options(yield_per=_BATCH)
            for row in connection.execute(query).mappings():
                walk.step(row)
                replay.step(row)
            records, data = replay.compare(connection)
    chain = walk.finish(recorded_head)
    witnesses, held = walk.witnesses(checkpoints)
    return Verification(
        entries=walk.count,
        head=walk.head,
        seal=seal,
        records=records,
        chain=tuple(chain),
        witnesses=tuple(witnesses),
        held=tuple(held),
        data=tuple(data),
        seconds=time.perf_counter() - started,
    )


class _Walk:
    """The chain's checks, fed the trail in id order."""

    def __init__(self, seal: Link | None, checkpoints: Sequence[Checkpoint]) -> None:
        self.seal = seal
        self.sealed_through = seal.id if seal is not None else 0
        self.count = 0
        self.last_id = 0
        self.last_hash: str | None = GENESIS
        self.last_at: Any = None
        self.found: dict[int, Finding] = {}
        self.wanted = {c.id for c in checkpoints} | {self.sealed_through}
        self.hashes: dict[int, str | None] = {}

    def step(self, row: Mapping[Any, Any]) -> None:
        number: int = row["id"]
        stored: str | None = row["hash"]
        prev: str | None = row["prev_hash"]
        self.count += 1
        if number in self.wanted:
            self.hashes[number] = stored
        linked = prev == self.last_hash
        skipped = number != self.last_id + 1
        # An entry that does not match its own hash says nothing about the one before it.
        intact = stored is not None and entry_hash(row, prev or "") == stored
        if skipped and not (linked and number - 1 <= self.sealed_through):
            gone = self.last_id + 1
            which = _span(gone, number - 1)
            self._find(gone, f"{which} removed: the ids skip from {self.last_id} to {number}.")
        elif intact and not linked and self.last_id == 0:
            self._find(number, f"entry {number} was altered: it does not start the chain.")
        elif intact and not linked:
            self._find(
                self.last_id,
                f"entry {self.last_id} was altered and its hash recomputed: entry {number} was "
                "chained to a different hash.",
            )
        if stored is None:
            self._find(number, f"entry {number} has no hash: it was written behind carveout's back")
        elif not intact:
            self._find(number, f"entry {number} was altered: its content does not match its hash")
        self.last_id, self.last_hash = number, stored
        self.last_at = row["at"]

    @property
    def head(self) -> Link | None:
        """The last entry read, its hash and when it was written."""
        if not self.count:
            return None
        return Link(self.last_id, self.last_hash or "", as_utc(self.last_at))

    def finish(self, recorded: Link | None) -> list[Finding]:
        """The chain's findings, first entry first, once the whole trail has been read."""
        if self.seal is None and self.count:
            self._find(None, "The record of where the chain began was deleted.")
        elif self.seal is not None and self.seal.id > 0:
            now = self.hashes.get(self.seal.id)
            if now is not None and now != self.seal.hash:
                self._find(
                    self.seal.id,
                    f"entry {self.seal.id} no longer has the hash it was sealed with on "
                    f"{self.seal.at:%d %b %Y}: the entries up to it were rewritten.",
                )
        self._check_head(recorded)
        numbered = sorted((n, f) for n, f in self.found.items() if n >= 0)
        return [f for _, f in numbered] + [f for n, f in self.found.items() if n < 0]

    def _check_head(self, recorded: Link | None) -> None:
        if recorded is None:
            if self.count:
                self._find(None, "The record of the last entry carveout wrote was deleted.")
            return
        written = f"entry {recorded.id}, on {recorded.at:%d %b %Y at %H:%M} UTC"
        if self.last_id > recorded.id:
            extra = recorded.id + 1
            self._find(
                extra,
                f"entry {extra} comes after the last entry carveout wrote ({written}): it was "
                "inserted behind carveout's back.",
            )
        elif self.last_id < recorded.id:
            gone = self.last_id + 1
            which = _span(gone, recorded.id)
            self._find(gone, f"{which} removed from the end: carveout last wrote {written}.")
        elif recorded.hash != self.last_hash:
            self._find(
                recorded.id,
                f"entry {recorded.id} is not the entry carveout wrote last: its hash changed.",
            )

    def witnesses(
        self, checkpoints: Sequence[Checkpoint]
    ) -> tuple[list[Finding], list[Checkpoint]]:
        """A finding for each witness that no longer holds, and those that do."""
        found: list[Finding] = []
        held: list[Checkpoint] = []
        for witness in checkpoints:
            shown = f"{witness.id}:{witness.hash[:12]}…"
            if witness.id not in self.hashes and witness.id > self.last_id:
                found.append(
                    Finding(
                        f"The witness {shown} names entry {witness.id}, but the trail ends at "
                        f"entry {self.last_id}: {_span(self.last_id + 1, witness.id)} removed from "
                        "the end.",
                        entry=self.last_id + 1,
                    )
                )
            elif witness.id not in self.hashes:
                found.append(
                    Finding(
                        f"Entry {witness.id}, which the witness {shown} names, was removed.",
                        entry=witness.id,
                    )
                )
            elif self.hashes[witness.id] != witness.hash:
                found.append(
                    Finding(
                        f"Entry {witness.id} no longer has the hash the witness {shown} recorded: "
                        f"the history up to entry {witness.id} was rewritten.",
                        entry=witness.id,
                    )
                )
            else:
                held.append(witness)
        return found, held

    def _find(self, entry: int | None, what: str) -> None:
        # One finding per entry: the first thing found wrong with it. Findings about no
        # entry get negative keys so they sort last and never collide.
        key = entry if entry is not None else -1 - len(self.found)
        if key not in self.found:
            sentence = what if what.endswith(".") else what + "."
            self.found[key] = Finding(sentence[0].upper() + sentence[1:], entry=entry)


def _span(first: int, last: int) -> str:
    return f"entry {first} was" if first == last else f"entries {first}–{last} were"
