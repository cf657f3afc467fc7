"""Prepaid menu orders on fakes: invoices, the pre-checkout check, confirmed payments,
refunds in Stars and by card, cash instead, cash collected, and the daily report."""

import math
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.dispatch.riders import Rider
from domain.orders.model import Invoice, PaymentMethod, Status
from domain.orders.use_cases import Pending
from domain.payments.model import STARS, PaymentRules, RefundState
from domain.payments.use_cases import invoice_payload
from domain.people.model import Person
from domain.services import Services
from domain.shared.deadlines import DeadlineKind
from domain.shared.errors import InvalidTransition, NotAllowed
from domain.shop.opening import ShopClosed
from tests.fakes import FakeStore, alerts, sent, told
from tests.unit.conftest import CODE, STAFF_ID, coffee_shop

CUSTOMER = Person(1, "Minji")
STRANGER = Person(2, "Stranger")
STAFF = Person(STAFF_ID, "Desk")
RIDER = Person(200, "Hyun")
OTHER_RIDER = Person(201, "Bora")
CARD = PaymentRules(currency="KRW", provider_token="x")


@pytest.fixture
def store(clock) -> FakeStore:
    fake = FakeStore()
    for rider in (RIDER, OTHER_RIDER):
        fake.riders[rider.user_id] = Rider.from_list(rider.user_id, rider.name, clock.now())
    return fake


@pytest.fixture
async def services(store, clock) -> Services:
    return await coffee_shop(store, clock)


@pytest.fixture
async def card_services(store, clock) -> Services:
    return await coffee_shop(store, clock, CARD)


async def order(services: Services, payment: str = "prepaid", fulfilment: str = "delivery",
                customer: Person = CUSTOMER, quantity: int = 1) -> int:
    """Croissants (3500 each), delivered (fee 3000) or collected."""
    shop = services.menu
    await shop.start_cart(customer)
    await shop.open_category(customer, "bakery")
    await shop.pick_item(customer, "croissant")
    await shop.answer_cart(customer, str(quantity))
    await shop.change_cart(customer, lambda c: c.check_out())
    await shop.choose_fulfilment(customer, fulfilment)
    if fulfilment == "delivery":
        await shop.answer_cart(customer, "152 Teheran-ro, Gangnam-gu")
        await shop.answer_cart(customer, "010-1234-5678")
    await shop.change_cart(customer, lambda c: c.choose_payment(payment))
    cart = await shop.current_cart(customer)
    return (await shop.place_menu_order(customer, cart.version)).number


async def pay(services: Services, store: FakeStore, number: int, charge: str = "ch-1",
              payer: Person = CUSTOMER):
    invoice = store.orders[number].invoice
    assert invoice is not None
    return await services.payments.record_payment(invoice_payload(number), invoice.currency,
                                                invoice.amount, charge, None, payer)


async def refusal(services: Services, store: FakeStore, number: int, payer: Person = CUSTOMER,
                  payload: str | None = None, currency: str | None = None,
                  amount: int | None = None) -> str | None:
    """Why Telegram is told not to charge (the refusal's code), or None to go ahead."""
    invoice = store.orders[number].invoice if number in store.orders else None
    refused = await services.payments.checkout_refusal(
        payload if payload is not None else invoice_payload(number),
        currency or (invoice.currency if invoice else STARS),
        amount if amount is not None else (invoice.amount if invoice else 1),
        payer.user_id)
    return None if refused is None else refused.code


async def deliver(services: Services, number: int) -> None:
    """Approved, made, taken by RIDER, picked up and handed to the recipient."""
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    await services.jobs.pick_up(number, RIDER)
    await services.jobs.deliver(number, RIDER, CODE)


# --- invoices ---------------------------------------------------------------------------------


@pytest.mark.parametrize("price, stars", [(6500, 325), (6510, 326), (6519, 326), (19, 1),
                                          (1, 1), (0, 1)])
def test_an_invoice_in_stars_asks_one_star_per_twenty_won_rounded_up(price, stars):
    assert PaymentRules().invoice_for(price) == Invoice(STARS, stars)


