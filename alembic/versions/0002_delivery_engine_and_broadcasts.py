"""Delivery engine and broadcasts: outbox priority, claims and broadcast rows; broadcasts;
order cards; muted and unreachable people

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-20 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIENCE = sa.Enum("customers", "riders", "all", name="audience", native_enum=False, length=20)
BROADCAST_STATE = sa.Enum(
    "draft", "scheduled", "sending", "finished", "cancelled",
    name="broadcaststate", native_enum=False, length=20,
)
DELIVERY_OLD = ("pending", "sent", "failed", "unreachable")
AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _delivery(*states: str) -> sa.Enum:
    return sa.Enum(*states, name="delivery", native_enum=False, length=20)


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("priority", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("broadcast_id", sa.BigInteger(), nullable=True))
        batch.add_column(
            sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True)
        )
        batch.alter_column("state", type_=_delivery(*DELIVERY_OLD, "cancelled"),
                           existing_type=_delivery(*DELIVERY_OLD), existing_nullable=False)
        batch.alter_column("priority", server_default=None)
        batch.drop_index("ix_outbox_state_id")
        batch.drop_index("ix_outbox_chat_id_state")
        batch.create_index("ix_outbox_state_priority_id", ["state", "priority", "id"])
        batch.create_index("ix_outbox_chat_id_state_id", ["chat_id", "state", "id"])
        batch.create_index("ix_outbox_broadcast_id_state", ["broadcast_id", "state"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("muted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("unreachable_since", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "broadcasts",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("audience", AUDIENCE, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", BROADCAST_STATE, nullable=False),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("progress_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_message_id", sa.BigInteger(), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcasts")),
    )
    op.create_index("ix_broadcasts_state", "broadcasts", ["state"])
    op.create_table(
        "order_cards",
        sa.Column("order_number", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("order_number", name=op.f("pk_order_cards")),
    )


def downgrade() -> None:
    op.drop_table("order_cards")
    op.drop_index("ix_broadcasts_state", table_name="broadcasts")
    op.drop_table("broadcasts")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("unreachable_since")
        batch.drop_column("muted_at")
    op.execute("DELETE FROM outbox WHERE state = 'cancelled' OR broadcast_id IS NOT NULL")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_broadcast_id_state")
        batch.drop_index("ix_outbox_chat_id_state_id")
        batch.drop_index("ix_outbox_state_priority_id")
        batch.create_index("ix_outbox_chat_id_state", ["chat_id", "state"])
        batch.create_index("ix_outbox_state_id", ["state", "id"])
        batch.alter_column("state", type_=_delivery(*DELIVERY_OLD),
                           existing_type=_delivery(*DELIVERY_OLD, "cancelled"),
                           existing_nullable=False)
        batch.drop_column("claimed_until")
        batch.drop_column("broadcast_id")
        batch.drop_column("priority")
