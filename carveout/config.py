"""Settings, read once from the environment (``CARVEOUT_*``)."""

from __future__ import annotations

import getpass
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything carveout reads from the environment.

    ``CARVEOUT_DATABASE_URL`` selects the store: a SQLite file in the working
    directory by default, or e.g. ``postgresql+psycopg://localhost/carveout``.
    """

    model_config = SettingsConfigDict(env_prefix="CARVEOUT_")

    database_url: str = f"sqlite:///{Path.cwd() / 'carveout.db'}"
    actor: str = ""
    output_dir: Path = Path("carveout-output")
    max_upload_bytes: int = 50 * 1024 * 1024

    @property
    def operator(self) -> str:
        """Who the audit trail names for changes made from this process."""
        return self.actor or getpass.getuser()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