def test_the_star_rate_is_configurable():
    assert PaymentRules(won_per_star=30).invoice_for(6500) == Invoice(STARS, 217)


def test_an_invoice_by_card_asks_the_price_in_the_currencys_smallest_unit():
    assert CARD.invoice_for(6500) == Invoice("KRW", 6500)
    assert CARD.by_card and not PaymentRules().by_card


async def test_a_prepaid_order_waits_for_its_payment_and_the_store_sees_nothing(
    services, store, clock
):
    number = await order(services)
    placed = store.orders[number]
    assert placed.status is Status.AWAITING_PAYMENT
    assert placed.price == 6500
    assert placed.invoice == Invoice(STARS, math.ceil(6500 / 20))
    assert not placed.is_paid and not placed.reached_store
    assert alerts(store) == []
    assert [(d.kind, d.due_at) for d in store.deadlines] == [
        (DeadlineKind.PAYMENT_EXPIRY, clock.now() + timedelta(minutes=15))]
    assert await services.orders.pending(STAFF) == Pending([], 0, [])


async def test_the_payment_places_the_order_and_only_then_tells_the_store(
    services, store, clock
):
    number = await order(services)
    clock.advance(minutes=3)
    outcome = await pay(services, store, number)
    assert outcome.placed and outcome.order is store.orders[number]
    paid = store.orders[number]
    assert paid.status is Status.PLACED and paid.paid_at == clock.now()
    [payment] = store.payments
    assert (payment.order_number, payment.charge_id, payment.currency, payment.amount) == (
        number, "ch-1", STARS, 325)
    assert alerts(store) == [(1, "paid_placed"), (100, "new_order"), (101, "new_order")]
    assert sent(store, 100, "new_order")[0]["paid"] is True
    assert [d.kind for d in store.deadlines][1:] == [DeadlineKind.STORE_REMINDER,
                                                     DeadlineKind.STORE_EXPIRY]
    found = await services.orders.pending(STAFF)
    assert ([o.number for o in found.waiting], found.total) == ([number], 1)


async def test_a_paid_order_no_longer_expires_for_want_of_payment(services, store, clock):
    number = await order(services)
    await pay(services, store, number)
    await services.orders.approve(number, STAFF)
    clock.advance(minutes=30)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.APPROVED


# --- the pre-checkout check -------------------------------------------------------------------


async def test_checkout_of_a_due_invoice_goes_ahead(services, store, clock):
    number = await order(services)
    clock.advance(minutes=14, seconds=59)
    assert await refusal(services, store, number) is None


@pytest.mark.parametrize("payload", ["order:99", "order:", "order:1x", "order:-1", "junk", "1",
                                     "ORDER:1"])
async def test_checkout_for_an_unknown_payload_is_refused(services, store, payload):
    number = await order(services)
    assert await refusal(services, store, number, payload=payload) == "checkout_unknown"


async def test_checkout_by_someone_else_than_the_customer_is_refused(services, store):
    number = await order(services)
    assert await refusal(services, store, number, payer=STRANGER) == "checkout_unknown"


async def test_checkout_for_another_amount_or_currency_is_refused(services, store):
    number = await order(services)
    assert await refusal(services, store, number, amount=324) == "checkout_amount"
    assert await refusal(services, store, number, currency="KRW") == "checkout_amount"


async def test_checkout_of_an_order_already_paid_is_refused(services, store):
    number = await order(services)
    await pay(services, store, number)
    assert await refusal(services, store, number) == "checkout_paid"


async def test_checkout_of_an_expired_order_is_refused(services, store, clock):
    number = await order(services)
    clock.advance(minutes=15)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.EXPIRED
    assert await refusal(services, store, number) == "checkout_closed"


async def test_checkout_of_a_cancelled_order_is_refused(services, store):
    number = await order(services)
    await services.orders.cancel(number, CUSTOMER)
    assert await refusal(services, store, number) == "checkout_closed"


