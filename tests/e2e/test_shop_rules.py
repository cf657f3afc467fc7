"""Shop hours, a pause, the minimum order and the delivery zone, in the chat: customers are
refused with the reason and when the shop opens again (carts and drafts kept), staff pause,
resume and change the hours in chat, and the hours they typed survive a restart."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotApiEmulator
from tests.e2e.conftest import Cast, place_order
from tests.e2e.test_menu import (
    CROISSANT,
    check_out,
    confirm,
    fill_cart,
    press_when_shown,
    unpaid_order,
)
from tests.fakes import AheadClock
from views.words import coming

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The example coffee shop, taking parcels too."""
    return settings.model_copy(update={"shop_mode": ShopMode.BOTH,
                                       "catalog_file": EXAMPLE_CATALOG})


def closed_hours(clock: AheadClock) -> tuple[str, datetime]:
    """Every day open one hour, starting three hours from now (so closed now), and when it
    opens next, in Seoul."""
    now = clock.now().astimezone(SEOUL)
    opens = (now + timedelta(hours=3)).replace(minute=0, second=0, microsecond=0)
    start = opens.hour
    return f"daily {start:02d}:00-{(start + 1) % 24:02d}:00", opens


def said(lang: str, at: datetime, clock: AheadClock) -> str:
    """When the shop opens again, as the bot says it ("today at 3:00 PM", "오늘 오후 3:00")."""
    return coming(lang, at, clock.now())


# --- a pause -----------------------------------------------------------------------------------

async def test_paused_orders_are_refused_with_when_and_taken_again_after_resume(
    emu: BotApiEmulator, cast: Cast, clock: AheadClock
):
    customer, staff = cast.customer, cast.staff
    korean = emu.user(1003, "지민", language_code="ko")
    await staff.send("/pause 30")
    back = (clock.now() + timedelta(minutes=30)).astimezone(SEOUL)
    paused = await staff.wait_for("⏸ Orders paused.")
    assert f"They come again {said('en', back, clock)}; /resume takes them now." in paused.text

    await customer.send("/order")
    refusal = await customer.wait_for("We've paused orders")
    assert refusal.text == ("We've paused orders for a little while. We take them again "
                            f"{said('en', back, clock)}.")
    await korean.send("/menu")
    refusal = await korean.wait_for("잠시 주문을 멈췄어요.")
    assert refusal.text == f"잠시 주문을 멈췄어요. {said('ko', back, clock)}부터 다시 받아요."
    await customer.expect_nothing(within=0.2)  # one reply to one command

    await staff.send("/resume")
    resumed = await staff.wait_for("▶️ Pause ended.")
    assert resumed.text == "▶️ Pause ended.\n🟢 Open: taking orders."
    assert await place_order(customer) == 1



async def test_an_invoice_paid_during_a_pause_is_refused_before_any_charge_in_korean(
    emu: BotApiEmulator, cast: Cast, clock: AheadClock
):
    customer, staff = cast.customer, cast.staff
    number = await unpaid_order(customer)
    await customer.send("/language ko")
    await customer.wait_for("한국어")
    await staff.send("/pause 10")  # over before the 15 minutes to pay
    await staff.wait_for("⏸ Orders paused.")
    back = (clock.now() + timedelta(minutes=10)).astimezone(SEOUL)

    answer = await customer.pay()
    assert not answer.ok
    when = said("ko", back, clock)
    assert answer.error_message == f"잠시 주문을 멈췄어요. {when}부터 다시 받아요."
    assert emu.payments == []
    await staff.send("/resume")
    await staff.wait_for("▶️ Pause ended.")
    assert (await customer.pay()).ok
    await customer.wait_for(f"{number}번 주문")


