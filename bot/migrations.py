"""Bringing the database schema to the latest Alembic migration."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


def alembic_config(database_url: str) -> Config:
    if not ALEMBIC_INI.exists():
        raise FileNotFoundError(
            f"{ALEMBIC_INI} not found: install ppalli from its source folder (pip install -e .)"
        )
    config = Config(str(ALEMBIC_INI))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logging"] = False
    return config


async def upgrade(database_url: str) -> None:
    """Apply every migration not yet applied (Alembic runs its own event loop, in a thread)."""
    await asyncio.to_thread(command.upgrade, alembic_config(database_url), "head")
