"""Classical (imperative) mapping: the domain classes stay plain; SQLAlchemy learns them here."""

from __future__ import annotations

from sqlalchemy.orm import composite, registry, relationship

from domain.alerts.outbox import LiveMap, Notice, OrderCard, OutboxMessage, StoreCard
from domain.broadcasts.model import Broadcast
from domain.dispatch.offers import Offer
from domain.dispatch.riders import Rider
from domain.dispatch.tracking import Tracking
from domain.menu.carts import Cart
from domain.menu.catalog import MenuItem
from domain.orders.addresses import SavedAddress
from domain.orders.model import Order, OrderLine, Place, TimelineEntry
from domain.parcels.drafts import ParcelDraft
from domain.payments.model import Payment
from domain.people.model import User
from domain.persistence import tables
from domain.shared.deadlines import Deadline
from domain.shop.opening import ShopState

mapper_registry = registry(metadata=tables.metadata)
_mapped = False


def map_domain() -> None:
    """Map the domain classes once per process (idempotent)."""
    global _mapped
    if _mapped:
        return
    mapper_registry.map_imperatively(TimelineEntry, tables.order_timeline)
    mapper_registry.map_imperatively(OrderLine, tables.order_lines)
    t = tables.orders
    mapper_registry.map_imperatively(
        Order,
        t,
        properties={
            "pickup": composite(Place, t.c.pickup_address, t.c.pickup_lat, t.c.pickup_lon),
            "destination": composite(
                Place, t.c.destination_address, t.c.destination_lat, t.c.destination_lon
            ),
            "lines": relationship(
                OrderLine,
                order_by=tables.order_lines.c.id,
                lazy="selectin",
                cascade="all, delete-orphan",
            ),
            "timeline": relationship(
                TimelineEntry,
                order_by=tables.order_timeline.c.id,
                lazy="selectin",
                cascade="all, delete-orphan",
            ),
        },
        version_id_col=t.c.version,
    )
    mapper_registry.map_imperatively(ParcelDraft, tables.drafts)
    mapper_registry.map_imperatively(Cart, tables.carts)
    mapper_registry.map_imperatively(SavedAddress, tables.saved_addresses)
    mapper_registry.map_imperatively(MenuItem, tables.menu_items)
    mapper_registry.map_imperatively(Payment, tables.payments)
    mapper_registry.map_imperatively(User, tables.users)
    mapper_registry.map_imperatively(Rider, tables.riders)
    mapper_registry.map_imperatively(Offer, tables.offers)
    mapper_registry.map_imperatively(Deadline, tables.deadlines)
    mapper_registry.map_imperatively(OutboxMessage, tables.outbox)
    mapper_registry.map_imperatively(
        Broadcast, tables.broadcasts, version_id_col=tables.broadcasts.c.version
    )
    mapper_registry.map_imperatively(OrderCard, tables.order_cards)
    mapper_registry.map_imperatively(StoreCard, tables.store_cards)
    mapper_registry.map_imperatively(Notice, tables.notices)
    mapper_registry.map_imperatively(Tracking, tables.trackings)
    mapper_registry.map_imperatively(LiveMap, tables.live_maps)
    mapper_registry.map_imperatively(ShopState, tables.shop_state)
    _mapped = True
