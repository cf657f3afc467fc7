"""The order state machine: who may move an order where, and what it records."""

from datetime import UTC, datetime

import pytest

from domain.orders import events
from domain.orders.model import TRANSITIONS, Actor, Order, Role, Status
from domain.shared.errors import InvalidAnswer, InvalidTransition, NotAllowed
from tests.unit.conftest import parcel_order

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CUSTOMER = Actor(Role.CUSTOMER, 1, "Minji")
OTHER_CUSTOMER = Actor(Role.CUSTOMER, 2, "Someone")
STORE = Actor(Role.STORE, 100, "Desk")
RIDER = Actor(Role.RIDER, 200, "Hyun")
OTHER_RIDER = Actor(Role.RIDER, 201, "Bora")
CODE = "4821"


def new_order(weight: float = 2.0) -> Order:
    return parcel_order(7, AT, weight)


def delivered_order() -> Order:
    order = new_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, CODE)
    order.pick_up(RIDER, AT)
    order.deliver(RIDER, AT, CODE)
    return order


def test_placing_an_order_records_the_placed_event_and_timeline():
    order = new_order()
    assert order.status is Status.PLACED
    assert [e.status for e in order.timeline] == [Status.PLACED]
    assert order.pop_events() == [events.OrderPlaced(number=7, customer_id=1, at=AT)]
    assert order.pop_events() == []


def test_full_lifecycle_keeps_who_did_what_in_the_timeline():
    order = delivered_order()
    order.complete(CUSTOMER, AT)
    assert order.status is Status.COMPLETED
    assert [(e.status, e.actor_role, e.actor_id) for e in order.timeline] == [
        (Status.PLACED, Role.CUSTOMER, 1),
        (Status.APPROVED, Role.STORE, 100),
        (Status.ASSIGNED, Role.RIDER, 200),
        (Status.PICKED_UP, Role.RIDER, 200),
        (Status.DELIVERED, Role.RIDER, 200),
        (Status.COMPLETED, Role.CUSTOMER, 1),
    ]
    kinds = [type(e).__name__ for e in order.pop_events()]
    assert kinds == ["OrderPlaced", "OrderApproved", "RiderAssigned", "OrderPickedUp",
                     "OrderDelivered", "OrderCompleted"]


def test_rejection_keeps_the_reason():
    order = new_order()
    order.reject(STORE, "Outside our area", AT)
    assert order.status is Status.REJECTED
    assert order.timeline[-1].reason == "Outside our area"
    assert order.pop_events()[-1] == events.OrderRejected(number=7, customer_id=1, at=AT,
                                                          reason="Outside our area")


@pytest.mark.parametrize("move", ["approve", "reject"])
def test_only_the_store_approves_or_rejects(move):
    order = new_order()
    with pytest.raises(NotAllowed):
        if move == "approve":
            order.approve(CUSTOMER, AT)
        else:
            order.reject(RIDER, "no", AT)
    assert order.status is Status.PLACED


def test_a_rider_cannot_take_an_order_the_store_has_not_approved():
    order = new_order()
    with pytest.raises(InvalidTransition) as refused:
        order.assign(RIDER, AT, CODE)
    assert refused.value.code == "invalid_transition"
    assert refused.value.params["status"] == "placed"


def test_second_rider_is_told_the_job_is_taken():
    order = new_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, CODE)
    with pytest.raises(InvalidTransition) as refused:
        order.assign(OTHER_RIDER, AT, CODE)
    assert refused.value.code == "already_taken"
    assert order.rider_id == RIDER.user_id


def test_the_same_rider_accepting_twice_is_told_it_is_already_theirs():
    order = new_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, CODE)
    with pytest.raises(InvalidTransition) as refused:
        order.assign(RIDER, AT, CODE)
    assert refused.value.code == "already_yours"


def test_only_the_assigned_rider_picks_up_and_delivers():
    order = new_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, CODE)
    with pytest.raises(NotAllowed) as refused:
        order.pick_up(OTHER_RIDER, AT)
    assert refused.value.code == "not_your_job"
    order.pick_up(RIDER, AT)
    with pytest.raises(NotAllowed):
        order.deliver(OTHER_RIDER, AT, CODE)


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_customer_can_cancel_before_pickup(steps):
    order = new_order()
    for move in [lambda: order.approve(STORE, AT), lambda: order.assign(RIDER, AT, CODE)][:steps]:
        move()
    order.cancel(CUSTOMER, AT)
    assert order.status is Status.CANCELLED
    cancelled = order.pop_events()[-1]
    assert isinstance(cancelled, events.OrderCancelled)
    assert cancelled.by_role == "customer"
    assert cancelled.rider_id == (RIDER.user_id if steps == 2 else None)


def test_customer_cannot_cancel_after_pickup_and_is_told_why():
    order = new_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, CODE)
    order.pick_up(RIDER, AT)
    with pytest.raises(InvalidTransition) as refused:
        order.cancel(CUSTOMER, AT)
    assert refused.value.code == "cancel_refused_parcel"
    assert order.status is Status.PICKED_UP


def test_a_customer_cannot_cancel_someone_elses_order():
    order = new_order()
    with pytest.raises(NotAllowed) as refused:
        order.cancel(OTHER_CUSTOMER, AT)
    assert refused.value.code == "not_your_order"


def test_the_store_must_give_a_reason_to_cancel():
    order = new_order()
    with pytest.raises(NotAllowed) as refused:
        order.cancel(STORE, AT, "  ")
    assert refused.value.code == "reason_required"
    order.cancel(STORE, AT, "Rider shortage")
    assert order.reason == "Rider shortage"


def test_reasons_are_kept_short_enough_for_a_chat_message():
    order = new_order()
    with pytest.raises(InvalidAnswer) as refused:
        order.reject(STORE, "x" * 301, AT)
    assert refused.value.code == "reason_too_long"
    assert order.status is Status.PLACED and len(order.timeline) == 1
    order.cancel(STORE, AT, "x" * 300)
    assert order.status is Status.CANCELLED


def test_only_the_customer_confirms_receipt_and_only_after_delivery():
    order = new_order()
    with pytest.raises(InvalidTransition):
        order.complete(CUSTOMER, AT)
    order = delivered_order()
    with pytest.raises(NotAllowed):
        order.complete(OTHER_CUSTOMER, AT)
    with pytest.raises(NotAllowed):
        order.complete(STORE, AT)
    order.complete(CUSTOMER, AT)
    assert order.status is Status.COMPLETED


def test_finished_orders_allow_no_moves():
    for kind, moves in TRANSITIONS.items():
        for final in (Status.REJECTED, Status.COMPLETED, Status.CANCELLED, Status.EXPIRED):
            assert not moves.get(final), f"a {kind} order that is {final} can still move"
    order = delivered_order()
    order.complete(CUSTOMER, AT)
    with pytest.raises(InvalidTransition):
        order.approve(STORE, AT)


def test_parcels_over_ten_kilos_are_heavy():
    assert new_order(weight=10.5).is_heavy
    assert not new_order(weight=10.0).is_heavy


def test_the_right_code_typed_in_other_digits_is_the_right_code():
    order = new_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, CODE)
    order.pick_up(RIDER, AT)
    order.deliver(RIDER, AT, "٤٨٢١")  # 4821 in Arabic-Indic digits
    assert order.status is Status.DELIVERED and order.code_failures == 0


def test_a_reason_of_nothing_visible_is_no_reason():
    order = new_order()
    with pytest.raises(NotAllowed):
        order.cancel(STORE, AT, "\u200b \u2060")
    assert order.status is Status.PLACED
