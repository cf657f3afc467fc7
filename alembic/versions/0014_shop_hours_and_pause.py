"""Opening hours typed in chat and a pause, kept for every replica

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-10 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new table only: the previous version neither reads nor writes it.
    op.create_table(
        "shop_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hours", sa.Text(), nullable=True),
        sa.Column("paused_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop_state")),
    )


def downgrade() -> None:
    # The older code has no hours in chat and no pause: the shop is open again, by
    # OPENING_HOURS' absence always. Nothing else changed.
    op.drop_table("shop_state")
