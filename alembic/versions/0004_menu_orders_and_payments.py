"""Menu orders and payments: the catalog's items and stock, carts, order lines, payments

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=20)


ORDER_KIND = _enum("orderkind", "parcel", "menu")
FULFILMENT = _enum("fulfilment", "delivery", "pickup")
PAYMENT_METHOD = _enum("paymentmethod", "cash", "prepaid")
REFUND_STATE = _enum("refundstate", "none", "pending", "done", "to_settle")
ORDER_COLUMNS = ("cash_collected_at", "paid_at", "invoice_amount", "invoice_currency",
                 "delivery_fee", "fulfilment", "kind")
# What the code before this revision does not know, for the downgrade to leave none of.
NEW_STATUSES = "('awaiting_payment', 'preparing', 'ready')"
NEW_ALERTS = ("('paid_placed', 'approved_menu', 'preparing', 'ready', 'ready_pickup', 'handed', "
              "'expired_unpaid', 'refund_started', 'refund_by_store', 'refund_to_settle', "
              "'refunded')")
GONE = ("SELECT number FROM orders WHERE kind = 'menu' OR invoice_currency IS NOT NULL "
        f"OR status IN {NEW_STATUSES} OR number IN (SELECT order_number FROM order_timeline "
        f"WHERE status IN {NEW_STATUSES})")


def upgrade() -> None:
    # In place, server defaults kept: on SQLite, a rebuild of `orders` would cascade to every
    # order's timeline (see 0003). Every order so far is a parcel delivery.
    with op.batch_alter_table("orders", recreate="never") as batch:
        batch.add_column(sa.Column("kind", ORDER_KIND, nullable=False, server_default="parcel"))
        batch.add_column(sa.Column("fulfilment", FULFILMENT, nullable=False,
                                   server_default="delivery"))
        batch.add_column(sa.Column("delivery_fee", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("invoice_currency", sa.String(3), nullable=True))
        batch.add_column(sa.Column("invoice_amount", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("cash_collected_at", sa.DateTime(timezone=True),
                                   nullable=True))
    op.create_index("ix_orders_created_at", "orders", ["created_at"])

    op.create_table(
        "order_lines",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("order_number", sa.BigInteger(), nullable=False),
        sa.Column("item_key", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("options", sa.String(300), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["order_number"], ["orders.number"],
                                name=op.f("fk_order_lines_order_number_orders"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_lines")),
    )
    op.create_index("ix_order_lines_order_number", "order_lines", ["order_number"])
    op.create_index("ix_order_lines_item_key", "order_lines", ["item_key"])
    op.create_table(
        "menu_items",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=True),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_menu_items")),
    )
    op.create_table(
        "carts",
        sa.Column("customer_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(32), nullable=True),
        sa.Column("item", sa.JSON(), nullable=True),
        sa.Column("chosen", sa.JSON(), nullable=False),
        sa.Column("checking_out", sa.Boolean(), nullable=False),
        sa.Column("fulfilment", FULFILMENT, nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("payment", PAYMENT_METHOD, nullable=True),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_carts")),
    )
    op.create_table(
        "payments",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("order_number", sa.BigInteger(), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("charge_id", sa.String(200), nullable=False),
        sa.Column("provider_charge_id", sa.String(200), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refund_state", REFUND_STATE, nullable=False),
        sa.Column("refund_attempts", sa.Integer(), nullable=False),
        sa.Column("refund_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refund_error", sa.Text(), nullable=True),
        sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("charge_id", name=op.f("uq_payments_charge_id")),
    )
    op.create_index("ix_payments_order_number", "payments", ["order_number"])
    op.create_index("ix_payments_refund_state_refund_due_at", "payments",
                    ["refund_state", "refund_due_at"])


def downgrade() -> None:
    owed = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM payments WHERE refund_state IN ('pending', 'to_settle')")).scalar()
    if owed:
        raise RuntimeError(f"{owed} refund(s) are still pending or to settle; the older code "
                           "has no payments to finish them from. Let the Stars refunds finish "
                           "and settle card ones with /refunded N, then downgrade.")
    # The older code cannot read menu orders, prepaid ones (their timeline starts with
    # awaiting_payment), or a status it does not know: they go, with all that names them.
    for table in ("deadlines", "offers", "outbox", "order_cards"):
        op.execute(f"DELETE FROM {table} WHERE order_number IN ({GONE})")
    op.execute(f"DELETE FROM orders WHERE number IN ({GONE})")
    op.execute("DELETE FROM order_timeline WHERE order_number NOT IN (SELECT number FROM orders)")
    op.execute("DELETE FROM deadlines WHERE kind = 'payment_expiry'")
    op.execute(f"DELETE FROM outbox WHERE state = 'pending' AND kind IN {NEW_ALERTS}")
    op.drop_table("payments")
    op.drop_table("carts")
    op.drop_table("menu_items")
    op.drop_table("order_lines")
    op.drop_index("ix_orders_created_at", table_name="orders")
    with op.batch_alter_table("orders", recreate="never") as batch:  # see upgrade()
        for column in ORDER_COLUMNS:
            batch.drop_column(column)
