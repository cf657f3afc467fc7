"""Payments Telegram took but the bot never heard of (a lost successful_payment), found in the
bot's Star transactions before an unpaid order expires; and late payments given back."""

from datetime import datetime, timedelta

import pytest

from domain.orders.model import Status
from domain.payments.model import STARS, RefundState
from domain.payments.reconciling import GIVE_UP, SETTLE, FoundPayment, PaymentReconciliation
from domain.payments.use_cases import invoice_payload
from domain.people.model import Person
from domain.services import Services
from tests.fakes import FakeStore, alerts, sent, told
from tests.unit.conftest import coffee_shop
from tests.unit.test_payments import CARD, CUSTOMER, STAFF, order, pay

STARS_FOR_ONE_CROISSANT = 325  # 3500 + 3000 delivery, at 20 won a star
WINDOW = timedelta(minutes=15)  # PaymentRules().pay_within


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
async def services(store, clock) -> Services:
    return await coffee_shop(store, clock)


@pytest.fixture
def reconciling(services) -> PaymentReconciliation:
    return PaymentReconciliation(services.payments)


def found(number: int, at: datetime, charge: str = "tx-1",
          amount: int = STARS_FOR_ONE_CROISSANT, payer: Person = CUSTOMER,
          payload: str | None = None) -> FoundPayment:
    """An incoming payment for the order's invoice as Telegram lists it, made `at`."""
    return FoundPayment(charge_id=charge, payer_id=payer.user_id, payer_name=payer.name,
                        payload=invoice_payload(number) if payload is None else payload,
                        currency=STARS, amount=amount,
                        paid_at=at)


async def window_closed(clock, reconciling, extra: timedelta = SETTLE):
    """Let the payment window close (and the last moment settle); the check then due."""
    clock.advance(seconds=(WINDOW + extra).total_seconds())
    return await reconciling.start()


async def test_a_payment_whose_update_was_lost_places_the_order_instead_of_expiring(
    services, store, clock, reconciling
):
    number = await order(services)
    paid_at = clock.now() + timedelta(minutes=2)
    check = await window_closed(clock, reconciling)
    assert check is not None and check.numbers == (number,)
    outcome = await reconciling.finish(check, [found(number, at=paid_at)])
    assert outcome.placed == (number,) and outcome.expired == ()
    placed = store.orders[number]
    assert placed.status is Status.PLACED and placed.is_paid
    [payment] = store.payments
    assert (payment.order_number, payment.charge_id, payment.amount, payment.customer_id) == (
        number, "tx-1", STARS_FOR_ONE_CROISSANT, CUSTOMER.user_id)
    assert alerts(store) == [(1, "paid_placed"), (100, "new_order"), (101, "new_order")]
    clock.advance(minutes=5)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.PLACED


async def test_an_order_not_paid_expires_once_telegram_shows_no_payment_for_it(
    services, store, clock, reconciling
):
    number = await order(services)
    check = await window_closed(clock, reconciling)
    await services.deadlines.fire_due()  # the expiry waits for the check
    assert store.orders[number].status is Status.AWAITING_PAYMENT
    outcome = await reconciling.finish(check, [])
    assert outcome.expired == (number,) and outcome.placed == ()
    assert store.orders[number].status is Status.EXPIRED
    assert told(store, CUSTOMER.user_id) == ["expired_unpaid"]
    assert store.items["croissant"].stock == 12
    assert [d.fired_at for d in store.deadlines] == [clock.now()]


async def test_the_check_waits_a_few_seconds_after_the_window_for_a_last_moment_payment(
    services, store, clock, reconciling
):
    number = await order(services)
    assert await window_closed(clock, reconciling, extra=timedelta(0)) is None
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.AWAITING_PAYMENT
    clock.advance(seconds=SETTLE.total_seconds())
    check = await reconciling.start()
    assert check is not None and check.numbers == (number,)


async def test_an_order_whose_window_closes_soon_is_held_for_the_sweep_that_follows(
    services, store, clock, reconciling
):
    """The check and the sweep read the clock a moment apart: a deadline falling due in
    between must not expire the order unchecked."""
    number = await order(services)
    clock.advance(minutes=14, seconds=59)
    assert await reconciling.start() is None
    clock.advance(seconds=1)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.AWAITING_PAYMENT


