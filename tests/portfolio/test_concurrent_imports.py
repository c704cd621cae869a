"""Two imports of different workbooks at once, on each backend: the store ends up holding
exactly one of the two files, never a mixture of them, and the import that committed last
waited for the other and worked out its changes from what that one left."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from carveout.domain import COLLECTIONS, Blackout, Portfolio, RaidEntry, Record
from carveout.domain.changes import diff
from carveout.portfolio import ImportResult, import_workbook
from carveout.portfolio.writing import write_csv_folder
from carveout.storage import Store, open_store

PAIRS = 20


def records(portfolio: Portfolio) -> dict[str, dict[str, Record]]:
    """Every record by kind and key: what a file holds, whatever the order of its rows."""
    return {kind: portfolio.by_key(kind) for kind in COLLECTIONS}


def _two_files(base: Portfolio) -> dict[str, Portfolio]:
    """Two workbooks that each change different records of ``base`` (merged, they would make a
    third portfolio, equal to neither)."""
    cad = base.service_by_code["CAD"].model_copy(update={"name": "Command and control (A)"})
    war = base.party_by_code["WAR"].model_copy(update={"name": "Warwickshire Police (B)"})
    extra_blackout = Blackout(code="A-ONLY", start=date(2022, 5, 1), end=date(2022, 5, 2))
    extra_raid = RaidEntry(code="B-1", kind="issue", title="Only in file B")
    first = base.replace(
        services=tuple(cad if s.code == "CAD" else s for s in base.services),
        blackouts=(*base.blackouts, extra_blackout),
        raid=tuple(r for r in base.raid if r.code != "D-1"),
    )
    second = base.replace(
        parties=tuple(war if p.code == "WAR" else p for p in base.parties),
        blackouts=tuple(b for b in base.blackouts if b.code != "XMAS"),
        raid=(*base.raid, extra_raid),
    )
    return {"A": first, "B": second}


def _race(stores: list[Store], paths: dict[str, Path], order: tuple[str, str]) -> dict[str, object]:
    """Both imports started together, one per store (each with its own connections)."""
    ready = threading.Barrier(len(order))
    done: dict[str, object] = {}

    def run(name: str, store: Store) -> None:
        ready.wait()
        try:
            done[name] = import_workbook(store=store, path=paths[name], actor=f"importer {name}")
        except Exception as error:  # reported by the assertion below
            done[name] = error

    threads = [threading.Thread(target=run, args=pair) for pair in zip(order, stores, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return done


def test_of_two_overlapping_imports_the_store_holds_exactly_one_file_never_a_mixture(
    database_url: str, tmp_path: Path, small_portfolio: Callable[..., Portfolio]
) -> None:
    base = small_portfolio()
    files = _two_files(base)
    mixture = files["A"].replace(parties=files["B"].parties)
    assert records(mixture) not in (records(files["A"]), records(files["B"]))
    paths = {}
    for name, portfolio in files.items():
        paths[name] = tmp_path / name
        write_csv_folder(portfolio, folder=paths[name])
    stores = [open_store(database_url), open_store(database_url)]
    winners: Counter[str] = Counter()
    started = time.perf_counter()
    try:
        for pair in range(PAIRS):
            stores[0].replace(base, actor="reset")  # each pair starts from neither file
            order = ("A", "B") if pair % 2 == 0 else ("B", "A")
            done = _race(stores, paths, order)
            assert all(isinstance(r, ImportResult) for r in done.values()), done
            stored = records(stores[1].load())
            winner = next((n for n, p in files.items() if records(p) == stored), None)
            assert winner is not None, f"pair {pair}: the store holds a mixture of both files"
            loser = "B" if winner == "A" else "A"
            # The import that committed last re-worked its changes from the other's result.
            last = done[winner]
            assert isinstance(last, ImportResult)
            assert last.counts() == ImportResult("", diff(files[loser], files[winner]), ()).counts()
            winners[winner] += 1
    finally:
        for store in stores:
            store.close()
    assert sum(winners.values()) == PAIRS
    assert time.perf_counter() - started < 30
