"""How many uploaded workbooks a server process reads at once, and giving the memory back.

Reading, checking and comparing a workbook holds the whole portfolio in memory several
times over (its rows, its records, the stored portfolio it is compared with), so eight
uploads read side by side need eight times the memory of one. Uploads past the
``import_concurrency`` setting (``CARVEOUT_IMPORT_CONCURRENCY``, default 1) wait their
turn instead, already on disk. After each, the memory it freed is handed back to the
operating system: glibc keeps freed memory in per-thread arenas otherwise, and a server
that once read eight workbooks at once would hold that peak for good.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from carveout.config import get_settings


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None)  # glibc only
    return None if trim is None else trim


def release_memory() -> None:
    """Collect garbage and return the C heap's free pages to the operating system."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class ImportGate:
    """At most ``slots`` workbook imports at once; the rest wait their turn."""

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)
        self._semaphore = threading.BoundedSemaphore(self.slots)

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Wait for a free slot, hold it while the body runs, then hand memory back."""
        with self._semaphore:
            try:
                yield
            finally:
                release_memory()


_gates: dict[int, ImportGate] = {}
_lock = threading.Lock()


def import_gate() -> ImportGate:
    """The process's gate, sized by the ``import_concurrency`` setting."""
    slots = get_settings().import_concurrency
    with _lock:
        gate = _gates.get(slots)
        if gate is None:
            gate = _gates[slots] = ImportGate(slots)
        return gate


__all__ = ["ImportGate", "import_gate", "release_memory"]