async def test_checkout_past_the_payment_window_is_refused_before_the_sweep_runs(
    services, store, clock
):
    number = await order(services)
    clock.advance(minutes=15)
    assert store.orders[number].status is Status.AWAITING_PAYMENT
    assert await refusal(services, store, number) == "checkout_closed"


async def test_checkout_during_a_short_pause_says_when_it_can_be_paid(services, store, clock):
    number = await order(services)
    await services.shop_hours.pause(10, STAFF)  # over before the 15 minutes to pay
    refused = await services.payments.checkout_refusal(
        invoice_payload(number), STARS, store.orders[number].invoice.amount, CUSTOMER.user_id)
    assert refused is not None and refused.code == "shop_paused"
    assert refused.params == {"opens": clock.now() + timedelta(minutes=10)}
    clock.advance(minutes=10)
    assert await refusal(services, store, number) is None


async def test_checkout_while_closed_past_the_time_to_pay_says_to_order_again_when_open(
    services, store, clock
):
    number = await order(services)
    await services.shop_hours.pause(30, STAFF)  # the order lapses first, at 15 minutes
    refused = await services.payments.checkout_refusal(
        invoice_payload(number), STARS, store.orders[number].invoice.amount, CUSTOMER.user_id)
    assert refused is not None and refused.code == "checkout_not_taking"
    assert refused.params == {"opens": clock.now() + timedelta(minutes=30)}


async def test_checkout_after_closing_time_is_refused_and_the_order_lapses_unpaid(
    services, store, clock
):
    number = await order(services)
    await services.shop_hours.set_hours("daily closed", STAFF)
    assert await refusal(services, store, number) == "checkout_not_taking_for_now"
    clock.advance(minutes=15)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.EXPIRED
    assert told(store, CUSTOMER.user_id) == ["expired_unpaid"]
    assert store.items["croissant"].stock == 12  # given back
    assert store.payments == []  # nothing was charged


# --- confirmed payments -----------------------------------------------------------------------


async def test_a_replayed_payment_changes_nothing(services, store):
    number = await order(services)
    first = await pay(services, store, number, "ch-1")
    outbox = list(store.outbox)
    again = await pay(services, store, number, "ch-1")
    assert first.placed and not again.placed
    assert again.order is store.orders[number]
    assert len(store.payments) == 1
    assert store.payments[0].refund_state is RefundState.NONE
    assert store.outbox == outbox
    assert told(store, CUSTOMER.user_id) == ["paid_placed"]


async def test_a_payment_for_an_unknown_order_is_recorded_and_given_back(services, store):
    outcome = await services.payments.record_payment("order:42", STARS, 10, "ch-9", None,
                                                   CUSTOMER)
    assert outcome.order is None and not outcome.placed
    [payment] = store.payments
    assert (payment.order_number, payment.customer_id, payment.charge_id, payment.amount) == (
        0, CUSTOMER.user_id, "ch-9", 10)  # 0: no order has that number
    assert payment.refund_state is RefundState.PENDING
    claimed = await services.payments.claim_refund()
    assert claimed is not None and claimed[1] == CUSTOMER.user_id
    await services.payments.refund_succeeded(payment.id)
    assert payment.refund_state is RefundState.DONE
    await services.payments.record_payment("order:42", STARS, 10, "ch-9", None, CUSTOMER)
    assert len(store.payments) == 1  # delivered again: still one refund


async def test_an_unmatched_card_payment_is_for_the_store_to_pay_back(card_services, store):
    await card_services.payments.record_payment("not-ours", "KRW", 6500, "ch-9", None, CUSTOMER)
    [payment] = store.payments
    assert (payment.order_number, payment.refund_state) == (0, RefundState.TO_SETTLE)
    params = {"number": 0, "amount": 6500, "currency": "KRW"}
    assert sent(store, 100, "refund_to_settle") == [params]
    assert sent(store, 101, "refund_to_settle") == [params]
    await card_services.payments.settle_refund(0, STAFF)
    assert payment.refund_state is RefundState.DONE


