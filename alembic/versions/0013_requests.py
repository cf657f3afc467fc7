"""Requests to the store and the rider (요청사항): on drafts, carts and orders

Revision ID: 0013
Revises: 0012a
Create Date: 2026-12-04 21:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # New nullable columns: the previous version neither reads nor writes them.
    for table in ("drafts", "carts"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("requests", sa.JSON(), nullable=True))
    with op.batch_alter_table("orders", recreate="never") as orders:  # see 0004: no rebuild
        orders.add_column(sa.Column("requests", sa.JSON(), nullable=True))


def downgrade() -> None:
    # The requests are dropped with their columns: the older code never shows them.
    with op.batch_alter_table("orders", recreate="never") as orders:
        orders.drop_column("requests")
    for table in ("carts", "drafts"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("requests")
