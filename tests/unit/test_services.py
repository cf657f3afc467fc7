"""Use cases on a fake unit of work: roles, ownership, and the alerts each change leaves."""

import pytest

from domain.dispatch.riders import Rider
from domain.orders.model import Size, Status
from domain.orders.placing import ChatMessage
from domain.people.model import Person
from domain.services import Rules, Services
from domain.shared.errors import InvalidAnswer, InvalidTransition, NotAllowed, NotFound, OutOfDate
from domain.shared.handling import handling
from tests.fakes import CARDS, FakeClock, FakeStore, FakeUnitOfWork

CUSTOMER = Person(1, "Minji")
STRANGER = Person(2, "Stranger")
STAFF = Person(100, "Desk")
RIDER = Person(200, "Hyun")
OTHER_RIDER = Person(201, "Bora")
STORE_CHATS = (100, 101)


@pytest.fixture
def store() -> FakeStore:
    fake = FakeStore()
    for rider in (RIDER, OTHER_RIDER):
        fake.riders[rider.user_id] = Rider.from_list(rider.user_id, rider.name, FakeClock().now())
    return fake


CODE = "4821"


@pytest.fixture
def services(store) -> Services:
    return Services(lambda: FakeUnitOfWork(store), FakeClock(),
                    Rules(admin_ids=frozenset({STAFF.user_id}), store_chats=STORE_CHATS),
                    codes=lambda: CODE)


async def place(services: Services, customer: Person = CUSTOMER) -> int:
    await services.parcels.start_draft(customer)
    for answer in ["small", "3", "Seoul Station", "Gangnam Station", "010-1234-5678", "cash"]:
        await services.parcels.answer(customer, answer)
    draft = await services.parcels.current_draft(customer)
    card = ChatMessage(customer.user_id, 50)  # the summary they pressed Confirm under
    return (await services.parcels.place(customer, draft.version, card)).number


def alerts(store: FakeStore) -> list[tuple[int, str]]:
    """The alerts queued, leaving out the cards' refreshes that follow every change."""
    return [(m.chat_id, m.kind) for m in store.outbox if m.kind not in CARDS]


async def test_every_change_refreshes_the_customers_order_card_after_the_alert(services, store):
    number = await place(services)
    await services.orders.approve(number, STAFF)
    customer_rows = [(m.kind, m.params) for m in store.outbox if m.chat_id == 1]
    assert customer_rows == [  # placing: nothing (the summary they confirmed became the card)
        ("approved", {"number": 1}), ("order_card", {"number": 1}),
    ]
    assert store.cards[number].message_id == 50


async def test_an_order_placed_without_a_summary_to_become_its_card_gets_one(services, store):
    customer = CUSTOMER
    await services.parcels.start_draft(customer)
    for answer in ["small", "3", "Seoul Station", "Gangnam Station", "010-1234-5678", "cash"]:
        await services.parcels.answer(customer, answer)
    draft = await services.parcels.current_draft(customer)
    await services.parcels.place(customer, draft.version)  # the summary could not be edited
    assert [m.kind for m in store.outbox if m.chat_id == customer.user_id] == ["order_card"]
    assert store.cards == {}


async def test_placing_an_order_alerts_every_store_chat(services, store):
    number = await place(services)
    assert number == 1
    assert store.drafts == {}
    assert store.orders[1].price == 4500
    assert alerts(store) == [(100, "new_order"), (101, "new_order")]
    new_order = store.outbox[0].params
    assert new_order["pickup"]["address"] == "Seoul Station"
    assert new_order["price"] == 4500


async def test_order_numbers_increase(services):
    assert [await place(services), await place(services, STRANGER)] == [1, 2]


