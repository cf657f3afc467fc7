"""Saved addresses on fakes: kept when an order is placed, one per distinct place, only the
latest few, only the customer's own, answering an address question, and deleted."""

import pytest

from domain.orders.model import Place
from domain.orders.placing import OrderLimits
from domain.parcels.drafts import DraftRules, Step
from domain.people.model import Person
from domain.services import Rules, Services
from domain.shared.errors import NotFound, OutOfDate
from tests.fakes import FakeClock, FakeStore, FakeUnitOfWork
from tests.unit.conftest import coffee_shop
from tests.unit.test_menu_orders import CROISSANT, order

MINJI = Person(1, "Minji")
JISOO = Person(2, "Jisoo")
CITY_HALL = (37.5665, 126.978)


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


def courier(store: FakeStore, clock: FakeClock, keep: int = 5) -> Services:
    return Services(lambda: FakeUnitOfWork(store), clock,
                    Rules(drafts=DraftRules(saved_addresses=keep),
                          limits=OrderLimits(open_per_customer=50, per_customer_per_hour=50)))


async def send_parcel(services: Services, customer: Person, pickup: str | tuple[float, float],
                      destination: str | tuple[float, float]) -> int:
    parcels = services.parcels
    await parcels.start_draft(customer)
    for answer in ("small", "2"):
        await parcels.answer(customer, answer)
    for where in (pickup, destination):
        if isinstance(where, str):
            await parcels.answer(customer, where)
        else:
            await parcels.answer_location(customer, *where)
    for answer in ("010-1234-5678", "cash"):
        draft = await parcels.answer(customer, answer)
    return (await parcels.place(customer, draft.version)).number


def places(saved) -> list[Place]:
    return [s.place for s in saved]


async def test_a_parcels_pickup_and_destination_are_kept_the_latest_first(store, clock):
    services = courier(store, clock)
    await send_parcel(services, MINJI, "12 Sejong-daero", CITY_HALL)
    saved = await services.addresses.mine(MINJI)
    assert set(places(saved)) == {Place("12 Sejong-daero"), Place(None, *CITY_HALL)}
    assert await services.addresses.mine(JISOO) == []


async def test_the_same_place_again_is_kept_once_and_moves_to_the_top(store, clock):
    services = courier(store, clock)
    await send_parcel(services, MINJI, "12 Sejong-daero", "Teheran-ro 152")
    clock.advance(hours=1)
    await send_parcel(services, MINJI, "Gangnam-daero 1", "Teheran-ro 152")
    clock.advance(hours=1)
    await send_parcel(services, MINJI, "Gangnam-daero 1", "12 Sejong-daero")
    saved = await services.addresses.mine(MINJI)
    assert [p.address for p in places(saved)][2] == "Teheran-ro 152"
    assert sorted(p.address for p in places(saved)) == [
        "12 Sejong-daero", "Gangnam-daero 1", "Teheran-ro 152"]
    assert len(store.addresses) == 3


async def test_a_typed_address_and_a_shared_point_are_different_places(store, clock):
    services = courier(store, clock)
    await send_parcel(services, MINJI, "12 Sejong-daero", CITY_HALL)
    await send_parcel(services, MINJI, CITY_HALL, "12 Sejong-daero")
    assert len(await services.addresses.mine(MINJI)) == 2


async def test_only_the_latest_few_are_kept_and_the_oldest_forgotten(store, clock):
    services = courier(store, clock, keep=3)
    for n in range(4):
        clock.advance(minutes=1)
        await send_parcel(services, MINJI, f"Pickup {n}", f"Drop {n}")
    saved = await services.addresses.mine(MINJI)
    assert [s.address for s in saved][:1] in (["Pickup 3"], ["Drop 3"])
    assert {s.address for s in saved} <= {"Pickup 3", "Drop 3", "Pickup 2", "Drop 2"}
    assert len(saved) == 3 and len(store.addresses) == 3  # forgotten, not only hidden


async def test_none_are_kept_when_saved_addresses_is_zero(store, clock):
    services = courier(store, clock, keep=0)
    await send_parcel(services, MINJI, "12 Sejong-daero", "Teheran-ro 152")
    assert store.addresses == {} and await services.addresses.mine(MINJI) == []


async def test_a_menu_orders_delivery_address_is_kept_but_not_a_counter_pickup(clock):
    store = FakeStore()
    services = await coffee_shop(store, clock)
    await order(services, [CROISSANT], fulfilment="pickup")
    assert await services.addresses.mine(MINJI) == []
    await order(services, [CROISSANT])
    assert places(await services.addresses.mine(MINJI)) == [Place("152 Teheran-ro, Gangnam-gu")]


async def test_a_saved_address_answers_the_question_it_was_shown_with(store, clock):
    services = courier(store, clock)
    await send_parcel(services, MINJI, "12 Sejong-daero", CITY_HALL)
    [point] = [s for s in await services.addresses.mine(MINJI) if s.address is None]
    draft, _ = await services.parcels.start_draft(MINJI)
    draft = await services.parcels.answer(MINJI, "small")
    draft = await services.parcels.answer(MINJI, "2")
    assert draft.step is Step.PICKUP
    draft = await services.parcels.answer_saved(MINJI, point.id, draft.version)
    assert draft.pickup == Place(None, *CITY_HALL) and draft.step is Step.DESTINATION
    with pytest.raises(OutOfDate):  # the button under the pickup question, pressed again
        await services.parcels.answer_saved(MINJI, point.id, draft.version - 1)


async def test_nobody_uses_or_deletes_another_customers_saved_address(store, clock):
    services = courier(store, clock)
    await send_parcel(services, MINJI, "12 Sejong-daero", "Teheran-ro 152")
    theirs = (await services.addresses.mine(MINJI))[0]
    draft, _ = await services.parcels.start_draft(JISOO)
    await services.parcels.answer(JISOO, "small")
    draft = await services.parcels.answer(JISOO, "2")
    with pytest.raises(NotFound) as refused:
        await services.parcels.answer_saved(JISOO, theirs.id, draft.version)
    assert refused.value.code == "address_unknown"
    with pytest.raises(NotFound):
        await services.addresses.delete(JISOO, theirs.id)
    assert len(await services.addresses.mine(MINJI)) == 2


async def test_a_deleted_address_is_gone_and_the_rest_stay(store, clock):
    services = courier(store, clock)
    await send_parcel(services, MINJI, "12 Sejong-daero", "Teheran-ro 152")
    first, second = await services.addresses.mine(MINJI)
    left = await services.addresses.delete(MINJI, first.id)
    assert left == [second] and list(store.addresses.values()) == [second]
    with pytest.raises(NotFound):  # pressed twice
        await services.addresses.delete(MINJI, first.id)
