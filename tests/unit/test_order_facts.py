"""Every statement true for its kind of order and moment: a menu order speaks of items, the
customer receiving it and paying the rider or at the counter, never of a parcel, its size or
its recipient; a rider's release, a ready meal and an automatic completion say what happened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.alerts.outbox import OutboxMessage
from domain.dispatch.offers import Offer, offer_alert
from domain.orders import model
from domain.orders.alerts import alerts_for, order_snapshot
from domain.orders.model import SYSTEM, Actor, Fulfilment, Order, Place, Role
from notifier.render import render_alert
from views.dispatch import job_line
from views.orders import order_card, pending_line, store_card

AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
SEOUL = ZoneInfo("Asia/Seoul")
CUSTOMER = Actor(Role.CUSTOMER, 1, "Minji")
STORE = Actor(Role.STORE, 100, "Desk")
RIDER = Actor(Role.RIDER, 200, "Hyun")
PHONE = "010-5555-1234"
# Words of a parcel order that make no sense, or say something false, about a meal.
PARCEL_WORDS = {"en": ("parcel", "recipient", "size", "weight", " kg", "Small"),
                "ko": ("택배", "소포", "받는 분", "물건", "크기", "무게", "kg", "소형")}


def menu_order(fulfilment: Fulfilment = Fulfilment.DELIVERY, phone: str = PHONE) -> Order:
    lines = (model.OrderLine("latte", "Café latte", "Large", 5_000, 2),
             model.OrderLine("croissant", "Butter croissant", "", 3_500, 1))
    parcel = model.Parcel(model.Size.SMALL, 0.6, Place("12 Sejong-daero"), Place("City Hall"),
                          phone)
    return Order.place(8, CUSTOMER, parcel, model.PaymentMethod.CASH, 16_500, AT,
                       menu=model.MenuOrder(lines, fulfilment, 3_000))


def parcel_order() -> Order:
    parcel = model.Parcel(model.Size.SMALL, 0.6, Place("Seoul Station"), Place("City Hall"),
                          PHONE)
    return Order.place(7, CUSTOMER, parcel, model.PaymentMethod.CASH, 5_000, AT)


def ready(order: Order) -> Order:
    order.approve(STORE, AT)
    order.start_preparing(STORE, AT)
    order.mark_ready(STORE, AT)
    return order


def rendered(order: Order, lang: str) -> list[str]:
    """What the order's moves since the last call told each person, as they read it."""
    texts = []
    for event in order.pop_events():
        for message in alerts_for(order, event, (100,)):
            if message.kind == "store_card":  # the new-order alert, edited
                texts.append(store_card(lang, order, SEOUL))
            elif message.kind != "order_card":
                texts.append(render_alert(message, lang, SEOUL)[0])
    return texts


def offer_text(order: Order, lang: str) -> str:
    offer = Offer(order_number=order.number, rider_id=RIDER.user_id, offered_at=AT,
                  expires_at=AT + timedelta(seconds=60), distance_km=1.2, id=5)
    return render_alert(offer_alert(order, offer), lang, SEOUL)[0]


def new_order_text(order: Order, lang: str) -> str:
    message = OutboxMessage(100, "new_order", AT, order_snapshot(order), order_number=8)
    return render_alert(message, lang, SEOUL)[0]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_nothing_a_menu_delivery_tells_anyone_speaks_of_a_parcel(lang: str):
    order = menu_order()
    texts = rendered(order, lang)
    ready(order)
    texts += [*rendered(order, lang), offer_text(order, lang), job_line(lang, order),
              pending_line(lang, order)]
    order.assign(RIDER, AT, "4821", vehicle="bicycle")
    texts += [*rendered(order, lang), order_card(lang, order, SEOUL, for_customer=True)]
    order.pick_up(RIDER, AT)
    order.deliver(RIDER, AT, "4821")
    texts += rendered(order, lang)
    order.complete(SYSTEM, AT + timedelta(hours=24))
    texts += [*rendered(order, lang), order_card(lang, order, SEOUL, for_customer=True)]
    for text in texts:
        for word in PARCEL_WORDS[lang]:
            assert word not in text, f"{word!r} in {text!r}"


@pytest.mark.parametrize(("lang", "ready_text", "false"), [
    ("en", "Order #8 is ready; we are finding a rider to bring it to you.", "on the way"),
    ("ko", "8번 주문 조리가 끝났어요. 배달할 라이더를 찾고 있어요.", "가고 있어요"),
])
def test_a_ready_meal_is_said_to_wait_for_a_rider_none_has_taken_yet(lang, ready_text, false):
    order = menu_order()
    order.approve(STORE, AT)
    order.start_preparing(STORE, AT)
    order.pop_events()
    order.mark_ready(STORE, AT)
    assert order.rider_id is None  # a rider may take a meal only once it is made
    [event] = order.pop_events()
    told = alerts_for(order, event, (100,))
    assert [m.kind for m in told if m.chat_id == CUSTOMER.user_id] == ["order_card"]  # no buzz
    assert false not in order_card(lang, order, SEOUL, for_customer=True)
    # the alert of that kind still queued from an earlier version reads true as well
    queued = OutboxMessage(CUSTOMER.user_id, "ready", AT, {"number": 8}, order_number=8)
    assert ready_text in render_alert(queued, lang, SEOUL)[0]