async def test_while_telegram_cannot_be_asked_the_order_waits_but_not_forever(
    services, store, clock, reconciling
):
    number = await order(services)
    assert await window_closed(clock, reconciling) is not None  # ...and the call fails
    for _ in range(29):  # a sweep a minute, each asking again (and failing)
        clock.advance(minutes=1)
        assert await reconciling.start() is not None
        await services.deadlines.fire_due()
        assert store.orders[number].status is Status.AWAITING_PAYMENT
    clock.advance(seconds=(GIVE_UP - timedelta(minutes=29)).total_seconds())
    assert await reconciling.start() is None  # given up: the deadline expires it unchecked
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.EXPIRED
    assert told(store, CUSTOMER.user_id) == ["expired_unpaid"]


async def test_a_payment_both_delivered_and_found_is_recorded_once(
    services, store, clock, reconciling
):
    number = await order(services)
    await pay(services, store, number, charge="tx-1")
    other = await order(services, customer=Person(2, "Bora"))
    outbox = list(store.outbox)
    check = await window_closed(clock, reconciling)
    assert check is not None and check.numbers == (other,)
    outcome = await reconciling.finish(check, [found(number, clock.now(), "tx-1")])
    assert outcome.placed == () and outcome.refunded == ()
    assert len(store.payments) == 1 and store.payments[0].refund_state is RefundState.NONE
    assert [m for m in store.outbox if m not in outbox and m.chat_id == 1] == []


async def test_a_payment_found_for_an_order_that_expired_meanwhile_is_given_back(
    services, store, clock, reconciling
):
    number = await order(services)
    clock.advance(minutes=15)
    await services.deadlines.fire_due()  # expired by its deadline alone (no check ran)
    later = await order(services, customer=Person(2, "Bora"))
    check = await window_closed(clock, reconciling)
    assert check is not None and check.numbers == (later,)
    outcome = await reconciling.finish(check, [found(number, at=clock.now() - WINDOW)])
    assert outcome.refunded == (number,)
    assert store.orders[number].status is Status.EXPIRED
    [payment] = store.payments
    assert payment.refund_state is RefundState.PENDING
    assert told(store, CUSTOMER.user_id) == ["expired_unpaid", "refund_started"]
    assert sent(store, CUSTOMER.user_id, "refund_started") == [
        {"number": number, "amount": STARS_FOR_ONE_CROISSANT, "currency": STARS}]


async def test_a_payment_older_than_the_order_is_not_taken_for_it(
    services, store, clock, reconciling
):
    """Order numbers start again on a new database; an old charge for `order:1` is not the
    new order 1's."""
    number = await order(services)
    long_ago = clock.now() - timedelta(days=30)
    check = await window_closed(clock, reconciling)
    outcome = await reconciling.finish(check, [found(number, long_ago, "tx-old")])
    assert outcome.expired == (number,) and store.payments == []


async def test_stars_the_bot_got_for_something_else_are_left_alone(
    services, store, clock, reconciling
):
    number = await order(services)
    check = await window_closed(clock, reconciling)
    stranger = found(number, clock.now(), "tx-gift", payload="tip-jar")
    outcome = await reconciling.finish(check, [stranger])
    assert outcome.expired == (number,) and store.payments == []


async def test_a_payment_found_for_another_amount_is_given_back(
    services, store, clock, reconciling
):
    number = await order(services)
    check = await window_closed(clock, reconciling)
    outcome = await reconciling.finish(check, [found(number, at=clock.now(), amount=1)])
    assert outcome.placed == () and outcome.refunded == (number,)
    assert store.orders[number].status is Status.EXPIRED
    [payment] = store.payments
    assert (payment.amount, payment.refund_state) == (1, RefundState.PENDING)


async def test_a_card_order_is_not_looked_for_among_star_transactions(store, clock):
    services = await coffee_shop(store, clock, CARD)
    number = await order(services)
    assert await window_closed(clock, PaymentReconciliation(services.payments)) is None
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.EXPIRED


async def test_a_payment_arriving_for_a_cancelled_order_is_given_back(services, store):
    number = await order(services)
    await services.orders.cancel(number, CUSTOMER)
    outcome = await pay(services, store, number)
    assert not outcome.placed and store.orders[number].status is Status.CANCELLED
    [payment] = store.payments
    assert payment.refund_state is RefundState.PENDING
    assert told(store, CUSTOMER.user_id)[-1] == "refund_started"
    assert told(store, STAFF.user_id) == []

