"""Storage: the portfolio, its audit trail and saved results in SQLite or PostgreSQL.

>>> store = open_store("sqlite:///carveout.db")  # migrates to the newest schema
>>> portfolio = store.load()
"""

from carveout.storage.audit import AuditEntry
from carveout.storage.results import ResultInfo
from carveout.storage.store import Store, open_store

__all__ = ["AuditEntry", "ResultInfo", "Store", "open_store"]