async def test_a_payment_arriving_after_the_order_expired_is_recorded_and_refunded(
    services, store, clock
):
    number = await order(services)
    clock.advance(minutes=15)
    await services.deadlines.fire_due()
    assert store.items["croissant"].stock == 12
    clock.advance(seconds=30)
    outcome = await pay(services, store, number)
    assert not outcome.placed
    expired = store.orders[number]
    assert expired.status is Status.EXPIRED and not expired.is_paid  # the money goes back
    [payment] = store.payments
    assert payment.refund_state is RefundState.PENDING
    assert payment.refund_due_at == clock.now()
    assert told(store, CUSTOMER.user_id) == ["expired_unpaid", "refund_started"]
    assert sent(store, CUSTOMER.user_id, "refund_started") == [
        {"number": number, "amount": 325, "currency": STARS}]
    assert told(store, STAFF.user_id) == []
    assert store.items["croissant"].stock == 12


# --- refunds in Stars ---------------------------------------------------------------------------


async def test_cancelling_a_paid_order_starts_a_stars_refund(services, store, clock):
    number = await order(services)
    await pay(services, store, number)
    store.outbox.clear()
    await services.orders.cancel(number, CUSTOMER)
    [payment] = store.payments
    assert payment.refund_state is RefundState.PENDING
    assert payment.refund_due_at == clock.now()
    assert alerts(store) == [(100, "cancelled_store"), (101, "cancelled_store"),
                             (1, "refund_started")]  # their own cancel: answered on the spot
    assert sent(store, CUSTOMER.user_id, "refund_started") == [
        {"number": number, "amount": 325, "currency": STARS}]
    assert store.items["croissant"].stock == 12


async def test_rejecting_a_paid_order_refunds_it(services, store):
    number = await order(services)
    await pay(services, store, number)
    await services.orders.reject(number, STAFF, "Oven broke")
    assert store.payments[0].refund_state is RefundState.PENDING
    assert told(store, CUSTOMER.user_id)[-2:] == ["rejected", "refund_started"]


async def test_a_paid_order_the_store_never_answered_expires_and_is_refunded(
    services, store, clock
):
    number = await order(services)
    await pay(services, store, number)
    clock.advance(minutes=10)
    await services.deadlines.fire_due()
    assert store.orders[number].status is Status.EXPIRED
    assert store.payments[0].refund_state is RefundState.PENDING
    assert told(store, CUSTOMER.user_id) == ["paid_placed", "expired", "refund_started"]
    assert store.items["croissant"].stock == 12


async def test_cancelling_an_unpaid_order_refunds_nothing(services, store):
    number = await order(services)
    await services.orders.cancel(number, CUSTOMER)
    assert store.payments == []
    assert told(store, CUSTOMER.user_id) == []  # answered on the spot; the card shows it
    assert told(store, STAFF.user_id) == []  # the store never saw it


async def test_a_failed_refund_is_tried_again_later_and_later(services, store, clock):
    number = await order(services)
    await pay(services, store, number)
    await services.orders.cancel(number, CUSTOMER)

    payment, customer_id = await services.payments.claim_refund()
    assert customer_id == CUSTOMER.user_id and payment.refund_attempts == 1
    assert await services.payments.claim_refund() is None  # taken for now
    await services.payments.refund_failed(payment.id, "Bad Request: try later")
    first_wait = payment.refund_due_at - clock.now()
    assert first_wait > timedelta(0)
    assert payment.refund_error == "Bad Request: try later"
    assert await services.payments.claim_refund() is None

    clock.advance(seconds=first_wait.total_seconds())
    payment, _ = await services.payments.claim_refund()
    assert payment.refund_attempts == 2
    await services.payments.refund_failed(payment.id, "again")
    second_wait = payment.refund_due_at - clock.now()
    assert second_wait > first_wait
    assert payment.refund_state is RefundState.PENDING
    assert "refunded" not in told(store, CUSTOMER.user_id)


async def test_a_refund_claimed_by_a_sender_that_died_is_taken_again_after_the_lease(
    services, store, clock
):
    number = await order(services)
    await pay(services, store, number)
    await services.orders.cancel(number, CUSTOMER)
    await services.payments.claim_refund()
    clock.advance(minutes=1)
    assert await services.payments.claim_refund() is None
    clock.advance(minutes=1)
    payment, _ = await services.payments.claim_refund()
    assert payment.refund_attempts == 2