async def test_an_invoice_that_lapses_before_the_shop_opens_says_to_order_again(
    emu: BotApiEmulator, cast: Cast, clock: AheadClock
):
    customer, staff = cast.customer, cast.staff
    number = await unpaid_order(customer)
    hours, opens = closed_hours(clock)
    await staff.send(f"/hours {hours}")
    await staff.wait_for("Closed")

    answer = await customer.pay()
    assert not answer.ok
    assert answer.error_message == (
        "We're not taking orders now, so this order can't be paid. Nothing was charged. You "
        f"can order it again from /orders {said('en', opens, clock)}.")
    assert emu.payments == []
    card = next(m for m in reversed(customer.inbox) if f"Order #{number} — " in m.text)
    assert "✖ Cancel order" in " ".join(card.buttons)  # it can still be called off


async def test_the_stores_start_shows_the_pause_and_a_customers_says_it_briefly(cast: Cast):
    customer, staff = cast.customer, cast.staff
    await staff.send("/pause")
    await staff.wait_for("⏸ Orders paused until you send /resume.")
    await staff.send("/start")
    greeting = await staff.wait_for("Hello")
    assert "⏸ Orders paused until you send /resume." in greeting.text
    await customer.send("/start")
    welcome = await customer.wait_for("Hello")
    assert welcome.text.endswith("We've paused orders for a little while. Please try again a "
                                 "bit later.")

    # The greeting's New order button: the greeting stays, the press is answered with why.
    await staff.send("/resume")
    await staff.wait_for("Pause ended")
    await customer.send("/start")
    open_welcome = await customer.wait_for("Hello")
    assert "paused" not in open_welcome.text
    await staff.send("/pause")
    await staff.wait_for("⏸ Orders paused")
    answer = await customer.press("📦 New order", message=open_welcome)
    assert answer.text and answer.text.startswith("We've paused orders")
    edited = await customer.wait_for("Hello")
    assert edited.message_id == open_welcome.message_id and "paused orders" in edited.text
    await customer.expect_nothing(within=0.2)


