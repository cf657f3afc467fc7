"""The store's message about each order (its new-order alert), edited as the order moves

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 16:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new table: the previous version neither reads nor writes it.
    op.create_table(
        "store_cards",
        sa.Column("order_number", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("order_number", "chat_id", name=op.f("pk_store_cards")),
    )


def downgrade() -> None:
    # The older code sends no store_card rows and cannot render those still queued.
    op.execute("DELETE FROM outbox WHERE kind = 'store_card'")
    op.drop_table("store_cards")