async def test_the_whole_lifecycle_pushes_the_customer_only_what_is_worth_a_buzz(services, store):
    number = await place(services)
    await services.orders.approve(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    await services.jobs.pick_up(number, RIDER)
    await services.jobs.deliver(number, RIDER, CODE)
    await services.orders.confirm_receipt(number, CUSTOMER)
    customer_alerts = [kind for chat, kind in alerts(store) if chat == CUSTOMER.user_id]
    assert customer_alerts == ["approved", "assigned", "picked_up", "delivered"]
    cards = [m for m in store.outbox if m.chat_id == CUSTOMER.user_id and m.kind == "order_card"]
    assert len(cards) == 5  # every later move, confirming receipt included, shows on the card
    assigned = next(m for m in store.outbox if m.kind == "assigned")
    assert assigned.params["rider_name"] == "Hyun"
    assert store.orders[number].status is Status.COMPLETED


async def test_a_customer_cancelling_alerts_the_store_and_the_assigned_rider(services, store):
    number = await place(services)
    await services.orders.approve(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    store.outbox.clear()
    await services.orders.cancel(number, CUSTOMER)
    assert alerts(store) == [(100, "cancelled_store"), (101, "cancelled_store"),
                             (200, "cancelled_rider")]  # the customer was answered on the spot
    assert store.outbox[0].params == {"number": 1, "by": "customer", "reason": None,
                                      "sold_out": None}


async def test_the_store_cancels_with_a_reason_the_customer_sees(services, store):
    number = await place(services)
    with pytest.raises(NotAllowed) as refused:
        await services.orders.cancel(number, STAFF)
    assert refused.value.code == "reason_required"
    await services.orders.cancel(number, STAFF, "Storm warning")
    [cancelled] = [m for m in store.outbox if m.kind == "cancelled"]
    assert cancelled.chat_id == CUSTOMER.user_id
    assert cancelled.params == {"number": 1, "by": "store", "reason": "Storm warning",
                                "sold_out": None}


async def test_strangers_cannot_see_or_cancel_an_order(services):
    number = await place(services)
    with pytest.raises(NotAllowed):
        await services.orders.view(number, STRANGER)
    with pytest.raises(NotAllowed):
        await services.orders.cancel(number, STRANGER)
    assert (await services.orders.view(number, STAFF)).number == number


async def test_customers_cannot_approve_and_non_riders_cannot_accept(services):
    number = await place(services)
    with pytest.raises(NotAllowed) as refused:
        await services.orders.approve(number, CUSTOMER)
    assert refused.value.code == "staff_only"
    await services.orders.approve(number, STAFF)
    with pytest.raises(NotAllowed) as refused:
        await services.jobs.accept_job(number, CUSTOMER)
    assert refused.value.code == "riders_only"


async def test_second_rider_is_told_the_job_is_taken(services, store):
    number = await place(services)
    await services.orders.approve(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    with pytest.raises(InvalidTransition) as refused:
        await services.jobs.accept_job(number, OTHER_RIDER)
    assert refused.value.code == "already_taken"
    assert store.orders[number].rider_id == RIDER.user_id


async def test_unknown_orders_are_named_in_the_refusal(services):
    with pytest.raises(NotFound) as refused:
        await services.orders.approve(99, STAFF)
    assert refused.value.params == {"number": 99}


async def test_rejecting_needs_a_reason(services, store):
    number = await place(services)
    with pytest.raises(InvalidAnswer):
        await services.orders.reject(number, STAFF, " ")
    await services.orders.reject(number, STAFF, "Too far")
    [rejected] = [m for m in store.outbox if m.kind == "rejected"]
    assert rejected.params["reason"] == "Too far"


async def test_open_jobs_and_my_jobs(services):
    first, second = await place(services), await place(services)
    await services.orders.approve(first, STAFF)
    await services.orders.approve(second, STAFF)
    await services.jobs.accept_job(first, RIDER)
    assert [o.number for o in await services.jobs.open_jobs(OTHER_RIDER)] == [second]
    assert [o.number for o in await services.jobs.my_jobs(RIDER)] == [first]


async def test_start_draft_continues_an_unfinished_order(services):
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "large")
    again, resumed = await services.parcels.start_draft(CUSTOMER)
    assert resumed and again.size is not None


async def test_language_follows_telegram_until_chosen(services):
    user = await services.people.remember_user(CUSTOMER, "ko-KR")
    assert user.language == "ko"
    chosen = await services.people.choose_language(CUSTOMER, "en")
    assert chosen.language == "en"
    with pytest.raises(InvalidAnswer):
        await services.people.choose_language(CUSTOMER, "fr")


# --- a Confirm places what its summary showed -------------------------------------------------


async def summary_of(services: Services, size: str, destination: str) -> int:
    """Write an order up to its summary; returns the version the summary shows."""
    await services.parcels.start_draft(CUSTOMER)
    for answer in [size, "3", "Seoul Station", destination, "010-1234-5678", "cash"]:
        draft = await services.parcels.answer(CUSTOMER, answer)
    return draft.version


async def test_a_confirm_under_a_cancelled_drafts_summary_does_not_place_the_new_draft(
    services, store
):
    older = await summary_of(services, "small", "Destination A")
    await services.parcels.abandon(CUSTOMER)
    current = await summary_of(services, "large", "Destination B")
    for seen in (older, None):  # the older summary's Confirm; one from before versions
        with pytest.raises(OutOfDate):
            await services.parcels.place(CUSTOMER, seen)
    assert store.orders == {}
    assert (await services.parcels.current_draft(CUSTOMER)).destination_address == "Destination B"

    placed = await services.parcels.place(CUSTOMER, current)
    assert (placed.size, placed.destination.address) == (Size.LARGE, "Destination B")
    assert CUSTOMER.user_id not in store.drafts


async def test_a_customer_with_three_orders_on_their_way_is_asked_to_wait(services):
    for _ in range(3):
        await place(services)
    with pytest.raises(NotAllowed) as refused:
        await services.parcels.start_draft(CUSTOMER)
    assert (refused.value.code, refused.value.params) == ("too_many_open", {"count": 3})
    await services.orders.cancel(1, CUSTOMER)  # one fewer on its way: the next may come
    await place(services)


async def test_ten_orders_in_an_hour_are_the_most_one_customer_places(services, store):
    for _ in range(10):
        number = await place(services)
        await services.orders.cancel(number, CUSTOMER)
    with pytest.raises(NotAllowed) as refused:
        await place(services)
    assert refused.value.code == "too_many_orders"
    services.clock.advance(minutes=61)
    await place(services)


async def test_a_rider_who_gave_a_job_back_twice_cannot_take_it_a_third_time(services):
    number = await place(services)
    await services.orders.approve(number, STAFF)
    for _ in range(2):
        await services.jobs.accept_job(number, RIDER)
        await services.jobs.release_job(number, RIDER)
    with pytest.raises(NotAllowed) as refused:
        await services.jobs.accept_job(number, RIDER)
    assert (refused.value.code, refused.value.params) == (
        "released_too_often", {"number": number, "count": 2})
    await services.jobs.accept_job(number, OTHER_RIDER)  # others may


async def test_a_staff_press_on_the_store_card_leaves_that_cards_refresh_to_itself(services,
                                                                                  store):
    number = await place(services)
    with handling(update_id=77) as in_hand:
        in_hand.store_card_shown_in = 100  # Approve pressed on the card in chat 100
        await services.orders.approve(number, STAFF)
    refreshed = [m.chat_id for m in store.outbox if m.kind == "store_card"]
    assert refreshed == [101]  # the other store chat still gets its card edited
