"""Uploaded workbooks are read a bounded number at a time; the rest wait their turn."""

from __future__ import annotations

import threading
import time

import pytest

from carveout.config import get_settings
from carveout.web.import_gate import ImportGate, import_gate


def test_with_one_slot_a_second_import_waits_until_the_first_is_done() -> None:
    gate = ImportGate(1)
    order: list[str] = []
    first_in, first_may_leave = threading.Event(), threading.Event()

    def first() -> None:
        with gate.turn():
            order.append("first in")
            first_in.set()
            first_may_leave.wait(5)
            order.append("first out")

    def second() -> None:
        with gate.turn():
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert first_in.wait(5)
    threads[1].start()
    time.sleep(0.2)
    assert order == ["first in"]
    first_may_leave.set()
    for thread in threads:
        thread.join(5)
    assert order == ["first in", "first out", "second in"]


def test_a_failed_import_gives_its_slot_back() -> None:
    gate = ImportGate(1)
    with pytest.raises(ValueError), gate.turn():
        raise ValueError("unreadable")
    with gate.turn():
        pass


def test_the_gate_has_as_many_slots_as_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARVEOUT_IMPORT_CONCURRENCY", "3")
    get_settings.cache_clear()
    assert import_gate().slots == 3
    assert import_gate() is import_gate()