async def test_the_customer_is_told_of_a_finished_refund_exactly_once(services, store, clock):
    number = await order(services)
    await pay(services, store, number)
    await services.orders.cancel(number, CUSTOMER)
    payment, _ = await services.payments.claim_refund()
    clock.advance(seconds=5)
    await services.payments.refund_succeeded(payment.id)
    await services.payments.refund_succeeded(payment.id)
    await services.payments.refund_failed(payment.id, "late failure report")
    assert payment.refund_state is RefundState.DONE
    assert payment.refunded_at == clock.now() and payment.refund_due_at is None
    assert payment.refund_error is None
    assert sent(store, CUSTOMER.user_id, "refunded") == [
        {"number": number, "amount": 325, "currency": STARS}]
    assert await services.payments.claim_refund() is None


async def test_cancelling_twice_refunds_once(services, store):
    number = await order(services)
    await pay(services, store, number)
    await services.orders.cancel(number, CUSTOMER)
    with pytest.raises(InvalidTransition):
        await services.orders.cancel(number, CUSTOMER)
    assert told(store, CUSTOMER.user_id).count("refund_started") == 1


# --- refunds by card ------------------------------------------------------------------------


async def test_a_card_order_is_invoiced_in_the_shops_currency(card_services, store):
    number = await order(card_services)
    assert store.orders[number].invoice == Invoice("KRW", 6500)
    assert await refusal(card_services, store, number) is None


async def test_a_cancelled_card_payment_is_for_the_store_to_pay_back(card_services, store):
    number = await order(card_services)
    await pay(card_services, store, number)
    store.outbox.clear()
    await card_services.orders.cancel(number, CUSTOMER)
    [payment] = store.payments
    assert payment.refund_state is RefundState.TO_SETTLE
    params = {"number": number, "amount": 6500, "currency": "KRW"}
    assert sent(store, CUSTOMER.user_id, "refund_by_store") == [params]
    assert sent(store, 100, "refund_to_settle") == [params]
    assert sent(store, 101, "refund_to_settle") == [params]
    assert "refund_started" not in told(store, CUSTOMER.user_id)
    assert await card_services.payments.claim_refund() is None  # the bot does not refund cards


async def test_staff_settling_a_card_refund_tells_the_customer(card_services, store):
    number = await order(card_services)
    await pay(card_services, store, number)
    await card_services.orders.cancel(number, CUSTOMER)
    settled = await card_services.payments.settle_refund(number, STAFF)
    assert settled.number == number
    assert store.payments[0].refund_state is RefundState.DONE
    assert sent(store, CUSTOMER.user_id, "refunded") == [
        {"number": number, "amount": 6500, "currency": "KRW"}]
    with pytest.raises(InvalidTransition) as refused:
        await card_services.payments.settle_refund(number, STAFF)
    assert refused.value.code == "no_refund_to_settle"
    assert len(sent(store, CUSTOMER.user_id, "refunded")) == 1


async def test_only_staff_may_settle_a_card_refund(card_services, store):
    number = await order(card_services)
    await pay(card_services, store, number)
    await card_services.orders.cancel(number, CUSTOMER)
    for person in (CUSTOMER, STRANGER, RIDER):
        with pytest.raises(NotAllowed) as refused:
            await card_services.payments.settle_refund(number, person)
        assert refused.value.code == "staff_only"
    assert store.payments[0].refund_state is RefundState.TO_SETTLE
    assert sent(store, CUSTOMER.user_id, "refunded") == []


async def test_staff_settle_the_second_card_charge_of_an_order_paid_twice(card_services, store):
    number = await order(card_services)
    await pay(card_services, store, number, "ch-1")
    await pay(card_services, store, number, "ch-2")  # the second charge goes back
    await card_services.payments.settle_refund(number, STAFF)
    states = {p.charge_id: p.refund_state for p in store.payments}
    assert states == {"ch-1": RefundState.NONE, "ch-2": RefundState.DONE}
    assert sent(store, CUSTOMER.user_id, "refunded") == [
        {"number": number, "amount": 6500, "currency": "KRW"}]


