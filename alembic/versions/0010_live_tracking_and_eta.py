"""Live rider tracking for the customer, and an arrival time on each order

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 21:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_KINDS = ("rider_location", "rider_location_end", "rider_nearby")


def upgrade() -> None:
    # New nullable columns and new tables: the previous version neither reads nor writes them.
    with op.batch_alter_table("orders", recreate="never") as orders:  # see 0004: no rebuild
        orders.add_column(sa.Column("prep_minutes", sa.Integer(), nullable=True))
        orders.add_column(sa.Column("eta_at", sa.DateTime(timezone=True), nullable=True))
        orders.add_column(sa.Column("promised_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "trackings",
        sa.Column("order_number", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("rider_id", sa.BigInteger(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("shown_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("nearby_told", sa.Boolean(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("order_number", name=op.f("pk_trackings")),
    )
    op.create_index(op.f("ix_trackings_rider_id"), "trackings", ["rider_id"])
    op.create_table(
        "live_maps",
        sa.Column("order_number", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("order_number", name=op.f("pk_live_maps")),
    )


def downgrade() -> None:
    # The older code cannot render the new kinds still queued, and keeps no rider positions
    # for customers: both go.
    kinds = ", ".join(f"'{kind}'" for kind in NEW_KINDS)
    op.execute(f"DELETE FROM outbox WHERE kind IN ({kinds})")
    op.execute("DELETE FROM deadlines WHERE kind = 'late'")
    op.drop_table("live_maps")
    op.drop_index(op.f("ix_trackings_rider_id"), table_name="trackings")
    op.drop_table("trackings")
    with op.batch_alter_table("orders", recreate="never") as orders:  # see 0004: no rebuild
        orders.drop_column("promised_at")
        orders.drop_column("eta_at")
        orders.drop_column("prep_minutes")
