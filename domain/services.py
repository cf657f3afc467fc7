"""The use cases, wired together: one object per part of the business, reached one way
(`services.orders.approve(...)`, `services.menu.mark_ready(...)`). Each use case is one
transaction and checks who is asking itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from domain.alerts.chats import StoreChats
from domain.alerts.outbox import OutboxMessage
from domain.broadcasts.use_cases import Broadcasts
from domain.deadlines.sweep import Deadlines
from domain.dispatch.dispatcher import Dispatcher
from domain.dispatch.fleet import Fleet
from domain.dispatch.following import Following
from domain.dispatch.jobs import Jobs, random_code
from domain.dispatch.offers import DispatchRules
from domain.dispatch.tracking import TrackingRules
from domain.menu.use_cases import Menu, MenuRules
from domain.orders.addresses import Addresses
from domain.orders.alerts import alerts_for
from domain.orders.arrivals import Arrivals
from domain.orders.eta import EtaRules
from domain.orders.events import OrderEvent
from domain.orders.model import Order
from domain.orders.placing import OrderLimits
from domain.orders.use_cases import Orders, store_actor
from domain.parcels.drafts import DraftRules
from domain.parcels.pricing import PricingRules
from domain.parcels.use_cases import Parcels
from domain.payments.model import PaymentRules
from domain.payments.use_cases import Payments
from domain.people.model import Staff
from domain.people.use_cases import People
from domain.reading.use_cases import Reading
from domain.shared.clock import Clock
from domain.shared.deadlines import DeadlineRules
from domain.shared.handling import update_in_hand
from domain.shared.unit_of_work import UnitOfWork
from domain.shop.opening import OpeningRules
from domain.shop.use_cases import ShopHours
from domain.shop.zone import DeliveryZone


@dataclass(frozen=True)
class Rules:
    """The business's configuration, as the use cases need it."""

    admin_ids: frozenset[int] = frozenset()
    store_chats: tuple[int, ...] = ()  # where the store hears of things (ADMIN_IDS, STAFF_CHAT_ID)
    pricing: PricingRules = field(default_factory=PricingRules)
    drafts: DraftRules = field(default_factory=DraftRules)
    dispatch: DispatchRules = field(default_factory=DispatchRules)
    tracking: TrackingRules = field(default_factory=TrackingRules)
    eta: EtaRules = field(default_factory=EtaRules)
    deadlines: DeadlineRules = field(default_factory=DeadlineRules)
    menu: MenuRules = field(default_factory=MenuRules)
    payments: PaymentRules = field(default_factory=PaymentRules)
    limits: OrderLimits = field(default_factory=OrderLimits)
    opening: OpeningRules = field(default_factory=OpeningRules)
    zone: DeliveryZone = field(default_factory=DeliveryZone)  # parcels' (a menu's: its Shop's)
    list_limit: int = 20


class Services:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        rules: Rules,
        codes: Callable[[], str] = random_code,
    ) -> None:
        self.new_uow = uow
        self.clock = clock
        self.rules = rules
        self.route = self._alerts
        self.arrivals = Arrivals(rules.eta, rules.dispatch.position_max_age)
        self.following = Following(clock, rules.tracking, rules.dispatch.position_max_age,
                                   self.arrivals)
        self.reactions = (self.following.on_order_event, self.arrivals.on_order_event)
        uow = self.uow
        store = rules.store_chats
        staff = Staff(rules.admin_ids)
        as_store = partial(store_actor, staff)
        dispatcher = Dispatcher(rules.dispatch, store)
        self.people = People(uow, clock, staff)
        self.chats = StoreChats(uow, clock, rules.admin_ids)
        self.parcels = Parcels(uow, clock, rules.drafts, rules.pricing, rules.payments,
                               rules.deadlines, rules.limits, rules.opening, rules.zone)
        self.addresses = Addresses(uow, clock, rules.drafts.saved_addresses)
        self.orders = Orders(uow, clock, staff, dispatcher, rules.list_limit, rules.eta)
        self.menu = Menu(uow, clock, rules.menu, rules.drafts, rules.payments, dispatcher,
                         rules.deadlines, as_store, rules.limits, rules.opening)
        self.fleet = Fleet(uow, clock, dispatcher, as_store, store, self.following)
        self.jobs = Jobs(uow, clock, dispatcher, rules.deadlines, staff, codes,
                         rules.list_limit, rules.limits)
        self.payments = Payments(uow, clock, rules.payments, rules.deadlines, as_store, store,
                                 rules.opening)
        self.broadcasts = Broadcasts(uow, clock, staff.check)
        self.deadlines = Deadlines(uow, clock, dispatcher, store)
        self.reading = Reading(uow, clock, staff)
        self.shop_hours = ShopHours(uow, clock, rules.opening, staff)

    def uow(self) -> UnitOfWork:
        """A new unit of work that knows who to tell when an order changes."""
        uow = self.new_uow()
        uow.route = self.route
        uow.reactions = self.reactions
        return uow

    def _alerts(self, order: Order, event: OrderEvent) -> list[OutboxMessage]:
        """Who is told of this change (domain.orders.alerts), leaving out the refresh of a
        store card the update in hand answers on (a staff press edits the card itself)."""
        in_hand = update_in_hand()
        return alerts_for(order, event, self.rules.store_chats,
                          store_card_shown_in=in_hand.store_card_shown_in if in_hand else None)