async def test_settling_is_refused_when_no_card_refund_is_owed(card_services, store):
    number = await order(card_services)
    await pay(card_services, store, number)
    with pytest.raises(InvalidTransition) as refused:
        await card_services.payments.settle_refund(number, STAFF)
    assert refused.value.params == {"number": number}


# --- cash instead -----------------------------------------------------------------------------


async def test_paying_cash_instead_places_the_order_as_cash(services, store):
    number = await order(services)
    placed = await services.payments.pay_cash_instead(number, CUSTOMER)
    assert placed.status is Status.PLACED
    assert placed.payment is PaymentMethod.CASH and placed.invoice is None
    assert alerts(store) == [(100, "new_order"), (101, "new_order")]
    assert sent(store, 100, "new_order")[0]["payment"] == "cash"
    assert await refusal(services, store, number) == "checkout_closed"


async def test_only_the_customer_may_switch_their_order_to_cash(services, store):
    number = await order(services)
    with pytest.raises(NotAllowed) as refused:
        await services.payments.pay_cash_instead(number, STRANGER)
    assert refused.value.code == "not_your_order"
    assert store.orders[number].status is Status.AWAITING_PAYMENT


async def test_an_order_cannot_switch_to_cash_while_the_shop_takes_none(services, store):
    number = await order(services)
    await services.shop_hours.pause(None, STAFF)
    with pytest.raises(ShopClosed) as refused:
        await services.payments.pay_cash_instead(number, CUSTOMER)
    assert refused.value.code == "shop_paused_for_now"
    assert store.orders[number].status is Status.AWAITING_PAYMENT
    assert alerts(store) == []  # the store is not told of it
    await services.shop_hours.resume(STAFF)
    assert (await services.payments.pay_cash_instead(number, CUSTOMER)).status is Status.PLACED


async def test_an_expired_order_cannot_switch_to_cash(services, store, clock):
    number = await order(services)
    clock.advance(minutes=15)
    await services.deadlines.fire_due()
    with pytest.raises(InvalidTransition):
        await services.payments.pay_cash_instead(number, CUSTOMER)
    assert store.orders[number].status is Status.EXPIRED


# --- cash collected ---------------------------------------------------------------------------


async def test_the_rider_records_the_cash_once_after_delivery(services, store, clock):
    number = await order(services, payment="cash")
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    await services.jobs.pick_up(number, RIDER)
    with pytest.raises(InvalidTransition) as refused:
        await services.jobs.collect_cash(number, RIDER)
    assert refused.value.code == "collect_after_delivery"
    await services.jobs.deliver(number, RIDER, CODE)
    collected = await services.jobs.collect_cash(number, RIDER)
    assert collected.cash_collected_at == clock.now()
    with pytest.raises(InvalidTransition) as refused:
        await services.jobs.collect_cash(number, RIDER)
    assert refused.value.code == "cash_already_collected"


async def test_only_the_assigned_rider_records_the_cash(services, store):
    number = await order(services, payment="cash")
    await deliver(services, number)
    with pytest.raises(NotAllowed) as refused:
        await services.jobs.collect_cash(number, OTHER_RIDER)
    assert refused.value.code == "not_your_job"
    with pytest.raises(NotAllowed) as refused:
        await services.jobs.collect_cash(number, CUSTOMER)
    assert refused.value.code == "riders_only"
    assert store.orders[number].cash_collected_at is None


async def test_no_cash_is_collected_for_a_prepaid_order(services, store):
    number = await order(services)
    await pay(services, store, number)
    await deliver(services, number)
    with pytest.raises(InvalidTransition) as refused:
        await services.jobs.collect_cash(number, RIDER)
    assert refused.value.code == "not_cash"
    assert store.orders[number].cash_collected_at is None