@pytest.mark.parametrize(("lang", "offered", "parcel"), [
    ("en", "New job #8</b> — 3 items", "Small, 0.6 kg"),
    ("ko", "새 배달 요청 8번</b> — 메뉴 3개", "소형, 0.6kg"),
])
def test_a_rider_is_offered_a_meal_by_its_item_count_and_a_parcel_by_size(lang, offered, parcel):
    assert offered in offer_text(ready(menu_order()), lang)
    approved = parcel_order()
    approved.approve(STORE, AT)
    assert parcel in offer_text(approved, lang)
    assert parcel in job_line(lang, approved)


@pytest.mark.parametrize(("lang", "code_line"), [
    ("en", "Delivery code: <b>4821</b> — tell it to the rider when they bring your order."),
    ("ko", "인증번호: <b>4821</b> — 라이더가 주문을 전달할 때 알려 주세요."),
])
def test_the_customer_of_a_meal_is_told_to_give_the_code_to_the_rider_themself(lang, code_line):
    order = ready(menu_order())
    order.pop_events()
    order.assign(RIDER, AT, "4821")
    assert code_line in rendered(order, lang)[0]


@pytest.mark.parametrize(("lang", "delivery", "pickup", "parcel"), [
    ("en", "Payment: Cash to the rider", "Payment: Cash at the counter",
     "Payment: Cash on delivery"),
    ("ko", "결제: 만나서 결제", "결제: 현장 결제", "결제: 착불"),
])
def test_cash_is_paid_to_the_rider_at_the_counter_or_on_delivery_of_a_parcel(
        lang, delivery, pickup, parcel):
    assert delivery in new_order_text(menu_order(), lang)
    assert pickup in new_order_text(menu_order(Fulfilment.PICKUP), lang)
    assert parcel in new_order_text(parcel_order(), lang)


@pytest.mark.parametrize(("lang", "released", "taken", "approved"), [
    ("en", "given back (rider Hyun)", "taken from the rider (store Desk)", "approved (rider"),
    ("ko", "배달 반납 (라이더 Hyun)", "라이더 배정 취소 (가게 Desk)", "주문 접수 (라이더"),
])
def test_a_job_given_back_reads_so_in_the_timeline_not_as_approved(lang, released, taken,
                                                                   approved):
    order = parcel_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, "4821")
    order.release(RIDER, AT)
    order.assign(RIDER, AT, "4821")
    order.release(STORE, AT)  # the store suspended the rider
    card = order_card(lang, order, SEOUL)
    assert released in card and taken in card and approved not in card


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_meal_given_back_does_not_read_as_made_again(lang: str):
    order = ready(menu_order())
    order.assign(RIDER, AT, "4821")
    order.release(RIDER, AT)
    lines = order_card(lang, order, SEOUL).splitlines()
    assert lines[-1].endswith("(라이더 Hyun)" if lang == "ko" else "(rider Hyun)")
    assert ("배달 반납" if lang == "ko" else "given back") in lines[-1]


@pytest.mark.parametrize(("lang", "said", "false"), [
    ("en", "Order #7 completed automatically 24 h after delivery, as receipt was not confirmed.",
     "problem"),
    ("ko", "배달 완료 후 24시간 동안 수령 확인이 없어서 7번 주문을 자동으로 완료했어요.", "신고"),
])
def test_an_automatic_completion_says_when_and_why_it_happened(lang, said, false):
    order = parcel_order()
    order.approve(STORE, AT)
    order.assign(RIDER, AT, "4821")
    order.pick_up(RIDER, AT)
    order.deliver(RIDER, AT, "4821")
    order.pop_events()
    order.complete(SYSTEM, AT + timedelta(hours=24, seconds=3))
    told, store = rendered(order, lang)  # the customer's alert; the store's card, edited
    assert said in told and false not in told
    assert false not in store


@pytest.mark.parametrize(("lang", "phone"), [("en", "(phone 010-5555-1234)"),
                                             ("ko", "(연락처 010-5555-1234)")])
def test_the_store_sees_a_meal_deliverys_phone_and_no_dash_where_there_is_none(lang, phone):
    assert phone in new_order_text(menu_order(), lang)
    without = new_order_text(menu_order(phone=""), lang)
    assert "—)" not in without and phone.split()[0] not in without


@pytest.mark.parametrize(("lang", "again"), [("en", "Send /menu to try again"),
                                             ("ko", "/menu에서 다시 주문해 주세요")])
def test_an_expired_meal_sends_its_customer_back_to_the_menu_not_to_order_a_parcel(lang, again):
    order = menu_order()
    order.pop_events()
    order.expire(AT)
    told = rendered(order, lang)[0]
    assert again in told and "/order" not in told
    queued_before = OutboxMessage(CUSTOMER.user_id, "expired", AT, {"number": 7}, order_number=7)
    assert "/order" in render_alert(queued_before, lang, SEOUL)[0]  # an older row: a parcel
