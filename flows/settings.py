"""Run settings from flags with environment fallbacks (JIXIAO_INBOX, JIXIAO_DB, JIXIAO_DATA)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    inbox: Path
    db: Path
    data_dir: Path

    @classmethod
    def from_env(cls, inbox: str | None = None, db: str | None = None) -> Settings:
        """Flags win over the environment, which wins over the defaults (samples/inbox, data/warehouse.duckdb)."""
        db_path = Path(db or os.environ.get("JIXIAO_DB", "data/warehouse.duckdb"))
        data_dir = Path(os.environ.get("JIXIAO_DATA", str(db_path.parent)))
        return cls(
            inbox=Path(inbox or os.environ.get("JIXIAO_INBOX", "samples/inbox")),
            db=db_path,
            data_dir=data_dir,
        )
