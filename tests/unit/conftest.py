"""Pieces the unit tests share: a fake clock, a parcel order, and domain services for the
example coffee shop."""

import tomllib
from datetime import datetime, timedelta

import pytest

from bot.settings import EXAMPLE_CATALOG
from domain.menu.catalog import Catalog, read_catalog
from domain.menu.use_cases import MenuRules, ShopMode
from domain.orders.model import Actor, Invoice, Order, Parcel, PaymentMethod, Place, Role, Size
from domain.orders.placing import OrderLimits
from domain.payments.model import PaymentRules
from domain.services import Rules, Services
from domain.shared.deadlines import DeadlineRules
from tests.fakes import FakeClock, FakeStore, FakeUnitOfWork

STAFF_ID = 100
STORE_CHATS = (100, 101)
CODE = "4821"


def parcel_order(number: int, at: datetime, weight: float = 2.0,
                 invoice: Invoice | None = None) -> Order:
    """Minji's small parcel, placed at `at`: cash, or waiting for its payment when it has an
    invoice."""
    parcel = Parcel(Size.SMALL, weight, Place("Gangnam-daero 1"), Place(lat=37.5, lon=127.0),
                    "010-1234-5678")
    payment = PaymentMethod.CASH if invoice is None else PaymentMethod.PREPAID
    return Order.place(number, Actor(Role.CUSTOMER, 1, "Minji"), parcel, payment, 4000, at,
                       invoice=invoice)


def example_catalog() -> Catalog:
    """The coffee shop that ships with the project (bot/catalogs/coffee.toml)."""
    with EXAMPLE_CATALOG.open("rb") as file:
        return read_catalog(tomllib.load(file))


async def coffee_shop(store: FakeStore, clock: FakeClock,
                      payments: PaymentRules | None = None) -> Services:
    """A menu-only shop on fakes with its catalog loaded; staff 100, store chats 100 and 101."""
    catalog = example_catalog()
    rules = Rules(admin_ids=frozenset({STAFF_ID}), store_chats=STORE_CHATS,
                  payments=payments or PaymentRules(),
                  deadlines=DeadlineRules(store_response=timedelta(minutes=10)),
                  menu=MenuRules(ShopMode.MENU, catalog.shop, catalog.categories),
                  # one customer places many orders in these tests; the limits have their own
                  limits=OrderLimits(open_per_customer=50, per_customer_per_hour=50))
    built = Services(lambda: FakeUnitOfWork(store), clock, rules,
                     codes=lambda: CODE)
    await built.menu.load_catalog(catalog)
    return built


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