async def test_staff_pause_and_resume_from_the_staff_group_where_others_may_not(
    emu: BotApiEmulator, settings: Settings, start_bot, clock: AheadClock
):
    desk = emu.group(-1001234567890, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": desk.id}), clock=clock)
    staff, customer = emu.user(2001, "Jisoo"), emu.user(1001, "Minji")
    for person in (staff, customer):
        emu.add_member(desk, person)
    await customer.send_to(desk, "/pause")
    await desk.wait_for("Only the store's staff can do that.")
    await staff.send_to(desk, "/pause")
    await desk.wait_for("⏸ Orders paused until you send /resume.")
    await customer.send("/order")
    await customer.wait_for("We've paused orders")
    await staff.send_to(desk, "/resume")
    await desk.wait_for("▶️ Pause ended.")
    await customer.send("/order")
    await customer.wait_for("What size")


async def test_only_staff_pause(cast: Cast):
    await cast.customer.send("/pause")
    await cast.customer.wait_for("Only the store's staff can do that.")
    await cast.customer.send("/order")
    await cast.customer.wait_for("What size")


# --- opening hours -----------------------------------------------------------------------------

async def test_outside_the_hours_orders_are_refused_with_when_the_shop_opens(
    emu: BotApiEmulator, settings: Settings, start_bot, clock: AheadClock
):
    hours, opens = closed_hours(clock)
    await start_bot(settings.model_copy(update={"opening_hours": hours}), clock=clock)
    customer = emu.user(1001, "Minji")
    korean = emu.user(1003, "지민", language_code="ko")
    await customer.send("/start")
    welcome = await customer.wait_for("Hello")
    closed = f"We're closed now. We open again {said('en', opens, clock)}."
    assert welcome.text.endswith(closed)
    await customer.send("/order")
    assert (await customer.wait_for("We're closed")).text == closed
    await korean.send("/order")
    refusal = await korean.wait_for("지금은 주문을 받지 않아요.")
    assert refusal.text == f"지금은 주문을 받지 않아요. {said('ko', opens, clock)}에 다시 열어요."


async def test_hours_changed_in_chat_refuse_a_confirm_keep_the_cart_and_survive_a_restart(
    cast: Cast, bot, start_bot, clock: AheadClock
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT)
    summary = await check_out(customer, pickup=True)
    hours, opens = closed_hours(clock)
    await staff.send(f"/hours {hours}")
    changed = await staff.wait_for("✅ Opening hours changed.")
    assert f"Mon {opens.hour:02d}:00–" in changed.text
    assert f"🌙 Closed by the opening hours. Orders again {said('en', opens, clock)}." in (
        changed.text)

    shown = customer.last
    assert shown is not None and summary in shown.text
    answer = await customer.press("✅ Confirm")
    assert not answer.text  # the message says it
    refused = await customer.wait_for("We're closed now.")
    assert refused.message_id == shown.message_id  # the summary, edited: no new message
    assert refused.text == (f"We're closed now. We open again {said('en', opens, clock)}.\n\n"
                            f"{summary}")
    assert "✅ Confirm" in refused.buttons

    await bot.stop()
    restarted = await start_bot(clock=clock)
    await staff.send("/hours")
    listed = await staff.wait_for("Opening hours")
    assert f"Sun {opens.hour:02d}:00–" in listed.text and "🌙 Closed" in listed.text
    await customer.send("/start")
    assert (await customer.wait_for("Hello")).text.endswith(
        f"We open again {said('en', opens, clock)}.")

    await staff.send("/hours default")
    back = await staff.wait_for("✅ Opening hours changed.")
    assert "Open every day, all day" in back.text and "🟢 Open" in back.text
    assert await confirm(customer) == 1  # the same summary, kept all along
    assert restarted.app.running


async def test_unreadable_hours_are_refused_with_the_part_in_both_languages(
    emu: BotApiEmulator, settings: Settings, start_bot, clock: AheadClock
):
    await start_bot(settings.model_copy(update={"admin_ids": frozenset({2001, 2002})}),
                    clock=clock)
    staff, korean = emu.user(2001, "Jisoo"), emu.user(2002, "도윤", language_code="ko")
    await staff.send("/hours mon 9-5")
    assert (await staff.wait_for("I can't read")).text == (
        "I can't read “mon 9-5”. Write the hours like this: "
        "mon-fri 09:00-21:00; sat 10:00-18:00; sun closed")
    await korean.send("/hours 월-금 9시")
    assert (await korean.wait_for("읽을 수 없어요")).text.startswith(
        "“월-금 9시” 부분을 읽을 수 없어요.")


# --- the minimum order ------------------------------------------------------------------------

async def test_checkout_below_the_minimum_order_says_how_much_more_and_keeps_the_cart(
    emu: BotApiEmulator, settings: Settings, start_bot, clock: AheadClock
):
    await start_bot(settings.model_copy(update={"min_order_won": 10000}), clock=clock)
    customer = emu.user(1001, "Minji")
    korean = emu.user(1003, "지민", language_code="ko")
    await fill_cart(customer, *CROISSANT)
    cart = customer.last
    assert cart is not None
    answer = await customer.press("🧾 Check out")
    assert not answer.text
    refused = await customer.wait_for("The minimum order")
    assert refused.message_id == cart.message_id
    assert refused.text.startswith("The minimum order is ₩10,000 (before the delivery fee). "
                                   "Add ₩6,500 more to check out.\n\n")
    assert "1 × Butter croissant — ₩3,500" in refused.text and "🧾 Check out" in refused.buttons

    await customer.press("Bakery")
    await press_when_shown(customer, "Butter croissant — ₩3,500 (12 left)")
    await customer.wait_for("How many")
    await customer.press("2")
    await customer.wait_for("Added to your cart.")
    await customer.press("🧾 Check out")
    await customer.wait_for("How do you want to get it?")

    await korean.send("/menu")
    await press_when_shown(korean, "Bakery")
    await press_when_shown(korean, "Butter croissant — 3,500원 (12개 남음)")
    await press_when_shown(korean, "1")
    await press_when_shown(korean, "🧾 주문하기")
    refusal = await korean.wait_for("최소 주문 금액")
    assert refusal.text.startswith(
        "최소 주문 금액은 10,000원이에요 (배달비 제외). 6,500원 더 담으면 주문할 수 있어요.")


# --- the delivery zone -------------------------------------------------------------------------

ZONE = {"shop_location": "37.5665,126.9780", "delivery_radius_km": 5.0,
        "delivery_fee_bands": "2:3000,4:4000"}


async def test_a_shared_place_outside_the_zone_is_refused_at_that_step_and_one_inside_priced(
    emu: BotApiEmulator, settings: Settings, start_bot, clock: AheadClock
):
    await start_bot(settings.model_copy(update=ZONE), clock=clock)
    customer = emu.user(1001, "Minji")
    await fill_cart(customer, *CROISSANT)
    await customer.press("🧾 Check out")
    await customer.wait_for("How do you want to get it?")
    await customer.press("🛵 Delivery (from ₩3,000)")
    await customer.wait_for("Where should we deliver it?")
    await customer.share_location(37.6665, 126.9780)  # 11.1 km north
    refused = await customer.wait_for("That place is")
    assert refused.text == (
        "That place is 11.1 km from us, and we deliver within 5 km. Share a place within 5 km, "
        "or type the address and the shop will check it.\n\n"
        "Where should we deliver it? Type the address or share a location.")
    await customer.share_location(37.5965, 126.9780)  # 3.3 km: the second band
    await customer.wait_for("Your phone number")
    await customer.send("010-5555-1234")
    await customer.wait_for("How will it be paid?")
    await customer.press("Cash to the rider")
    summary = await customer.wait_for("Confirm to place it")
    assert "Delivery fee: ₩4,000" in summary.text and "Total: ₩7,500" in summary.text
    assert "base delivery fee" not in summary.text


async def test_a_typed_address_is_accepted_with_a_note_that_it_pays_the_base_fee(
    emu: BotApiEmulator, settings: Settings, start_bot, clock: AheadClock
):
    await start_bot(settings.model_copy(update=ZONE), clock=clock)
    customer = emu.user(1001, "Minji")
    korean = emu.user(1003, "지민", language_code="ko")
    await fill_cart(customer, *CROISSANT)
    await customer.press("🧾 Check out")
    await customer.wait_for("How do you want to get it?")
    await customer.press("🛵 Delivery (from ₩3,000)")
    await customer.wait_for("Where should we deliver it?")
    await customer.send("152 Teheran-ro, Gangnam-gu")
    await customer.wait_for("Your phone number")
    await customer.send("010-5555-1234")
    await customer.wait_for("How will it be paid?")
    await customer.press("Cash to the rider")
    summary = await customer.wait_for("Confirm to place it")
    assert ("Delivery fee: ₩3,000\nℹ️ A typed address pays the base delivery fee (a shared "
            "location pays by distance).") in summary.text
    assert await confirm(customer) == 1

    await korean.send("/menu")
    await press_when_shown(korean, "Bakery")
    await press_when_shown(korean, "Butter croissant — 3,500원 (11개 남음)")
    await press_when_shown(korean, "1")
    await press_when_shown(korean, "🧾 주문하기")
    await press_when_shown(korean, "🛵 배달 (배달비 3,000원~)")
    await korean.wait_for("어디로 배달해 드릴까요?")
    await korean.share_location(37.6665, 126.9780)
    refusal = await korean.wait_for("떨어져 있어요")
    assert refusal.text.startswith(
        "그 위치는 가게에서 11.1km 떨어져 있어요. 배달은 5km 안에서만 해요.")
