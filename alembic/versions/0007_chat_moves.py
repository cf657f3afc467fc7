"""Chats that moved: a group upgraded to a supergroup has a new id, where its alerts go

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chat_moves",
        sa.Column("from_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("to_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("from_chat_id", name=op.f("pk_chat_moves")),
    )


def downgrade() -> None:
    op.drop_table("chat_moves")
