"""How big a workbook carveout reads: rows, columns and the text of a cell.

The import holds a workbook's whole portfolio in memory, so its size is bounded before it
is held: each row is checked as it is read (:class:`RowBudget`), and a workbook past a
limit is refused at the first row that passes it, naming the sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_ROWS = 100_000
"""The most rows with values a workbook may have, all its sheets together: the import holds
them all in memory (a 29,000-record portfolio has about as many rows)."""

MAX_COLUMNS = 100
"""The most columns a sheet's rows may use (a carveout sheet has a few dozen at most)."""

MAX_CELL_CHARACTERS = 32_767
"""The longest text a cell may hold: Excel's own limit, so only a hostile file passes it."""


class RowBudget:
    """Counts the rows of one workbook read so far and checks each row against the limits."""

    def __init__(self, source: str, max_rows: int = MAX_ROWS) -> None:
        self.source = source
        self.max_rows = max_rows
        self.rows = 0

    def problem(self, sheet: str, number: int, values: Sequence[object]) -> str | None:
        """Count row ``number`` of ``sheet`` (its ``values`` without trailing blanks) and say
        what is wrong with it, if anything."""
        self.rows += 1
        where = f"{self.source}, sheet {sheet}, row {number}"
        if self.rows > self.max_rows:
            return (
                f"{where}: the workbook has more than the {self.max_rows:,} rows carveout "
                "imports at once. Split the portfolio, or remove rows it does not need."
            )
        if len(values) > MAX_COLUMNS:
            return (
                f"{where}: it uses {len(values):,} columns, more than the {MAX_COLUMNS} a sheet "
                "may have. Delete the columns past the table (select them, Delete)."
            )
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
                return (
                    f"{where}, column {column}: the cell holds {len(value):,} characters, more "
                    f"than the {MAX_CELL_CHARACTERS:,} a cell may. Shorten it."
                )
        return None
