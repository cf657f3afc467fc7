"""Dispatch: rider onboarding and positions, offers, delivery codes and deadlines

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 09:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=20)


RIDER_STATE = _enum("riderstate", "applying", "pending", "active", "declined", "suspended")
VEHICLE = _enum("vehicle", "foot", "bicycle", "motorbike", "car")
OFFER_STATE = _enum("offerstate", "pending", "accepted", "declined", "expired", "withdrawn")
DEADLINE_KIND = _enum("deadlinekind", "offer_timeout", "store_reminder", "store_expiry",
                      "auto_complete")


def upgrade() -> None:
    # Added in place, server defaults kept: on SQLite, dropping them would rebuild the table,
    # and dropping `orders` there cascades to every order's timeline.
    with op.batch_alter_table("orders", recreate="never") as batch:
        batch.add_column(sa.Column("delivery_code", sa.String(8), nullable=True))
        batch.add_column(sa.Column("code_failures", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("code_waived", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))

    # Riders so far all came from RIDER_IDS: active, listed, applied when approved.
    with op.batch_alter_table("riders") as batch:
        batch.add_column(sa.Column("state", RIDER_STATE, nullable=False,
                                   server_default="active"))
        batch.add_column(sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("vehicle", VEHICLE, nullable=True))
        batch.add_column(sa.Column("online", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch.add_column(sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("missed_offers", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("awaiting_code_for", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("listed", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))
        batch.alter_column("approved_at", existing_type=sa.DateTime(timezone=True),
                           nullable=True)
    op.execute("UPDATE riders SET applied_at = approved_at")
    with op.batch_alter_table("riders") as batch:
        batch.alter_column("applied_at", existing_type=sa.DateTime(timezone=True),
                           nullable=False)
        for column in ("state", "online", "missed_offers", "listed"):
            batch.alter_column(column, server_default=None)

    op.create_table(
        "offers",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("order_number", sa.BigInteger(), nullable=False),
        sa.Column("rider_id", sa.BigInteger(), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("state", OFFER_STATE, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    op.create_index("ix_offers_order_number", "offers", ["order_number"])
    op.create_index("ix_offers_state", "offers", ["state"])
    for name, column in (("ux_offers_pending_order", "order_number"),
                         ("ux_offers_pending_rider", "rider_id")):
        op.create_index(name, "offers", [column], unique=True,
                        sqlite_where=sa.text("state = 'pending'"),
                        postgresql_where=sa.text("state = 'pending'"))
    op.create_table(
        "deadlines",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("kind", DEADLINE_KIND, nullable=False),
        sa.Column("order_number", sa.BigInteger(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("offer_id", sa.BigInteger(), nullable=True),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
    )
    op.create_index("ix_deadlines_order_number", "deadlines", ["order_number"])
    op.create_index("ix_deadlines_fired_at_due_at", "deadlines", ["fired_at", "due_at"])
    _deadlines_for_open_orders()


def _deadlines_for_open_orders() -> None:
    """Orders already waiting for the store, or delivered and unconfirmed, get the deadlines
    new ones get (with the default times, counted from now)."""
    bind = op.get_bind()
    now = datetime.now(UTC)
    if bind.dialect.name == "sqlite":  # stored as naive UTC there (see UTCDateTime)
        now = now.replace(tzinfo=None)
    orders = sa.table("orders", sa.column("number"), sa.column("status"))
    deadlines = sa.table("deadlines", sa.column("kind"), sa.column("order_number"),
                         sa.column("due_at", sa.DateTime(timezone=True)))
    due = {"placed": ("store_expiry", timedelta(minutes=10)),
           "delivered": ("auto_complete", timedelta(hours=24))}
    rows = bind.execute(sa.select(orders.c.number, orders.c.status)
                        .where(orders.c.status.in_(list(due)))).all()
    values = [{"kind": due[status][0], "order_number": number, "due_at": now + due[status][1]}
              for number, status in rows]
    if values:
        bind.execute(deadlines.insert(), values)


def downgrade() -> None:
    op.drop_table("deadlines")
    op.drop_table("offers")
    op.execute("DELETE FROM riders WHERE approved_at IS NULL")
    with op.batch_alter_table("riders") as batch:
        batch.alter_column("approved_at", existing_type=sa.DateTime(timezone=True),
                           nullable=False)
        for column in ("listed", "awaiting_code_for", "missed_offers", "seen_at", "lon", "lat",
                       "online", "vehicle", "applied_at", "state"):
            batch.drop_column(column)
    with op.batch_alter_table("orders", recreate="never") as batch:  # see upgrade()
        for column in ("code_waived", "code_failures", "delivery_code"):
            batch.drop_column(column)
