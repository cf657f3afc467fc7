"""Saved addresses: a customer's latest places, offered at the next order's address questions

Revision ID: 0012a
Revises: 0010
Create Date: 2026-12-10 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0012a"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new table: the previous version neither reads nor writes it.
    op.create_table(
        "saved_addresses",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_addresses")),
    )
    op.create_index(op.f("ix_saved_addresses_customer_id"), "saved_addresses", ["customer_id"])


def downgrade() -> None:
    # The older code has no saved addresses: the table goes, and nothing else changed.
    op.drop_index(op.f("ix_saved_addresses_customer_id"), table_name="saved_addresses")
    op.drop_table("saved_addresses")