async def test_handing_over_a_cash_pickup_order_records_its_cash(services, store, clock):
    number = await order(services, payment="cash", fulfilment="pickup")
    await services.orders.approve(number, STAFF)
    await services.menu.start_preparing(number, STAFF)
    await services.menu.mark_ready(number, STAFF)
    handed = await services.menu.hand_over(number, STAFF)
    assert handed.cash_collected_at == clock.now()  # paid at the counter
    with pytest.raises(InvalidTransition) as refused:
        await services.jobs.collect_cash(number, STAFF)
    assert refused.value.code == "cash_already_collected"


# --- the daily report -------------------------------------------------------------------------


async def test_the_daily_report_counts_todays_orders_cash_and_payments(services, store, clock):
    await order(services, payment="cash")  # yesterday's: not in today's report
    clock.advance(days=1)
    unpaid = await order(services)  # expires unpaid: the store never saw it
    clock.advance(minutes=15)
    await services.deadlines.fire_due()
    assert store.orders[unpaid].status is Status.EXPIRED

    collected = await order(services, payment="cash", quantity=2)  # 7000 + 3000
    await deliver(services, collected)
    await services.orders.confirm_receipt(collected, CUSTOMER)
    await services.jobs.collect_cash(collected, RIDER)
    counter = await order(services, payment="cash", fulfilment="pickup")  # 3500, at the counter
    await services.orders.approve(counter, STAFF)
    await services.menu.start_preparing(counter, STAFF)
    await services.menu.mark_ready(counter, STAFF)
    await services.menu.hand_over(counter, STAFF)
    paid = await order(services, fulfilment="pickup", quantity=3)  # 10500
    await pay(services, store, paid, "ch-1")
    refunded = await order(services)  # 6500, paid then cancelled
    await pay(services, store, refunded, "ch-2")
    await services.orders.cancel(refunded, CUSTOMER)
    rejected = await order(services, payment="cash")
    await services.orders.reject(rejected, STAFF, "Closed")

    report = await services.reading.daily_report(STAFF, UTC)
    assert report.day == clock.now().date()
    assert (report.placed, report.completed, report.ended) == (5, 2, 2)
    assert (report.cash, report.cash_orders) == (13500, 2)
    assert (report.cash_open, report.cash_open_orders) == (0, 0)
    assert (report.prepaid, report.prepaid_orders) == (10500, 1)
    assert report.refunds == 1


async def test_the_daily_report_counts_money_on_the_day_it_moved(services, store, clock):
    clock.current = datetime(2026, 11, 20, 23, 50, tzinfo=UTC)
    collected = await order(services, payment="cash", quantity=2)  # 10000
    uncollected = await order(services, payment="cash")  # 6500
    paid = await order(services, fulfilment="pickup")  # 3500
    cancelled = await order(services, fulfilment="pickup")
    await pay(services, store, cancelled, "ch-1")
    clock.advance(minutes=20)  # past midnight: everything else happens the next day
    await pay(services, store, paid, "ch-2")
    await services.orders.cancel(cancelled, CUSTOMER)
    for number in (collected, uncollected):
        await deliver(services, number)
    await services.jobs.collect_cash(collected, RIDER)

    report = await services.reading.daily_report(STAFF, UTC)
    assert report.day == date(2026, 11, 21)
    assert (report.cash, report.cash_orders) == (10000, 1)
    assert (report.cash_open, report.cash_open_orders) == (6500, 1)
    assert (report.prepaid, report.prepaid_orders) == (3500, 1)
    assert report.refunds == 1


async def test_the_daily_report_is_for_staff_only(services):
    with pytest.raises(NotAllowed) as refused:
        await services.reading.daily_report(CUSTOMER, UTC)
    assert refused.value.code == "staff_only"


async def test_a_second_charge_for_a_paid_order_is_the_one_refunded(services, store):
    number = await order(services)
    await pay(services, store, number, "ch-1")
    second = await pay(services, store, number, "ch-2")
    assert second.placed is False
    states = {p.charge_id: p.refund_state for p in store.payments}
    assert states == {"ch-1": RefundState.NONE, "ch-2": RefundState.PENDING}
    assert store.orders[number].status is Status.PLACED and store.orders[number].is_paid
