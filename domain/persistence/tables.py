"""The database schema. Alembic migrations must match it (a test checks)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import Delivery
from domain.broadcasts.model import Audience, BroadcastState
from domain.dispatch.offers import OfferState
from domain.dispatch.riders import RiderState, Vehicle
from domain.orders.model import Fulfilment, OrderKind, PaymentMethod, Role, Size, Status
from domain.payments.model import RefundState
from domain.persistence.types import AutoId, UTCDateTime, str_enum
from domain.shared.deadlines import DeadlineKind

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)


def _place_columns(prefix: str) -> list[Column]:
    """A Place: typed address and/or shared coordinates, each optional."""
    return [
        Column(f"{prefix}_address", Text, nullable=True),
        Column(f"{prefix}_lat", Float, nullable=True),
        Column(f"{prefix}_lon", Float, nullable=True),
    ]


orders = Table(
    "orders",
    metadata,
    Column("number", BigInteger, primary_key=True, autoincrement=False),
    Column("customer_id", BigInteger, nullable=False, index=True),
    Column("customer_name", String(200), nullable=False),
    Column("size", str_enum(Size), nullable=False),
    Column("weight_kg", Float, nullable=False),
    *_place_columns("pickup"),
    *_place_columns("destination"),
    Column("recipient_phone", String(40), nullable=False),
    Column("payment", str_enum(PaymentMethod), nullable=False),
    Column("price", Integer, nullable=False),
    Column("status", str_enum(Status), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("rider_id", BigInteger, nullable=True, index=True),
    Column("rider_name", String(200), nullable=True),
    Column("reason", Text, nullable=True),
    Column("delivery_code", String(8), nullable=True),
    Column("code_failures", Integer, nullable=False, default=0),
    Column("code_waived", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False),
    Column("kind", str_enum(OrderKind), nullable=False, default=OrderKind.PARCEL),
    Column("fulfilment", str_enum(Fulfilment), nullable=False, default=Fulfilment.DELIVERY),
    Column("prep_minutes", Integer, nullable=True),  # menu orders: as the store promised
    Column("eta_at", UTCDateTime, nullable=True),  # the arrival (or ready) time now expected
    Column("promised_at", UTCDateTime, nullable=True),  # the first one given: late after it
    Column("requests", JSON, nullable=True),  # to the store and the rider (domain.orders.requests)
    Column("delivery_fee", Integer, nullable=False, default=0),
    Column("invoice_currency", String(3), nullable=True),
    Column("invoice_amount", BigInteger, nullable=True),
    Column("paid_at", UTCDateTime, nullable=True),
    Column("cash_collected_at", UTCDateTime, nullable=True),
    # The store's daily report: orders placed in a day.
    Index("ix_orders_created_at", "created_at"),
)

order_lines = Table(
    "order_lines",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("order_number", BigInteger, ForeignKey("orders.number", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("item_key", String(32), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("options", String(300), nullable=False),
    Column("unit_price", Integer, nullable=False),
    Column("quantity", Integer, nullable=False),
)

menu_items = Table(
    "menu_items",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("category", String(32), nullable=False),
    Column("name", String(100), nullable=False),
    Column("price", Integer, nullable=False),
    Column("options", JSON, nullable=False),
    Column("stock", Integer, nullable=True),  # none: unlimited
    Column("available", Boolean, nullable=False),
    Column("weight_kg", Float, nullable=False),
    Column("position", Integer, nullable=False),
)

carts = Table(
    "carts",
    metadata,
    Column("customer_id", BigInteger, primary_key=True, autoincrement=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("lines", JSON, nullable=False),
    Column("category", String(32), nullable=True),
    Column("item", JSON, nullable=True),
    Column("chosen", JSON, nullable=False),
    Column("checking_out", Boolean, nullable=False),
    Column("fulfilment", str_enum(Fulfilment), nullable=True),
    Column("address", Text, nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("phone", String(40), nullable=True),
    Column("payment", str_enum(PaymentMethod), nullable=True),
    Column("requests", JSON, nullable=True),  # asked on the summary
    Column("version", Integer, nullable=False, server_default="0"),  # what buttons showed
)

saved_addresses = Table(
    "saved_addresses",  # a customer's latest distinct places, offered at the next order
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("customer_id", BigInteger, nullable=False, index=True),
    Column("address", Text, nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("last_used_at", UTCDateTime, nullable=False),
)

payments = Table(
    "payments",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("order_number", BigInteger, nullable=False, index=True),
    Column("customer_id", BigInteger, nullable=False),
    Column("charge_id", String(200), nullable=False, unique=True),  # a repeat is refused
    Column("provider_charge_id", String(200), nullable=True),
    Column("currency", String(3), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("paid_at", UTCDateTime, nullable=False),
    Column("refund_state", str_enum(RefundState), nullable=False),
    Column("refund_attempts", Integer, nullable=False),
    Column("refund_due_at", UTCDateTime, nullable=True),
    Column("refund_error", Text, nullable=True),
    Column("refunded_at", UTCDateTime, nullable=True),
    # The refund sender's question: which Stars refunds are due?
    Index("ix_payments_refund_state_refund_due_at", "refund_state", "refund_due_at"),
)

order_timeline = Table(
    "order_timeline",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column(
        "order_number",
        BigInteger,
        ForeignKey("orders.number", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("at", UTCDateTime, nullable=False),
    Column("status", str_enum(Status), nullable=False),
    Column("actor_role", str_enum(Role), nullable=False),
    Column("actor_id", BigInteger, nullable=False),
    Column("actor_name", String(200), nullable=False),
    Column("reason", Text, nullable=True),
)

drafts = Table(
    "drafts",
    metadata,
    Column("customer_id", BigInteger, primary_key=True, autoincrement=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("size", str_enum(Size), nullable=True),
    Column("weight_kg", Float, nullable=True),
    *_place_columns("pickup"),
    *_place_columns("destination"),
    Column("recipient_phone", String(40), nullable=True),
    Column("payment", str_enum(PaymentMethod), nullable=True),
    Column("requests", JSON, nullable=True),  # asked on the summary
    Column("version", Integer, nullable=False, server_default="0"),  # what buttons showed
)

users = Table(
    "users",
    metadata,
    Column("user_id", BigInteger, primary_key=True, autoincrement=False),
    Column("first_name", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("language_code", String(16), nullable=True),
    Column("chosen_language", String(8), nullable=True),
    Column("muted_at", UTCDateTime, nullable=True),
    Column("unreachable_since", UTCDateTime, nullable=True),
)

riders = Table(
    "riders",
    metadata,
    Column("user_id", BigInteger, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("state", str_enum(RiderState), nullable=False),
    Column("applied_at", UTCDateTime, nullable=False),
    Column("vehicle", str_enum(Vehicle), nullable=True),
    Column("approved_at", UTCDateTime, nullable=True),
    Column("online", Boolean, nullable=False),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("seen_at", UTCDateTime, nullable=True),
    Column("missed_offers", Integer, nullable=False),
    Column("awaiting_code_for", BigInteger, nullable=True),
    Column("listed", Boolean, nullable=False),
)

offers = Table(
    "offers",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("order_number", BigInteger, nullable=False, index=True),
    Column("rider_id", BigInteger, nullable=False),
    Column("offered_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("distance_km", Float, nullable=True),
    Column("state", str_enum(OfferState), nullable=False, index=True),
    Column("decided_at", UTCDateTime, nullable=True),
    # One rider at a time per order, and one open offer per rider, whatever runs at once.
    Index("ux_offers_pending_order", "order_number", unique=True,
          sqlite_where=text("state = 'pending'"), postgresql_where=text("state = 'pending'")),
    Index("ux_offers_pending_rider", "rider_id", unique=True,
          sqlite_where=text("state = 'pending'"), postgresql_where=text("state = 'pending'")),
)

deadlines = Table(
    "deadlines",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("kind", str_enum(DeadlineKind), nullable=False),
    Column("order_number", BigInteger, nullable=False, index=True),
    Column("due_at", UTCDateTime, nullable=False),
    Column("offer_id", BigInteger, nullable=True),
    Column("fired_at", UTCDateTime, nullable=True),
    # The sweep's question: what is unfired and due?
    Index("ix_deadlines_fired_at_due_at", "fired_at", "due_at"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("kind", str_enum(AlertKind, length=40), nullable=False),
    Column("params", JSON, nullable=False),
    Column("order_number", BigInteger, nullable=True),
    Column("priority", Integer, nullable=False),
    Column("broadcast_id", BigInteger, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("state", str_enum(Delivery), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=True),
    Column("claimed_until", UTCDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("sent_at", UTCDateTime, nullable=True),
    # What to send next: pending rows by priority, then age.
    Index("ix_outbox_state_priority_id", "state", "priority", "id"),
    # Is an older message for this chat still pending?
    Index("ix_outbox_chat_id_state_id", "chat_id", "state", "id"),
    # A broadcast's progress.
    Index("ix_outbox_broadcast_id_state", "broadcast_id", "state"),
)

broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("audience", str_enum(Audience), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_by", BigInteger, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("state", str_enum(BroadcastState), nullable=False, index=True),
    Column("scheduled_for", UTCDateTime, nullable=True),
    Column("total", Integer, nullable=False),
    Column("started_at", UTCDateTime, nullable=True),
    Column("finished_at", UTCDateTime, nullable=True),
    Column("progress_chat_id", BigInteger, nullable=True),
    Column("progress_message_id", BigInteger, nullable=True),
    Column("reported_at", UTCDateTime, nullable=True),
    Column("version", Integer, nullable=False),
)

order_cards = Table(
    "order_cards",
    metadata,
    Column("order_number", BigInteger, primary_key=True, autoincrement=False),
    Column("chat_id", BigInteger, nullable=False),
    Column("message_id", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

store_cards = Table(
    "store_cards",
    metadata,
    Column("order_number", BigInteger, primary_key=True, autoincrement=False),
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("message_id", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

trackings = Table(
    "trackings",  # the rider on the customer's map, while the job is active
    metadata,
    Column("order_number", BigInteger, primary_key=True, autoincrement=False),
    Column("customer_id", BigInteger, nullable=False),
    Column("rider_id", BigInteger, nullable=False, index=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("shown_at", UTCDateTime, nullable=True),
    Column("nearby_told", Boolean, nullable=False),
    Column("ended_at", UTCDateTime, nullable=True),
)

live_maps = Table(
    "live_maps",  # which message in the customer's chat is the order's live location
    metadata,
    Column("order_number", BigInteger, primary_key=True, autoincrement=False),
    Column("chat_id", BigInteger, nullable=False),
    Column("message_id", BigInteger, nullable=False),
    Column("stopped", Boolean, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

# Updates Telegram pushed to the webhook, kept so each is handled once and each chat's in
# order across replicas (see bot/storage/inbox.py); rows are pruned after a day.
inbox = Table(
    "inbox",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("chat_key", BigInteger, nullable=False),
    Column("payload", Text, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("leased_until", UTCDateTime, nullable=True),
    Column("leased_by", String(64), nullable=True),
    Column("attempts", Integer, nullable=False),
    Column("done_at", UTCDateTime, nullable=True),
    # The update's effect transactions committed so far; a re-run skips that many.
    Column("effects", Integer, nullable=False, server_default="0"),
    # Telegram waits on the bot's answer (a checkout, a press): claimed before other lanes.
    Column("awaited", Boolean, nullable=False, default=False),
    Index(None, "done_at", "chat_key", "update_id"),
)

notices = Table(
    "notices",  # conditions the admins were told of once, until they end (an outage)
    metadata,
    Column("key", String(40), primary_key=True),
    Column("since", UTCDateTime, nullable=False),
    Column("detail", Text, nullable=True),
)

shop_state = Table(
    "shop_state",  # one row: what staff set in chat (/hours, /pause), for every replica
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("hours", Text, nullable=True),  # None: OPENING_HOURS
    Column("paused_since", UTCDateTime, nullable=True),
    Column("paused_until", UTCDateTime, nullable=True),  # None while paused: until /resume
)

chat_moves = Table(
    "chat_moves",  # a group upgraded to a supergroup: its messages go to the new id
    metadata,
    Column("from_chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("to_chat_id", BigInteger, nullable=False),
    Column("moved_at", UTCDateTime, nullable=False),
)
